"""The language people are answered in, and the English of the command line's own texts.

Help texts are declared in Chinese with :func:`bi` (``help=bi("中文", "English")``): the
Chinese is what the option carries, the English is looked up by :func:`english` when the help
is shown with ``--lang en`` or ``CHUANGYE_LANG=en``. The language of a run is settled before the
command line is parsed (:func:`pick_lang`), so that ``--help`` anywhere on the line already
speaks it.

Kept free of heavy imports: the CLI imports it to declare its options.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from chuangye_cli.vocab import Lang

ENV_LANG = "CHUANGYE_LANG"

_ENGLISH: dict[str, str] = {}


def bi(zh: str, en: str) -> str:
    """``zh``, remembering ``en`` as its English (the same Chinese must not mean two things)."""
    known = _ENGLISH.setdefault(zh, en)
    if known != en:
        raise ValueError(f"two English texts for {zh!r}: {known!r} and {en!r}")
    return zh


def english(text: str) -> str:
    """The English declared for a Chinese text with :func:`bi` (the text itself if none)."""
    return _ENGLISH.get(text, text)


def shown(text: str, lang: Lang) -> str:
    """A text declared with :func:`bi`, in ``lang``."""
    return english(text) if lang == "en" else text


def env_lang(environ: Mapping[str, str]) -> Lang:
    """The language asked for by ``CHUANGYE_LANG`` (Chinese unless it says English)."""
    return "en" if environ.get(ENV_LANG, "").strip().lower().startswith("en") else "zh"


def pick_lang(argv: Sequence[str], environ: Mapping[str, str]) -> Lang:
    """The language of a run: the last valid ``--lang zh|en`` on the command line (before any
    ``--``), else ``CHUANGYE_LANG``, else Chinese. An invalid value is left for the option to
    refuse."""
    chosen: Lang | None = None
    for k, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[k + 1] if arg == "--lang" and k + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in ("zh", "en"):
            chosen = "en" if value == "en" else "zh"
    return chosen or env_lang(environ)


GLOBAL_FLAGS = ("--quiet",)
GLOBAL_OPTIONS = ("--lang",)


def hoist_globals(argv: Sequence[str]) -> list[str]:
    """The command line with the global options (``--lang X``, ``--quiet``) moved before the
    command, wherever they were written (before any ``--``): ``chuangye progress --quiet``
    means ``chuangye --quiet progress``."""
    front: list[str] = []
    rest: list[str] = []
    k = 0
    while k < len(argv):
        arg = argv[k]
        if arg == "--":
            rest.extend(argv[k:])
            break
        if arg in GLOBAL_FLAGS or (arg.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in arg):
            front.append(arg)
        elif arg in GLOBAL_OPTIONS and k + 1 < len(argv):
            front.extend(argv[k : k + 2])
            k += 1
        else:
            rest.append(arg)
        k += 1
    return front + rest


class State:
    """What the current run was asked for (set once per run, before parsing)."""

    lang: Lang = "zh"
    quiet: bool = False
