"""Output that never destroys a device, an input or a read-only file; inputs that never block."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import threading
import time
from functools import partial
from pathlib import Path
from types import FrameType

import pytest

from chuangye_cli import atomic
from chuangye_cli.atomic import OutputRefused, check_output, write_output
from chuangye_cli.files import not_regular

needs_posix_signals = pytest.mark.skipif(
    not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals needed"
)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _temporary(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def _device(path: str) -> Path:
    if not os.path.exists(path):
        pytest.skip(f"{path} does not exist on this platform")
    return Path(path)


def _device_copy(name: str, folder: Path) -> Path:
    """A node in ``folder`` for the same device as /dev/<name>, else /dev/<name> itself.

    Tests run as root: if ``write_output`` ever regressed, a test on the real /dev/null would
    replace the machine's /dev/null with a regular file. A copy of the node keeps that harm in
    ``tmp_path``; the real device is used only where creating a node is not allowed.
    """
    real = _device(f"/dev/{name}")
    copy = folder / name
    try:
        os.mknod(copy, stat.S_IFCHR | 0o666, os.stat(real).st_rdev)
        os.close(os.open(copy, os.O_WRONLY))  # usable: not on a nodev file system
    except (OSError, AttributeError):
        with contextlib.suppress(OSError):
            copy.unlink()
        return real
    return copy


# --- devices and FIFOs are written through -------------------------------------------------


def test_dev_null_stays_a_character_device(tmp_path: Path) -> None:
    null = _device_copy("null", tmp_path)
    rdev = os.stat(null).st_rdev
    before = _names(null.parent)
    check_output(null, [])
    write_output(null, b"report\n" * 1000)
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert os.lstat(null).st_rdev == rdev
    assert null.read_bytes() == b""  # still the null device
    assert _names(null.parent) == before  # no temporary file, no new file


def test_dev_full_raises_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    devices = tmp_path / "dev"
    devices.mkdir()
    full = _device_copy("full", devices)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = _names(full.parent)
    with pytest.raises(OSError) as caught:
        write_output(full, b"x" * 10_000)
    assert caught.value.errno == errno.ENOSPC
    assert stat.S_ISCHR(os.lstat(full).st_mode)
    assert _names(full.parent) == before
    assert _names(work) == []


def test_fifo_output_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    data = bytes(range(256)) * 12_289  # 3 MiB and 256 bytes: written in several parts
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as fh:
            received.append(fh.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    check_output(fifo, [])
    write_output(fifo, data)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert received == [data]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _names(tmp_path) == ["pipe"]


def _run(code: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", textwrap.dedent(code)], check=False, timeout=60, **kwargs
    )


def test_dev_stdout_to_a_pipe() -> None:
    _device("/dev/stdout")
    done = _run(
        """
        from pathlib import Path
        from chuangye_cli.atomic import write_output
        print("first", flush=True)
        write_output(Path("/dev/stdout"), "报告\\n".encode())
        """,
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == "first\n报告\n"


def test_dev_stdout_appended_to_a_file_is_not_replaced(tmp_path: Path) -> None:
    _device("/dev/stdout")
    log = tmp_path / "log.txt"
    log.write_bytes(b"old\n")
    inode = log.stat().st_ino
    with log.open("ab") as fh:
        done = _run(
            """
            from pathlib import Path
            from chuangye_cli.atomic import check_output, write_output
            check_output(Path("/dev/stdout"), [])
            write_output(Path("/dev/stdout"), b"new\\n")
            """,
            stdout=fh,
        )
    assert done.returncode == 0
    assert log.read_bytes() == b"old\nnew\n"  # appended, as the shell asked
    assert log.stat().st_ino == inode
    assert _names(tmp_path) == ["log.txt"]


def test_dev_stdout_pointing_at_an_input_is_refused(tmp_path: Path) -> None:
    _device("/dev/stdout")
    actuals = tmp_path / "actuals.csv"
    actuals.write_bytes(b"a,b\n")
    with actuals.open("ab") as fh:
        done = _run(
            f"""
            import sys
            from pathlib import Path
            from chuangye_cli.atomic import OutputRefused, check_output
            try:
                check_output(Path("/dev/stdout"), [Path({str(actuals)!r})])
            except OutputRefused:
                sys.exit(3)
            """,
            stdout=fh,
        )
    assert done.returncode == 3
    assert actuals.read_bytes() == b"a,b\n"


# --- symlinks are followed, and stay links -------------------------------------------------


def test_symlink_stays_a_link_and_its_target_gets_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_dir, link_dir = tmp_path / "real", tmp_path / "links"
    real_dir.mkdir()
    link_dir.mkdir()
    target = real_dir / "report.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = link_dir / "latest.csv"
    link.symlink_to(Path("..") / "real" / "report.csv")
    seen: list[list[str]] = []
    write_all = atomic._write_all

    def spying(fd: int, data: bytes) -> None:
        seen.append(_temporary(real_dir) + _temporary(link_dir))
        write_all(fd, data)

    monkeypatch.setattr(atomic, "_write_all", spying)
    check_output(link, [])
    write_output(link, b"new")
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("..", "real", "report.csv")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    # the temporary file was beside the target, not beside the link, and was renamed
    assert len(seen) == 1 and len(seen[0]) == 1 and seen[0][0].startswith(".report.csv.")
    assert _names(real_dir) == ["report.csv"]
    assert _names(link_dir) == ["latest.csv"]


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to("made.csv")
    check_output(link, [])
    write_output(link, b"x")
    assert link.is_symlink()
    assert (tmp_path / "made.csv").read_bytes() == b"x"
    assert _names(tmp_path) == ["made.csv", "out.csv"]


# --- refusals --------------------------------------------------------------------------------


@pytest.fixture
def actuals(tmp_path: Path) -> Path:
    path = tmp_path / "actuals.csv"
    path.write_bytes("月份,县区\n2020-01,金安区\n".encode())
    return path


def test_output_that_is_an_input_is_refused(actuals: Path) -> None:
    with pytest.raises(OutputRefused) as caught:
        check_output(actuals, [Path("elsewhere.yaml"), actuals])
    assert str(caught.value) == (
        f"输出文件与输入文件相同：{actuals} / the output is one of the input files: {actuals}"
    )


def test_hard_link_to_an_input_is_refused(tmp_path: Path, actuals: Path) -> None:
    link = tmp_path / "report.csv"
    os.link(actuals, link)
    with pytest.raises(OutputRefused) as caught:
        check_output(link, [actuals])
    assert str(caught.value) == (
        f"输出文件与输入文件相同：{link}（即 {actuals}） / "
        f"the output is one of the input files: {link} (the same file as {actuals})"
    )
    assert actuals.read_bytes() == "月份,县区\n2020-01,金安区\n".encode()


def test_symlink_to_an_input_is_refused(tmp_path: Path, actuals: Path) -> None:
    link = tmp_path / "report.csv"
    link.symlink_to(actuals.name)
    inode = actuals.stat().st_ino
    with pytest.raises(OutputRefused, match="the output is one of the input files"):
        check_output(link, [actuals])
    # and the other way round: the input given through a link, the output by its own name
    with pytest.raises(OutputRefused, match="输出文件与输入文件相同"):
        check_output(actuals, [link])
    assert actuals.read_bytes() == "月份,县区\n2020-01,金安区\n".encode()
    assert actuals.stat().st_ino == inode


def test_new_output_and_missing_inputs_are_accepted(tmp_path: Path, actuals: Path) -> None:
    check_output(tmp_path / "new.csv", [actuals, tmp_path / "no-such-file.yaml"])


def test_read_only_file_is_refused_and_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"keep me")
    target.chmod(0o444)
    message = (
        f"输出文件只读，不会替换它：{target} / "
        f"the output file is read-only; it will not be replaced: {target}"
    )
    with pytest.raises(OutputRefused) as caught:
        check_output(target, [])
    assert str(caught.value) == message
    with pytest.raises(OutputRefused) as caught:
        write_output(target, b"replaced")
    assert str(caught.value) == message
    assert target.read_bytes() == b"keep me"
    assert _names(tmp_path) == ["report.csv"]


def test_symlink_to_a_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"keep me")
    target.chmod(0o400)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    with pytest.raises(OutputRefused, match="read-only"):
        write_output(link, b"replaced")
    assert target.read_bytes() == b"keep me"
    assert link.is_symlink()


def test_folder_is_refused(tmp_path: Path) -> None:
    for call in (partial(check_output, tmp_path, []), partial(write_output, tmp_path, b"x")):
        with pytest.raises(OutputRefused) as caught:
            call()
        assert (
            str(caught.value)
            == f"输出路径是文件夹：{tmp_path} / the output is a folder: {tmp_path}"
        )
    assert _names(tmp_path) == []


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputRefused) as caught:
        check_output(tmp_path / "nope" / "report.csv", [])
    folder = tmp_path.resolve() / "nope"
    assert str(caught.value) == (
        f"输出文件夹不存在：{folder} / the output's folder does not exist: {folder}"
    )


def test_file_used_as_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plain").write_bytes(b"")
    with pytest.raises(OutputRefused, match="is not a folder"):
        check_output(tmp_path / "plain" / "report.csv", [])


def test_socket_is_refused(tmp_path: Path) -> None:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets on this platform")
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        for call in (partial(check_output, path, []), partial(write_output, path, b"x")):
            with pytest.raises(OutputRefused) as caught:
                call()
            assert str(caught.value) == f"不能写入套接字：{path} / cannot write to a socket: {path}"
        assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_block_device_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "disk"
    try:
        os.mknod(path, stat.S_IFBLK | 0o600, os.makedev(7, 0))
    except (PermissionError, AttributeError):
        pytest.skip("creating a block device needs root (CAP_MKNOD)")
    with pytest.raises(OutputRefused, match="cannot write to a block device"):
        write_output(path, b"x")
    assert stat.S_ISBLK(os.lstat(path).st_mode)


# --- errors and interruptions leave no temporary file ---------------------------------------


def test_exception_mid_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    seen: list[list[str]] = []

    def failing(fd: int, data: bytes) -> None:
        os.write(fd, data[:3])
        seen.append(_temporary(tmp_path))
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(atomic, "_write_all", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_output(target, b"new content")
    assert len(seen) == 1 and len(seen[0]) == 1  # there was a temporary file …
    assert _names(tmp_path) == ["report.csv"]  # … and it is gone
    assert target.read_bytes() == b"old"


def test_keyboard_interrupt_mid_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(signal, "raise_signal"):
        pytest.skip("signal.raise_signal is missing")
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")

    def interrupted(fd: int, data: bytes) -> None:
        os.write(fd, data[:3])
        signal.raise_signal(signal.SIGINT)  # Ctrl-C
        time.sleep(5)

    monkeypatch.setattr(atomic, "_write_all", interrupted)
    # Ctrl-C as in a terminal: a shell starts a background job with SIGINT ignored (and the
    # guard rightly leaves an ignored signal ignored)
    outside = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            write_output(target, b"new content")
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, outside)
    assert _names(tmp_path) == ["report.csv"]
    assert target.read_bytes() == b"old"


@needs_posix_signals
def test_sigterm_with_a_handler_of_the_callers_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    calls: list[int] = []

    def own(signum: int, frame: FrameType | None) -> None:
        calls.append(signum)

    def terminated(fd: int, data: bytes) -> None:
        os.write(fd, data[:3])
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)

    previous = signal.signal(signal.SIGTERM, own)
    try:
        monkeypatch.setattr(atomic, "_write_all", terminated)
        started = time.monotonic()
        with pytest.raises(InterruptedError, match="SIGTERM"):
            write_output(target, b"new content")
        assert time.monotonic() - started < 4  # the sleep was cut short
        assert calls == [signal.SIGTERM]  # the caller's handler ran once, after the clean-up
        assert signal.getsignal(signal.SIGTERM) is own
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert _names(tmp_path) == ["report.csv"]
    assert target.read_bytes() == b"old"


SLOW_WRITER = """
import os, sys, time
from pathlib import Path
from chuangye_cli import atomic

def slow(fd, data):
    os.write(fd, data[:4096])
    print("writing", flush=True)
    for start in range(4096, len(data), 4096):
        time.sleep(0.5)
        os.write(fd, data[start:start + 4096])

atomic._write_all = slow
atomic.write_output(Path(sys.argv[1]), b"x" * 50_000_000)
print("finished", flush=True)
"""


@needs_posix_signals
@pytest.mark.parametrize("existing", [True, False], ids=["replacing", "new"])
def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path: Path, existing: bool) -> None:
    target = tmp_path / "report.csv"
    if existing:
        target.write_bytes(b"old")
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line == b"writing\n", process.stderr.read() if process.stderr else b""
        assert len(_temporary(tmp_path)) == 1  # the write is under way
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGTERM, err  # ended by the signal, as by default
    assert b"Traceback" not in err
    assert out == b""
    assert _names(tmp_path) == (["report.csv"] if existing else [])
    if existing:
        assert target.read_bytes() == b"old"


# --- inputs must be regular files ------------------------------------------------------------


def _without_blocking(path: Path) -> tuple[str, str] | None:
    """not_regular(path), failing the test instead of hanging if it ever blocks."""
    result: list[tuple[str, str] | None] = []
    thread = threading.Thread(target=lambda: result.append(not_regular(path)), daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive(), f"not_regular({path}) blocked"
    return result[0]


def test_input_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "actuals.csv"
    os.mkfifo(fifo)
    assert _without_blocking(fifo) == ("命名管道（FIFO）", "a FIFO (named pipe)")


def test_input_dev_zero() -> None:
    assert _without_blocking(_device("/dev/zero")) == ("字符设备", "a character device")


def test_input_symlink_to_dev_zero(tmp_path: Path) -> None:
    link = tmp_path / "targets.yaml"
    link.symlink_to(_device("/dev/zero"))
    assert _without_blocking(link) == ("字符设备", "a character device")


def test_input_folder(tmp_path: Path) -> None:
    assert _without_blocking(tmp_path) == ("文件夹", "a folder")


def test_input_regular_file_and_a_link_to_one(tmp_path: Path, actuals: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(actuals)
    assert _without_blocking(actuals) is None
    assert _without_blocking(link) is None


def test_input_missing(tmp_path: Path) -> None:
    assert _without_blocking(tmp_path / "tasks.yaml") is None  # reported where it is opened


# --- the plain atomic replacement still works -----------------------------------------------


def test_regular_file_is_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    target.chmod(0o604)
    inode = target.stat().st_ino
    write_output(target, "新".encode())
    assert target.read_bytes() == "新".encode()
    assert target.stat().st_ino != inode  # a new file was renamed into place
    assert target.stat().st_mode & 0o777 == 0o604
    assert _names(tmp_path) == ["report.csv"]


def test_write_atomic_is_the_safe_writer_for_callers_catching_oserror(tmp_path: Path) -> None:
    null = _device_copy("null", tmp_path)
    atomic.write_atomic(null, b"x")
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    target = tmp_path / "report.csv"
    target.write_bytes(b"keep me")
    target.chmod(0o444)
    with pytest.raises(OSError) as caught:
        atomic.write_atomic(target, b"replaced")
    assert caught.value.errno == errno.EPERM
    assert caught.value.strerror == (
        f"输出文件只读，不会替换它：{target} / "
        f"the output file is read-only; it will not be replaced: {target}"
    )
    assert target.read_bytes() == b"keep me"
