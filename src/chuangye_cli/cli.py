"""The command line: parse options, call the core, print, exit. Nothing else happens here.

Exit codes: 0 success; 1 the data has errors; 2 usage error (bad option, missing file).
"""

import gc
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from chuangye_cli import __version__
from chuangye_cli import completion as complete
from chuangye_cli.catalogue import Code
from chuangye_cli.choices import (
    TABULATE_FORMATS,
    DiagnosticFormat,
    DivisionLevel,
    Encoding,
    Engine,
    FailOn,
    Format,
    PlanPart,
    ReportFormat,
    SchemaFile,
    Selection,
    View,
)
from chuangye_cli.clihelp import App, Command, Group
from chuangye_cli.diagnostics import DataError, Diagnostic, UsageError, suggest, tally
from chuangye_cli.glyphs import for_encoding, protect
from chuangye_cli.i18n import State as _State
from chuangye_cli.i18n import bi
from chuangye_cli.periods import Period

if TYPE_CHECKING:  # the core is imported inside the commands: --help and --version stay fast
    from chuangye_cli.document import Document
    from chuangye_cli.domain import Actuals
    from chuangye_cli.inputs import Inputs, Loaded
    from chuangye_cli.plan import Plan
    from chuangye_cli.reading import Given, SheetReading
    from chuangye_cli.suspects import Doubts
    from chuangye_cli.taskledger import TaskReturns

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70

app = App(
    name="chuangye",
    cls=Group,
    help=bi(
        "行动计划进度：各指标、各县区、各责任单位对照序时进度的完成情况。\n\n"
        "全局选项 --lang、--quiet 可写在命令之前或之后，如 chuangye --lang en progress。",
        "Progress of an action plan's targets per indicator, county and responsible unit, "
        "against the time elapsed (序时进度).\n\n"
        "The global options --lang and --quiet may go before or after the command, as in "
        "chuangye --lang en progress.",
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COUNTY = bi("县区", "COUNTY")
INDICATOR = bi("指标", "INDICATOR")

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help=bi(
            "含 targets.yaml、tasks.yaml 与实绩（actuals.csv、actuals.xlsx 或 actuals/ 文件夹）的"
            "文件夹。默认：当前目录下的 data（其中有 targets.yaml 时），否则为随包附带的六安计划与"
            "合成示例数据。",
            "Folder with targets.yaml, tasks.yaml and the actual figures (actuals.csv, "
            "actuals.xlsx or an actuals/ folder). Default: ./data when it holds targets.yaml, "
            "else the 六安 plan and synthetic sample figures shipped with the package.",
        ),
        show_default=False,
    ),
]
TargetsOpt = Annotated[
    Path | None,
    typer.Option(
        "--targets",
        metavar="FILE",
        help=bi(
            "目标文件，代替 --data 中的 targets.yaml。",
            "Targets file, instead of the one in --data.",
        ),
        show_default=False,
    ),
]
TasksOpt = Annotated[
    Path | None,
    typer.Option(
        "--tasks",
        metavar="FILE",
        help=bi(
            "任务文件，代替 --data 中的 tasks.yaml。", "Tasks file, instead of the one in --data."
        ),
        show_default=False,
    ),
]
ActualsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--actuals",
        metavar="PATH",
        help=bi(
            "实绩数据：.csv 或 .xlsx 文件，或存放它们的文件夹；可重复；代替 --data 中的实绩。",
            "Actual figures: a .csv or .xlsx file or a folder of them; repeatable. "
            "Replaces the actuals in --data.",
        ),
        show_default=False,
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        metavar=bi("工作表", "SHEET"),
        help=bi(
            "读取 .xlsx 实绩中的哪个工作表（默认：第一个）。",
            "Worksheet to read in .xlsx actuals (default: the first).",
        ),
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM",
        help=bi(
            "报告期（月份）。默认：报表已基本到齐的最近月份（个别单位提前报送的更晚月份不算）。",
            "Report month. Default: the latest month whose returns are in (a few units' early "
            "returns of a later month do not count).",
        ),
        show_default=False,
    ),
]
YearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        metavar="YYYY",
        help=bi(
            "年度视图：该年新增对照该年度目标（未定义年度目标时为占全周期目标的比例）；"
            "序时进度 = 该年已过月数 ÷ 12。",
            "A yearly view: that year's additions against its yearly target (or, without "
            "one, its share of the whole-period target); 序时进度 = months elapsed in the year ÷ 12.",
        ),
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar=bi("格式", "FORMAT"),
        help=bi(
            "table 为终端表格；json、csv 供程序使用；xlsx 为 Excel 工作簿（需 --output）；"
            "markdown、html 及其余为报表格式。",
            "table is for people in a terminal; json and csv for programs; xlsx an Excel "
            "workbook (needs --output); markdown, html and the rest are report formats.",
        ),
    ),
]


def _county_option(zh: str, en: str) -> Any:
    """A command's --county (one county, completed from the plan), with its help."""
    return typer.Option(
        "--county",
        metavar=COUNTY,
        autocompletion=complete.counties,
        help=bi(zh, en),
        show_default=False,
    )


def _output_option(zh: str, en: str) -> Any:
    """The --output option, with its help."""
    return typer.Option("--output", "-o", metavar="FILE", help=bi(zh, en), show_default=False)


OutputOpt = Annotated[
    Path | None,
    _output_option(
        "写入此文件（原子替换），不输出到标准输出；未给出 --format 时按文件扩展名"
        "（.xlsx、.json、.csv、.md、.html 等）选择格式。",
        "Write to this file (atomically) instead of standard output; without --format, "
        "its suffix (.xlsx, .json, .csv, .md, .html and others) chooses the format.",
    ),
]
PlainOutputOpt = Annotated[
    Path | None,
    _output_option(
        "写入此文件（原子替换），不输出到标准输出。",
        "Write to this file (atomically) instead of standard output.",
    ),
]
EncodingOpt = Annotated[
    Encoding | None,
    typer.Option(
        "--encoding",
        metavar=bi("编码", "ENCODING"),
        help=bi(
            "文本的编码。写入 .csv、.tsv 文件默认 utf-8-sig（带 BOM，Excel、WPS 直接打开不乱码），"
            "其他文件默认 utf-8；gb18030 供只认 GBK 的旧软件。标准输出默认按终端编码、不带 BOM。",
            "Text encoding. CSV and TSV written to a file default to utf-8-sig (with a BOM, so "
            "that Excel and WPS open them correctly), other files to utf-8; gb18030 is for old "
            "software that reads only GBK. Standard output is in the console's encoding, "
            "without a BOM, unless this is given.",
        ),
        show_default=False,
    ),
]
TaskReturnsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--task-returns",
        metavar=bi("路径", "PATH"),
        help=bi(
            "任务推进情况报送：.csv 或 .xlsx 文件，或其所在文件夹；可重复。默认：--data 中的 "
            "task-returns/ 文件夹（如有）。",
            "Task returns: a .csv or .xlsx file or a folder of them; repeatable. Default: the "
            "task-returns/ folder of --data, when there is one.",
        ),
        show_default=False,
    ),
]
IndicatorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--indicator",
        metavar=INDICATOR,
        autocompletion=complete.indicators,
        help=bi(
            "只看此指标（代码或中文名称）；可重复。",
            "Only this indicator (id or Chinese name); repeatable.",
        ),
        show_default=False,
    ),
]
WithinOpt = Annotated[
    str | None,
    typer.Option(
        "--within",
        metavar=bi("地区", "DIVISION"),
        help=bi(
            "分级的计划中只看此单位所辖部分（如省内的一个市：名称、区划代码、代码或别名）：其实绩"
            "和目标为总体，其下级单位为各行，并在其间排名。",
            "In a plan whose divisions have parents: only the part under this division (a "
            "city of a province: name, division code, id or alias). Its figures and targets are "
            "the whole; its divisions are the rows, ranked among themselves.",
        ),
        show_default=False,
    ),
]
LevelOpt = Annotated[
    DivisionLevel | None,
    typer.Option(
        "--level",
        metavar="province|city|county",
        help=bi(
            "分级的计划中按此级别列示（在 --within 范围内）：实绩逐级汇总，上级单位自身的数据"
            "列为“本级”一行。默认：--within（或最高一级）的直接下级。",
            "In a plan whose divisions have parents: rows for the divisions of this level "
            "(within --within), their figures rolled up, with a row for the own figures of "
            "each division above it. Default: the divisions directly under --within (or under "
            "the top division).",
        ),
        show_default=False,
    ),
]


HeaderRowOpt = Annotated[
    list[int] | None,
    typer.Option(
        "--header-row",
        metavar="N",
        help=bi(
            "表头在此前所列文件的第 N 行（工具找不到表头时使用）。",
            "The header is on row N of the files named before this option (when the tool "
            "cannot find it).",
        ),
        show_default=False,
    ),
]
PeriodOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--period",
        metavar="YYYY-MM",
        help=bi(
            "此前所列文件的月份（表中无月份列、标题和文件名也未写明时使用）。",
            "The month of the files named before this option, when neither a column nor "
            "the title or the file name gives it.",
        ),
        show_default=False,
    ),
]
FileCountyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--file-county",
        metavar=COUNTY,
        help=bi(
            "此前所列文件的县区（表中无县区列、标题和文件名也未写明时使用）。",
            "The county of the files named before this option, when neither a column nor "
            "the title or the file name gives it.",
        ),
        show_default=False,
    ),
]
EngineOpt = Annotated[
    Engine,
    typer.Option(
        "--engine",
        metavar="auto|python|columnar",
        help=bi(
            "实绩数据的读取方式：python（逐行）、columnar（整齐的 UTF-8 CSV 成批读取，用 "
            "DuckDB），或 auto（2 MiB 起用 columnar）。结果相同。",
            "How actual figures are read: python (row by row), columnar (a tidy UTF-8 CSV in "
            "bulk, with DuckDB), or auto (columnar from 2 MiB on). The results are the same.",
        ),
        show_default=False,
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
        "--within",
        "--level",
        "--engine",
    }
)


class _OrderedCommand(Command):
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
) -> "dict[str, Given]":
    """What the user said about each file (see :mod:`chuangye_cli.arguments`)."""
    from chuangye_cli.arguments import given_by_file

    for text in periods or ():
        _month_option("--period", text)
    return given_by_file(
        context.meta.get("raw_args", []),
        positional=positional,
        value_options=VALUE_OPTIONS,
        county_option=county_option,
    )


def _fail(zh: str, en: str, code: int, *, usage: bool | None = None) -> NoReturn:
    """Say why and exit with ``code``; a usage error (exit 2, unless ``usage`` says otherwise)
    is labelled as such, as the option parser's own are."""
    if usage is None:
        usage = code == EXIT_USAGE
    if _State.lang == "en":
        typer.echo(f"chuangye: {'usage error' if usage else 'error'}: {en}", err=True)
    else:
        typer.echo(f"chuangye：{'用法错误' if usage else '错误'}：{zh}", err=True)
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
            "--version",
            help=bi("显示版本并退出。", "Show the version and exit."),
            callback=_version,
            is_eager=True,
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="zh|en",
            help=bi(
                "帮助、消息与报表的语言：zh（默认）或 en；也可用环境变量 CHUANGYE_LANG。",
                "Language of help, messages and reports: zh (the default) or en; also from "
                "the environment variable CHUANGYE_LANG.",
            ),
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help=bi(
                "安静模式，供脚本使用：标准输出只有数据，标准错误只有错误（不显示警告、读取进度与"
                "“已写入”提示；validate 只列错误）。",
                "Quiet, for scripts: only data on standard output and only errors on standard "
                "error (no warnings, no reading progress, no 'wrote FILE'; validate lists errors "
                "only).",
            ),
        ),
    ] = False,
) -> None:
    _State.quiet = quiet
    if lang is not None:
        if lang not in ("zh", "en"):
            _fail(
                f"--lang “{lang}” 不是可选值；可选：zh、en",
                f"--lang {lang!r} is not one of: zh, en",
                EXIT_USAGE,
            )
        _State.lang = "en" if lang == "en" else "zh"


def _terminal(output: Path | None) -> tuple[bool, int | None]:
    """(colour?, width) for human output: colour only on a terminal and without NO_COLOR; the
    terminal's width, or off a terminal $COLUMNS when it is set (else the writer's default)."""
    if output is not None:
        return False, None
    if not sys.stdout.isatty():
        columns = os.environ.get("COLUMNS", "")
        return False, int(columns) if columns.isdigit() and int(columns) > 0 else None
    return not os.environ.get("NO_COLOR"), shutil.get_terminal_size().columns


def _check_output(
    output: Path | None, inputs: "Inputs | None", context: typer.Context | None = None
) -> None:
    """Refuse, before any work, an output file that is one of the inputs, or whose name and
    ``--format`` disagree (given the command's ``context``)."""
    if output is not None and context is not None and "fmt" in context.params:
        _output_format(context.params["fmt"], output, context)
    if output is None or inputs is None:
        return
    from chuangye_cli.atomic import OutputRefused, check_output
    from chuangye_cli.reading import expand_paths

    try:
        check_output(output, [inputs.targets, inputs.tasks, *expand_paths(inputs.actuals)])
    except OutputRefused as exc:
        raise UsageError(exc.zh, exc.en) from None


TABLE_FILES = frozenset({"csv", "tsv"})  # opened by spreadsheets: a BOM by default


def _encoded(content: str, fmt: str, encoding: Encoding | None) -> bytes:
    """Text for a file: the encoding asked for, else UTF-8 with a BOM for CSV and TSV (what
    Excel and WPS on Chinese Windows need to read UTF-8), else plain UTF-8."""
    chosen = encoding or (Encoding.UTF8_SIG if fmt in TABLE_FILES else Encoding.UTF8)
    return content.encode(chosen.value)


def _emit(
    content: str | bytes, output: Path | None, fmt: str = "", encoding: Encoding | None = None
) -> None:
    """Print the report, or write it to ``output`` (atomically where that is possible)."""
    if output is None:
        if isinstance(content, bytes):
            _fail(
                "这种格式是二进制文件：请用 --output FILE 指定文件",
                "this format is binary: give --output FILE",
                EXIT_USAGE,
            )
        aligned = fmt == "table" or (fmt in TABULATE_FORMATS and fmt != Format.TSV)
        if encoding is not None:  # bytes as asked, whatever the console's encoding
            text = for_encoding(content, encoding.value, aligned=aligned)
            typer.echo(text.encode(encoding.value), nl=False)
        else:
            stdout = getattr(sys.stdout, "encoding", None)
            typer.echo(for_encoding(content, stdout, aligned=aligned), nl=False)
        return
    from chuangye_cli.atomic import OutputRefused, write_output

    try:
        write_output(
            output, _encoded(content, fmt, encoding) if isinstance(content, str) else content
        )
    except OutputRefused as exc:
        _fail(exc.zh, exc.en, EXIT_USAGE)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        _fail(
            f"无法写入 {output}：{reason}",
            f"cannot write {output}: {reason}",
            EXIT_USAGE,
            usage=False,
        )
    if not _State.quiet:
        typer.echo(f"已写入 {output}" if _State.lang == "zh" else f"wrote {output}", err=True)


def _report_warnings(diagnostics: list[Diagnostic]) -> None:
    warnings = [d for d in diagnostics if d.severity == "warning"]
    if warnings and not _State.quiet:
        typer.echo("".join(d.line_text(_State.lang) + "\n" for d in warnings), err=True, nl=False)


@contextmanager
def _exits() -> Iterator[None]:
    """Turn the core's refusals into messages and exit codes: usage 2, bad data 1."""
    try:
        yield
    except UsageError as exc:
        _fail(exc.message("zh"), exc.message("en"), EXIT_USAGE)
    except DataError as exc:
        lang = _State.lang
        typer.echo("".join(d.line_text(lang) + "\n" for d in exc.diagnostics), err=True, nl=False)
        errors, _ = tally(exc.diagnostics)
        _fail(
            f"数据有 {errors} 个错误，未作计算（运行 `chuangye validate` 可列表查看）",
            f"{errors} error(s) in the data; nothing was computed "
            "(run `chuangye validate` for a table)",
            EXIT_DATA,
        )


@dataclass(frozen=True)
class _Context:
    plan: "Plan"
    actuals: "Actuals"
    month: Period
    # the figures the load's warnings doubt, by the plan they were read with (a view of it,
    # made by _scope, keeps them)
    doubts: "Doubts"
    errors: int = 0  # errors in the returns, when the command goes on despite them


def _inputs(
    data: Path | None,
    targets: Path | None,
    tasks: Path | None,
    actuals: list[Path] | None,
) -> "Inputs":
    from chuangye_cli.inputs import resolve_inputs

    return resolve_inputs(data, targets, tasks, actuals or ())


def _reading(
    inputs: "Inputs",
    sheet: str | None,
    given: "Mapping[str, Given] | None" = None,
    readings: "list[SheetReading] | None" = None,
    *,
    engine: Engine = Engine.AUTO,
) -> "Loaded":
    """Load the inputs, with a progress display on a terminal's standard error."""
    from chuangye_cli.inputs import load
    from chuangye_cli.meter import meter_for

    meter = meter_for(sys.stderr, _State.lang, _State.quiet)
    try:
        return load(inputs, sheet, given, readings, on_rows=meter, engine=engine.value)
    finally:
        if meter is not None:
            meter.close()


def _month_option(option: str, text: str) -> Period:
    """The month an option gives, or a usage error in both languages."""
    from chuangye_cli.periods import PeriodError

    try:
        return Period.parse(text)
    except PeriodError as exc:
        if exc.month is not None:
            zh = f"“{text}” 中的月份 {exc.month} 不在 1-12 之间"
        elif exc.ambiguous:
            zh = f"“{text}” 有歧义：可能是1月，也可能是被存成数字的10月；请写成 YYYY-MM"
        else:
            zh = f"“{text}” 不是月份：请写成 YYYY-MM（如 2020-06）"
        raise UsageError(f"{option}：{zh}", f"{option}: {exc}") from None


def _load(
    inputs: "Inputs",
    sheet: str | None,
    as_of: str | None,
    year: int | None = None,
    given: "Mapping[str, Given] | None" = None,
    engine: Engine = Engine.AUTO,
    *,
    despite_errors: bool = False,
) -> _Context:
    """Load and check everything; refuse data with errors (unless ``despite_errors``: errors
    in the returns only, said on standard error and counted in the context); settle the
    report month."""
    from chuangye_cli.diagnostics import make
    from chuangye_cli.suspects import doubts_of

    wanted = _month_option("--as-of", as_of) if as_of else None
    loaded = _reading(inputs, sheet, given, engine=engine)
    if loaded.plan is None or loaded.actuals is None or (loaded.has_errors and not despite_errors):
        raise DataError(loaded.diagnostics)
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if errors:
        typer.echo("".join(d.line_text(_State.lang) + "\n" for d in errors), err=True, nl=False)
    diagnostics = list(loaded.diagnostics)
    month = _report_month(loaded.plan, loaded.actuals, wanted, year)
    latest = loaded.actuals.latest
    if latest is not None and month > latest:
        diagnostics.append(
            make(Code.REPORT_AFTER_DATA, month=month.label_zh, latest=latest.label_zh)
        )
    diagnostics += _early_returns(loaded.plan, loaded.actuals, month, year, wanted is not None)
    _report_warnings(diagnostics)
    doubts = doubts_of(diagnostics, loaded.plan)
    return _Context(loaded.plan, loaded.actuals, month, doubts, len(errors))


def _early_returns(
    plan: "Plan", actuals: "Actuals", month: Period, year: int | None, asked: bool = False
) -> list[Diagnostic]:
    """A warning when the report month is after the month whose returns are in (a month asked
    for with --as-of, or the year's window: who sent the report month's), or when the default
    report month is not the latest month of figures in its window (a few early returns: who
    sent the later months; not said of a month ``asked`` for)."""
    from chuangye_cli.diagnostics import make
    from chuangye_cli.progress import returns_sent, usual_month, window

    latest = actuals.latest
    if latest is None:
        return []
    latest = min(latest, window(plan, year)[1])
    sent = returns_sent(plan, actuals)
    usual = usual_month(sent)
    if usual is not None and month > usual:  # (a year's view of a month still coming in)
        who = sent.of(month.index)
        variant = "few"
    elif month < latest and not asked:
        who = [name for name, last in sent.latest if last > month.index]
        variant = ""
    else:
        return []
    return [
        make(
            Code.REPORT_EARLY_RETURNS,
            variant=variant,
            month=month.label_zh,
            period=str(month),
            who="、".join(who) if len(who) <= 3 else f"{len(who)}个单位",
            who_en=", ".join(who) if len(who) <= 3 else f"{len(who)} units",
            latest_arg=str(latest),
        )
    ]


def _report_month(
    plan: "Plan", actuals: "Actuals", wanted: Period | None, year: int | None
) -> Period:
    """The report month, or a usage error that says (in both languages) why there is none."""
    from chuangye_cli.progress import report_month, window

    meta = plan.meta
    try:
        first, last = window(plan, year)
    except ValueError as exc:
        raise UsageError(
            f"--year {year}：不在计划年份 {meta.start.year}-{meta.end.year} 之内", str(exc)
        ) from None
    try:
        return report_month(plan, actuals, wanted, year)
    except ValueError as exc:
        where = f"{year}年" if year is not None else "计划期"
        latest = actuals.latest
        if wanted is not None:
            zh = f"--as-of {wanted}：不在{where}（{first} – {last}）之内"
        elif latest is None:
            zh = "没有可报告的实绩数据：请用 --as-of YYYY-MM 指定报告期"
        else:
            zh = f"{where}还没有实绩数据（最新为 {latest}）"
        raise UsageError(zh, str(exc)) from None


_FORMAT_NAMES = {"md": "markdown"}  # what the writers call a format given by another name
# the format a file name says (when --format is not given)
_SUFFIX_FORMATS = {
    ".xlsx": "xlsx",
    ".docx": "docx",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def _output_format(fmt: str, output: Path | None, context: typer.Context | None) -> str:
    """The format to write: ``--format`` when given; else the one the ``--output`` file's name
    says (进度.xlsx: a workbook, not a table of text in a file Excel cannot open), when it is
    one of ``fmt``'s choices (``fmt``: a member of the command's format enum). A binary format
    that the name and ``--format`` disagree on is a usage error."""
    from chuangye_cli.writers import BINARY

    implied = _SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None
    if implied is None or context is None:
        return _FORMAT_NAMES.get(str(fmt), str(fmt))
    source = context.get_parameter_source("fmt")
    given = source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")
    choices = [m.value for m in type(fmt)] if isinstance(fmt, StrEnum) else [fmt]
    if given:
        wanted = _FORMAT_NAMES.get(str(fmt), str(fmt))
        if implied != wanted and (implied in BINARY or wanted in BINARY):
            suffix = output.suffix if output is not None else ""
            raise UsageError(
                f"--output {output}：文件名是 {suffix} 文件，但 --format 为 {fmt}",
                f"--output {output}: the name is a {suffix} file but --format is {fmt}",
            )
        return wanted
    if implied not in choices:
        raise UsageError(
            f"--output {output}：此命令不能写 {implied}；请用 --format 选择：" + "、".join(choices),
            f"--output {output}: this command does not write {implied}; choose with --format: "
            + ", ".join(choices),
        )
    return implied


def _write(
    doc: "Document",
    fmt: str,
    output: Path | None,
    encoding: Encoding | None = None,
    context: typer.Context | None = None,
) -> None:
    """Write ``doc`` in ``fmt`` (or in the format the output file's name says, when the
    command's ``context`` shows no --format was given)."""
    from chuangye_cli.writers import BINARY, write

    with _exits():
        fmt = _output_format(fmt, output, context)
    if fmt in BINARY and output is None:
        _fail(
            f"--format {fmt} 写出的是二进制文件：请用 --output FILE 指定文件",
            f"--format {fmt} writes a binary file: give --output FILE",
            EXIT_USAGE,
        )
    color, width = _terminal(output) if fmt == "table" else (False, None)
    _emit(write(doc, fmt, color=color, width=width), output, fmt, encoding)


@app.command(
    cls=_OrderedCommand,
    help=bi(
        "完成情况：各指标（或各县区、责任单位、任务）的目标、累计完成、完成率、序时进度与状态。",
        "Completion per indicator (or county, responsible unit, task): target, to date, "
        "completion, time elapsed and status.",
    ),
)
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
            metavar=bi("视图", "VIEW"),
            help=bi(
                "每行一个指标、县区×指标、责任单位或任务。默认：indicator；给出 --county 时为 county。",
                "Rows per indicator, county × indicator, responsible unit or task. Default: "
                "indicator, or county when --county is given.",
            ),
            show_default=False,
        ),
    ] = None,
    county: Annotated[
        list[str] | None,
        typer.Option(
            "--county",
            metavar=COUNTY,
            autocompletion=complete.counties,
            help=bi(
                "县区视图中只看此县区（名称、区划代码、代码或别名）；可重复。",
                "Only this county (name, division code, id or alias) in the county view; "
                "repeatable.",
            ),
            show_default=False,
        ),
    ] = None,
    indicator: IndicatorOpt = None,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    file_county: FileCountyOpt = None,
    within: WithinOpt = None,
    level: LevelOpt = None,
    encoding: EncodingOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    from chuangye_cli.progress import compute
    from chuangye_cli.views.progress import progress_document

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs, context)
        given = _given_files(context, period)
        ctx = _load(inputs, sheet, as_of, year, given, engine)
        view = by or (View.COUNTY if county or level else View.INDICATOR)
        if county and view is not View.COUNTY:
            raise UsageError(
                "--county 只用于县区视图：请与 --by county 一起使用",
                "--county selects rows of the county view: use it with --by county",
            )
        if level and view is not View.COUNTY:
            raise UsageError(
                "--level 只用于县区视图：请与 --by county 一起使用",
                "--level sets the rows of the county view: use it with --by county",
            )
        if county and level is None and within is None and ctx.plan.hierarchy is not None:
            named = _resolve(county, ctx.plan, "county", "--county")
            found = {ctx.plan.hierarchy.levels[c] for c in named}
            if len(found) > 1:
                raise UsageError(
                    "--county：所选单位不在同一层级：请用 --level 选定层级",
                    "--county: the divisions named are of different levels: choose one "
                    "with --level",
                )
            level = DivisionLevel(found.pop())
        ctx = _scope(ctx, within, level)
        selection = Selection(
            by=view,
            counties=_resolve(county, ctx.plan, "county", "--county"),
            indicators=_resolve(indicator, ctx.plan, "indicator", "--indicator"),
        )
        doc = progress_document(
            compute(ctx.plan, ctx.actuals, ctx.month, year), selection, _State.lang, ctx.doubts
        )
    _write(doc, fmt, output, encoding, context)


@app.command(
    cls=_OrderedCommand,
    help=bi(
        "逐月走势：当月新增、累计、完成率、序时进度、环比、同比。",
        "Month-by-month history: the month's addition, total to date, completion, time "
        "elapsed, month on month and year on year.",
    ),
)
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
            metavar=INDICATOR,
            autocompletion=complete.indicators,
            help=bi(
                "只看一个指标（代码或中文名称），每月一行。默认：全部指标，每个一行，附月度新增走势。",
                "One indicator (id or Chinese name): a row per month. Default: every indicator, "
                "a line each with a sparkline of the monthly additions.",
            ),
            show_default=False,
        ),
    ] = None,
    county: Annotated[
        str | None,
        _county_option(
            "只看一个县区（名称、区划代码、代码或别名）。默认：全市。",
            "One county (name, division code, id or alias). Default: the whole city.",
        ),
    ] = None,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    file_county: FileCountyOpt = None,
    within: WithinOpt = None,
    encoding: EncodingOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    from chuangye_cli.returns import returns_status
    from chuangye_cli.suspects import in_view
    from chuangye_cli.trend import trend as trend_of
    from chuangye_cli.views.trend import trend_document

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs, context)
        given = _given_files(context, period)
        ctx = _scope(_load(inputs, sheet, as_of, None, given, engine), within, county=county)
        ids = (
            _resolve([indicator], ctx.plan, "indicator", "--indicator")
            if indicator
            else tuple(i.id for i in ctx.plan.indicators)
        )
        county_id = _row(ctx.plan, county)
        # a county's months whose total lacks a return are not judged
        returns = returns_status(ctx.plan, ctx.actuals, ctx.month) if county_id else None
        trends = [trend_of(ctx.plan, ctx.actuals, i, ctx.month, county_id, returns) for i in ids]
        shown = ctx.doubts.shown(
            ctx.month,
            divisions=in_view(ctx.plan, [county_id] if county_id else None),
            indicators=ids if indicator else None,
        )
        doc = trend_document(ctx.plan, trends, _State.lang, shown)
    _write(doc, fmt, output, encoding, context)


@app.command(
    "warnings",
    cls=_OrderedCommand,
    help=bi(
        "预警：未报送、滞后于序时进度、时间过半任务未过半、按近期进度难以完成，以及县区红黑榜。",
        "What lags: missing returns, behind the time elapsed, half the time but not half the "
        "target, not reachable at the recent pace, and the county rankings.",
    ),
)
def warnings_command(
    context: typer.Context,
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    actuals: ActualsOpt = None,
    sheet: SheetOpt = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    county: Annotated[
        str | None,
        _county_option(
            "只列此县区的预警（名称、区划代码、代码或别名）；排名不限于此县区。",
            "Only this county's warnings (name, division code, id or alias); the rankings "
            "are not limited to it.",
        ),
    ] = None,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            metavar=bi("颜色", "COLOUR"),
            help=bi(
                "发现该颜色（或更严重）的预警时退出码为 1，供 CI 使用；不给出时退出码总是 0。",
                "Exit 1 when a warning of this colour (or worse) is found, for CI. "
                "Without it the exit code is 0 whatever is found.",
            ),
            show_default=False,
        ),
    ] = None,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    file_county: FileCountyOpt = None,
    within: WithinOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    from chuangye_cli.alerts import LEVEL_ORDER, compute_alerts
    from chuangye_cli.memory import remember
    from chuangye_cli.progress import compute
    from chuangye_cli.views.alerts import alerts_document, of_county

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs, context)
        given = _given_files(context, period)
        ctx = _scope(_load(inputs, sheet, as_of, year, given, engine), within, county=county)
        county_id = _row(ctx.plan, county)
        found = remember(
            ctx.plan,
            ctx.actuals,
            compute_alerts(ctx.plan, ctx.actuals, compute(ctx.plan, ctx.actuals, ctx.month, year)),
        )
        doc = alerts_document(found, _State.lang, ctx.doubts, county_id)
    _write(doc, fmt, output, encoding, context)
    if fail_on is not None and any(
        LEVEL_ORDER[a.level] <= LEVEL_ORDER[fail_on.value] for a in of_county(found, county_id)
    ):
        raise typer.Exit(EXIT_DATA)


@app.command(
    cls=_OrderedCommand,
    help=bi(
        "月度通报：总体情况、报送情况、指标、县区、任务推进、预警、红黑榜、走势与数据来源，一个文件"
        "（md、html、xlsx 或 docx 公文）。",
        "The monthly bulletin in one file (md, html, xlsx or an official docx): summary, returns, "
        "indicators, counties, tasks, warnings, rankings, trends and sources.",
    ),
)
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
            metavar=COUNTY,
            help=bi(
                "某县区自己的通报（名称、区划代码、代码或别名）：其指标、排名与预警。",
                "One county's own bulletin (name, division code, id or alias): its indicators, "
                "its ranks, its warnings.",
            ),
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            metavar=bi("格式", "FORMAT"),
            help=bi(
                "md（Markdown）、html（单个自包含网页，可按 A4 打印）、xlsx（每个视图一个工作表）"
                "或 docx（GB/T 9704 版式的公文）；xlsx 和 docx 需 --output。",
                "md (Markdown), html (one self-contained page, printable on A4), xlsx "
                "(one sheet per view) or docx (an official document in the GB/T 9704 layout); "
                "xlsx and docx need --output.",
            ),
        ),
    ] = ReportFormat.MD,
    output: OutputOpt = None,
    generated_at: Annotated[
        str | None,
        typer.Option(
            "--generated-at",
            metavar="YYYY-MM-DDTHH:MM",
            help=bi(
                "作为“生成时间”印在通报上的时间（xlsx 和 docx 中也作文档日期）。不给出时通报不含"
                "时间，相同输入得到相同字节。",
                "A time to print as 生成时间 (and, in xlsx and docx, as the document's date). "
                "Without it the report holds no time, so the same inputs give the same bytes.",
            ),
            show_default=False,
        ),
    ] = None,
    issued: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help=bi(
                "落款的成文日期。默认：--generated-at 的日期，否则为报告期的下一个月，日留空待签发时"
                "填写。",
                "The date under the signature. Default: the date of --generated-at, else the "
                "month after the report month with the day left blank for the signer.",
            ),
            show_default=False,
        ),
    ] = None,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    file_county: FileCountyOpt = None,
    within: WithinOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    from datetime import date, datetime

    from chuangye_cli.bulletin import build_bulletin
    from chuangye_cli.views.bulletin import bulletin_document

    if fmt in (ReportFormat.XLSX, ReportFormat.DOCX) and output is None:
        _fail(
            f"--format {fmt.value} 写出的是二进制文件：请用 --output FILE.{fmt.value} 指定文件",
            f"--format {fmt.value} writes a binary file: give --output FILE.{fmt.value}",
            EXIT_USAGE,
        )
    if generated_at is not None:
        try:
            datetime.fromisoformat(generated_at)
        except ValueError:
            _fail(
                f"--generated-at “{generated_at}” 不是 ISO 日期时间（如 2020-07-05T09:00）",
                f"--generated-at {generated_at!r} is not an ISO date-time",
                EXIT_USAGE,
            )
    day = None
    if issued is not None:
        try:
            day = date.fromisoformat(issued)
        except ValueError:
            _fail(
                f"--date “{issued}” 不是日期（YYYY-MM-DD）",
                f"--date {issued!r} is not a date (YYYY-MM-DD)",
                EXIT_USAGE,
            )
    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs, context)
        given = _given_files(context, period)
        ctx = _scope(_load(inputs, sheet, as_of, year, given, engine), within, county=county)
        county_id = _row(ctx.plan, county)
        bulletin = build_bulletin(
            ctx.plan,
            ctx.actuals,
            ctx.month,
            generated_at,
            year=year,
            county=county_id,
            task_returns=_task_returns(inputs, task_returns, ctx.plan),
            issued=day,
            doubts=ctx.doubts,
        )
        doc = bulletin_document(bulletin, _State.lang)
    _write(
        doc,
        fmt,
        output,
        context=context,
    )


def _task_returns(inputs: "Inputs", given: list[Path] | None, plan: "Plan") -> "TaskReturns":
    """Read the task returns; refuse them when they have errors, print their warnings."""
    from chuangye_cli.taskreturns import read_task_returns, task_return_paths

    returns, found = read_task_returns(task_return_paths(inputs.data_dir, given or ()), plan)
    if any(d.severity == "error" for d in found):
        raise DataError(found)
    _report_warnings(found)
    return returns


@app.command(
    "tasks",
    help=bi(
        "任务台账：各任务牵头单位的最新进展、时间节点、逾期、未报送、可销号。",
        "The task ledger: each task's lead units with their latest progress, milestones, "
        "overdue, not reported and closable.",
    ),
)
def tasks_command(
    context: typer.Context,
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
            "--unit",
            metavar=bi("单位", "UNIT"),
            help=bi(
                "只看此牵头单位（tasks.yaml 中的名称）。",
                "Only this lead unit (its name in tasks.yaml).",
            ),
            show_default=False,
        ),
    ] = None,
    task: Annotated[
        list[int] | None,
        typer.Option(
            "--task",
            metavar="N",
            help=bi("只看第 N 项任务；可重复。", "Only task number N; repeatable."),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    from chuangye_cli.progress import compute
    from chuangye_cli.taskledger import compute_ledger
    from chuangye_cli.views.tasks import tasks_document

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs, context)
        ctx = _load(inputs, sheet, as_of, engine=engine)
        _check_unit_and_tasks(ctx.plan, unit, task or [])
        returns = _task_returns(inputs, task_returns, ctx.plan)
        ledger = compute_ledger(ctx.plan, returns, compute(ctx.plan, ctx.actuals, ctx.month))
        doc = tasks_document(ledger, unit, task or [], _State.lang)
    _write(doc, fmt, output, context=context)


def _plan_only(inputs: "Inputs") -> "Plan":
    """The plan files alone, refused when they have errors."""
    from chuangye_cli.plan import load_plan

    plan, found = load_plan(inputs.targets, inputs.tasks)
    if plan is None:
        raise DataError(found)
    _report_warnings(found)
    return plan


def _check_unit_and_tasks(plan: "Plan", unit: str | None, numbers: Sequence[int]) -> None:
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


@app.command(
    "plan",
    help=bi(
        "计划一览：指标（代码、名称、目标、单位、流量/存量、上报单位、别名）、县区（名称、区划代码、"
        "代码、别名）、责任单位及其牵头和配合的任务、工作任务。只读计划文件，不读实绩。",
        "The plan at a glance: indicators (id, name, target, unit, flow or stock, reporting "
        "unit, aliases), counties (name, division code, id, aliases), responsible units with "
        "the tasks they lead and support, and the tasks. Reads the plan files only.",
    ),
)
def plan_command(
    context: typer.Context,
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
    show: Annotated[
        list[PlanPart] | None,
        typer.Option(
            "--show",
            metavar=bi("部分", "PART"),
            help=bi(
                "只显示这一部分；可重复。默认：全部。CSV 只写第一部分。",
                "Show only this part; repeatable. Default: all. CSV holds the first part only.",
            ),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
) -> None:
    from chuangye_cli.plan import load_plan
    from chuangye_cli.views.plan import plan_document

    with _exits():
        inputs = _inputs(data, targets, tasks, None)
        _check_output(output, inputs, context)
        loaded, diagnostics = load_plan(inputs.targets, inputs.tasks)
        if loaded is None:
            raise DataError(diagnostics)
        _report_warnings(diagnostics)
        doc = plan_document(loaded, show or (), _State.lang)
    _write(doc, fmt, output, encoding, context)


@app.command(
    "schema",
    help=bi(
        "输出计划文件的 JSON Schema（含中文说明），供编辑器提示和检查：在 YAML 文件第一行写 "
        "# yaml-language-server: $schema=targets.schema.json。",
        "Write the JSON Schema of a plan file (with Chinese descriptions) for editors and "
        "checks: put # yaml-language-server: $schema=targets.schema.json on the YAML file's "
        "first line.",
    ),
)
def schema_command(
    which: Annotated[
        SchemaFile,
        typer.Argument(
            metavar="targets|tasks",
            help=bi("哪个文件：targets 或 tasks。", "Which file: targets or tasks."),
            show_default=False,
        ),
    ],
    output: PlainOutputOpt = None,
) -> None:
    from chuangye_cli.schema import schema_text

    _emit(schema_text(which), output)


@app.command(
    "completion",
    help=bi(
        "输出 shell 补全脚本（bash、zsh、fish、PowerShell）：补全命令、选项、可选值以及县区和"
        "指标名称。安装方法见 README。",
        "Write the shell completion script (bash, zsh, fish, PowerShell): commands, options, "
        "choices, and county and indicator names. How to install it: see the README.",
    ),
)
def completion_command(
    shell: Annotated[
        complete.Shell,
        typer.Argument(
            metavar="bash|zsh|fish|powershell",
            help=bi("哪种 shell。", "Which shell."),
            show_default=False,
        ),
    ],
) -> None:
    typer.echo(complete.script(shell))


def _resolve(values: Sequence[str] | None, plan: "Plan", what: str, option: str) -> tuple[str, ...]:
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
            if what == "county" and plan.scope is not None:
                raise UsageError(
                    f"{option}：“{value}”不是此视图（{plan.scope.area}）中的一行{hint_zh}；"
                    f"可用：{'、'.join(names)}（可用 --within 或 --level 选择视图）",
                    f"{option}: {value!r} is not a row of this view ({plan.scope.area})"
                    f"{hint_en}; rows: {', '.join(names)} (choose the view with --within or "
                    "--level)",
                )
            raise UsageError(
                f"{option}：未知{zh}“{value}”{hint_zh}；可用：{'、'.join(names)}",
                f"{option}: unknown {what} {value!r}{hint_en}; known: {', '.join(names)}",
            )
        resolved.append(found)
    return tuple(resolved)


def _scope(
    ctx: _Context,
    within: str | None,
    level: DivisionLevel | None = None,
    county: str | None = None,
) -> _Context:
    """The view of a plan whose divisions have parents (see :mod:`chuangye_cli.scope`): the
    part under ``within`` (else the whole), rows of ``level``; with ``county`` (and no
    ``within``), the part its parent heads, so that it is one of the rows. A flat plan is
    returned as it is."""
    from chuangye_cli.scope import scoped

    plan = ctx.plan
    within_id = _resolve([within], plan, "county", "--within")[0] if within else None
    h = plan.hierarchy
    if h is None:
        if within_id is not None:
            name = plan.county(within_id).name
            raise UsageError(
                f"--within：{name}没有下级单位（计划中的单位未分上下级）",
                f"--within: {name} has no divisions under it (the plan's divisions have no "
                "parents)",
            )
        if level not in (None, DivisionLevel.COUNTY):
            raise UsageError(
                f"--level {level}：计划中的单位未分上下级，均为县级",
                f"--level {level}: the plan's divisions have no parents; all are county level",
            )
        return ctx
    if county is not None and within_id is None and level is None:
        county_id = _resolve([county], plan, "county", "--county")[0]
        within_id = h.parents.get(county_id)
        if within_id is None and county_id == h.root:
            within_id = county_id
    derived, actuals = scoped(plan, ctx.actuals, within_id, level.value if level else None)
    return _Context(derived, actuals, ctx.month, ctx.doubts, ctx.errors)


def _row(plan: "Plan", county: str | None) -> str | None:
    """The row ``--county`` names; None for none, or for the division a view is of."""
    if county is None or (plan.scope is not None and county.strip() in plan.scope.area_names):
        return None
    return _resolve([county], plan, "county", "--county")[0]


CountyOfFileOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--county",
        metavar=COUNTY,
        help=bi(
            "此前所列文件的县区（表中无县区列、标题和文件名也未写明时使用）。",
            "The county of the files named before this option, when neither a column nor "
            "the title or the file name gives it.",
        ),
        show_default=False,
    ),
]


@app.command(
    cls=_OrderedCommand,
    help=bi(
        "检查计划文件与实绩数据，列出每个问题及其文件、行、列。\n\n"
        "退出码：0 无错误（可有警告）；1 有错误；2 用法错误。",
        "Check the plan files and actual figures; every problem with its file, line and "
        "column.\n\nExit code 0: no errors (warnings allowed); 1: errors found; 2: usage error.",
    ),
)
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
            metavar=bi("格式", "FORMAT"),
            help=bi(
                "text（给人看的表格）、json（诊断列表）或 github（CI 用的 ::error 注释）。",
                "text (a table for people), json (a list of diagnostics) or github "
                "(::error annotations for CI).",
            ),
        ),
    ] = DiagnosticFormat.TEXT,
    as_of: AsOfOpt = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help=bi(
                "把不大可能对的数字（一个月超过整个目标、万/亿错位、计数带小数、本月与累计对不上、累计数下降等）作为错误而非警告。",
                "Figures that can hardly be right (a month above the whole target, a slip of "
                "ten thousand, a fractional count, a month that disagrees with its running total, "
                "a running total that falls and the like) are errors, not warnings.",
            ),
        ),
    ] = False,
    require_complete: Annotated[
        bool,
        typer.Option(
            "--require-complete",
            help=bi(
                "截至报告期应报未报的报表、缺少此前报送指标的报表作为错误（供 CI 使用）。",
                "A return due by the report month and missing, or lacking a figure its county "
                "gave before, is an error (for CI).",
            ),
        ),
    ] = False,
    header_row: HeaderRowOpt = None,
    period: PeriodOpt = None,
    county: CountyOfFileOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    from chuangye_cli.diagnostics import SUSPECT_CODES, strictly
    from chuangye_cli.progress import report_month
    from chuangye_cli.reading import expand_paths
    from chuangye_cli.returns import (
        missing_diagnostics,
        partial_diagnostics,
        returns_status,
        returns_to_date,
        with_unread,
    )
    from chuangye_cli.taskreturns import read_task_returns, task_return_paths
    from chuangye_cli.views.diagnostics import diagnostics_document
    from chuangye_cli.writers import write

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        given = _given_files(context, period, county_option="--county")
        wanted = _month_option("--as-of", as_of) if as_of else None
        returns_paths = task_return_paths(inputs.data_dir, task_returns or ())
    loaded = _reading(inputs, sheet, given, engine=engine)
    diagnostics = list(loaded.diagnostics)
    checked = [str(inputs.targets), str(inputs.tasks)]
    if loaded.actuals is not None and loaded.plan is not None:
        checked += [str(p) for p in expand_paths(inputs.actuals)]
        try:
            month = report_month(loaded.plan, loaded.actuals, wanted)
        except ValueError:
            month = None
        status = returns_status(loaded.plan, loaded.actuals, month) if month else None
        if status is not None:  # a figure a return lacks: a warning; a missing return too
            # when the data folder's returns are checked, not files named by --actuals (both
            # errors under --require-complete)
            lacking = partial_diagnostics(status, loaded.plan, required=require_complete)
            # an early return, of a month after the report month, is checked too (what a
            # return lacks is judged as of the report month: a later 1-N月累计 makes up for
            # a month in a later view only)
            later = returns_to_date(loaded.plan, loaded.actuals)
            if later is not None and month is not None and later.as_of > month:
                early = {k: tuple(m for m in v if m > month) for k, v in later.partial.items()}
                lacking += partial_diagnostics(
                    replace(later, partial=early), loaded.plan, required=require_complete
                )
            missing = (
                missing_diagnostics(status, required=require_complete)
                if require_complete or not actuals
                else []
            )
            diagnostics += missing + with_unread(lacking, diagnostics)
    else:
        checked.append(
            "(actuals not checked: the plan has errors)"
            if _State.lang == "en"
            else "（计划文件有错误，实绩数据未检查）"
        )
    if strict:
        diagnostics = strictly(diagnostics, *SUSPECT_CODES)
    if loaded.plan is not None:  # the task returns too
        diagnostics = [*diagnostics, *read_task_returns(returns_paths, loaded.plan)[1]]
        checked += [str(p) for p in expand_paths(returns_paths)]
    # errors, then warnings, then notices (the returns' warnings were found after the notices)
    rank = {"error": 0, "warning": 1, "notice": 2}
    found = sorted(diagnostics, key=lambda d: rank.get(d.severity, 3))
    if _State.quiet:  # errors only, and no lines about them
        found = [d for d in found if d.severity == "error"]
    doc = diagnostics_document(found, checked, _State.lang)
    if _State.quiet:
        doc = replace(doc, footer=())
    writer = {
        DiagnosticFormat.TEXT: "table",
        DiagnosticFormat.JSON: "json",
        DiagnosticFormat.GITHUB: "annotations",
    }[fmt]
    color, width = _terminal(None) if fmt is DiagnosticFormat.TEXT else (False, None)
    content = write(doc, writer, color=color, width=width)
    assert isinstance(content, str)
    stdout = getattr(sys.stdout, "encoding", None)
    typer.echo(for_encoding(content, stdout, aligned=writer == "table"), nl=False)
    failed = any(d.severity == "error" for d in diagnostics)
    raise typer.Exit(EXIT_DATA if failed else EXIT_OK)


@app.command(
    "returns",
    cls=_OrderedCommand,
    help=bi(
        "报送情况：各县区、各单位逐月已报、未报、迟报、已更正。",
        "Who has reported: each county's and unit's returns month by month (reported, "
        "missing, late, corrected).",
    ),
)
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
    within: WithinOpt = None,
    level: LevelOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    from chuangye_cli.returns import ReturnCell, returns_status, returns_to_date
    from chuangye_cli.views.returns import returns_document

    with _exits():
        inputs = _inputs(data, targets, tasks, actuals)
        _check_output(output, inputs, context)
        given = _given_files(context, period)
        # who has sent what is still known when a return has a bad cell: listed, with the
        # errors said and exit code 1 (the figures wait until they are put right)
        loaded = _load(inputs, sheet, as_of, None, given, engine, despite_errors=True)
        ctx = _scope(loaded, within, level)
        status = returns_status(ctx.plan, ctx.actuals, ctx.month)
        if status is None:
            raise UsageError(
                "计划文件未说明报送要求：请在 targets.yaml 中加上 reporting（见 README）",
                "the plan says nothing of returns: add `reporting` to targets.yaml (see README)",
            )
        # returns of months after the report month already in (not yet due)
        later = returns_to_date(ctx.plan, ctx.actuals) if as_of is None else None
        early: tuple[ReturnCell, ...] = (
            tuple(c for c in later.cells if c.month > ctx.month and c.state != "missing")
            if later is not None
            else ()
        )
        doc = returns_document(ctx.plan, status, _State.lang, ctx.errors, early)
    _write(doc, fmt, output, context=context)
    if ctx.errors:
        _fail(
            f"报表中有 {ctx.errors} 个错误：报送情况照常列出，有错误的数字未读入；改正前其他命令"
            "不作计算（运行 `chuangye validate` 可列表查看）",
            f"{ctx.errors} error(s) in the returns: who sent what is listed as usual, the "
            "figures in error are not read; other commands compute nothing until they are put "
            "right (run `chuangye validate` for a table)",
            EXIT_DATA,
        )


@app.command(
    cls=_OrderedCommand,
    help=bi(
        "查看读取方式：每个文件、每个工作表如何被读取（表头、各列、月份和县区从何而来、读取与未读取"
        "的行）。",
        "How the tool reads each file and sheet: the header, the columns, where the month and "
        "the county come from, the rows read and not read.",
    ),
)
def inspect(
    context: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar=bi("文件", "FILE"),
            help=bi(
                "要查看的报表：.xlsx、.xls、.csv 或 .txt 文件（或其所在文件夹）。",
                "Returns to look at: .xlsx, .xls, .csv or .txt files (or folders of them).",
            ),
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
    from chuangye_cli.views.inspect import inspect_document

    with _exits():
        inputs = _inputs(data, targets, tasks, files)
        _check_output(output, inputs, context)
        given = _given_files(context, period, positional=True, county_option="--county")
        readings: list[Any] = []
        loaded = _reading(inputs, sheet, given, readings, engine=engine)
        if loaded.plan is None:
            raise DataError(loaded.diagnostics)
        doc = inspect_document(loaded.plan, readings, loaded.diagnostics, _State.lang)
    _write(doc, fmt, output, context=context)


@app.command(
    help=bi(
        "填报表：县区的月度报表（--county、--all）或责任单位的任务推进情况报送表（--tasks --unit）。",
        "The forms offices fill: a county's monthly return (--county, --all), or a unit's task "
        "return (--tasks --unit).",
    ),
)
def template(
    period: Annotated[
        str,
        typer.Option(
            "--period",
            metavar="YYYY-MM",
            help=bi("报表所属月份。", "The month the return is for."),
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar=bi("文件|文件夹", "FILE|DIR"),
            help=bi(
                "要写出的 .xlsx 文件（--county 或 --unit 时），或文件夹（--all 时）。",
                "The .xlsx file to write (with --county or --unit), or the folder (with --all).",
            ),
            show_default=False,
        ),
    ],
    county: Annotated[
        str | None,
        typer.Option(
            "--county",
            metavar=COUNTY,
            help=bi(
                "县区的月度填报表：所属县区（名称、区划代码、代码或别名）。",
                "A county's monthly return form: the county (name, division code, id or alias) "
                "it is for.",
            ),
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool,
        typer.Option(
            "--all",
            help=bi(
                "每个报送县区（及市直）一个填报表，写入一个文件夹。",
                "One return form per reporting county (and the city's own units), into a folder.",
            ),
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=bi(
                "与 --all 同用：覆盖文件夹中已有的、内容不同的同名文件（可能是已填报的报表）。",
                "With --all: replace files of the same name that differ (they may be filled-in "
                "returns).",
            ),
        ),
    ] = False,
    for_tasks: Annotated[
        bool,
        typer.Option(
            "--tasks",
            help=bi(
                "某责任单位的任务推进情况报送表（需 --unit；给出 --unit 即表示此项）。",
                "A task return form for one unit (needs --unit; implied by it).",
            ),
        ),
    ] = False,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar=bi("单位", "UNIT"),
            help=bi(
                "任务推进情况报送表所属的责任单位（tasks.yaml 中的名称）。",
                "The unit whose task return form to write (its name in tasks.yaml).",
            ),
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    targets: TargetsOpt = None,
    tasks_file: Annotated[
        Path | None,
        typer.Option(
            "--tasks-file",
            metavar="FILE",
            help=bi(
                "任务文件，代替 --data 中的 tasks.yaml（本命令中 --tasks 表示任务报送表）。",
                "Tasks file, instead of the one in --data (here --tasks asks for a task return).",
            ),
            show_default=False,
        ),
    ] = None,
    actuals: ActualsOpt = None,
    engine: EngineOpt = Engine.AUTO,
) -> None:
    from chuangye_cli.inputs import load
    from chuangye_cli.task_template import task_template, template_tasks
    from chuangye_cli.templates import build_template, previous_totals

    with _exits():
        month = _month_option("--period", period)
        if for_tasks and unit is None:
            raise UsageError("--tasks 需要 --unit 单位", "--tasks needs --unit UNIT")
        if sum((every, county is not None, unit is not None)) != 1:
            given_too = sum((every, county is not None, unit is not None)) > 1
            raise UsageError(
                ("--county、--all 与 --tasks --unit 只能选一个：" if given_too else "请给出 ")
                + "--county 县区（一个文件）、--all（每个县区一个文件）或 --tasks --unit 单位"
                "（任务推进情况报送表）",
                ("--county, --all and --tasks --unit go one at a time: " if given_too else "give ")
                + "--county COUNTY (one file), --all (a file per county) or --tasks --unit UNIT "
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
            if every and not force:
                _refuse_to_replace(output, [(f.name, f.content) for f in files])
    if unit is not None:
        _emit(content, output)
    elif every:
        output.mkdir(parents=True, exist_ok=True)
        for made in files:
            _emit(made.content, output / made.name)
    else:
        _emit(files[0].content, output)


def _refuse_to_replace(folder: Path, files: list[tuple[str, bytes]]) -> None:
    """A usage error naming the files in ``folder`` that would be replaced by different bytes
    (a clerk's filled-in return among them, perhaps)."""
    clash = [
        name
        for name, content in files
        if (folder / name).is_file() and (folder / name).read_bytes() != content
    ]
    if clash:
        shown = "、".join(clash[:3]) + ("…" if len(clash) > 3 else "")
        raise UsageError(
            f"--output {folder}：已有 {len(clash)} 个同名文件与新的填报表不同（可能已填报）：{shown}；"
            "请换一个文件夹，或加 --force 覆盖",
            f"--output {folder}: {len(clash)} files of the same name differ from the new forms "
            f"(they may be filled in): {', '.join(clash[:3])}; use another folder, or --force",
        )


def main() -> None:
    """Console-script entry point. An unexpected failure is a bug of ours: say so in one line
    (set CHUANGYE_DEBUG=1 for the traceback) rather than showing a traceback to the user."""
    protect(sys.stdout, sys.stderr)  # a GBK console never stops the run on a character
    # One command, then the process ends: what is imported stays, so the cyclic collector
    # leaves it alone, and it runs once per 200,000 new objects rather than 700 (millions of
    # rows make millions of objects; about 1 s of 13 at 5.13 million rows, the same memory).
    gc.freeze()
    gc.set_threshold(200_000, 30, 30)
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
