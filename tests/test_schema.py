"""JSON Schema of the plan files: made from the models, with a Chinese description for every
property; the shipped schema files are up to date, the shipped plan files name them and are valid
against them, and the mistakes the tool refuses are refused by the schema too."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from chuangye_cli.choices import SchemaFile
from chuangye_cli.cli import app
from chuangye_cli.schema import json_schema, schema_text

from .conftest import REPO, SHIPPED_DATA, TARGETS_YAML, TASKS_YAML

runner = CliRunner()
SCHEMAS = REPO / "schemas"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _as_json(data: Any) -> Any:
    """YAML as an editor checks it: keys are text (YAML's 2019: is a number)."""
    if isinstance(data, dict):
        return {str(k): _as_json(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_as_json(v) for v in data]
    return data


def _errors(which: SchemaFile, text: str) -> list[str]:
    validator = Draft202012Validator(json_schema(which))
    return [e.message for e in validator.iter_errors(_as_json(yaml.safe_load(text)))]


@pytest.mark.parametrize("which", list(SchemaFile))
def test_shipped_schema_files_are_up_to_date(which: SchemaFile) -> None:
    shipped = (SCHEMAS / f"{which.value}.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(which), f"run: chuangye schema {which.value} -o {shipped}"
    result = runner.invoke(app, ["schema", which.value])
    assert result.exit_code == 0
    assert result.stdout == shipped


@pytest.mark.parametrize("which", list(SchemaFile))
def test_schema_is_valid_json_schema(which: SchemaFile) -> None:
    Draft202012Validator.check_schema(json_schema(which))


@pytest.mark.parametrize("which", list(SchemaFile))
def test_every_property_has_a_chinese_description(which: SchemaFile) -> None:
    schema = json_schema(which)
    models = {"(root)": schema, **schema["$defs"]}
    for name, model in models.items():
        assert CJK.search(model.get("description", "")), name
        for key, prop in model["properties"].items():
            assert CJK.search(prop.get("description", "")), (name, key)
    assert "lower-case ASCII id" not in json.dumps(schema)


@pytest.mark.parametrize("which", list(SchemaFile))
def test_shipped_plan_files_name_their_schema_and_are_valid(which: SchemaFile) -> None:
    path = SHIPPED_DATA / f"{which.value}.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{which.value}.schema.json"
    assert (path.parent / first.split("=", 1)[1]).resolve().is_file()
    assert _errors(which, text) == []


def test_the_test_plan_is_valid() -> None:
    assert _errors(SchemaFile.TARGETS, TARGETS_YAML) == []
    assert _errors(SchemaFile.TASKS, TASKS_YAML) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("target: 100", "target: -1"), "less than or equal to the minimum of 0"),
        (("target: 100", 'target: "100"'), "is not of type 'number'"),
        (("start: 2019-01", "start: 2019-13"), "does not match"),
        (("    kind: flow\n", "    kind: flow\n    colour: red\n"), "Additional properties"),
        (("thresholds:\n  severe: 0.25", "thresholds:\n  severe: 1.5"), "greater than the maximum"),
        (("  - id: firms\n", "  - id: Firms\n"), "does not match"),
        (('code: "340101"', "code: 340101"), "is not of type 'string'"),
        (("  short_title: 测试计划\n", "  short_title:\n"), "None is not of type 'string'"),
        (("    kind: flow\n", "    kind: flow\n    yearly: {二〇一九: 5}\n"), "does not match"),
    ],
)
def test_mistakes_are_refused(change: tuple[str, str], expected: str) -> None:
    text = TARGETS_YAML.replace(*change, 1)
    assert text != TARGETS_YAML
    errors = _errors(SchemaFile.TARGETS, text)
    assert any(expected in e for e in errors), errors


def test_yearly_targets_by_year_are_valid() -> None:
    text = TARGETS_YAML.replace(
        "    kind: flow\n", "    kind: flow\n    yearly: {2019: 40, 2020: 60}\n", 1
    )
    assert _errors(SchemaFile.TARGETS, text) == []


def test_bad_schema_name_is_a_usage_error() -> None:
    result = runner.invoke(app, ["schema", "actuals"])
    assert result.exit_code == 2
    assert "“actuals” 不是可选值；可选：targets、tasks" in result.stderr


def test_schema_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "targets.schema.json"
    result = runner.invoke(app, ["schema", "targets", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "targets.yaml"
