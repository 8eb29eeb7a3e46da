"""The command line: parse options, call the core, print, exit. Nothing else happens here.

Exit codes: 0 success; 1 the data has errors; 2 usage error (bad option, missing file).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand

from chuangye_cli import __version__
from chuangye_cli.catalogue import Code
from chuangye_cli.choices import (
    DiagnosticFormat,
    Engine,
    FailOn,
    Format,
    ReportFormat,
    Selection,
    View,
)
from chuangye_cli.diagnostics import DataError, Diagnostic, UsageError, suggest, tally
from chuangye_cli.periods import Period
from chuangye_cli.vocab import Lang

if TYPE_CHECKING:  # the core is imported inside the commands: --help and --version stay fast
    from chuangye_cli.document import Document
    from chuangye_cli.domain import Actuals
    from chuangye_cli.inputs import Inputs
    from chuangye_cli.plan import Plan
    from chuangye_cli.reading import Given
    from chuangye_cli.taskledger import TaskReturns

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70

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


class _State:
    lang: Lang = "en" if os.environ.get("CHUANGYE_LANG", "").lower().startswith("en") else "zh"


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
    Format,
    typer.Option(
        "--format",
        "-f",
        help="table (Rich, for people), json, csv, markdown, html, or another report format "
        "of tabulate.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (atomically) instead of standard output.",
        show_default=False,
    ),
]
TaskReturnsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--task-returns",
        metavar="PATH",
        help="Task returns (任务推进情况报送): a .csv or .xlsx file or a folder of them; "
        "repeatable. Default: the task-returns/ folder of --data, when there is one.",
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


HeaderRowOpt = Annotated[
    list[int] | None,
    typer.Option(
        "--header-row",
        metavar="N",
        help="The header is on row N of the files named before this option (when the tool "
        "cannot find it).",
        show_default=False,
    ),
]
PeriodOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--period",
        metavar="YYYY-MM",
        help="The month of the files named before this option, when neither a column nor "
        "the title or the file name gives it.",
        show_default=False,
    ),
]
FileCountyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--file-county",
        metavar="COUNTY",
        help="The county of the files named before this option, when neither a column nor "
        "the title or the file name gives it.",
        show_default=False,
    ),
]
EngineOpt = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="How actual figures are read: python (row by row), columnar (a tidy UTF-8 CSV in "
        "bulk, with DuckDB), or auto (columnar from 2 MiB on). The results are the same.",
    ),
]
VALUE_OPTIONS = frozenset(
    {
        "--data",
        "--targets",
        "--tasks",
        "--actuals",
        "--sheet",
        "--as-of",
        "--year",
        "--by",
        "--county",
        "--indicator",
        "--format",
        "-f",
        "--output",
        "-o",
        "--fail-on",
        "--generated-at",
        "--lang",
        "--header-row",
        "--period",
        "--file-county",
        "--engine",
    }
)


class _OrderedCommand(TyperCommand):
    """Keeps the raw arguments: ``--period`` and the like apply to the files named before."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["raw_args"] = list(args)
        result: list[str] = super().parse_args(ctx, args)
        return result


def _given_files(
    context: typer.Context,
    periods: Sequence[str] | None,
    *,
    positional: bool = False,
    county_option: str = "--file-county",
) -> dict[str, Given]:
    """What the user said about each file (see :mod:`chuangye_cli.arguments`)."""
    from chuangye_cli.arguments import given_by_file

    for text in periods or ():
        try:
            Period.parse(text)
        except ValueError as exc:
            raise UsageError(f"--period：{exc}", f"--period: {exc}") from None
    return given_by_file(
        context.meta.get("raw_args", []),
        positional=positional,
        value_options=VALUE_OPTIONS,
        county_option=county_option,
    )


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
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="zh|en",
            help="Language of messages and reports (default: zh, or CHUANGYE_LANG).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """行动计划进度 / action plan progress."""
    if lang is not None:
        if lang not in ("zh", "en"):
            _fail(f"--lang {lang!r} is not one of: zh, en", EXIT_USAGE)
        _State.lang = "en" if lang == "en" else "zh"


def _terminal(output: Path | None) -> tuple[bool, int | None]:
    """(colour?, width) for human output: colour only on a terminal and without NO_COLOR."""
    if output is not None or not sys.stdout.isatty():
        return False, None
    return not os.environ.get("NO_COLOR"), shutil.get_terminal_size().columns


def _check_output(output: Path | None, inputs: Inputs | None) -> None:
    """Refuse, before any work, an output file that is one of the inputs."""
    if output is None or inputs is None:
        return
    from chuangye_cli.atomic import OutputRefused, check_output
    from chuangye_cli.reading import expand_paths

    try:
        check_output(output, [inputs.targets, inputs.tasks, *expand_paths(inputs.actuals)])
    except OutputRefused as exc:
        raise UsageError(str(exc)) from None


def _emit(content: str | bytes, output: Path | None) -> None:
    """Print the report, or write it to ``output`` (atomically where that is possible)."""
    if output is None:
        if isinstance(content, bytes):
            _fail("this format is binary: give --output FILE", EXIT_USAGE)
        typer.echo(content, nl=False)
        return
    from chuangye_cli.atomic import OutputRefused, write_output

    try:
        write_output(output, content.encode("utf-8") if isinstance(content, str) else content)
    except OutputRefused as exc:
        _fail(str(exc), EXIT_USAGE)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_USAGE)
    typer.echo(f"wrote {output}", err=True)


def _report_warnings(diagnostics: list[Diagnostic]) -> None:
    warnings = [d for d in diagnostics if d.severity == "warning"]
    if warnings:
        typer.echo("".join(d.line_text(_State.lang) + "\n" for d in warnings), err=True, nl=False)


@contextmanager
def _exits() -> Iterator[None]:
    """Turn the core's refusals into messages and exit codes: usage 2, bad data 1."""
    try:
        yield
    except UsageError as exc:
        _fail(exc.message(_State.lang), EXIT_USAGE)
    except DataError as exc:
        lang = _State.lang
        typer.echo("".join(d.line_text(lang) + "\n" for d in exc.diagnostics), err=True, nl=False)
        errors, _ = tally(exc.diagnostics)
        _fail(
            f"数据有 {errors} 个错误，未作计算（`chuangye validate` 列表显示） / "
            f"{errors} error(s) in the data; nothing was computed "
            "(run `chuangye validate` for a table)",
            EXIT_DATA,
        )


@dataclass(frozen=True)
class _Context:
    plan: Plan
    actuals: Actuals
    month: Period


def _inputs(
    data: Path | None,
    targets: Path | None,
    tasks: Path | None,
    actuals: list[Path] | None,
) -> Inputs:
    from chuangye_cli.inputs import resolve_inputs

    return resolve_inputs(data, targets, tasks, actuals or ())


def _load(
    inputs: Inputs,
    sheet: str | None,
    as_of: str | None,
    year: int | None = None,
    given: Mapping[str, Given] | None = None,
    engine: Engine = Engine.AUTO,
) -> _Context:
    """Load and check everything; refuse data with errors; settle the report month."""
    from chuangye_cli.diagnostics import make
    from chuangye_cli.inputs import load
    from chuangye_cli.progress import report_month

    try:
        wanted = Period.parse(as_of) if as_of else None
    except ValueError as exc:
        raise UsageError(f"--as-of：{exc}", f"--as-of: {exc}") from None
    loaded = load(inputs, sheet, given, engine=engine.value)
    if loaded.has_errors or loaded.plan is None or loaded.actuals is None:
        raise DataError(loaded.diagnostics)
    diagnostics = list(loaded.diagnostics)
    try:
        month = report_month(loaded.plan, loaded.actuals, wanted, year)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    latest = loaded.actuals.latest
    if latest is not None and month > latest:
        diagnostics.append(
            make(Code.REPORT_AFTER_DATA, month=month.label_zh, latest=latest.label_zh)
        )
    _report_warnings(diagnostics)
    return _Context(loaded.plan, loaded.actuals, month)


def _write(doc: Document, fmt: str, output: Path | None) -> None:
    from chuangye_cli.writers import BINARY, write

    if fmt in BINARY and output is None:
        _fail(f"--format {fmt} writes a binary file: give --output FILE", EXIT_USAGE)
    color, width = _terminal(output) if fmt == "table" else (False, None)
    _emit(write(doc, fmt, color=color, width=width), output)


@app.command(cls=_OrderedCommand)
def progress(
    context: typer.Context,
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
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    file_county: FileCountyOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    """完成情况：目标、累计完成、完成率、序时进度、状态 / completion against time elapsed."""
    from chuangye_cli.progress import compute
    from chuangye_cli.views.progress import progress_document

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs)
        given = _given_files(context, period)
        ctx = _load(inputs, sheet, as_of, year, given, engine)
        view = by or (View.COUNTY if county else View.INDICATOR)
        if county and view is not View.COUNTY:
            raise UsageError(
                "--county 只用于县区视图：请与 --by county 一起使用",
                "--county selects rows of the county view: use it with --by county",
            )
        selection = Selection(
            by=view,
            counties=_resolve(county, ctx.plan, "county", "--county"),
            indicators=_resolve(indicator, ctx.plan, "indicator", "--indicator"),
        )
        doc = progress_document(
            compute(ctx.plan, ctx.actuals, ctx.month, year), selection, _State.lang
        )
    _write(doc, fmt.value, output)


@app.command(cls=_OrderedCommand)
def trend(
    context: typer.Context,
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
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    file_county: FileCountyOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    """逐月走势：当月新增、累计、完成率、序时进度、环比、同比 / month-by-month history."""
    from chuangye_cli.trend import trend as trend_of
    from chuangye_cli.views.trend import trend_document

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs)
        given = _given_files(context, period)
        ctx = _load(inputs, sheet, as_of, None, given, engine)
        ids = (
            _resolve([indicator], ctx.plan, "indicator", "--indicator")
            if indicator
            else tuple(i.id for i in ctx.plan.indicators)
        )
        county_id = _resolve([county], ctx.plan, "county", "--county")[0] if county else None
        trends = [trend_of(ctx.plan, ctx.actuals, i, ctx.month, county_id) for i in ids]
        doc = trend_document(ctx.plan, trends, _State.lang)
    _write(doc, fmt.value, output)


@app.command("warnings", cls=_OrderedCommand)
def warnings_command(
    context: typer.Context,
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    sheet: SheetOpt = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a warning of this colour (or worse) is found, for CI. "
            "Without it the exit code is 0 whatever is found.",
            show_default=False,
        ),
    ] = None,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    file_county: FileCountyOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    """预警：未报送、滞后于序时、时间过半任务未过半、按当前进度难以完成、县区红黑榜 / what lags."""
    from chuangye_cli.alerts import LEVEL_ORDER, compute_alerts
    from chuangye_cli.memory import remember
    from chuangye_cli.progress import compute
    from chuangye_cli.views.alerts import alerts_document

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs)
        given = _given_files(context, period)
        ctx = _load(inputs, sheet, as_of, year, given, engine)
        found = remember(
            ctx.plan,
            ctx.actuals,
            compute_alerts(ctx.plan, ctx.actuals, compute(ctx.plan, ctx.actuals, ctx.month, year)),
        )
        doc = alerts_document(found, _State.lang)
    _write(doc, fmt.value, output)
    if fail_on is not None and any(
        LEVEL_ORDER[a.level] <= LEVEL_ORDER[fail_on.value] for a in found.items
    ):
        raise typer.Exit(EXIT_DATA)


@app.command(cls=_OrderedCommand)
def report(
    context: typer.Context,
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    task_returns: TaskReturnsOpt = None,
    sheet: SheetOpt = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    county: Annotated[
        str | None,
        typer.Option(
            "--county",
            help="One county's own bulletin (name, division code, id or alias): its indicators, "
            "its ranks, its warnings.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="md (Markdown), html (one self-contained page, printable on A4), xlsx "
            "(one sheet per view) or docx (a 公文 in the GB/T 9704 layout); xlsx and docx need "
            "--output.",
        ),
    ] = ReportFormat.MD,
    output: OutputOpt = None,
    generated_at: Annotated[
        str | None,
        typer.Option(
            "--generated-at",
            metavar="YYYY-MM-DDTHH:MM",
            help="A time to print as 生成时间 (and, in xlsx and docx, as the document's date). "
            "Without it the report holds no time, so the same inputs give the same bytes.",
            show_default=False,
        ),
    ] = None,
    issued: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="成文日期 of the 落款. Default: the date of --generated-at, else the month after "
            "the report month with the day left blank for the signer.",
            show_default=False,
        ),
    ] = None,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    file_county: FileCountyOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    """月度通报：总体情况、指标、县区、任务推进、预警、红黑榜、走势 / the monthly bulletin."""
    from datetime import date, datetime

    from chuangye_cli.bulletin import build_bulletin
    from chuangye_cli.views.bulletin import bulletin_document

    if fmt in (ReportFormat.XLSX, ReportFormat.DOCX) and output is None:
        _fail(
            f"--format {fmt.value} writes a binary file: give --output FILE.{fmt.value}", EXIT_USAGE
        )
    if generated_at is not None:
        try:
            datetime.fromisoformat(generated_at)
        except ValueError:
            _fail(f"--generated-at {generated_at!r} is not an ISO date-time", EXIT_USAGE)
    day = None
    if issued is not None:
        try:
            day = date.fromisoformat(issued)
        except ValueError:
            _fail(f"--date {issued!r} is not a date (YYYY-MM-DD)", EXIT_USAGE)
    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs)
        given = _given_files(context, period)
        ctx = _load(inputs, sheet, as_of, year, given, engine)
        county_id = _resolve([county], ctx.plan, "county", "--county")[0] if county else None
        bulletin = build_bulletin(
            ctx.plan,
            ctx.actuals,
            ctx.month,
            generated_at,
            year=year,
            county=county_id,
            task_returns=_task_returns(inputs, task_returns, ctx.plan),
            issued=day,
        )
        doc = bulletin_document(bulletin, _State.lang)
    _write(
        doc, "markdown" if fmt in (ReportFormat.MD, ReportFormat.MARKDOWN) else fmt.value, output
    )


def _task_returns(inputs: Inputs, given: list[Path] | None, plan: Plan) -> TaskReturns:
    """Read the task returns; refuse them when they have errors, print their warnings."""
    from chuangye_cli.taskreturns import read_task_returns, task_return_paths

    returns, found = read_task_returns(task_return_paths(inputs.data_dir, given or ()), plan)
    if any(d.severity == "error" for d in found):
        raise DataError(found)
    _report_warnings(found)
    return returns


@app.command("tasks")
def tasks_command(
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    task_returns: TaskReturnsOpt = None,
    sheet: SheetOpt = None,
    as_of: AsOfOpt = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", help="Only this lead unit (its name in tasks.yaml).", show_default=False
        ),
    ] = None,
    task: Annotated[
        list[int] | None,
        typer.Option(
            "--task", metavar="N", help="Only task number N; repeatable.", show_default=False
        ),
    ] = None,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    """任务台账：各任务牵头单位的进展、时间节点、逾期、未报送、可销号 / the task ledger."""
    from chuangye_cli.progress import compute
    from chuangye_cli.taskledger import compute_ledger
    from chuangye_cli.views.tasks import tasks_document

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs)
        ctx = _load(inputs, sheet, as_of, engine=engine)
        _check_unit_and_tasks(ctx.plan, unit, task or [])
        returns = _task_returns(inputs, task_returns, ctx.plan)
        ledger = compute_ledger(ctx.plan, returns, compute(ctx.plan, ctx.actuals, ctx.month))
        doc = tasks_document(ledger, unit, task or [], _State.lang)
    _write(doc, fmt.value, output)


def _plan_only(inputs: Inputs) -> Plan:
    """The plan files alone, refused when they have errors."""
    from chuangye_cli.plan import load_plan

    plan, found = load_plan(inputs.targets, inputs.tasks)
    if plan is None:
        raise DataError(found)
    _report_warnings(found)
    return plan


def _check_unit_and_tasks(plan: Plan, unit: str | None, numbers: Sequence[int]) -> None:
    """--unit names a declared unit that leads a task; --task a task number of the plan."""
    if unit is not None:
        leading = [u.name for u in plan.units if any(u.name in t.leads for t in plan.tasks)]
        if unit not in leading:
            near = suggest(unit, leading)
            raise UsageError(
                f"--unit：“{unit}”不是牵头单位"
                + (f"（您是否要找：{'、'.join(near)}）" if near else "")
                + f"；牵头单位：{'、'.join(leading)}",
                f"--unit: {unit!r} leads no task"
                + (f" (did you mean {', '.join(near)}?)" if near else ""),
            )
    known = [t.number for t in plan.tasks]
    for number in numbers:
        if number not in known:
            raise UsageError(
                f"--task：没有序号为 {number} 的任务（1-{max(known)}）",
                f"--task: no task numbered {number} (tasks: {', '.join(map(str, known))})",
            )


def _resolve(values: Sequence[str] | None, plan: Plan, what: str, option: str) -> tuple[str, ...]:
    """Ids of the counties or indicators named by an option; unknown names are a usage error
    that suggests the nearest Chinese names."""
    if not values:
        return ()
    if what == "county":
        lookup: Mapping[str, str] = plan.county_lookup
        names = [c.name for c in plan.counties]
        zh = "县区"
    else:
        lookup = plan.indicator_lookup
        names = [i.name for i in plan.indicators]
        zh = "指标"
    resolved = []
    for value in values:
        found = lookup.get(value.strip())
        if found is None:
            near = suggest(value.strip(), names)
            hint_zh = f"（您是否要找：{'、'.join(near)}）" if near else ""
            hint_en = f" (did you mean {', '.join(near)}?)" if near else ""
            raise UsageError(
                f"{option}：未知{zh}“{value}”{hint_zh}；可用：{'、'.join(names)}",
                f"{option}: unknown {what} {value!r}{hint_en}; known: {', '.join(names)}",
            )
        resolved.append(found)
    return tuple(resolved)


CountyOfFileOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--county",
        metavar="COUNTY",
        help="The county of the files named before this option, when neither a column nor "
        "the title or the file name gives it.",
        show_default=False,
    ),
]


@app.command(cls=_OrderedCommand)
def validate(
    context: typer.Context,
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    task_returns: TaskReturnsOpt = None,
    sheet: SheetOpt = None,
    fmt: Annotated[
        DiagnosticFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (a table for people), json (a list of diagnostics) or github "
            "(::error annotations for CI).",
        ),
    ] = DiagnosticFormat.TEXT,
    as_of: AsOfOpt = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Figures that can hardly be right (a month above the whole target, a 万/亿 "
            "slip, a fractional count …) are errors, not warnings.",
        ),
    ] = False,
    require_complete: Annotated[
        bool,
        typer.Option(
            "--require-complete",
            help="A return due by the report month and missing is an error (for CI).",
        ),
    ] = False,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    county: CountyOfFileOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    """检查数据：计划文件与实绩数据 / check the plan files and actual figures.

    Reports every problem with file, line and column. Exit code 0: clean (warnings allowed);
    1: errors found; 2: usage error.
    """
    from dataclasses import replace

    from chuangye_cli.inputs import load
    from chuangye_cli.progress import report_month
    from chuangye_cli.reading import expand_paths
    from chuangye_cli.returns import missing_diagnostics, returns_status
    from chuangye_cli.taskreturns import read_task_returns, task_return_paths
    from chuangye_cli.views.diagnostics import diagnostics_document
    from chuangye_cli.writers import write

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        given = _given_files(context, period, county_option="--county")
        try:
            wanted = Period.parse(as_of) if as_of else None
        except ValueError as exc:
            raise UsageError(f"--as-of：{exc}", f"--as-of: {exc}") from None
        returns_paths = task_return_paths(inputs.data_dir, task_returns or ())
    loaded = load(inputs, sheet, given, engine=engine.value)
    diagnostics = list(loaded.diagnostics)
    checked = [str(inputs.targets), str(inputs.tasks)]
    if loaded.actuals is not None and loaded.plan is not None:
        checked += [str(p) for p in expand_paths(inputs.actuals)]
        try:
            month = report_month(loaded.plan, loaded.actuals, wanted)
        except ValueError:
            month = None
        status = returns_status(loaded.plan, loaded.actuals, month) if month else None
        if status is not None and require_complete:
            diagnostics += missing_diagnostics(status, required=True)
    else:
        checked.append(
            "（计划文件有错误，实绩数据未检查 / actuals not checked: the plan has errors）"
        )
    if strict:
        diagnostics = [
            replace(d, severity="error") if d.code is Code.ACTUALS_IMPLAUSIBLE else d
            for d in diagnostics
        ]
    if loaded.plan is not None:  # the task returns too
        diagnostics = [*diagnostics, *read_task_returns(returns_paths, loaded.plan)[1]]
        checked += [str(p) for p in expand_paths(returns_paths)]
    doc = diagnostics_document(diagnostics, checked, _State.lang)
    writer = {
        DiagnosticFormat.TEXT: "table",
        DiagnosticFormat.JSON: "json",
        DiagnosticFormat.GITHUB: "annotations",
    }[fmt]
    color, width = _terminal(None) if fmt is DiagnosticFormat.TEXT else (False, None)
    content = write(doc, writer, color=color, width=width)
    assert isinstance(content, str)
    typer.echo(content, nl=False)
    failed = any(d.severity == "error" for d in diagnostics)
    raise typer.Exit(EXIT_DATA if failed else EXIT_OK)


@app.command("returns", cls=_OrderedCommand)
def returns_command(
    context: typer.Context,
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    sheet: SheetOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    file_county: FileCountyOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    """报送情况：各县区、各单位逐月已报、未报、迟报、已更正 / who has reported which month."""
    from chuangye_cli.returns import returns_status
    from chuangye_cli.views.returns import returns_document

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs)
        given = _given_files(context, period)
        ctx = _load(inputs, sheet, as_of, None, given, engine)
        status = returns_status(ctx.plan, ctx.actuals, ctx.month)
        if status is None:
            raise UsageError(
                "计划文件未说明报送要求：请在 targets.yaml 中加上 reporting（见 README）",
                "the plan says nothing of returns: add `reporting` to targets.yaml (see README)",
            )
        doc = returns_document(ctx.plan, status, _State.lang)
    _write(doc, fmt.value, output)


@app.command(cls=_OrderedCommand)
def inspect(
    context: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="Returns to look at: .xlsx, .xls, .csv or .txt files (or folders of them).",
            show_default=False,
        ),
    ],
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    sheet: SheetOpt = None,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    county: CountyOfFileOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    """查看读取方式：每个文件、每个工作表如何被读取（表头、各列、月份和县区从何而来、读取与未读取的行）
    / how the tool reads each file."""
    from chuangye_cli.inputs import load
    from chuangye_cli.views.inspect import inspect_document

    with _exits():
        inputs = _inputs(data, targets, tasks, files)
        _check_output(output, inputs)
        given = _given_files(context, period, positional=True, county_option="--county")
        readings: list[Any] = []
        loaded = load(inputs, sheet, given, readings, engine=engine.value)
        if loaded.plan is None:
            raise DataError(loaded.diagnostics)
        doc = inspect_document(loaded.plan, readings, loaded.diagnostics, _State.lang)
    _write(doc, fmt.value, output)


@app.command()
def template(
    period: Annotated[
        str,
        typer.Option(
            "--period",
            metavar="YYYY-MM",
            help="The month the return is for.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE|DIR",
            help="The .xlsx file to write (with --county or --unit), or the folder (with --all).",
            show_default=False,
        ),
    ],
    county: Annotated[
        str | None,
        typer.Option(
            "--county",
            metavar="COUNTY",
            help="A county's monthly return (填报表): the county (name, division code, id or "
            "alias) it is for.",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool,
        typer.Option("--all", help="One 填报表 per reporting county (and 市直), into a folder."),
    ] = False,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help="A unit's task return (任务推进情况报送表): the unit (its name in tasks.yaml).",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks_file: TasksOpt = None,
    actuals: ActualsOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    """填报表：县区的月度报表（--county、--all）或责任单位的任务推进情况报送表（--unit）
    / the forms offices fill: a county's monthly return, or a unit's task return."""
    from chuangye_cli.inputs import load
    from chuangye_cli.task_template import task_template, template_tasks
    from chuangye_cli.templates import build_template, previous_totals

    with _exits():
        try:
            month = Period.parse(period)
        except ValueError as exc:
            raise UsageError(f"--period：{exc}", f"--period: {exc}") from None
        if sum((every, county is not None, unit is not None)) != 1:
            raise UsageError(
                "请给出 --county 县区（一个文件）、--all（每个县区一个文件）或 --unit 单位"
                "（任务推进情况报送表）",
                "give --county COUNTY (one file), --all (a file per county) or --unit UNIT "
                "(a task return)",
            )
        inputs = _inputs(data, targets, tasks_file, actuals)
        loaded = load(inputs, engine=engine.value)
        if loaded.plan is None:
            raise DataError(loaded.diagnostics)
        plan = loaded.plan
        if not plan.meta.start <= month <= plan.meta.end:
            raise UsageError(
                f"--period {month} 不在计划期 {plan.meta.start} – {plan.meta.end} 之内",
                f"--period {month} is outside the plan period {plan.meta.start} – {plan.meta.end}",
            )
        if unit is not None:
            _check_output(output, inputs)
            units = [u.name for u in plan.units]
            if unit not in units or not template_tasks(plan, unit):
                near = suggest(unit, units)
                raise UsageError(
                    f"--unit：“{unit}”不牵头也不配合任何任务"
                    + (f"（您是否要找：{'、'.join(near)}）" if near else ""),
                    f"--unit: {unit!r} neither leads nor cooperates on a task"
                    + (f" (did you mean {', '.join(near)}?)" if near else ""),
                )
            content = task_template(plan, unit, month)
        else:
            usable = loaded.actuals if not loaded.has_errors else None
            if every:
                reporting = plan.reporting
                ids = reporting.reporters if reporting else tuple(c.id for c in plan.counties)
                if output.exists() and not output.is_dir():
                    raise UsageError(
                        f"--output {output}：不是文件夹", f"--output {output}: not a folder"
                    )
            else:
                ids = _resolve([county or ""], plan, "county", "--county")
                _check_output(output, inputs)
            files = [
                build_template(plan, c, month, previous_totals(plan, usable, c, month)) for c in ids
            ]
    if unit is not None:
        _emit(content, output)
    elif every:
        output.mkdir(parents=True, exist_ok=True)
        for made in files:
            _emit(made.content, output / made.name)
    else:
        _emit(files[0].content, output)


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
