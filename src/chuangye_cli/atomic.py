"""Safe file output and input checks.

Output: a regular file (or a new path) is replaced atomically, so readers see the old file or
the new one, never half of one, and no temporary file is left behind after an error or an
interruption; a symlink keeps pointing where it did; a character device or FIFO (``/dev/null``,
a pipe) is written through; an output that is one of the inputs, a folder or a read-only file is
refused before any work is done (:func:`check_output`).

Input: only regular files are read; :func:`input_problem` says, without opening anything,
why another kind of file (a FIFO, ``/dev/zero`` …) would not do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from chuangye_cli.files import kind_name

# What each kind of non-regular file is called, in Chinese and in English.
# Names for an already open descriptor: writing to them means writing to that descriptor.
_STANDARD_STREAMS = {"/dev/stdout": 1, "/dev/stderr": 2}
_DESCRIPTOR_FOLDERS = ("/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/")

# Signals that would end the process in the middle of an atomic write.
_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)

_CHUNK = 1 << 20


class OutputRefused(Exception):
    """The output path will not be written; the message, in Chinese and in English, says why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


def _shown(path: Path) -> str:
    """The path as given, with where it leads when it is a symlink."""
    if os.path.islink(path):
        return f"{path} → {os.path.realpath(path)}"
    return str(path)


def _descriptor(path: Path) -> int | None:
    """The open descriptor that ``path`` names (/dev/stdout, /dev/fd/3 …), else None."""
    text = os.path.normpath(os.path.abspath(path))
    number = _STANDARD_STREAMS.get(text)
    if number is None:
        for folder in (*_DESCRIPTOR_FOLDERS, f"/proc/{os.getpid()}/fd/"):
            rest = text.removeprefix(folder)
            if rest != text and rest.isdigit():
                number = int(rest)
    if number is None:
        return None
    try:
        os.fstat(number)
    except OSError:
        return None
    return number


def _refuse_same(path: Path, st: os.stat_result, inputs: Iterable[Path]) -> None:
    """Raise when the file ``st`` describes is one of ``inputs`` (same device and inode)."""
    for given in inputs:
        try:
            other = os.stat(given)
        except OSError:
            continue  # an input that is not there cannot be overwritten
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            same = str(path) if str(path) == str(given) else f"{path}（即 {given}）"
            same_en = str(path) if str(path) == str(given) else f"{path} (the same file as {given})"
            raise OutputRefused(
                f"输出文件与输入文件相同：{same}",
                f"the output is one of the input files: {same_en}",
            )


def _refusekind_name(path: Path, st: os.stat_result) -> None:
    """Raise unless ``st`` is a writable regular file, a character device or a FIFO."""
    mode = st.st_mode
    shown = _shown(path)
    if stat.S_ISREG(mode):
        if not mode & 0o222:
            raise OutputRefused(
                f"输出文件只读，不会替换它：{shown}",
                f"the output file is read-only; it will not be replaced: {shown}",
            )
    elif not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        chinese, english = kind_name(mode)
        if stat.S_ISDIR(mode):
            raise OutputRefused(f"输出路径是文件夹：{shown}", f"the output is a folder: {shown}")
        raise OutputRefused(f"不能写入{chinese}：{shown}", f"cannot write to {english}: {shown}")


def _refuse_folder(path: Path) -> None:
    """Raise unless the folder that will hold the new file ``path`` exists."""
    folder = os.path.dirname(os.path.realpath(path))
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputRefused(
            f"无法检查输出文件夹 {folder}：{reason}",
            f"cannot inspect the output folder {folder}: {reason}",
        ) from None
    if st is None:
        raise OutputRefused(
            f"输出文件夹不存在：{folder}", f"the output's folder does not exist: {folder}"
        )
    if not stat.S_ISDIR(st.st_mode):
        raise OutputRefused(
            f"输出路径中的 {folder} 不是文件夹", f"{folder} in the output path is not a folder"
        )


def check_output(path: Path, inputs: Iterable[Path]) -> None:
    """Refuse, before any work, an output that cannot or must not be written.

    Raises :class:`OutputRefused` when ``path`` is one of ``inputs`` (the same file: hard
    links and symlinks count), a folder, a read-only regular file, a socket or a block device,
    or when the folder a new file would go in does not exist.
    """
    inputs = list(inputs)
    descriptor = _descriptor(path)
    if descriptor is not None:  # /dev/stdout and the like: written where it already points
        _refuse_same(path, os.fstat(descriptor), inputs)
        return
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        _refuse_folder(path)  # raises when the folder is missing or not a folder
        return
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputRefused(
            f"无法检查输出路径 {path}：{reason}", f"cannot inspect the output path {path}: {reason}"
        ) from None
    _refuse_same(path, st, inputs)
    _refusekind_name(path, st)


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in the way its kind of file allows.

    A regular file or a new path is replaced atomically (a symlink is followed and stays a
    link); a character device or FIFO is written through; /dev/stdout and /dev/fd/N write to
    the open descriptor. Raises :class:`OutputRefused` for a folder, socket, block device or
    read-only file; an :class:`OSError` (a full disk, a closed pipe) propagates, and in every
    case no temporary file is left behind.
    """
    descriptor = _descriptor(path)
    if descriptor is not None:
        if descriptor in (1, 2):  # what Python buffered goes first
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(OSError, ValueError, AttributeError):
                    stream.flush()
        _write_all(descriptor, data)
        return
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None
    if st is not None:
        _refusekind_name(path, st)
    if st is None or stat.S_ISREG(st.st_mode):
        _replace(os.path.realpath(path), data, st)
    else:
        _write_through(path, data)


def write_atomic(path: Path, data: bytes) -> None:
    """:func:`write_output` for callers that only handle :class:`OSError`.

    A refusal comes as an ``OSError(EPERM)`` whose ``strerror`` is the message for people.
    """
    try:
        write_output(path, data)
    except OutputRefused as exc:
        raise OSError(errno.EPERM, str(exc)) from None


def _write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd``; a pipe may take it in several parts."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        view = view[written:]


def _write_through(path: Path, data: bytes) -> None:
    """Open a character device or FIFO and write to it: no temporary file, no rename."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):  # replaced since we looked
            raise OutputRefused(
                f"输出路径刚刚改变：{path}", f"the output path just changed: {path}"
            )
        _write_all(fd, data)
    finally:
        os.close(fd)


def _new_file_mode() -> int:
    """What a plain ``open(path, "w")`` would give a new file under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _replace(target: str, data: bytes, existing: os.stat_result | None) -> None:
    """Write a temporary file beside ``target``, fsync it, and rename it over ``target``.

    The file replaced keeps its mode (and owner, where allowed). Any exception, Ctrl-C,
    SIGTERM or SIGHUP removes the temporary file; a signal is then delivered as usual.
    """
    folder = os.path.dirname(target) or "."
    name = os.path.basename(target)
    guard = _SignalGuard()

    def replace() -> None:
        fd, tmp = -1, ""
        try:
            with guard.deferred():  # the temporary file exists only once its name is known
                mode = existing.st_mode & 0o777 if existing else _new_file_mode()
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            os.chmod(tmp, mode)
            if existing is not None and hasattr(os, "fchown"):
                with contextlib.suppress(OSError):
                    os.fchown(fd, existing.st_uid, existing.st_gid)
            _write_all(fd, data)
            os.fsync(fd)
            with guard.deferred():
                os.close(fd)
                fd = -1
            os.replace(tmp, target)
        except BaseException:
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
            if tmp:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            raise
        _fsync_folder(folder)

    guard.run(replace)


def _fsync_folder(folder: str) -> None:
    """Make the rename durable; some systems cannot fsync a folder, which is no error."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Interrupted(BaseException):
    """Raised by :class:`_SignalGuard`'s handler to unwind an atomic write."""


class _SignalGuard:
    """Turn SIGTERM, SIGHUP and SIGINT into an exception while an atomic write runs.

    The first signal raises :class:`_Interrupted` (later ones are only noted), so clean-up
    code runs; afterwards the previous handlers are restored and the signal is raised again,
    so the process ends (or the caller's own handler runs) exactly as it would have. Inside
    :meth:`deferred` a signal is noted and raised at the end of the block. Handlers can only
    be installed from the main thread; elsewhere the guard does nothing.
    """

    def __init__(self) -> None:
        self.received: list[int] = []
        self.raised = False
        self.deferring = False
        self.previous: dict[int, Any] = {}

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        self.received.append(signum)
        if not self.deferring and not self.raised:
            self.raised = True
            raise _Interrupted(signum)

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Note signals during the block; raise for them once it ends."""
        self.deferring = True
        try:
            yield
        finally:
            self.deferring = False
            if self.received and not self.raised:
                self.raised = True
                raise _Interrupted(self.received[0])

    def _install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in _SIGNALS:
            old = signal.getsignal(signum)
            if old is None or old == signal.SIG_IGN:
                continue  # set outside Python (cannot be put back) or ignored on purpose
            self.previous[signum] = old
            signal.signal(signum, self._handler)

    def _restore(self) -> None:
        for signum, old in list(self.previous.items()):
            signal.signal(signum, old)
            del self.previous[signum]

    def run(self, action: Callable[[], None]) -> None:
        """Run ``action`` with the handlers installed; then deliver any signal received."""
        try:
            try:
                self._install()
                action()
            finally:
                self._restore()
        except _Interrupted:
            self._restore()  # in case the signal cut the first restore short
        if self.received:
            signum = self.received[0]
            signal.raise_signal(signum)  # the previous handler: by default the process ends
            name = signal.Signals(signum).name
            raise InterruptedError(
                errno.EINTR, f"写入被 {name} 信号中断 / the write was interrupted by {name}"
            )
