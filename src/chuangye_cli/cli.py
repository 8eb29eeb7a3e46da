"""The command line: parse options, call the core, print, exit. Nothing else happens here.

Exit codes: 0 success; 1 the data has errors; 2 usage error (bad option, missing file).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from chuangye_cli import __version__
from chuangye_cli.diagnostics import DataError, Diagnostic, UsageError, tally
from chuangye_cli.periods import Period
from chuangye_cli.views import Selection, View

if TYPE_CHECKING:  # the core is imported inside the commands: --help and --version stay fast
    from chuangye_cli.actuals import Actuals
    from chuangye_cli.plan import Plan

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="chuangye",
    help="行动计划进度：各指标、各县区、各责任单位对照序时进度的完成情况。\n\n"
    "Progress of an action plan's targets per indicator, county and responsible unit, "
    "against the time elapsed (序时进度).",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="Folder with targets.yaml, tasks.yaml and actuals.csv or an actuals/ folder. "
        "Default: ./data when it holds targets.yaml, else the 六安 plan and sample figures shipped "
        "with the package.",
        show_default=False,
    ),
]
TargetsOpt = Annotated[
    Path | None,
    typer.Option(
        "--targets",
        metavar="FILE",
        help="Targets file, instead of the one in --data.",
        show_default=False,
    ),
]
TasksOpt = Annotated[
    Path | None,
    typer.Option(
        "--tasks",
        metavar="FILE",
        help="Tasks file, instead of the one in --data.",
        show_default=False,
    ),
]
ActualsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--actuals",
        metavar="PATH",
        help="Actual figures: a .csv or .xlsx file or a folder of them; repeatable. "
        "Replaces the actuals in --data.",
        show_default=False,
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        metavar="NAME",
        help="Worksheet to read in .xlsx actuals (default: the first).",
        show_default=False,
    ),
]


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"chuangye: error: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chuangye {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """行动计划进度 / action plan progress."""


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM",
        help="Report month. Default: the latest month in the actual figures.",
        show_default=False,
    ),
]
YearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        metavar="YYYY",
        help="A yearly view: that year's additions against its yearly target (or, without "
        "one, its share of the whole-period target); 序时进度 = months elapsed in the year ÷ 12.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table (Rich, for people), json, csv, or a report format: markdown, github, plain, "
        "simple, grid, html, latex, tsv, rst, mediawiki, orgtbl, pipe, simple_grid, "
        "rounded_grid, fancy_grid.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of standard output.",
        show_default=False,
    ),
]
IndicatorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--indicator",
        help="Only this indicator (id or Chinese name); repeatable.",
        show_default=False,
    ),
]


def _terminal(output: Path | None) -> tuple[bool, int | None]:
    """(colour?, width) for human output: colour only on a terminal and without NO_COLOR."""
    if output is not None or not sys.stdout.isatty():
        return False, None
    return not os.environ.get("NO_COLOR"), shutil.get_terminal_size().columns


def _emit(content: str | bytes, output: Path | None) -> None:
    """Print the report, or write it atomically to ``output``."""
    if output is None:
        if isinstance(content, bytes):
            _fail("this format is binary: give --output FILE", EXIT_USAGE)
        typer.echo(content, nl=False)
        return
    from chuangye_cli.atomic import write_atomic

    try:
        write_atomic(output, content.encode("utf-8") if isinstance(content, str) else content)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_USAGE)
    typer.echo(f"wrote {output}", err=True)


def _report_warnings(diagnostics: list[Diagnostic]) -> None:
    from chuangye_cli.render.diagnostics_formats import plain_lines

    warnings = [d for d in diagnostics if d.severity == "warning"]
    if warnings:
        typer.echo(plain_lines(warnings), err=True, nl=False)


@contextmanager
def _exits() -> Iterator[None]:
    """Turn the core's refusals into messages and exit codes: usage 2, bad data 1."""
    from chuangye_cli.render.diagnostics_formats import plain_lines

    try:
        yield
    except UsageError as exc:
        _fail(str(exc), EXIT_USAGE)
    except DataError as exc:
        typer.echo(plain_lines(exc.diagnostics), err=True, nl=False)
        errors, _ = tally(exc.diagnostics)
        _fail(
            f"{errors} error(s) in the data; nothing was computed "
            "(run `chuangye validate` for a table)",
            EXIT_DATA,
        )


@dataclass(frozen=True)
class _Context:
    plan: Plan
    actuals: Actuals
    month: Period


def _load(
    data: Path | None,
    targets: Path | None,
    tasks: Path | None,
    actuals: list[Path] | None,
    sheet: str | None,
    as_of: str | None,
    year: int | None = None,
) -> _Context:
    """Load and check everything; refuse data with errors; settle the report month."""
    from chuangye_cli.inputs import load, resolve_inputs
    from chuangye_cli.progress import report_month

    try:
        wanted = Period.parse(as_of) if as_of else None
    except ValueError as exc:
        raise UsageError(f"--as-of: {exc}") from None
    loaded = load(resolve_inputs(data, targets, tasks, actuals or ()), sheet)
    if loaded.has_errors or loaded.plan is None or loaded.actuals is None:
        raise DataError(loaded.diagnostics)
    _report_warnings(loaded.diagnostics)
    try:
        month = report_month(loaded.plan, loaded.actuals, wanted, year)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return _Context(loaded.plan, loaded.actuals, month)


def _check_format(fmt: str, choices: tuple[str, ...]) -> None:
    if fmt not in choices:
        _fail(f"--format {fmt!r} is not one of: {', '.join(choices)}", EXIT_USAGE)


@app.command()
def progress(
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    sheet: SheetOpt = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    by: Annotated[
        View | None,
        typer.Option(
            "--by",
            help="Rows per indicator, county, responsible unit or task. Default: indicator, "
            "or county when --county is given.",
            show_default=False,
        ),
    ] = None,
    county: Annotated[
        list[str] | None,
        typer.Option(
            "--county",
            help="Only this county (name, division code, id or alias) in the county view; "
            "repeatable.",
            show_default=False,
        ),
    ] = None,
    indicator: IndicatorOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    """完成情况：目标、累计完成、完成率、序时进度、状态 / completion against time elapsed."""
    from chuangye_cli.progress import compute
    from chuangye_cli.render.progress_formats import render
    from chuangye_cli.render.text import FORMATS

    _check_format(fmt, FORMATS)
    with _exits():
        ctx = _load(data, targets, tasks, actuals, sheet, as_of, year)
        view = by or (View.COUNTY if county else View.INDICATOR)
        if county and view is not View.COUNTY:
            raise UsageError("--county selects rows of the county view: use it with --by county")
        selection = Selection(
            by=view,
            counties=_resolve(county, ctx.plan.county_lookup, "--county", "county"),
            indicators=_resolve(indicator, ctx.plan.indicator_lookup, "--indicator", "indicator"),
        )
        result = compute(ctx.plan, ctx.actuals, ctx.month, year)
    color, width = _terminal(output) if fmt == "table" else (False, None)
    _emit(render(result, selection, fmt, color=color, width=width), output)


@app.command()
def trend(
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    sheet: SheetOpt = None,
    as_of: AsOfOpt = None,
    indicator: Annotated[
        str | None,
        typer.Option(
            "--indicator",
            help="One indicator (id or Chinese name): a row per month. Default: every indicator, "
            "a line each with a sparkline of the monthly additions.",
            show_default=False,
        ),
    ] = None,
    county: Annotated[
        str | None,
        typer.Option(
            "--county",
            help="One county (name, division code, id or alias). Default: the whole city.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    """逐月走势：当月新增、累计、完成率、序时进度、环比、同比 / month-by-month history."""
    from chuangye_cli.render.text import FORMATS
    from chuangye_cli.render.trend_formats import render_trend
    from chuangye_cli.trend import trend as trend_of

    _check_format(fmt, FORMATS)
    with _exits():
        ctx = _load(data, targets, tasks, actuals, sheet, as_of)
        ids = (
            _resolve([indicator], ctx.plan.indicator_lookup, "--indicator", "indicator")
            if indicator
            else tuple(i.id for i in ctx.plan.indicators)
        )
        county_id = (
            _resolve([county], ctx.plan.county_lookup, "--county", "county")[0] if county else None
        )
        trends = [trend_of(ctx.plan, ctx.actuals, i, ctx.month, county_id) for i in ids]
    color, width = _terminal(output) if fmt == "table" else (False, None)
    _emit(render_trend(ctx.plan, trends, fmt, color=color, width=width), output)


@app.command("warnings")
def warnings_command(
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    sheet: SheetOpt = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="red|yellow",
            help="Exit 1 when a warning of this colour (or worse) is found, for CI. "
            "Without it the exit code is 0 whatever is found.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """预警：滞后于序时、时间过半任务未过半、按当前进度难以完成、县区红黑榜 / what lags."""
    from chuangye_cli.alerts import LEVEL_ORDER, compute_alerts
    from chuangye_cli.progress import compute
    from chuangye_cli.render.alerts_formats import render_alerts
    from chuangye_cli.render.text import FORMATS

    _check_format(fmt, FORMATS)
    if fail_on is not None and fail_on not in ("red", "yellow"):
        _fail(f"--fail-on {fail_on!r} is not one of: red, yellow", EXIT_USAGE)
    with _exits():
        ctx = _load(data, targets, tasks, actuals, sheet, as_of, year)
        found = compute_alerts(
            ctx.plan, ctx.actuals, compute(ctx.plan, ctx.actuals, ctx.month, year)
        )
    color, width = _terminal(output) if fmt == "table" else (False, None)
    _emit(render_alerts(found, fmt, color=color, width=width), output)
    if fail_on is not None and any(
        LEVEL_ORDER[a.level] <= LEVEL_ORDER[fail_on] for a in found.items
    ):
        raise typer.Exit(EXIT_DATA)


@app.command()
def report(
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    sheet: SheetOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="md|html|xlsx",
            help="md (Markdown), html (one self-contained page, printable on A4) or xlsx "
            "(one sheet per view; needs --output).",
        ),
    ] = "md",
    output: OutputOpt = None,
    generated_at: Annotated[
        str | None,
        typer.Option(
            "--generated-at",
            metavar="YYYY-MM-DDTHH:MM",
            help="A time to print as 生成时间 (and, in xlsx, as the document's date). Without it "
            "the report holds no time, so the same inputs give the same bytes.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """月度通报：总体情况、指标、县区、责任单位、预警、走势、数据来源 / the monthly bulletin."""
    from datetime import datetime

    from chuangye_cli.bulletin import build_bulletin

    if fmt not in ("md", "markdown", "html", "xlsx"):
        _fail(f"--format {fmt!r} is not one of: md, html, xlsx", EXIT_USAGE)
    if fmt == "xlsx" and output is None:
        _fail("--format xlsx writes a binary file: give --output FILE.xlsx", EXIT_USAGE)
    if generated_at is not None:
        try:
            datetime.fromisoformat(generated_at)
        except ValueError:
            _fail(f"--generated-at {generated_at!r} is not an ISO date-time", EXIT_USAGE)
    with _exits():
        ctx = _load(data, targets, tasks, actuals, sheet, as_of)
        bulletin = build_bulletin(ctx.plan, ctx.actuals, ctx.month, generated_at)
    content: str | bytes
    if fmt == "html":
        from chuangye_cli.render.bulletin_html import render_html

        content = render_html(bulletin)
    elif fmt == "xlsx":
        from chuangye_cli.render.bulletin_xlsx import render_xlsx

        content = render_xlsx(bulletin)
    else:
        from chuangye_cli.render.bulletin_md import render_markdown

        content = render_markdown(bulletin)
    _emit(content, output)


def _resolve(
    values: list[str] | None, lookup: Mapping[str, str], option: str, what: str
) -> tuple[str, ...]:
    if not values:
        return ()
    unknown = [v for v in values if v.strip() not in lookup]
    if unknown:
        raise UsageError(
            f"{option}: unknown {what} {', '.join(map(repr, unknown))}; known: "
            + ", ".join(sorted(set(lookup.values())))
        )
    return tuple(lookup[v.strip()] for v in values)


@app.command()
def validate(
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    sheet: SheetOpt = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (a table for people), json (a list of diagnostics) or github "
            "(::error annotations for CI).",
        ),
    ] = "text",
) -> None:
    """检查数据：计划文件与实绩数据 / check the plan files and actual figures.

    Reports every problem with file, line and column. Exit code 0: clean (warnings allowed);
    1: errors found; 2: usage error.
    """
    from chuangye_cli.actuals import expand_paths
    from chuangye_cli.inputs import load, resolve_inputs
    from chuangye_cli.render.diagnostics_formats import DIAGNOSTIC_FORMATS, render_diagnostics

    _check_format(fmt, DIAGNOSTIC_FORMATS)
    try:
        inputs = resolve_inputs(data, targets, tasks, actuals or ())
    except UsageError as exc:
        _fail(str(exc), EXIT_USAGE)
    loaded = load(inputs, sheet)
    checked = [str(inputs.targets), str(inputs.tasks)]
    if loaded.actuals is not None:
        checked += [str(p) for p in expand_paths(inputs.actuals)]
    else:
        checked.append(
            "（计划文件有错误，实绩数据未检查 / actuals not checked: the plan has errors）"
        )
    color, width = _terminal(None) if fmt == "text" else (False, None)
    typer.echo(
        render_diagnostics(loaded.diagnostics, fmt, color=color, width=width, checked=checked),
        nl=False,
    )
    raise typer.Exit(EXIT_DATA if loaded.has_errors else EXIT_OK)


EXIT_INTERNAL = 70


def main() -> None:
    """Console-script entry point. An unexpected failure is a bug of ours: say so in one line
    (set CHUANGYE_DEBUG=1 for the traceback) rather than showing a traceback to the user."""
    try:
        app()
    except Exception as exc:
        if os.environ.get("CHUANGYE_DEBUG"):
            raise
        typer.echo(
            f"chuangye: internal error: {type(exc).__name__}: {exc} "
            "(a bug: please report it; CHUANGYE_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
