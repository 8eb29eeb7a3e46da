"""What kind of file a path is, asked with ``stat`` only: opening a FIFO or a device to find
out could block forever."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

_KINDS: tuple[tuple[Callable[[int], bool], str, str], ...] = (
    (stat.S_ISDIR, "文件夹", "a folder"),
    (stat.S_ISFIFO, "命名管道（FIFO）", "a FIFO (named pipe)"),
    (stat.S_ISCHR, "字符设备", "a character device"),
    (stat.S_ISBLK, "块设备", "a block device"),
    (stat.S_ISSOCK, "套接字", "a socket"),
)


def kind_name(mode: int) -> tuple[str, str]:
    """(Chinese, English) name of a file's kind, from its ``st_mode``."""
    for test, chinese, english in _KINDS:
        if test(mode):
            return chinese, english
    return "特殊文件", "a special file"


def not_regular(path: Path) -> tuple[str, str] | None:
    """(Chinese, English) naming what ``path`` is when it exists but is not a regular file
    (after following symlinks); None for a regular file or a path that does not exist."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else kind_name(mode)
