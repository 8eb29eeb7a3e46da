"""The command line: parse options, call the core, print, exit. Nothing else happens here.

Exit codes: 0 success; 1 the data has errors; 2 usage error (bad option, missing file).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from chuangye_cli import __version__
from chuangye_cli.diagnostics import DataError, Diagnostic, UsageError, tally
from chuangye_cli.periods import Period
from chuangye_cli.views import Selection, View

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
        help="Folder with targets.yaml, tasks.yaml and actuals.csv or an actuals/ folder. "
        "Default: ./data when it holds targets.yaml, else the 六安 plan and sample figures shipped "
        "with the package.",
        show_default=False,
    ),
]
TargetsOpt = Annotated[
    Path | None,
    typer.Option(
        "--targets", help="Targets file, instead of the one in --data.", show_default=False
    ),
]
TasksOpt = Annotated[
    Path | None,
    typer.Option("--tasks", help="Tasks file, instead of the one in --data.", show_default=False),
]
ActualsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--actuals",
        help="Actual figures: a .csv or .xlsx file or a folder of them; repeatable. "
        "Replaces the actuals in --data.",
        show_default=False,
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet",
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


def _terminal(output: Path | None) -> tuple[bool, int | None]:
    """(colour?, width) for human output: colour only on a terminal and without NO_COLOR."""
    if output is not None or not sys.stdout.isatty():
        return False, None
    return not os.environ.get("NO_COLOR"), shutil.get_terminal_size().columns


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    from chuangye_cli.atomic import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_USAGE)
    typer.echo(f"wrote {output}", err=True)


def _report_warnings(diagnostics: list[Diagnostic]) -> None:
    from chuangye_cli.render.diagnostics_formats import plain_lines

    warnings = [d for d in diagnostics if d.severity == "warning"]
    if warnings:
        typer.echo(plain_lines(warnings), err=True, nl=False)


@app.command()
def progress(
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    sheet: SheetOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM",
            help="Report month. Default: the latest month in the actual figures.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YYYY",
            help="A yearly view: that year's additions against its yearly target (or, without "
            "one, its share of the whole-period target); 序时进度 = months elapsed in the year ÷ 12.",
            show_default=False,
        ),
    ] = None,
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
            help="Only this county (name, division code or id); repeatable.",
            show_default=False,
        ),
    ] = None,
    indicator: Annotated[
        list[str] | None,
        typer.Option(
            "--indicator",
            help="Only this indicator (id or Chinese name); repeatable.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table (Rich, for people), json, csv, or a "
            "report format: markdown, github, plain, simple, grid, html, latex, tsv, rst, "
            "mediawiki, orgtbl, pipe, simple_grid, rounded_grid, fancy_grid.",
        ),
    ] = "table",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically) instead of standard output.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """完成情况：目标、累计完成、完成率、序时进度、状态 / completion against time elapsed."""
    from chuangye_cli.inputs import load, resolve_inputs
    from chuangye_cli.progress import compute, report_month
    from chuangye_cli.render.diagnostics_formats import plain_lines
    from chuangye_cli.render.progress_formats import render
    from chuangye_cli.render.text import FORMATS

    if fmt not in FORMATS:
        _fail(f"--format {fmt!r} is not one of: {', '.join(FORMATS)}", EXIT_USAGE)
    try:
        wanted_month = Period.parse(as_of) if as_of else None
    except ValueError as exc:
        _fail(f"--as-of: {exc}", EXIT_USAGE)
    try:
        inputs = resolve_inputs(data, targets, tasks, actuals or ())
        loaded = load(inputs, sheet)
        if loaded.has_errors or loaded.plan is None or loaded.actuals is None:
            raise DataError(loaded.diagnostics)
        plan, figures = loaded.plan, loaded.actuals
        _report_warnings(loaded.diagnostics)
        view = by or (View.COUNTY if county else View.INDICATOR)
        if county and view is not View.COUNTY:
            raise UsageError("--county selects rows of the county view: use it with --by county")
        selection = Selection(
            by=view,
            counties=_resolve(county, plan.county_lookup, "--county", "county"),
            indicators=_resolve(indicator, plan.indicator_lookup, "--indicator", "indicator"),
        )
        try:
            month = report_month(plan, figures, wanted_month, year)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        result = compute(plan, figures, month, year)
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
    color, width = _terminal(output) if fmt == "table" else (False, None)
    _emit(render(result, selection, fmt, color=color, width=width), output)


def _resolve(
    values: list[str] | None, lookup: dict[str, str] | object, option: str, what: str
) -> tuple[str, ...]:
    if not values:
        return ()
    assert isinstance(lookup, dict)
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

    if fmt not in DIAGNOSTIC_FORMATS:
        _fail(f"--format {fmt!r} is not one of: {', '.join(DIAGNOSTIC_FORMATS)}", EXIT_USAGE)
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
