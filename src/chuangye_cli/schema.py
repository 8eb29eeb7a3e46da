"""JSON Schema of the two plan files, made from the Pydantic models, with Chinese descriptions,
for editors (``# yaml-language-server: $schema=…``) and for checks in a data repository.

The models say what is valid; this module only words it for editors: every property gets a
Chinese description (tests/test_schema.py fails for a property without one), quantities are
plain numbers (the models refuse quoted ones), months are ``YYYY-MM`` text, and the keys of
year and task maps are digits (YAML's ``2019:`` is a number, JSON's ``"2019"`` a string).
"""

from __future__ import annotations

from typing import Any

from chuangye_cli.choices import SchemaFile

DRAFT = "https://json-schema.org/draft/2020-12/schema"
MONTH = (
    r"^\d{4}\s*[-/]\s*(0?[1-9]|1[0-2])$|^\d{4}\s*年\s*(0?[1-9]|1[0-2])\s*月份?$"
    r"|^\d{4}(0[1-9]|1[0-2])$"
)
ID = "代码：小写英文字母开头，只含小写字母、数字、_ 和 -（如 new_enterprises）"
_BOUNDS = {"ge": "minimum", "gt": "exclusiveMinimum", "le": "maximum", "lt": "exclusiveMaximum"}
_MONTHS = {
    ("PlanMeta", "start"),
    ("PlanMeta", "end"),
    ("ReportingSpec", "start"),
    ("Milestone", "due"),
}
_NUMBER_KEYS = {("IndicatorSpec", "yearly"), ("IndicatorLinks", "tasks"), ("LedgerSpec", "tasks")}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "TargetsFile": {
        "": "targets.yaml：计划信息、阈值、指标与目标、县区、县区目标分解",
        "plan": "计划信息：名称、文号、起止月份等",
        "thresholds": "状态与预警的阈值（低于序时进度多少算严重滞后、黄色、红色预警）",
        "indicators": "指标与全周期目标（至少一项）",
        "counties": "县区、开发区与市直（至少一项）",
        "allocation": "县区目标的分解（可选）：按权重分解，或 explicit 直接给出",
        "reporting": "报送要求（可选，本项目设定）：谁报送、何时截止、哪些指标由责任单位报送",
        "scoring": "综合得分（可选，本项目设定）：红黑榜排名所用各指标的权重",
    },
    "PlanMeta": {
        "": "计划信息",
        "id": ID,
        "title": "文件标题（原文）",
        "short_title": "简称，用作表格标题",
        "issuer": "印发单位",
        "document_number": "文号，如 六政办秘〔2018〕266号",
        "implements": "所贯彻落实的上级文件",
        "start": "计划开始月份，YYYY-MM（如 2018-01）",
        "end": "计划结束月份，YYYY-MM（如 2020-12），不早于开始月份",
        "coordinator": "牵头协调单位",
    },
    "Thresholds": {
        "": "阈值，均为 0 到 1 之间的比例（0.2 即 20 个百分点）",
        "severe": "完成率低于序时进度超过此值为严重滞后（默认 0.2）",
        "yellow": "低于序时进度达到此值为黄色预警（默认 0.1）",
        "red": "低于序时进度达到此值为红色预警（默认 0.3），不小于 yellow",
        "escalate_after": "连续红色预警达到此月数时建议督办（默认 3）",
    },
    "IndicatorSpec": {
        "": "一个指标",
        "id": ID,
        "name": "指标名称（中文），报表和实绩数据中使用",
        "text": "文件原文，如 全市新增注册企业2.7万个以上",
        "target": "全周期目标，正数，单位见 unit（不加引号）",
        "unit": "目标的单位：个/家/户、人、人次、平方米/平米、元，可加万/亿前缀",
        "reporting_unit": "县区报送时的单位（默认同 unit），须与 unit 计量相同",
        "kind": "flow：流量（期间新增之和）；stock：存量（最新的期末数）",
        "at_least": "文件写“以上”：达到即完成",
        "yearly": "年度目标（可选）：年份: 目标",
        "aliases": "别名：实绩数据中可能出现的其他写法",
        "ceiling": "文件写“以内”：目标为上限，越低越好（如失业率控制在3.5%以内）",
    },
    "CountySpec": {
        "ceiling": "文件写“以内”：目标为上限，越低越好（如失业率控制在3.5%以内）",
        "": "一个县区（或开发区、市直）",
        "id": ID,
        "name": "名称，如 金安区",
        "code": '六位行政区划代码（加引号），如 "341502"',
        "kind": "district 区、county 县、zone 开发区、city 市直（不分配目标）；分级的计划中还有 "
        "province 省、prefecture 省辖市",
        "aliases": "别名：实绩数据中可能出现的其他写法",
        "parent": "上级单位的代码（可选；不写时按六位区划代码的前缀推断）",
        "level": "级别：province 省级、city 市级、county 县级（可选；默认按 kind 或上级推断）",
    },
    "AllocationSpec": {
        "": "县区目标的分解",
        "label": "分解的性质，如 示意分解（非文件内容）",
        "method": "分解方法的说明",
        "weights": "各县区的权重（代码: 非负数）；按权重以最大余数法分解为报告单位的整数",
        "indicators": "按权重分解的指标代码（默认全部）",
        "explicit": "直接给出县区目标的指标",
    },
    "ExplicitAllocation": {
        "": "一个指标的县区目标",
        "indicator": "指标代码",
        "unit": "下列目标的单位（默认同指标的 unit）",
        "targets": "各县区目标（代码: 非负数）",
    },
    "ReportingSpec": {
        "": "报送要求（本项目设定）：各报送单位每月报送，下月 due_day 日前截止",
        "label": "报送要求的性质，如 本项目设定（非文件内容）",
        "frequency": "报送频率：monthly 每月",
        "due_day": "截止日：下月的第几日（1-28，默认 5）",
        "reporters": "报送的县区代码（默认：全部县区，含市直）",
        "start": "第一个应报月份，YYYY-MM（默认：计划开始月份）",
        "by_unit": "由责任单位报送的指标（指标代码: 单位名称），不在县区报表中",
    },
    "ScoringSpec": {
        "": "综合得分 = 100 × Σ(权重 × min(完成率, 100%)) ÷ Σ权重",
        "label": "权重的性质，如 本项目设定（非文件内容）",
        "weights": "各指标的权重（指标代码: 非负数）；未列出的指标权重为 1",
    },
    "TasksFile": {
        "": "tasks.yaml：责任单位、工作任务及其与指标的对应关系",
        "units": "责任单位（至少一个）；任务中引用的单位须在此声明",
        "tasks": "工作任务（至少一项）",
        "indicator_links": "任务与指标的对应关系（可选，注明是否为文件内容）",
        "ledger": "任务台账（可选）：各任务的完成标准、时间节点与牵头单位的责任科室、责任人",
    },
    "LedgerSpec": {
        "": "任务台账：完成标准、时间节点、责任科室与责任人",
        "label": "台账内容的性质，如 合成示例（synthetic）",
        "tasks": "各任务的台账（任务序号: 台账）",
    },
    "TaskLedgerSpec": {
        "": "一项任务的台账",
        "standard": "完成标准",
        "milestones": "时间节点（各牵头单位通用）",
        "duties": "各牵头单位的分工：责任科室、责任人，以及其自己的完成标准或时间节点",
    },
    "DutySpec": {
        "": "一个牵头单位在该任务中的分工",
        "unit": "牵头单位（units 中声明的名称）",
        "department": "责任科室",
        "person": "责任人",
        "standard": "该单位的完成标准（默认同任务）",
        "milestones": "该单位的时间节点（默认同任务）",
    },
    "Milestone": {
        "": "一个时间节点：某月底前应完成的事项",
        "due": "月份，YYYY-MM",
        "what": "应完成的事项",
    },
    "UnitSpec": {
        "": "一个责任单位",
        "name": "单位名称，如 市人社局",
        "kind": "department 部门（默认）、coordinator 协调单位、counties 各县区",
    },
    "TaskSpec": {
        "": "一项工作任务",
        "number": "任务序号（从 1 起，不重复）",
        "title": "任务名称（原文）",
        "lead_text": "牵头单位（原文）",
        "partner_text": "配合单位（原文）",
        "joint_lead": "多个单位按分工共同牵头",
        "leads": "牵头单位（units 中声明的名称，至少一个）",
        "partners": "配合单位（units 中声明的名称）",
    },
    "IndicatorLinks": {
        "": "任务与指标的对应关系",
        "label": "对应关系的性质，如 本项目解读（非文件内容）",
        "note": "说明",
        "coordinator": "归协调单位负责的指标代码",
        "tasks": "各任务关联的指标代码（任务序号: [指标代码]）",
    },
}


def _numbers(node: Any) -> Any:
    """Quantities as plain numbers (the models' Decimals accept no quoted text from YAML), and
    no null for an optional key (one left empty is an error)."""
    if isinstance(node, list):
        return [_numbers(x) for x in node]
    if not isinstance(node, dict):
        return node
    node = {k: _numbers(v) for k, v in node.items()}
    options = node.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:  # a key written empty is an
        rest = [o for o in options if o != {"type": "null"}]  # error (schema.empty): no null
        del node["anyOf"]
        node = {**rest[0], **node} if len(rest) == 1 else {"anyOf": rest, **node}
    if "default" in node and node["default"] is None:
        del node["default"]
    if node.get("description") == "lower-case ASCII id":  # the models' own word for an id
        node["description"] = ID
    options = node.get("anyOf")
    if isinstance(options, list) and {o.get("type") for o in options} == {"number", "string"}:
        del node["anyOf"]
        node["type"] = "number"
        for bound, keyword in _BOUNDS.items():
            if bound in node:
                node[keyword] = node.pop(bound)
        if isinstance(node.get("default"), str):
            node["default"] = float(node["default"])
    return node


def _describe(name: str, model: dict[str, Any]) -> None:
    words = DESCRIPTIONS.get(name, {})
    model.pop("title", None)
    if "" in words:
        model["description"] = words[""]
    for key, prop in model.get("properties", {}).items():
        prop.pop("title", None)
        if key in words:
            prop["description"] = words[key]
        if (name, key) in _MONTHS:
            prop.update({"type": "string", "pattern": MONTH})
        if (name, key) in _NUMBER_KEYS:
            target = next((o for o in prop.get("anyOf", []) if o.get("type") == "object"), prop)
            target["propertyNames"] = {"pattern": r"^[0-9]+$"}
        if isinstance(prop.get("default"), dict) and name == "TargetsFile":
            prop.pop("default")  # a nested default (thresholds) is said in its own description


def json_schema(which: SchemaFile) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of targets.yaml or tasks.yaml."""
    from chuangye_cli.model import TargetsFile, TasksFile

    model = TargetsFile if which is SchemaFile.TARGETS else TasksFile
    schema = _numbers(model.model_json_schema(mode="validation"))
    definitions = schema.pop("$defs", {})
    _describe(model.__name__, schema)
    for name, definition in definitions.items():
        _describe(name, definition)
    return {
        "$schema": DRAFT,
        "$id": f"{which.value}.schema.json",
        "title": f"{which.value}.yaml",
        **schema,
        "$defs": definitions,
    }


def schema_text(which: SchemaFile) -> str:
    """The schema as JSON text (two-space indents, keys in the models' order, a final newline)."""
    import json

    return json.dumps(json_schema(which), ensure_ascii=False, indent=2) + "\n"
