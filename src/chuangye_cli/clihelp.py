"""The command line's help pages and usage errors, in the language of the run.

Typer's own help is English-only, boxes its text (characters a GBK console cannot show) and cuts
Chinese lines (Rich wraps only at spaces). :class:`Group` and :class:`Command` replace it with
plain pages: usage, description, options with what to type (metavars), choices and defaults,
then commands, wrapped to the terminal without cutting anything. :class:`Group` also settles the
language before parsing and words Click's usage errors in Chinese (or English).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, NoReturn, get_args, get_origin

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from chuangye_cli.i18n import State, hoist_globals, pick_lang, shown
from chuangye_cli.vocab import Lang

try:  # Typer 0.2x carries its own copy of Click
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover - an older Typer, with Click installed beside it
    from click.exceptions import ClickException  # type: ignore[no-redef,import-not-found,unused-ignore]

PROG = "chuangye"
COMPLETE_VAR = "_CHUANGYE_COMPLETE"
EXIT_USAGE = 2
MIN_WIDTH, MAX_WIDTH = 40, 100
LEFT_MAX = 28  # the option column; longer option names put their help on the next line

WORDS: dict[str, tuple[str, str]] = {
    "usage": ("用法：", "Usage: "),
    "options": ("选项：", "Options:"),
    "arguments": ("参数：", "Arguments:"),
    "commands": ("命令：", "Commands:"),
    "opts": ("[选项]", "[OPTIONS]"),
    "command": ("命令 [参数]…", "COMMAND [ARGS]..."),
    "choices": ("可选：", "one of: "),
    "default": ("默认：", "default: "),
    "repeat": ("可重复", "repeatable"),
    "help": ("显示本帮助并退出。", "Show this message and exit."),
    "sep": ("、", ", "),
}


def word(key: str, lang: Lang) -> str:
    zh, en = WORDS[key]
    return en if lang == "en" else zh


def help_width() -> int:
    """The width of help pages: the terminal's (or $COLUMNS), between 40 and 100."""
    return max(MIN_WIDTH, min(MAX_WIDTH, shutil.get_terminal_size((80, 24)).columns))


def _enum_of(annotation: object) -> type[Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    if get_origin(annotation) is not None:
        for arg in get_args(annotation):
            found = _enum_of(arg)
            if found is not None:
                return found
    return None


def choices_of(param: Any) -> list[str]:
    """The values an option accepts when they are a fixed set (its enum's values)."""
    descriptor = getattr(param, "type_descriptor", None)
    enum = _enum_of(getattr(descriptor, "annotation", None))
    if enum is not None:
        return [str(member.value) for member in enum]
    return [str(c) for c in getattr(getattr(param, "type", None), "choices", None) or ()]


def _default_text(param: Any) -> str | None:
    default = getattr(param, "default", None)
    if not getattr(param, "show_default", False) or getattr(param, "is_flag", False):
        return None
    if default is None or default == () or default == [] or callable(default):
        return None
    return str(default.value if isinstance(default, Enum) else default)


def _option_rows(command: Any, ctx: Any, lang: Lang) -> list[tuple[str, str]]:
    rows = []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False) or getattr(param, "param_type_name", "") != "option":
            continue
        names = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
        left = ", ".join(names)
        if not getattr(param, "is_flag", False):
            left += " " + shown(param.metavar or "VALUE", lang)
        if param.name == "help":
            text = word("help", lang)
        else:
            text = shown(param.help or "", lang)
            choices = choices_of(param)
            if choices:
                text += f"（{word('choices', lang)}{word('sep', lang).join(choices)}）"
                if lang == "en":
                    text = text.replace("（", " (").replace("）", ")")
            default = _default_text(param)
            if default is not None:
                text += f" [{word('default', lang)}{default}]"
        rows.append((left, text))
    return rows


def _argument_rows(command: Any, ctx: Any, lang: Lang) -> list[tuple[str, str]]:
    rows = []
    for param in command.get_params(ctx):
        if getattr(param, "param_type_name", "") != "argument" or getattr(param, "hidden", False):
            continue
        text = shown(getattr(param, "help", None) or "", lang)
        rows.append((shown(param.metavar or (param.name or "").upper(), lang), text))
    return rows


def _columns(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns: the names, then the help wrapped beside them (or below a long name)."""
    from chuangye_cli.wrapping import cells, wrap

    if not rows:
        return []
    left = min(LEFT_MAX, max(cells(name) for name, _ in rows)) + 4
    lines = []
    for name, text in rows:
        wrapped = wrap(text, width - left) if text else [""]
        if cells(name) + 4 > left:
            lines.append("  " + name)
        else:
            first = wrapped.pop(0)
            lines.append(("  " + name + " " * (left - cells(name) - 2) + first).rstrip())
        lines.extend(" " * left + line for line in wrapped)
    return lines


def _paragraphs(text: str, width: int, indent: str = "  ") -> list[str]:
    from chuangye_cli.wrapping import wrap

    lines: list[str] = []
    for k, paragraph in enumerate(p for p in text.strip().split("\n\n") if p.strip()):
        if k:
            lines.append("")
        lines.extend(
            indent + line for line in wrap(" ".join(paragraph.split()), width - len(indent))
        )
    return lines


def render_help(command: Any, ctx: Any, lang: Lang, width: int | None = None) -> str:
    """The help page of a command or of the whole program."""
    from chuangye_cli.wrapping import wrap

    width = width or help_width()
    group = isinstance(command, TyperGroup)
    pieces = [ctx.command_path, word("opts", lang)]
    if group:
        pieces.append(word("command", lang))
    for param in command.get_params(ctx):
        if getattr(param, "param_type_name", "") == "argument":
            pieces.append(shown(param.metavar or (param.name or "").upper(), lang))
    lines = wrap(word("usage", lang) + " ".join(pieces), width)
    if command.help:
        lines += ["", *_paragraphs(shown(command.help, lang), width)]
    arguments = _argument_rows(command, ctx, lang)
    if arguments:
        lines += ["", word("arguments", lang), *_columns(arguments, width)]
    options = _option_rows(command, ctx, lang)
    if options:
        lines += ["", word("options", lang), *_columns(options, width)]
    if group:
        rows = []
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                summary = shown(sub.help or "", lang).strip().split("\n\n")[0]
                rows.append((name, " ".join(summary.split())))
        if rows:
            lines += ["", word("commands", lang), *_columns(rows, width)]
    return "\n".join(lines) + "\n"


def _for_console(page: str) -> str:
    """A help page as the console shows it in columns (see :func:`glyphs.for_encoding`)."""
    from chuangye_cli.glyphs import for_encoding

    return for_encoding(page, getattr(sys.stdout, "encoding", None), aligned=True)


class Command(TyperCommand):
    """A command whose help page speaks the language of the run."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(_for_console(render_help(self, ctx, State.lang)))


# --- usage errors ------------------------------------------------------------------------------


def _hint(exc: Any) -> str:
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if param is not None and getattr(param, "opts", None):
        return str(max(param.opts, key=len))
    if isinstance(hint, Sequence) and not isinstance(hint, str):
        return " / ".join(str(h) for h in hint)
    return str(hint or "").strip("'\"")


def usage_message(exc: Any, lang: Lang, command: str | None = None) -> str:
    """Click's usage error, worded for people in ``lang`` (Click's English is the fallback);
    ``command``: the command whose help to point to when the error has no context."""
    import difflib

    kind = type(exc).__name__
    text = str(exc.format_message()) if hasattr(exc, "format_message") else str(exc)
    ctx = getattr(exc, "ctx", None)
    zh = en = text
    if kind == "NoSuchOption":
        option, near = exc.option_name, list(getattr(exc, "possibilities", None) or ())
        near = [n for n in near if n != "--help" or option.startswith("--h")]  # not a guess
        zh = f"没有选项 {option}" + (f"（您是否要找：{'、'.join(near)}）" if near else "")
        en = f"no such option: {option}" + (f" (did you mean {', '.join(near)}?)" if near else "")
    elif kind in ("BadOptionUsage", "MissingParameter") and "requires an argument" in text:
        option = getattr(exc, "option_name", None) or _hint(exc)
        zh = f"选项 {option} 后面要写一个值"
        en = f"option {option} needs a value"
    elif kind == "MissingParameter":  # a required option or argument not given
        hint = _hint(exc)
        param = getattr(exc, "param", None)
        if getattr(param, "param_type_name", None) == "argument":
            name = str(getattr(param, "metavar", None) or hint)
            zh, en = f"缺少参数 {name}", f"missing argument {shown(name, 'en')}"
        else:
            zh, en = f"缺少选项 {hint}（此命令必须给出）", f"missing option {hint} (required here)"
    elif kind == "BadParameter":
        hint = _hint(exc)
        choices = choices_of(getattr(exc, "param", None))
        value = re.search(r"'([^']*)' is not one of", text)
        if choices and value:
            zh = f"{hint}：“{value.group(1)}” 不是可选值；{word('choices', 'zh')}{'、'.join(choices)}"
            en = f"{hint}: {value.group(1)!r} is not one of: {', '.join(choices)}"
        else:
            zh = f"{hint} 的值无效：{text}"
            en = f"invalid value for {hint}: {text}"
    elif (found := re.match(r"No such command '([^']+)'", text)) and ctx is not None:
        commands = [c for c in ctx.command.list_commands(ctx)]
        near = difflib.get_close_matches(found.group(1), commands, n=2)
        zh = f"没有命令 “{found.group(1)}”" + (f"（您是否要找：{'、'.join(near)}）" if near else "")
        zh += f"；可用命令：{'、'.join(commands)}"
        en = f"no such command {found.group(1)!r}" + (
            f" (did you mean {', '.join(near)}?)" if near else ""
        )
        en += f"; commands: {', '.join(commands)}"
    elif extra := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", text):
        zh = f"多余的参数：{extra.group(1)}（文件、文件夹等多用选项给出，如 --data）"
        en = f"unexpected extra argument(s): {extra.group(1)} (files and folders mostly go with options, such as --data)"
    elif text.startswith("Missing command"):
        zh, en = "缺少命令", "missing command"
    path = ctx.command_path if ctx is not None else command or PROG
    if lang == "en":
        return f"{PROG}: usage error: {en}\nTry '{path} --help' for help.\n"
    return f"{PROG}：用法错误：{zh}\n运行 “{path} --help” 查看帮助。\n"


class Group(TyperGroup):
    """The program: its help page in the run's language, and usage errors in words."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(_for_console(render_help(self, ctx, State.lang)))

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = sys.argv[1:] if args is None else list(args)
        hoisted = hoist_globals(argv)
        if hoisted != argv:  # global options written after the command
            args = hoisted
        State.lang = pick_lang(hoisted, os.environ)
        State.quiet = False
        if os.environ.get(complete_var or COMPLETE_VAR):
            from typer._completion_classes import completion_init

            completion_init()  # the shells' completion protocols (bash, zsh, fish, PowerShell)
        try:
            result = super().main(
                args=args,
                prog_name=prog_name or PROG,
                complete_var=complete_var or COMPLETE_VAR,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except ClickException as exc:
            if not standalone_mode:
                raise
            # an option's missing value is found before the command's context exists: the
            # command is then the first of the arguments that names one
            command = next((a for a in hoisted if a in self.commands), None)
            _usage_exit(exc, f"{PROG} {command}" if command else None)
        except typer.Abort:
            if not standalone_mode:
                raise
            typer.echo("已中止 / aborted", err=True)
            sys.exit(1)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def _usage_exit(exc: Any, path: str | None = None) -> NoReturn:
    if type(exc).__name__ == "NoArgsIsHelpError" and getattr(exc, "ctx", None) is not None:
        typer.echo(exc.ctx.get_help(), nl=False)  # `chuangye` alone: the help page
        sys.exit(EXIT_USAGE)
    typer.echo(usage_message(exc, State.lang, path), err=True, nl=False)
    sys.exit(getattr(exc, "exit_code", EXIT_USAGE))


class App(typer.Typer):
    """A Typer app whose commands use :class:`Command` unless told otherwise."""

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(name, cls=cls or Command, **kwargs)


__all__ = ["App", "Command", "Group", "render_help", "usage_message"]
