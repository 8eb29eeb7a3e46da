"""Problems found in the input, as values with a stable code and a location.

A diagnostic holds its code, where it was found and the arguments of its message; the words
come from :mod:`chuangye_cli.catalogue` in the language asked for when it is shown.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from chuangye_cli.catalogue import CATALOGUE, Code, Severity
from chuangye_cli.vocab import Label, Lang

__all__ = [
    "Code",
    "Collector",
    "DataError",
    "Diagnostic",
    "Severity",
    "UsageError",
    "suggest",
    "tally",
]


QUOTED = frozenset({"value", "key", "inline"})  # user text, quoted in messages
# figures worked out from the returns: a message shows them as people write numbers
# (3,800,000), the arguments themselves stay plain (3800000)
FIGURES = frozenset(
    {
        "month_value",
        "total",
        "before",
        "implied",
        "meant",
        "usual",
        "target",
        "now",
        "old",
        "expected",
    }
)
# where ``value`` is a figure worked out (a month's addition), not the text of a cell
FIGURE_VALUES = frozenset({"over-target", "over-median", "magnitude", "magnitude-total"})
_PLAIN_NUMBER = re.compile(r"([0-9]+)(\.[0-9]+)?")


def _grouped(text: str) -> str:
    """A plain number with its thousands grouped, every digit kept: 3800000.5 → 3,800,000.5."""
    match = _PLAIN_NUMBER.fullmatch(text)
    if match is None or (match.group(1).startswith("0") and len(match.group(1)) > 1):
        return text  # (0012 as typed: not 12)
    return f"{int(match.group(1)):,}{match.group(2) or ''}"


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        from chuangye_cli.quantities import plain

        return plain(value)
    return str(value)


# the figures that can hardly be right, and a form's row with figures that was not read: what
# `validate --strict` makes errors, and what the bulletin's 数据核查 lists (see README)
SUSPECT_CODES = (
    Code.ACTUALS_IMPLAUSIBLE,
    Code.ACTUALS_MONTH_TOTAL,
    Code.ACTUALS_FALLING,
    Code.ACTUALS_PARENT_TOTAL,
    Code.ACTUALS_ROW_NOT_READ,
    Code.ACTUALS_REPEATED,
)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: a stable ``code``, a severity, where it was found, and the arguments of its
    message (see :mod:`chuangye_cli.catalogue`)."""

    code: Code
    severity: Severity
    file: str | None = None
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    variant: str = ""
    args: tuple[tuple[str, str], ...] = ()
    count: int = 1  # how many problems this entry stands for (more than 1 in a summary entry)
    tally: tuple[tuple[Code, int], ...] = ()  # a summary entry: how many of each code

    @property
    def location(self) -> str:
        """``file[sheet]:line:column`` with the parts that are known; in a sheet, the cell as
        the spreadsheet names it too (``:7:4 (D7)``)."""
        head = self.file or "—"
        if self.sheet is not None:
            head += f"[{self.sheet}]"
        parts = [head]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        where = ":".join(parts)
        if self.sheet is not None and self.line is not None and self.column is not None:
            where += f" ({column_letters(self.column)}{self.line})"
        return where

    def message(self, lang: Lang = "zh") -> str:
        """The message in ``lang``, from the catalogue's template for this code and variant."""
        entry = CATALOGUE[self.code]
        template = entry.messages.get(self.variant) or entry.messages[""]
        worked_out = self.code is Code.ACTUALS_IMPLAUSIBLE and self.variant in FIGURE_VALUES
        args = {
            k: _grouped(v)
            if k in FIGURES or (worked_out and k == "value")
            else (f"“{v}”" if lang == "zh" else repr(v))
            if k in QUOTED
            else v
            for k, v in self.args
        }
        try:
            return template(lang).format(**args)
        except (KeyError, IndexError, ValueError):  # a template and its arguments disagree
            return template(lang) + " " + " ".join(f"{k}={v}" for k, v in self.args)

    @property
    def arguments(self) -> dict[str, str]:
        return dict(self.args)

    def line_text(self, lang: Lang = "zh") -> str:
        """``location: severity[code]: message`` on one line."""
        return f"{self.location}: {self.severity}[{self.code}]: {self.message(lang)}"

    def __str__(self) -> str:
        return self.line_text()


def column_letters(column: int) -> str:
    """A spreadsheet's name of a column (1-based): 1 → A, 4 → D, 27 → AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def make(
    code: Code,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    *,
    sheet: str | None = None,
    variant: str = "",
    severity: Severity | None = None,
    fields: Mapping[str, object] | None = None,
    **args: object,
) -> Diagnostic:
    """A diagnostic of ``code``, with the catalogue's severity unless one is given; its message
    arguments are ``fields`` and the keyword arguments."""
    args = {**(fields or {}), **args}
    if variant and variant not in CATALOGUE[code].messages:
        raise KeyError(f"{code} has no message variant {variant!r}")
    return Diagnostic(
        code,
        severity or CATALOGUE[code].severity,
        file,
        line,
        column,
        sheet,
        variant,
        tuple((k, _text(v)) for k, v in args.items()),
    )


class Collector:
    """Gathers diagnostics, keeping at most ``limit`` of each severity (errors, warnings,
    notices) and only counting the rest, so that memory stays flat however many problems a
    file has, and neither warnings nor notices crowd out an error."""

    def __init__(self, limit: int = 1000) -> None:
        self.limit = limit
        self.items: list[Diagnostic] = []  # errors and warnings, in the order found
        self.kept: dict[Severity, int] = {"error": 0, "warning": 0}
        self.notices: list[Diagnostic] = []
        # past the limit, only counted: how many of each code, by severity
        self.tallies: dict[Severity, dict[Code, int]] = {"error": {}, "warning": {}, "notice": {}}

    def _full(self, severity: Severity) -> bool:
        kept = len(self.notices) if severity == "notice" else self.kept[severity]
        return kept >= self.limit

    def add(self, diagnostic: Diagnostic) -> None:
        severity = diagnostic.severity
        if self._full(severity):
            self._tally(severity, diagnostic.code, diagnostic.count)
        elif severity == "notice":
            self.notices.append(diagnostic)
        else:
            self.items.append(diagnostic)
            self.kept[severity] += 1

    def report(
        self,
        code: Code,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        *,
        sheet: str | None = None,
        variant: str = "",
        fields: Mapping[str, object] | None = None,
        **args: object,
    ) -> None:
        """Add a diagnostic of ``code`` with the catalogue's severity."""
        if self.skip(code):  # only counted: no need to build it
            return
        merged = {**(fields or {}), **args}
        self.add(make(code, file, line, column, sheet=sheet, variant=variant, fields=merged))

    def skip(self, code: Code) -> bool:
        """Whether a diagnostic of ``code`` would only be counted now (the limit is reached);
        if so it is counted. A caller with a costly message checks this before building it."""
        severity = CATALOGUE[code].severity
        if not self._full(severity):
            return False
        self._tally(severity, code, 1)
        return True

    def full(self, code: Code) -> bool:
        """Whether a diagnostic of ``code`` would only be counted now (without counting it)."""
        return self._full(CATALOGUE[code].severity)

    def count(self, code: Code, n: int) -> None:
        """Count ``n`` problems of ``code`` found past the limit (kept as a number only)."""
        severity = CATALOGUE[code].severity
        self._tally(severity, code, n)

    def _tally(self, severity: Severity, code: Code, n: int) -> None:
        if n:
            tally = self.tallies[severity]
            tally[code] = tally.get(code, 0) + n

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for d in diagnostics:
            self.add(d)

    @property
    def has_errors(self) -> bool:
        return self.kept["error"] > 0 or bool(self.tallies["error"])

    def result(self) -> list[Diagnostic]:
        """The kept diagnostics (errors and warnings, then notices), with a summary entry per
        severity for those not kept."""
        summaries = [
            _summary(SUMMARY[severity], severity, sum(tally.values()), str(self.limit), tally)
            for severity, tally in self.tallies.items()
            if tally
        ]
        return [*self.items, *self.notices, *summaries]


def strictly(diagnostics: Sequence[Diagnostic], *codes: Code) -> list[Diagnostic]:
    """The diagnostics with every warning of ``codes`` made an error (``validate --strict``):
    those listed, and those the warnings summary only counts, which move to the errors summary
    (a warning past the limit must fail a strict run as much as a listed one)."""
    out = [replace(d, severity="error") if d.code in codes and d.severity == "warning" else d
           for d in diagnostics]  # fmt: skip
    summary = next((d for d in out if d.code is Code.TOO_MANY_WARNINGS), None)
    if summary is None:
        return out
    moved = {c: n for c, n in summary.tally if c in codes}
    if not moved:
        return out
    at = out.index(summary)
    limit = dict(summary.args).get("limit", "")
    rest = {c: n for c, n in summary.tally if c not in codes}
    count = sum(moved.values())
    out[at : at + 1] = (
        [_summary(Code.TOO_MANY_WARNINGS, "warning", summary.count - count, limit, rest)]
        if summary.count > count
        else []
    )
    errors = next((d for d in out if d.code is Code.TOO_MANY_ERRORS), None)
    if errors is None:  # before the warnings, as the collector orders its summaries
        out.insert(at, _summary(Code.TOO_MANY_ERRORS, "error", count, limit, moved))
    else:
        tally = dict(errors.tally)
        for c, n in moved.items():
            tally[c] = tally.get(c, 0) + n
        out[out.index(errors)] = _summary(
            Code.TOO_MANY_ERRORS, "error", errors.count + count, limit, tally
        )
    return out


SUMMARY: dict[Severity, Code] = {
    "error": Code.TOO_MANY_ERRORS,
    "warning": Code.TOO_MANY_WARNINGS,
    "notice": Code.TOO_MANY_NOTICES,
}


def _summary(
    code: Code, severity: Severity, count: int, limit: str, tally: Mapping[Code, int]
) -> Diagnostic:
    """A summary entry of ``count`` problems not listed, past ``limit``, and how many of each
    code they are."""
    return Diagnostic(
        code,
        severity,
        args=(("count", str(count)), ("limit", limit)),
        count=count,
        tally=tuple(sorted(tally.items())),
    )


def tally(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings), counting what summary entries stand for; notices aside."""
    errors = warnings = 0
    for d in diagnostics:
        if d.severity == "error":
            errors += d.count
        elif d.severity == "warning":
            warnings += d.count
    return errors, warnings


def notices(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(d.count for d in diagnostics if d.severity == "notice")


def suggest(text: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """The known names nearest to ``text`` (for “did you mean”): a name of three or more
    characters written whole inside it, or holding it whole, comes first (新增众创空间 → 众创空间,
    not 新增注册企业); then a name sharing a longer start with it (金安县 → 金安区 before
    金寨县); a clear winner is named alone."""
    return list(_suggest(text.strip(), _distinct(tuple(names)), limit))


@functools.lru_cache(maxsize=64)
def _distinct(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(names)))


@functools.lru_cache(maxsize=256)
def _suggest(text: str, names: tuple[str, ...], limit: int) -> tuple[str, ...]:
    """:func:`suggest`, once per text and list of names: a file may give one unknown name on
    thousands of rows, and a plan may have thousands of divisions."""
    scored = []
    for name in names:
        prefix = next((k for k, (a, b) in enumerate(zip(text, name, strict=False)) if a != b), None)
        prefix = min(len(text), len(name)) if prefix is None else prefix
        whole = min(len(text), len(name)) >= 3 and (name in text or text in name)
        matcher = difflib.SequenceMatcher(None, text, name)
        if prefix < 2 and not whole and matcher.quick_ratio() < 0.5:
            continue  # (an upper bound of ratio: below 0.5, so is the ratio)
        ratio = matcher.ratio()
        if ratio >= 0.5 or prefix >= 2 or whole:
            scored.append((-whole, -prefix, -ratio, name))
    scored.sort()
    if len(scored) > 1 and scored[0][0] < scored[1][0]:  # the only name written whole
        return (scored[0][3],)
    if (
        len(scored) > 1
        and scored[0][0] == scored[1][0] == 0
        and scored[0][1] <= -2
        and scored[1][1] > scored[0][1]
    ):
        return (scored[0][3],)
    return tuple(name for *_, name in scored[:limit])


def hint_args(text: str, names: Iterable[str] | Mapping[str, object]) -> dict[str, str]:
    """``hint`` and ``hint_en`` message arguments: “；您是否要找：…” when a name is near. Given
    a mapping of ids to things with a ``name`` (or to names), an id is suggested with its
    Chinese name: “jinan（金安区）”."""
    near = suggest(text, names)
    if not near:
        return {"hint": "", "hint_en": ""}
    zh, en = near, near
    if isinstance(names, Mapping):
        named = {k: str(getattr(v, "name", v)) for k, v in names.items()}
        near = [k for n, k in enumerate(near) if named[k] not in {named[j] for j in near[:n]}]
        # an alias near the text is suggested by the name it stands for, when that name is
        # itself accepted (新曾注册企业 → 新增注册企业, not 注册企业（新增注册企业）)
        near = [named[k] if named[k] in named else k for k in near]
        zh = [f"{k}（{named[k]}）" if named[k] != k else k for k in near]
        en = [f"{k} ({named[k]})" if named[k] != k else k for k in near]
    return {
        "hint": f"（您是否要找：{'、'.join(zh)}）",
        "hint_en": f" (did you mean {', '.join(en)}?)",
    }


class DataError(Exception):
    """The input data has errors; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{tally(diagnostics)[0]} error(s) in the data")
        self.diagnostics = diagnostics


class UsageError(Exception):
    """The command was called wrongly: a bad option value or a missing file (exit code 2).
    Carries its message in both languages."""

    def __init__(self, zh: str, en: str | None = None) -> None:
        super().__init__(en or zh)
        self.label = Label(zh, en or zh)

    def message(self, lang: Lang = "zh") -> str:
        return self.label(lang)
