"""The catalogue of diagnostics: every code the tool can report, with its severity, what it
means, how to fix it, and its messages in Chinese and English.

Codes are stable: scripts and CI may rely on them. A message is a template whose ``{names}`` are
filled from the diagnostic's arguments; a code may have several message variants (the empty
string is the default one). ``tests/test_catalogue.py`` checks that every code here is raised
somewhere in the code base and listed in the README, and that nothing else is raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from chuangye_cli.vocab import Label

Severity = Literal["error", "warning", "notice"]


class Code(StrEnum):
    # YAML plan files, before any model is applied
    YAML_ENCODING = "yaml.encoding"
    YAML_SYNTAX = "yaml.syntax"
    YAML_VALUE = "yaml.value"
    YAML_DUPLICATE_KEY = "yaml.duplicate-key"
    YAML_EMPTY = "yaml.empty"
    # structure and types of the plan files
    SCHEMA_MISSING = "schema.missing"
    SCHEMA_UNKNOWN_KEY = "schema.unknown-key"
    SCHEMA_TYPE = "schema.type"
    SCHEMA_CHOICE = "schema.choice"
    SCHEMA_RANGE = "schema.range"
    SCHEMA_DIGITS = "schema.digits"
    SCHEMA_PATTERN = "schema.pattern"
    SCHEMA_EMPTY = "schema.empty"
    SCHEMA_PERIOD = "schema.period"
    SCHEMA_UNIT = "schema.unit"
    SCHEMA_ORDER = "schema.order"
    SCHEMA_VALUE = "schema.value"
    # references between and within the plan files
    REF_DUPLICATE = "ref.duplicate"
    REF_AMBIGUOUS = "ref.ambiguous-name"
    REF_UNKNOWN_COUNTY = "ref.unknown-county"
    REF_UNKNOWN_INDICATOR = "ref.unknown-indicator"
    REF_UNKNOWN_TASK = "ref.unknown-task"
    REF_UNKNOWN_UNIT = "ref.unknown-unit"
    REF_CITY_ALLOCATION = "ref.city-allocation"
    REF_NO_COORDINATOR = "ref.no-coordinator"
    REF_UNOWNED_INDICATOR = "ref.unowned-indicator"
    REF_YEAR = "ref.year"
    REF_NOT_LEAD = "ref.not-lead"
    REF_MILESTONE = "ref.milestone"
    HIERARCHY_CYCLE = "hierarchy.cycle"
    HIERARCHY_LEVEL = "hierarchy.level"
    ALLOCATION_WEIGHTS = "allocation.weights"
    ALLOCATION_UNIT = "allocation.unit"
    ALLOCATION_NOT_WHOLE = "allocation.not-whole"
    ALLOCATION_SUM = "allocation.sum"
    # files of actual figures
    ACTUALS_FORMAT = "actuals.format"
    ACTUALS_NOT_REGULAR = "actuals.not-regular"
    ACTUALS_EMPTY_FOLDER = "actuals.empty-folder"
    ACTUALS_ENCODING = "actuals.encoding"
    ACTUALS_CSV = "actuals.csv-syntax"
    ACTUALS_XLSX = "actuals.workbook"
    ACTUALS_TOO_LARGE = "actuals.too-large"
    ACTUALS_SHEET = "actuals.sheet"
    ACTUALS_EMPTY = "actuals.empty"
    ACTUALS_MISSING_COLUMN = "actuals.missing-column"
    ACTUALS_DUPLICATE_COLUMN = "actuals.duplicate-column"
    ACTUALS_UNKNOWN_COLUMN = "actuals.unknown-column"
    ACTUALS_EXTRA_CELLS = "actuals.extra-cells"
    ACTUALS_CELL_TOO_LONG = "actuals.cell-too-long"
    # cells of actual figures
    ACTUALS_PERIOD = "actuals.period"
    ACTUALS_COUNTY = "actuals.county"
    ACTUALS_INDICATOR = "actuals.indicator"
    ACTUALS_VALUE = "actuals.value"
    ACTUALS_EXPONENT = "actuals.exponent"
    ACTUALS_DIGITS = "actuals.digits"
    ACTUALS_UNIT = "actuals.unit"
    ACTUALS_BASIS = "actuals.basis"
    ACTUALS_CONFLICT = "actuals.conflict"
    ACTUALS_FALLING = "actuals.falling"
    ACTUALS_MONTH_TOTAL = "actuals.month-total"
    ACTUALS_PARENT_TOTAL = "actuals.parent-total"
    ACTUALS_MERGED_FIGURE = "actuals.merged-figure"
    ACTUALS_IMPLAUSIBLE = "actuals.implausible"
    ACTUALS_DUPLICATE_ROW = "actuals.duplicate-row"
    ACTUALS_REPEATED = "actuals.repeated-indicator"
    # layouts of real returns
    ACTUALS_SHEET_SKIPPED = "actuals.sheet-skipped"
    ACTUALS_ROW_LEFT_OUT = "actuals.row-left-out"
    ACTUALS_ROW_NOT_READ = "actuals.row-not-read"
    ACTUALS_COLUMN_LEFT_OUT = "actuals.column-left-out"
    ACTUALS_NO_FIGURE = "actuals.no-figure"
    ACTUALS_CONTEXT = "actuals.context"
    ACTUALS_FILED = "actuals.filed"
    ACTUALS_NO_CONTEXT = "actuals.no-context"
    ACTUALS_TOTAL = "actuals.total"
    # returns: resubmissions and conflicts
    ACTUALS_REPLACED = "actuals.replaced"
    ACTUALS_SAME_RETURN = "actuals.same-return"
    ACTUALS_CORRECTION_PARTIAL = "actuals.correction-partial"
    ACTUALS_RETURN_CONFLICT = "actuals.return-conflict"
    # returns expected (reporting in targets.yaml) and the report month
    RETURNS_MISSING = "returns.missing"
    RETURNS_PARTIAL = "returns.partial"
    REPORT_AFTER_DATA = "report.after-data"
    REPORT_EARLY_RETURNS = "report.early-returns"
    # task returns (任务推进情况报送)
    TASKRETURN_MISSING_COLUMN = "taskreturn.missing-column"
    TASKRETURN_PERIOD = "taskreturn.period"
    TASKRETURN_TASK = "taskreturn.task"
    TASKRETURN_UNIT = "taskreturn.unit"
    TASKRETURN_ROLE = "taskreturn.role"
    TASKRETURN_STATUS = "taskreturn.status"
    TASKRETURN_BLANK = "taskreturn.blank-row"
    TASKRETURN_MILESTONE = "taskreturn.milestone"
    TASKRETURN_CONFLICT = "taskreturn.conflict"
    # summaries
    TOO_MANY_ERRORS = "too-many-errors"
    TOO_MANY_WARNINGS = "too-many-warnings"
    TOO_MANY_NOTICES = "too-many-notices"


@dataclass(frozen=True)
class Entry:
    severity: Severity
    meaning: Label
    fix: Label
    messages: dict[str, Label] = field(default_factory=dict)  # variant -> template


def _e(
    severity: Severity,
    meaning: tuple[str, str],
    fix: tuple[str, str],
    default: tuple[str, str],
    **variants: tuple[str, str],
) -> Entry:
    messages = {"": Label(*default)}
    messages.update({k.replace("_", "-"): Label(*v) for k, v in variants.items()})
    return Entry(severity, Label(*meaning), Label(*fix), messages)


LIMITS_ZH = "整数部分至多18位、小数部分至多18位"
LIMITS_EN = "at most 18 digits before the decimal point and 18 after it"

CATALOGUE: dict[Code, Entry] = {
    Code.YAML_ENCODING: _e(
        "error",
        ("计划文件不是 UTF-8 文本", "a plan file is not UTF-8 text"),
        ("用 UTF-8 编码另存该文件", "save the file as UTF-8"),
        (
            "不是 UTF-8 文本（第{byte}字节）：请另存为 UTF-8",
            "not UTF-8 text (byte {byte}): save the file as UTF-8",
        ),
    ),
    Code.YAML_SYNTAX: _e(
        "error",
        ("YAML 语法错误", "YAML syntax error"),
        ("按所示行列修正缩进、冒号或引号", "fix the indentation, colon or quotes at that place"),
        ("YAML 语法错误：{problem}", "YAML syntax: {problem}"),
    ),
    Code.YAML_VALUE: _e(
        "error",
        ("YAML 值无法读取（如不存在的日期、过长的数字）", "a YAML value cannot be read"),
        ("改为有效的值", "write a valid value"),
        ("无法读取的值 {value}：{reason}", "cannot read the value {value}: {reason}"),
        alias=(
            "不支持 YAML 别名（*名称）：请直接写出内容",
            "YAML aliases (*name) are not supported: write the content out",
        ),
        date=(
            "无效日期 {value}：应为真实存在的年月（如 2018-02）",
            "invalid date {value}: write an existing month such as 2018-02",
        ),
        digits=(
            "数字 {value} 位数过多（" + LIMITS_ZH + "）",
            "the number {value} has too many digits (" + LIMITS_EN + ")",
        ),
    ),
    Code.YAML_DUPLICATE_KEY: _e(
        "error",
        ("同一映射中键重复", "a key appears twice in one mapping"),
        ("删去或合并重复的键", "remove or merge the repeated key"),
        (
            "键 {key} 重复：后一个值会悄悄覆盖前一个",
            "duplicate key {key}: the later value would silently replace the earlier",
        ),
    ),
    Code.YAML_EMPTY: _e(
        "error",
        ("计划文件为空", "a plan file is empty"),
        ("填写文件内容（见 README 的文件格式）", "write the file's content (see the README)"),
        ("文件为空：应为一个映射", "the file is empty: it must hold a mapping"),
    ),
    Code.SCHEMA_MISSING: _e(
        "error",
        ("缺少必填项", "a required key is missing"),
        ("补上该项", "add the key"),
        ("{field}：缺少必填项", "{field}: required, but missing"),
    ),
    Code.SCHEMA_UNKNOWN_KEY: _e(
        "error",
        ("不属于文件格式的键", "a key that is not part of the format"),
        ("检查拼写，或删去该键", "check the spelling, or remove the key"),
        (
            "{field}：未知的键（不属于文件格式，是否拼写错误？）",
            "{field}: unknown key (not part of the format; misspelt?)",
        ),
    ),
    Code.SCHEMA_TYPE: _e(
        "error",
        ("值的类型不对", "a value of the wrong type"),
        (
            "按格式填写（数字不加引号、列表用 [ ]）",
            "write the type the format asks for (numbers unquoted, lists in [ ])",
        ),
        ("{field}：应为{expected}，实为 {value}", "{field}: expected {expected_en}, got {value}"),
    ),
    Code.SCHEMA_CHOICE: _e(
        "error",
        ("值不在可选范围内", "a value that is not one of the choices"),
        ("改为可选值之一", "use one of the choices"),
        (
            "{field}：{value} 不是可选值（可选：{choices}）",
            "{field}: {value} is not one of {choices}",
        ),
    ),
    Code.SCHEMA_RANGE: _e(
        "error",
        ("数值超出允许范围", "a number out of range"),
        ("改为范围内的数值", "use a number in the range"),
        ("{field}：{value} 超出范围（应{bound_zh}）", "{field}: {value} is out of range ({bound})"),
    ),
    Code.SCHEMA_DIGITS: _e(
        "error",
        ("数值位数超出精确计算的范围", "a number with more digits than exact arithmetic allows"),
        ("减少位数", "use fewer digits"),
        (
            "{field}：{value} 位数过多（" + LIMITS_ZH + "）",
            "{field}: {value} has too many digits (" + LIMITS_EN + ")",
        ),
    ),
    Code.SCHEMA_PATTERN: _e(
        "error",
        ("值的写法不符合要求", "a value not written as the format asks"),
        ("按说明改写", "rewrite it as described"),
        ("{field}：{value} 写法不对（{what_zh}）", "{field}: {value} is not valid ({what})"),
    ),
    Code.SCHEMA_EMPTY: _e(
        "error",
        ("不能为空的项为空", "an empty value where one is required"),
        ("填写该项", "fill it in"),
        ("{field}：不能为空", "{field}: must not be empty"),
    ),
    Code.SCHEMA_PERIOD: _e(
        "error",
        ("月份写法不对", "a month that cannot be read"),
        ("写成 YYYY-MM（如 2018-01）", "write it as YYYY-MM (e.g. 2018-01)"),
        ("{field}：{value} 不是月份（应为 YYYY-MM）", "{field}: {value} is not a month (YYYY-MM)"),
    ),
    Code.SCHEMA_UNIT: _e(
        "error",
        ("未知或不匹配的计量单位", "an unknown or mismatched unit"),
        (
            "使用已知单位：个/家/户、人、人次、平方米/平米、元，可加万/亿前缀；比率用 %",
            "use a known unit: 个/家/户, 人, 人次, 平方米/平米, 元, with 万/亿 prefixes; % for rates",
        ),
        ("{field}：未知单位 {value}", "{field}: unknown unit {value}"),
        measure=(
            "{field}：报告单位 {value} 计量的是{measure_zh}，目标单位 {unit} 计量的是{target_measure_zh}",
            "{field}: the reporting unit {value} measures {measure}, the target unit {unit} measures {target_measure}",
        ),
    ),
    Code.SCHEMA_ORDER: _e(
        "error",
        ("先后或大小顺序不对", "values in the wrong order"),
        ("调整这两个值", "correct the two values"),
        (
            "{field}：计划结束（{end}）早于开始（{start}）",
            "{field}: the plan ends ({end}) before it starts ({start})",
        ),
        thresholds=(
            "{field}：red（{red}）不得低于 yellow（{yellow}）",
            "{field}: red ({red}) must not be below yellow ({yellow})",
        ),
    ),
    Code.SCHEMA_VALUE: _e(
        "error",
        ("值不符合文件格式", "a value the format does not accept"),
        ("按说明改写", "rewrite it as described"),
        ("{field}：值不符合要求（{reason}）", "{field}: {reason}"),
        level=(
            "{field}：{what_zh}衡量某一时点的水平，应为 kind: stock",
            "{field}: a rate (unit %) or a ceiling is a level at a moment: use kind: stock",
        ),
        ceiling=(
            "{field}：ceiling（以内，越低越好）与 at_least: true（以上）矛盾",
            "{field}: ceiling (a maximum, lower is better) contradicts at_least: true",
        ),
    ),
    Code.REF_DUPLICATE: _e(
        "error",
        ("名称或编号重复", "a name or number used twice"),
        ("改用唯一的名称或编号", "use a unique name or number"),
        (
            "{field}：{what_zh} {value} 重复（{where} 已使用）",
            "{field}: duplicate {what} {value} (already used at {where})",
        ),
    ),
    Code.REF_AMBIGUOUS: _e(
        "error",
        ("一个名称指向两个对象", "one name that names two things"),
        ("删去或改写其中一个", "remove or change one of them"),
        (
            "{field}：{value} 已是县区 {other} 的名称",
            "{field}: {value} already names the county {other}",
        ),
        indicator=(
            "{field}：名称 {value} 同时是一个指标代码",
            "{field}: the name {value} is also an indicator id",
        ),
        alias=(
            "{field}：别名 {value} 已是另一个指标的名称或别名",
            "{field}: the alias {value} already names another indicator",
        ),
    ),
    Code.REF_UNKNOWN_COUNTY: _e(
        "error",
        ("引用了未定义的县区", "a reference to a county that is not declared"),
        (
            "使用 targets.yaml 的 counties 中的代码，或先声明该县区",
            "use an id from counties in targets.yaml, or declare the county",
        ),
        ("{field}：未知县区 {value}{hint}", "{field}: unknown county {value}{hint_en}"),
    ),
    Code.REF_UNKNOWN_INDICATOR: _e(
        "error",
        ("引用了未定义的指标", "a reference to an indicator that is not declared"),
        ("使用 targets.yaml 的 indicators 中的代码", "use an id from indicators in targets.yaml"),
        ("{field}：未知指标 {value}{hint}", "{field}: unknown indicator {value}{hint_en}"),
    ),
    Code.REF_UNKNOWN_TASK: _e(
        "error",
        ("引用了不存在的任务序号", "a reference to a task number that does not exist"),
        ("使用 tasks.yaml 中的任务序号", "use a task number from tasks.yaml"),
        ("{field}：没有序号为 {number} 的任务", "{field}: no task numbered {number}"),
    ),
    Code.REF_UNKNOWN_UNIT: _e(
        "error",
        ("引用了未声明的责任单位", "a reference to a unit that is not declared"),
        ("在 units 中声明该单位，或改正拼写", "declare it under units, or fix the spelling"),
        (
            "{field}：未知单位 {value}{hint}：请在 units 中声明或改正拼写",
            "{field}: unknown unit {value}{hint_en}: declare it under `units` or fix the spelling",
        ),
    ),
    Code.REF_CITY_ALLOCATION: _e(
        "error",
        ("给市直分配了目标", "a share of the allocation given to the city itself"),
        ("从 allocation.weights 中删去市直", "remove the city (市直) from allocation.weights"),
        (
            "{field}：市直（市本级）不参与目标分解",
            "{field}: city-level figures (市直) take no share of an allocation",
        ),
        root=(
            "{field}：{name}是整个计划的范围，其目标即各指标的目标，不参与分解",
            "{field}: {name} is the whole plan's area: its targets are the indicators' own",
        ),
    ),
    Code.REF_NO_COORDINATOR: _e(
        "error",
        ("有归协调单位的指标，但没有协调单位", "indicators given to a coordinator that is missing"),
        ("给牵头协调的单位加上 kind: coordinator", "mark the coordinating unit kind: coordinator"),
        (
            "{field}：指标归协调单位负责，但没有单位标为 kind: coordinator",
            "{field}: indicators are given to the coordinator, but no unit has `kind: coordinator`",
        ),
    ),
    Code.REF_UNOWNED_INDICATOR: _e(
        "warning",
        ("没有任何单位负责的指标", "an indicator no unit answers for"),
        (
            "在 indicator_links 中把它关联到任务或协调单位",
            "link it to a task or to the coordinator in indicator_links",
        ),
        (
            "{field}：指标 {value} 未关联任何任务，也不归协调单位：没有单位对其负责",
            "{field}: indicator {value} is linked to no task and not to the coordinator: "
            "no unit answers for it",
        ),
    ),
    Code.REF_YEAR: _e(
        "error",
        ("年度目标的年份不在计划期内", "a yearly target outside the plan's years"),
        ("改为计划期内的年份", "use a year of the plan"),
        (
            "{field}：{year} 年不在计划年份 {first}-{last} 之内",
            "{field}: {year} is outside the plan's years {first}-{last}",
        ),
    ),
    Code.REF_NOT_LEAD: _e(
        "error",
        ("任务台账中的单位不牵头该任务", "a ledger entry for a unit that does not lead the task"),
        ("只为牵头单位填写 duties，或改正单位名称", "give duties only to the task's lead units"),
        (
            "{field}：{value} 不是任务 {number} 的牵头单位（牵头：{leads}）",
            "{field}: {value} does not lead task {number} (leads: {leads})",
        ),
    ),
    Code.REF_MILESTONE: _e(
        "error",
        ("时间节点不在计划期内", "a milestone outside the plan period"),
        ("改为计划期内的月份", "use a month within the plan period"),
        (
            "{field}：时间节点 {due} 不在计划期 {start} – {end} 之内",
            "{field}: the milestone {due} is outside the plan period {start} – {end}",
        ),
    ),
    Code.HIERARCHY_CYCLE: _e(
        "error",
        ("上下级关系成环", "divisions that are each other's parent"),
        (
            "改正 parent：每个单位只能在一条自上而下的链上",
            "correct `parent`: each division sits on one chain from the top down",
        ),
        ("{field}：上下级关系成环：{chain}", "{field}: the parents go round in a circle: {chain}"),
    ),
    Code.HIERARCHY_LEVEL: _e(
        "error",
        ("下级的层级不低于上级", "a division not below its parent's level"),
        (
            "改正 parent 或 level：县级在市级之下，市级在省级之下",
            "correct `parent` or `level`: counties sit under cities, cities under provinces",
        ),
        (
            "{field}：{name}（{level_zh}）不能是{parent}（{parent_level_zh}）的下级",
            "{field}: {name} ({level}) cannot be under {parent} ({parent_level})",
        ),
        inferred=(
            "{field}：按行政区划代码前缀，{name}（{level_zh}）应在{parent}（{parent_level_zh}）"
            "之下，但层级不低于它：请写明 parent 或 level",
            "{field}: by the prefix of its division code {name} ({level}) falls under {parent} "
            "({parent_level}), which is not above it: give `parent` or `level`",
        ),
    ),
    Code.ALLOCATION_WEIGHTS: _e(
        "error",
        ("分解权重之和为零", "allocation weights that add up to zero"),
        ("至少给一个县区正的权重", "give at least one county a positive weight"),
        ("{field}：权重之和为零", "{field}: the weights add up to zero"),
    ),
    Code.ALLOCATION_UNIT: _e(
        "error",
        ("分解目标的单位不对", "an allocation in a wrong unit"),
        ("使用与指标同一计量的单位", "use a unit of the indicator's measure"),
        ("{field}：未知单位 {value}", "{field}: unknown unit {value}"),
        measure=(
            "{field}：{value} 不能换算为目标单位 {unit}（{measure_zh}与{target_measure_zh}）",
            "{field}: {value} cannot convert to the target's unit {unit} "
            "({measure} vs {target_measure})",
        ),
    ),
    Code.ALLOCATION_NOT_WHOLE: _e(
        "error",
        ("目标不是报告单位的整数，无法按权重分解", "a target that is not a whole number of units"),
        (
            "改用更小的报告单位（reporting_unit），或用 explicit 直接给出县区目标",
            "use a smaller reporting_unit, or give the county targets under explicit",
        ),
        (
            "{field}：{indicator} 的目标 {target} {unit} 折合 {total} {reporting}，不是整数，无法按权重分解",
            "{field}: {indicator}: the target {target} {unit} is {total} {reporting}, "
            "not a whole number of reporting units, so it cannot be split by weights",
        ),
    ),
    Code.ALLOCATION_SUM: _e(
        "warning",
        ("县区目标之和不等于全市目标", "county targets that do not add up to the city target"),
        ("核对分解数", "check the split"),
        (
            "{field}：县区目标合计 {total} {unit}，全市目标为 {target}",
            "{field}: county targets add up to {total} {unit}, the city target is {target}",
        ),
        parent=(
            "{field}：{name}所辖单位的目标合计 {total} {unit}，{name}的目标为 {target}",
            "{field}: the divisions under {name} have targets adding up to {total} {unit}, "
            "its own target is {target}",
        ),
    ),
    Code.ACTUALS_FORMAT: _e(
        "error",
        ("不支持的实绩文件类型", "a file type the tool does not read"),
        ("另存为 .csv 或 .xlsx", "save it as .csv or .xlsx"),
        ("实绩文件应为 .csv 或 .xlsx", "actual figures must be .csv or .xlsx files"),
    ),
    Code.ACTUALS_NOT_REGULAR: _e(
        "error",
        ("输入不是普通文件（如管道、设备）", "an input that is not a regular file"),
        ("给出普通文件的路径", "give the path of a regular file"),
        ("不是普通文件（{what_zh}），不予读取", "not a regular file ({what}): not read"),
    ),
    Code.ACTUALS_EMPTY_FOLDER: _e(
        "warning",
        ("实绩文件夹中没有可读文件", "a folder of actuals with no file to read"),
        ("放入 .csv 或 .xlsx 文件，或检查路径", "put .csv or .xlsx files there, or check the path"),
        ("文件夹中没有 .csv 或 .xlsx 文件", "the folder holds no .csv or .xlsx file"),
    ),
    Code.ACTUALS_ENCODING: _e(
        "error",
        ("文本文件既不是 UTF-8 也不是 GB18030", "text that is neither UTF-8 nor GB18030"),
        ("另存为 UTF-8 或 GB18030（GBK）", "save the file as UTF-8 or GB18030 (GBK)"),
        (
            "字节既不是 UTF-8 也不是 GB18030 文本：请另存为 UTF-8 或 GB18030",
            "bytes that are neither UTF-8 nor GB18030 text: save the file as UTF-8 or GB18030",
        ),
    ),
    Code.ACTUALS_CSV: _e(
        "error",
        ("CSV 格式损坏", "a malformed CSV file"),
        ("检查引号是否成对，或从 Excel 重新导出", "check the quotes, or export it again"),
        ("CSV 格式错误：{reason}", "malformed CSV: {reason}"),
    ),
    Code.ACTUALS_XLSX: _e(
        "error",
        ("无法读取的 Excel 工作簿", "an Excel workbook that cannot be read"),
        ("用 Excel 或 WPS 打开后另存为 .xlsx", "open it in Excel or WPS and save it as .xlsx"),
        ("无法读取工作簿：{reason_zh}", "cannot read the workbook: {reason}"),
    ),
    Code.ACTUALS_TOO_LARGE: _e(
        "error",
        ("工作簿展开后超出限制（疑为损坏或恶意文件）", "a workbook that expands beyond the limits"),
        (
            "只保留报表所需的数据，另存为新文件",
            "keep only the data the return needs and save it as a new file",
        ),
        ("工作簿超出限制：{reason_zh}", "the workbook exceeds a limit: {reason}"),
    ),
    Code.ACTUALS_SHEET: _e(
        "error",
        ("指定的工作表不存在", "the sheet named does not exist"),
        ("用 --sheet 指定现有的工作表", "name an existing sheet with --sheet"),
        ("没有工作表 {value}；工作簿中有：{sheets}", "no sheet {value}; the workbook has {sheets}"),
    ),
    Code.ACTUALS_EMPTY: _e(
        "error",
        ("文件没有表头也没有数据", "a file with no header row and no data"),
        ("检查文件内容", "check the file"),
        ("文件没有表头，也没有数据", "the file has no header row and no data"),
    ),
    Code.ACTUALS_MISSING_COLUMN: _e(
        "error",
        ("表头缺少必需的列", "the header lacks a required column"),
        (
            "加上期间、县区、指标、数值各列（可用中文或英文列名）",
            "add period, county, indicator and value columns (Chinese or English names)",
        ),
        (
            "表头缺少 {missing_zh} 列（可用列名：{accepted}）",
            "the header row has no {missing} column (accepted headers: {accepted})",
        ),
        indicator_like=(
            "表头缺少 {missing_zh} 列；列“{header}”不是计划中的指标名称{hint}：宽表的指标列请用"
            "计划中的名称（或 targets.yaml 中的别名）",
            "the header row has no {missing} column; column {header!r} is not an indicator's "
            "name{hint_en}: name a wide table's indicator columns as the plan does (or by an "
            "alias in targets.yaml)",
        ),
    ),
    Code.ACTUALS_DUPLICATE_COLUMN: _e(
        "error",
        ("两列含义相同", "two columns with the same meaning"),
        ("删去或改名其中一列", "remove or rename one of them"),
        (
            "有两列都是 {name}（第{first}列和第{second}列）",
            "two columns are {name} (columns {first} and {second})",
        ),
    ),
    Code.ACTUALS_UNKNOWN_COLUMN: _e(
        "warning",
        ("本工具不读取的列", "a column this tool does not read"),
        ("无需处理；如是必需列，请改用可识别的列名", "nothing, or rename it if it was meant"),
        (
            "列 {value} 不是本工具读取的列，已忽略（可识别：{known_zh}）",
            "column {value} is not one this tool reads; it is ignored (known: {known})",
        ),
        wide=(
            "列 {value} 既不是计划中的指标，也不是本工具读取的列，已忽略{hint}",
            "column {value} is neither an indicator of the plan nor a column this tool reads: "
            "it is ignored{hint_en}",
        ),
    ),
    Code.ACTUALS_EXTRA_CELLS: _e(
        "error",
        ("行的单元格多于表头", "a row with more cells than the header"),
        (
            "数字中的千分位逗号须加引号，或去掉分隔符",
            "quote a number with thousands separators, or remove them",
        ),
        (
            "该行有 {cells} 个单元格，表头只有 {width} 个：数字中有未加引号的逗号（如 12,000）？",
            "the row has {cells} cells but the header has {width}: an unquoted comma in a "
            "number such as 12,000? Quote it or remove the separator",
        ),
    ),
    Code.ACTUALS_CELL_TOO_LONG: _e(
        "error",
        ("单元格文字过长", "a cell whose text is too long"),
        ("缩短该单元格的文字", "shorten the text"),
        (
            "单元格有 {length} 个字符，超过上限 {limit}",
            "the cell holds {length} characters, more than the limit of {limit}",
        ),
    ),
    Code.ACTUALS_PERIOD: _e(
        "error",
        ("月份无法识别或不在计划期内", "a month that cannot be read or is outside the plan"),
        (
            "写成 2020-06、2020/06 或 2020年6月，且在计划期内",
            "write 2020-06, 2020/06 or 2020年6月, within the plan period",
        ),
        (
            "{value} 不是月份：请写成 YYYY-MM、YYYY/MM 或 YYYY年M月",
            "{value} is not a month: use YYYY-MM, YYYY/MM or YYYY年M月",
        ),
        empty=("月份为空", "the period is empty"),
        ambiguous=(
            "{value} 有歧义：可能是1月，也可能是保存为数字的10月（2020.10）；请写成 2020-01 或 2020-10",
            "{value} is ambiguous: January, or October saved as a number (2020.10)? "
            "Write 2020-01 or 2020-10",
        ),
        month=("{value} 中的月份 {month} 不在 1-12 之间", "month {month} is not 1-12 in {value}"),
        outside=(
            "{period} 不在计划期 {start} – {end} 之内",
            "{period} is outside the plan period {start} – {end}",
        ),
    ),
    Code.ACTUALS_COUNTY: _e(
        "error",
        ("未知县区", "an unknown county"),
        (
            "使用 targets.yaml 中的县区名称、区划代码、代码或别名",
            "use a county's name, division code, id or alias from targets.yaml",
        ),
        ("未知县区 {value}{hint}", "unknown county {value}{hint_en}"),
        empty=("县区为空", "the county is empty"),
    ),
    Code.ACTUALS_INDICATOR: _e(
        "error",
        ("未知指标", "an unknown indicator"),
        ("使用 targets.yaml 中的指标名称或代码", "use an indicator's name or id from targets.yaml"),
        ("未知指标 {value}{hint}", "unknown indicator {value}{hint_en}"),
        empty=("指标为空", "the indicator is empty"),
    ),
    Code.ACTUALS_VALUE: _e(
        "error",
        ("数值无法读取", "a value that is not a figure"),
        (
            "填写非负数，如 12000、12,000、1.2万 或 3200万元",
            "write a non-negative number such as 12000, 12,000, 1.2万 or 3200万元",
        ),
        ("{value} 不是数字", "{value} is not a number"),
        empty=("数值为空", "the value is empty"),
        negative=(
            "负数 {value}：实绩不能小于零",
            "negative value {value}: figures cannot be below zero",
        ),
        unit=("{value}：未知单位 {unit}", "{value}: unknown unit {unit}"),
        words=(
            "{value} 不是数字：只填数字（如 {number}），说明可写在备注栏",
            "{value} is not a number: write the number alone (such as {number}); a remark goes "
            "in the note column",
        ),
    ),
    Code.ACTUALS_EXPONENT: _e(
        "error",
        ("数值用了科学计数法", "a value in exponent notation"),
        (
            "写出完整数字；Excel 中把单元格设为“数值”格式后再导出",
            "write the number out; in Excel format the cell as a number before export",
        ),
        (
            "{value} 是科学计数法：请写出完整数字",
            "{value} is in exponent notation: write the number out",
        ),
    ),
    Code.ACTUALS_DIGITS: _e(
        "error",
        ("数值位数超出精确计算的范围", "a value with more digits than exact arithmetic allows"),
        ("检查数值是否录入有误", "check the figure for a typing slip"),
        (
            "{value} 位数过多（" + LIMITS_ZH + "）",
            "{value} has too many digits (" + LIMITS_EN + ")",
        ),
    ),
    Code.ACTUALS_UNIT: _e(
        "error",
        ("单位未知或与指标不符", "a unit that is unknown or measures something else"),
        (
            "使用该指标同一计量的单位（如 万元、元、亿元）",
            "use a unit of the indicator's measure (e.g. 万元, 元, 亿元)",
        ),
        ("未知单位 {value}", "unknown unit {value}"),
        measure=(
            "单位 {value}（{measure_zh}）与指标 {indicator} 的计量（{target}，{target_measure_zh}）不符",
            "unit {value} ({measure}) does not measure what {indicator} measures "
            "({target}, {target_measure})",
        ),
        both=(
            "数值写的是 {inline}，单位列却是 {value}",
            "the value says {inline} but the unit column says {value}",
        ),
        double=(
            "数值 {number}{mark} 自带“{mark}”，单位列又是 {value}：是 {number}{value}，还是 {number}{mark}{value}？请只写一处",
            "the value {number}{mark} carries its own {mark} and the unit column says {value}: "
            "{number} {value}, or {number}{mark} {value}? Write it once",
        ),
    ),
    Code.ACTUALS_BASIS: _e(
        "error",
        ("口径未知或与指标类型不符", "a basis that is unknown or does not fit the indicator"),
        (
            "流量指标用当月、1-N月累计或开累；存量指标用期末数",
            "report a flow as increment, ytd or to_date; a stock as level",
        ),
        (
            "未知口径 {value}（可用 increment、ytd、to_date、level 或其中文说法）",
            "unknown basis {value} (use increment, ytd, to_date or level)",
        ),
        flow=(
            "{indicator} 是流量（新增）指标：应报当月、1-N月累计或开累，不能报期末数",
            "{indicator} is a flow (新增) indicator: report it as increment, ytd or to_date, "
            "not level",
        ),
        stock=(
            "{indicator} 是存量（累计）指标：应报期末数（或增量），不能报1-N月累计",
            "{indicator} is a stock (累计) indicator: report its level (or increments), not ytd",
        ),
    ),
    Code.ACTUALS_CONFLICT: _e(
        "error",
        ("同一月份的累计数或期末数前后不一", "two different totals or levels for one month"),
        ("核对并删去错误的一行", "check both and remove the wrong row"),
        (
            "{county}·{indicator} {period}（{basis_zh}）此处为 {now} {unit}，但 {where} 为 {old} {unit}",
            "{county}/{indicator} {period} ({basis}) is {now} {unit} here but {old} {unit} "
            "at {where}",
        ),
    ),
    Code.ACTUALS_FALLING: _e(
        "warning",
        ("累计数下降", "a running total that falls"),
        (
            "核对该月数字；累计数通常不会减少",
            "check the month's figure: a running total rarely falls",
        ),
        (
            "{county}·{indicator}：{basis_zh}从 {before} {unit}（{before_period}）降到 {now} {unit}（{period}）",
            "{county}/{indicator}: the {basis} total falls from {before} {unit} ({before_period}) "
            "to {now} {unit} ({period})",
        ),
        level=(
            "{county}·{indicator}：期末数从 {before} {unit}（{before_period}）降到 {now} {unit}（{period}）",
            "{county}/{indicator}: the level falls from {before} {unit} ({before_period}) to "
            "{now} {unit} ({period})",
        ),
    ),
    Code.ACTUALS_MERGED_FIGURE: _e(
        "warning",
        ("合并单元格中的数字", "a figure in a cell merged over several rows"),
        (
            "取消合并，为每一行分别填写数字",
            "unmerge the cells and give each row its own figure",
        ),
        (
            "数字 {value} 所在的单元格合并了第{first}-{last}行：只计入第{first}行，不重复计入其余各行",
            "the figure {value} is in a cell merged over rows {first}-{last}: it counts for row "
            "{first} only, not again for each of the others",
        ),
    ),
    Code.ACTUALS_PARENT_TOTAL: _e(
        "warning",
        (
            "上级单位的数字正好是同表中其下级之和（像是合计行）",
            "a division's figure that is exactly the sum of the divisions under it in the same "
            "table (a total row, most likely)",
        ),
        (
            "如是合计行，请删去或写成“合计”；本级数字请写在“…本级”一行",
            "if it is a total, delete it or label it 合计; give the division's own figures on "
            "its own row",
        ),
        (
            "{county}·{indicator} {period}：{value} {unit} 正好等于同表中其下级（{children}）之和："
            "如为合计行，将被当作{county}本级重复计入",
            "{county}/{indicator} {period}: {value} {unit} is exactly the sum of the divisions "
            "under it in this table ({children}): a total row would be counted again as "
            "{county}'s own figure",
        ),
    ),
    Code.ACTUALS_MONTH_TOTAL: _e(
        "warning",
        ("本月数与累计数对不上", "a month's figure that disagrees with the running totals"),
        (
            "核对本月数和累计数：本月应等于本期累计减上期累计",
            "check both: the month's figure is this total less the previous month's",
        ),
        (
            "{county}·{indicator} {period}：本月 {month_value} {unit}，但{basis_zh} {total} 减去上月累计 {before} 为 {implied} {unit}",
            "{county}/{indicator} {period}: the month's figure is {month_value} {unit}, but the "
            "running total {total} less the previous month's {before} is {implied} {unit}",
        ),
        level=(
            "{county}·{indicator} {period}：本月新增 {month_value} {unit}，但期末数 {total} 减去上月期末数 {before} 为 {implied} {unit}",
            "{county}/{indicator} {period}: the month adds {month_value} {unit}, but the level "
            "{total} less the previous month's {before} is {implied} {unit}",
        ),
        exceeds=(
            "{county}·{indicator} {period}：本月 {month_value} {unit} 大于{basis_zh} {total} {unit}：是否把累计数填进了本月栏？",
            "{county}/{indicator} {period}: the month's figure {month_value} {unit} is more than "
            "the running total {total} {unit}: a total typed in the month's column?",
        ),
        magnitude=(
            "{county}·{indicator} {period}：本月 {month_value} {unit} 是{basis_zh} {total} {unit} 的十倍以上，除以一{mark}则在累计之内：是否把单位写错了（应为 {meant} {unit}）？",
            "{county}/{indicator} {period}: the month's figure {month_value} {unit} is over ten "
            "times the running total {total} {unit}, and divided by {times} within it: a slip "
            "of unit (meant {meant} {unit})?",
        ),
        cumulative=(
            "{county}·{indicator} {period}：本月 {month_value} {unit} 不小于表中的上月累计 {total} {unit}：是否把1-N月累计填进了本月栏？",
            "{county}/{indicator} {period}: the month's figure {month_value} {unit} is not less "
            "than last month's running total {total} {unit} shown on the form: the year's total "
            "typed in the month's column?",
        ),
        cumulative_magnitude=(
            "{county}·{indicator} {period}：本月 {month_value} {unit} 是表中上月累计 {total} {unit} 的十倍以上，除以一{mark}则在其内：是否把单位写错了（应为 {meant} {unit}）？",
            "{county}/{indicator} {period}: the month's figure {month_value} {unit} is over ten "
            "times last month's running total {total} {unit} shown on the form, and divided by "
            "{times} within it: a slip of unit (meant {meant} {unit})?",
        ),
        held=(
            "{county}·{indicator} {period}：本月 {month_value} {unit} 大于已收到的1-{through}月之和 {total} {unit}：是否把1-{month}月累计填进了本月栏（本月应为 {meant} {unit}）？",
            "{county}/{indicator} {period}: the month's figure {month_value} {unit} is more than "
            "what months 1-{through} received so far add up to ({total} {unit}): the year's "
            "total typed in the month's column (the month meant {meant} {unit})?",
        ),
    ),
    Code.ACTUALS_IMPLAUSIBLE: _e(
        "warning",
        ("不大可能对的数字", "a figure that can hardly be right"),
        (
            "核对原始报表：单位（元/万元）、小数点、累计数是否填进了本月栏",
            "check the return: the unit (元/万元), the decimal point, a total in the month's column",
        ),
        (
            "{county}·{indicator} {period}：{value} {unit} 不大可能对",
            "{county}/{indicator} {period}: {value} {unit} can hardly be right",
        ),
        **{
            "over-target": (
                "{county}·{indicator} {period} 一个月新增 {value} {unit}，超过该县区整个计划期的目标 {target} {unit}",
                "{county}/{indicator} {period} adds {value} {unit} in one month, more than the "
                "county's target for the whole plan ({target} {unit})",
            ),
            "over-median": (
                "{county}·{indicator} {period} 新增 {value} {unit}，是此前月度中位数 {usual} {unit} 的{times}倍以上",
                "{county}/{indicator} {period} adds {value} {unit}, more than {times} times its "
                "median month so far ({usual} {unit})",
            ),
            "magnitude": (
                "{county}·{indicator} {period} 新增 {value} {unit}，约为平常（{usual} {unit}）的一{mark}倍：是否把单位写错了（应为 {meant} {unit}）？",
                "{county}/{indicator} {period} adds {value} {unit}, about {times} times an "
                "ordinary month ({usual} {unit}): a slip of unit (meant {meant} {unit})?",
            ),
            "magnitude-total": (
                "{county}·{indicator} {period} {basis} {total} {unit}，约为应有累计（约 {expected} {unit}）的一{mark}倍：是否把单位写错了（应为 {meant} {unit}）？",
                "{county}/{indicator} {period}: the running total ({basis}) of {total} {unit} is "
                "about {times} times what it should be (about {expected} {unit}): a slip of unit "
                "(meant {meant} {unit})?",
            ),
            "fraction": (
                "{value} {unit}：按{unit}计数的指标不应有小数",
                "{value} {unit}: a count in {unit} has no fraction",
            ),
            "ytd-month": (
                "口径为 {basis}，但本行月份是 {period}：是否填错了月份或口径？",
                "the basis says {basis} but the row is for {period}: a wrong month or basis?",
            ),
        },
    ),
    Code.ACTUALS_DUPLICATE_ROW: _e(
        "warning",
        ("与另一行完全相同的行（只计一次）", "a row identical to another (counted once)"),
        (
            "删去重复行；如两笔都真实存在，请在备注中加以区分",
            "remove the copy; if both are real, tell them apart in the note",
        ),
        (
            "与第{first}行完全相同（{county}·{indicator} {period}），只计一次",
            "identical to line {first} ({county}/{indicator} {period}): counted once",
        ),
    ),
    Code.ACTUALS_REPEATED: _e(
        "warning",
        (
            "同一张报表中同一指标的本月数出现两次（已相加）",
            "one form gives an indicator's figure for the month twice (added up)",
        ),
        (
            "核对报表：如为重复填报，删去一行；如确为两笔，合并为一行",
            "check the form: remove the copy, or put the two figures in one row",
        ),
        (
            "{county}·{indicator} {period}：第{first}行已填本月 {before} {unit}，此行又填 {now} {unit}，"
            "已相加，共 {total} {unit}：是否重复填报？",
            "{county}/{indicator} {period}: line {first} gives {before} {unit} for the month and "
            "this line {now} {unit}; added up, {total} {unit} in all: given twice?",
        ),
    ),
    Code.ACTUALS_SHEET_SKIPPED: _e(
        "notice",
        ("未读取的工作表", "a sheet that was not read"),
        ("无需处理；如该表应读取，请用 --header-row 指明表头行", "nothing, or give --header-row"),
        (
            "未读取：前{scan}行中没有含两个以上可识别列名或指标名的表头行",
            "not read: no header row with two or more known column or indicator names in its "
            "first {scan} rows",
        ),
        hidden=("未读取：隐藏的工作表", "not read: a hidden sheet"),
        empty=("未读取：空工作表", "not read: an empty sheet"),
        record=(
            "模板信息表：用于读取县区和月份",
            "the template's record: read for county and month",
        ),
        task=(
            "未读取：任务报送表只读第一个可见工作表（可用 --sheet 指定）",
            "not read: a task return is read from its first visible sheet (or --sheet)",
        ),
        task_reference=(
            "未读取：任务报送模板的时间节点参考表",
            "not read: the milestones of a task return template, for reference",
        ),
    ),
    Code.ACTUALS_ROW_LEFT_OUT: _e(
        "notice",
        ("未作为数据读取的行", "a row not read as figures"),
        ("无需处理", "nothing"),
        ("表尾行，未读取：{value}", "footer row, not read: {value}"),
        total=(
            "合计行，未作为数据读取：{value}",
            "a total row, not read as figures: {value}",
        ),
        subrow=(
            "“其中”分项行，已含在上一行中，未读取：{value}",
            "a 其中 row, part of the row above, not read: {value}",
        ),
        blank=(
            "指标行未填数字：{value}；该月此指标按未报送处理，不按 0 计",
            "an indicator's row with no figures: {value}; not reported for the month, not "
            "counted as 0",
        ),
        unchecked=(
            "合计行 {value} 有 {columns} 列未核对：第 {rows} 行的数字未能读取（见其错误），各行之和不全",
            "the total row {value}: {columns} columns not checked, the figures of rows {rows} "
            "could not be read (see their errors)",
        ),
        unknown=(
            "指标 {value} 不是计划中的指标，该行未读取{hint}",
            "{value} is not an indicator of the plan: the row is not read{hint_en}",
        ),
    ),
    Code.ACTUALS_ROW_NOT_READ: _e(
        "warning",
        (
            "填有数字、但名称不是计划指标的行",
            "a row with figures whose name is no indicator of the plan",
        ),
        (
            "改为计划中的指标名称；如确是同一指标，在 targets.yaml 该指标的 aliases 中加上此名称",
            "use the plan's name; if it is the same indicator, add this name to its aliases in "
            "targets.yaml",
        ),
        (
            "{value} 填有数字（{figures}），但不是计划中的指标，该行未读取{hint}",
            "{value} has figures ({figures}) but is not an indicator of the plan: the row is "
            "not read{hint_en}",
        ),
    ),
    Code.ACTUALS_COLUMN_LEFT_OUT: _e(
        "notice",
        ("未读取的列", "a column that was not read"),
        ("无需处理", "nothing"),
        ("列 {value}（{what_zh}）未读取", "column {value} ({what}) not read"),
    ),
    Code.ACTUALS_NO_FIGURE: _e(
        "notice",
        ("表示“无数据”的单元格（不计为0）", "a cell that says there is no figure (not a 0)"),
        ("无需处理；如实为0，请填0", "nothing; if the figure is 0, write 0"),
        (
            "{value} 表示无数据：{indicator}（{basis_zh}）未计入，不按0计",
            "{value} means no figure: {indicator} ({basis}) is not counted, not taken as 0",
        ),
        **{
            "blank-cells": (
                "{value} 列有{count}格空白（{cells}），同行其他列填有数字：空白格未计入，不按0计；这些行按同行其他列的数字计算",
                "column {value} has {blank_en} ({cells_en}) in rows with figures in other "
                "columns: not counted, not taken as 0; those rows count by their other figures",
            ),
        },
    ),
    Code.ACTUALS_CONTEXT: _e(
        "notice",
        ("月份或县区取自表格以外", "the month or county taken from outside the table's columns"),
        (
            "核对；不对时用 --period 或 --county 指明",
            "check it; give --period or --county if wrong",
        ),
        ("{what_zh}取自{origin_zh}：{value}", "{what} taken from the {origin}: {value}"),
    ),
    Code.ACTUALS_FILED: _e(
        "warning",
        ("不是有效日期的填报日期", "a 填报日期 that is no date"),
        (
            "改正填报日期：两份报表谁取代谁，要看填报日期的先后",
            "correct it: which of two returns replaces the other depends on it",
        ),
        (
            "填报日期 {value} 不是有效日期，未用来判断报表先后",
            "the 填报日期 {value} is no date: not used to tell which return is later",
        ),
    ),
    Code.ACTUALS_NO_CONTEXT: _e(
        "error",
        ("不知道数据属于哪个月份或县区", "figures whose month or county is unknown"),
        (
            "在表中加月份/县区列，在标题或文件名中写明，或用 --period / --county 指明",
            "add a column, name it in the title or the file name, or give --period / --county",
        ),
        (
            "没有{what_zh}：表中无此列，标题、填报单位行、工作表名和文件名中也没有{hint}",
            "no {what}: no such column, and none in the title, the 填报单位 line, the sheet's or "
            "the file's name{hint_en}",
        ),
    ),
    Code.ACTUALS_TOTAL: _e(
        "warning",
        ("合计行与各行之和不符", "a total row that differs from the sum of its rows"),
        ("核对合计或各行数字", "check the total and the rows"),
        (
            "{label}：{indicator}（{basis_zh}）合计为 {declared}，各行之和为 {computed}",
            "{label}: {indicator} ({basis}) totals {declared}, but its rows add up to {computed}",
        ),
    ),
    Code.ACTUALS_REPLACED: _e(
        "notice",
        ("一份报表被更正报表取代", "a return replaced by its correction"),
        ("无需处理；如取代不对，请删去多余的文件", "nothing; remove the wrong file if it is"),
        (
            "{county} {period}：{winner}（更正）取代了 {loser}",
            "{county} {period}: {winner} (a correction) replaces {loser}",
        ),
        mark=(
            "{county} {period}：{winner}（更正）取代了 {loser}",
            "{county} {period}: {winner} (a correction) replaces {loser}",
        ),
        date=(
            "{county} {period}：{winner}（填报日期 {winner_date}）取代了较早的 {loser}（{loser_date}）",
            "{county} {period}: {winner} (filed {winner_date}) replaces the earlier {loser} "
            "({loser_date})",
        ),
    ),
    Code.ACTUALS_CORRECTION_PARTIAL: _e(
        "warning",
        (
            "更正报表缺少原报表中的指标（这些数字不再计入）",
            "a correction without some indicators of the return it replaces (no longer counted)",
        ),
        (
            "更正报表应是完整的一份：把未更正的指标也填上再报送",
            "a correction is a whole return: fill in the unchanged indicators too and send it again",
        ),
        (
            "{county} {period}：{winner} 取代了 {loser}，但没有其中 {count} 项指标：{indicators}；这些数字不再计入",
            "{county} {period}: {winner} replaces {loser} but lacks {count} of its indicators: "
            "{indicators}; their figures are no longer counted",
        ),
    ),
    Code.ACTUALS_SAME_RETURN: _e(
        "warning",
        ("同一份报表报送了两次（数字相同）", "the same return sent twice (same figures)"),
        ("删去多余的一份", "remove one of them"),
        (
            "{county} {period}：{second} 与 {first} 数字相同，只计一次",
            "{county} {period}: {second} holds the same figures as {first}: counted once",
        ),
    ),
    Code.ACTUALS_RETURN_CONFLICT: _e(
        "error",
        ("同一县区同一月份有两份不同的报表", "two different returns for one county and month"),
        (
            "删去错误的一份；更正报表请在文件名或标题中注明“更正”，或填写较晚的填报日期",
            "remove the wrong one; mark a correction 更正 in its name or title, or give it a "
            "later 填报日期",
        ),
        (
            "{county} {period} 有两份不同的报表：{first} 和 {second}（都未注明更正，填报日期也无先后），不能相加；两份不同的数字：{differences}",
            "{county} {period} has two different returns: {first} and {second} (neither is "
            "marked as a correction, and their 填报日期 do not tell which is later); they are "
            "never added up. They differ on: {differences_en}",
        ),
        unit=(
            "{county} {period}：单位报送的 {first} 与县区报表 {second} 的 {indicators} 不一致；两者是不同单位的报表，互不取代：请核对后删去其中一份的该指标",
            "{county} {period}: the unit's {first} and the county's return {second} differ on "
            "{indicators}; two reporters' returns do not replace each other: check them and "
            "remove it from one",
        ),
    ),
    Code.RETURNS_MISSING: _e(
        "warning",
        ("应报未报的报表", "a return that was due and has not arrived"),
        ("催报，或核对报表文件是否已放入数据文件夹", "ask for it, or check the data folder"),
        (
            "{reporter} 有{count}份报表未报送：{months}（最近一份应于 {due} 前报送）",
            "{reporter}: {returns_en} not arrived: {months_en} (the last was due by {due})",
        ),
    ),
    Code.RETURNS_PARTIAL: _e(
        "warning",
        (
            "报表缺少此前一直报送的指标",
            "a return without a figure the reporter gave before",
        ),
        (
            "请该单位补报这些指标（可用 1-N月累计 补齐），或核对报表是否漏填",
            "ask for the figures (a 1-N月累计 makes up for them), or check the return",
        ),
        (
            "{reporter} {month}的报表（{source}）没有此前报送的指标：{indicators}；该月这些指标按未报送处理，不按 0 计",
            "{reporter}'s return for {period} ({source}) has no figure for {ids}, given in "
            "earlier months: not reported for that month, not counted as 0",
        ),
        unread=(
            "{reporter} {month}的报表（{source}）没有此前报送的指标：{indicators}；该月这些指标按未报送处理，不按 0 计。表中{rows}填有数字但未读取：如即此指标，请改为计划中的名称",
            "{reporter}'s return for {period} ({source}) has no figure for {ids}, given in "
            "earlier months: not reported for that month, not counted as 0. The form's "
            "{rows_en} with figures was not read: if it is that indicator, use the plan's name",
        ),
    ),
    Code.REPORT_AFTER_DATA: _e(
        "warning",
        ("报告期晚于最新的报表", "a report month after the latest return"),
        (
            "核对 --as-of；其后的月份按零新增计算",
            "check --as-of: later months count as no addition",
        ),
        (
            "报告期 {month} 晚于最新报表所属的 {latest}：此后各月没有数据，按截至 {latest} 的数字计算",
            "the report month {month} is after the latest return ({latest}): the months after "
            "it have no figures; figures as of {latest}",
        ),
    ),
    Code.REPORT_EARLY_RETURNS: _e(
        "warning",
        (
            "默认报告期与报表是否到齐",
            "the default report month and whether its returns are in",
        ),
        (
            "等其余报表到齐，或用 --as-of 指定报告期",
            "wait for the other returns, or give --as-of",
        ),
        (
            "默认报告期取 {month}（报表已基本到齐的最近月份）；更晚月份的数据只有{who}"
            "报送，已读入核对，不计入本期；要报告更晚的月份，请用 --as-of（如 --as-of "
            "{latest_arg}）",
            "the report month is {period}, the latest whose returns are in; figures of later "
            "months, from {who_en} only, are read and checked but not counted; give --as-of "
            "(such as --as-of {latest_arg}) for a later month",
        ),
        few=(
            "报告期 {month} 的报表只有{who}报送，其余报送单位尚未报送，各项完成情况据此计算，"
            "可能偏低",
            "the report month {period} has returns from {who_en} only, the other reporting "
            "units have not sent theirs: completions from what has come may be low",
        ),
    ),
    Code.TASKRETURN_MISSING_COLUMN: _e(
        "error",
        ("任务报送表缺少必需的列", "a task return lacks a required column"),
        (
            "加上月份、任务（序号或名称）、单位、完成状态各列",
            "add month, task (number or title), unit and status columns",
        ),
        (
            "表头缺少 {missing_zh} 列（可用列名：{accepted}）",
            "the header row has no {missing} column (accepted headers: {accepted})",
        ),
    ),
    Code.TASKRETURN_PERIOD: _e(
        "error",
        (
            "报送月份无法识别或不在计划期内",
            "a return month that cannot be read or is outside the plan",
        ),
        ("写成 2020-06 或 2020年6月，且在计划期内", "write 2020-06 or 2020年6月, within the plan"),
        (
            "{value} 不是月份：请写成 YYYY-MM 或 YYYY年M月",
            "{value} is not a month: use YYYY-MM or YYYY年M月",
        ),
        empty=("月份为空", "the month is empty"),
        month=("{value} 中的月份 {month} 不在 1-12 之间", "month {month} is not 1-12 in {value}"),
        outside=(
            "{period} 不在计划期 {start} – {end} 之内",
            "{period} is outside the plan period {start} – {end}",
        ),
    ),
    Code.TASKRETURN_TASK: _e(
        "error",
        ("未知任务", "an unknown task"),
        ("填写 tasks.yaml 中的任务序号或任务名称", "give a task number or title from tasks.yaml"),
        ("未知任务 {value}{hint}", "unknown task {value}{hint_en}"),
        empty=("任务为空", "the task is empty"),
    ),
    Code.TASKRETURN_UNIT: _e(
        "error",
        ("未知责任单位", "an unknown responsible unit"),
        ("填写 tasks.yaml 中 units 的单位名称", "give a unit's name from units in tasks.yaml"),
        ("未知单位 {value}{hint}", "unknown unit {value}{hint_en}"),
        empty=("单位为空", "the unit is empty"),
    ),
    Code.TASKRETURN_ROLE: _e(
        "error",
        ("单位既不牵头也不配合该任务", "a unit that neither leads nor cooperates on the task"),
        ("核对任务序号和单位", "check the task number and the unit"),
        (
            "{value} 既不牵头也不配合任务 {number}（牵头：{leads}）",
            "{value} neither leads nor cooperates on task {number} (leads: {leads})",
        ),
    ),
    Code.TASKRETURN_STATUS: _e(
        "error",
        ("完成状态无法识别", "a status that is not one of the four"),
        ("填写 未启动、推进中、已完成 或 滞后", "write 未启动, 推进中, 已完成 or 滞后"),
        (
            "未知完成状态 {value}（可用：未启动、推进中、已完成、滞后）",
            "unknown status {value} (use 未启动, 推进中, 已完成 or 滞后, or not_started, "
            "in_progress, done, lagging)",
        ),
        empty=("完成状态为空", "the status is empty"),
    ),
    Code.TASKRETURN_BLANK: _e(
        "warning",
        (
            "任务报送表中未填写的行（按未报送计）",
            "a row of a task return left blank (not reported)",
        ),
        (
            "填写完成状态和进展情况后重新报送",
            "fill in the status and the progress and send it again",
        ),
        (
            "未填写：{unit} 任务 {task} 的完成状态、进展情况均为空，按未报送计",
            "left blank: {unit}'s row for task {task} has no status and no progress; taken as "
            "not reported",
        ),
    ),
    Code.TASKRETURN_MILESTONE: _e(
        "error",
        ("完成节点不是该单位该任务的时间节点", "a milestone met that the unit does not have"),
        (
            "填写 tasks.yaml 中该任务时间节点的月份（如 2019-12）",
            "give the month of one of the task's milestones (e.g. 2019-12)",
        ),
        (
            "{value} 不是 {unit} 在任务 {number} 的时间节点（节点：{known}）",
            "{value} is not a milestone of {unit} for task {number} (milestones: {known})",
        ),
    ),
    Code.TASKRETURN_CONFLICT: _e(
        "error",
        (
            "同一单位同一任务同一月份报送了两次且内容不同",
            "one unit's return for a task and month given twice",
        ),
        ("删去其中错误的一行", "remove the wrong one"),
        (
            "{unit} 任务 {number} {period} 已在 {where} 报送，此处内容不同",
            "{unit}'s return for task {number}, {period} was given at {where}; this one differs",
        ),
    ),
    Code.TOO_MANY_ERRORS: _e(
        "error",
        ("错误太多，只列出前面的", "more errors than are listed"),
        ("先改正列出的错误", "fix the listed ones first"),
        (
            "另有 {count} 个错误未列出（只列出前 {limit} 个错误）",
            "{count} more errors not listed (only the first {limit} are shown)",
        ),
    ),
    Code.TOO_MANY_WARNINGS: _e(
        "warning",
        ("警告太多，只列出前面的", "more warnings than are listed"),
        ("先处理列出的警告", "look at the listed ones first"),
        (
            "另有 {count} 个警告未列出（只列出前 {limit} 个警告）",
            "{count} more warnings not listed (only the first {limit} are shown)",
        ),
    ),
    Code.TOO_MANY_NOTICES: _e(
        "notice",
        ("提示太多，只列出前面的", "more notices than are listed"),
        ("无需处理", "nothing"),
        (
            "另有 {count} 条提示未列出（只列出前 {limit} 条）",
            "{count} more notices not listed (only the first {limit} are shown)",
        ),
    ),
}


def entry(code: Code) -> Entry:
    return CATALOGUE[code]
