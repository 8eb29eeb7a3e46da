"""``chuangye plan``: the plan at a glance, in every format, from the plan files alone."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from chuangye_cli.choices import Format
from chuangye_cli.cli import app

from .conftest import ENGINE_ROWS, SHIPPED_DATA, TARGETS_YAML, make_data

runner = CliRunner()


def plan(*args: str, data: Path = SHIPPED_DATA) -> str:
    result = runner.invoke(app, ["plan", "--data", str(data), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_table_shows_every_part() -> None:
    text = plan()
    for shown in ("创建市级及以上返乡创业类平台", "maker_spaces", "存量（累计）", "六安经济技术开发区",
                  "开发区、市开发区、六安经开区", "341524", "市人社局", "各县区政府（管委）",
                  "提升创业逐梦工程，推进创新创意成果转化。"):  # fmt: skip
        assert shown in text, shown
    assert "计划期：2018年1月至2020年12月（36个月）　印发：六安市人民政府办公室" in text
    assert "指标 9 项，县区等 9 个，责任单位 23 个，工作任务 13 项" in text


def test_json() -> None:
    doc = json.loads(plan("--format", "json"))
    assert list(doc) == ["plan", "indicators", "counties", "units", "tasks"]
    assert doc["plan"]["document_number"] == "六政办秘〔2018〕266号"
    jobs = next(i for i in doc["indicators"] if i["id"] == "jobs")
    assert jobs == {
        "id": "jobs",
        "name": "带动就业",
        "target": 8.4,
        "unit": "万人",
        "kind": "flow",
        "reporting_unit": "人",
        "at_least": True,
        "aliases": ["带动就业人数"],  # ours, in targets.yaml
        "text": "带动就业8.4万人以上",
    }
    zone = next(c for c in doc["counties"] if c["id"] == "kaifaqu")
    assert zone == {
        "name": "六安经济技术开发区",
        "code": None,
        "id": "kaifaqu",
        "kind": "zone",
        "aliases": ["开发区", "市开发区", "六安经开区", "经开区"],
    }
    hr = next(u for u in doc["units"] if u["name"] == "市人社局")
    assert hr["leads"] == [2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13] and hr["partners"] == [1, 9]
    task = next(t for t in doc["tasks"] if t["number"] == 12)
    assert task["leads"] == ["市财政局", "市人社局"]
    assert task["indicators"] == ["guarantee_loans"]


def test_one_part_as_csv() -> None:
    rows = list(csv.DictReader(io.StringIO(plan("--show", "counties", "--format", "csv"))))
    assert [r["id"] for r in rows] == ["jinan", "yuan", "yeji", "huoqiu", "shucheng", "jinzhai",
                                      "huoshan", "kaifaqu", "shizhi"]  # fmt: skip
    assert rows[7]["aliases"] == "开发区;市开发区;六安经开区;经开区"


def test_two_parts() -> None:
    doc = json.loads(plan("--show", "tasks", "--show", "units", "-f", "json"))
    assert list(doc) == ["plan", "units", "tasks"]  # in the plan's order


@pytest.mark.parametrize(
    "fmt", [f.value for f in Format if f not in (Format.XLSX, Format.JSON, Format.CSV)]
)
def test_every_text_format(fmt: str) -> None:
    text = plan("--format", fmt)
    for name in ("带动就业", "金寨县", "市人社局", "加大宣传力度。"):
        assert name in text, (fmt, name)


def test_workbook(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    runner.invoke(app, ["plan", "--data", str(SHIPPED_DATA), "-f", "xlsx", "-o", str(out)])
    wb = load_workbook(out)
    assert wb.sheetnames == ["概览", "指标", "县区", "责任单位", "任务"]
    assert [c.value for c in wb["指标"][2]][:4] == ["new_enterprises", "新增注册企业", 2.7, "万个"]


def test_english() -> None:
    result = runner.invoke(app, ["--lang", "en", "plan", "--data", str(SHIPPED_DATA)])
    assert "Plan period: 2018-01 to 2020-12 (36 months)" in result.stdout
    assert "flow (additions)" in result.stdout and "Responsible units" in result.stdout


def test_indicator_aliases_are_shown_and_understood(tmp_path: Path) -> None:
    targets = TARGETS_YAML.replace(
        "    name: 新增企业\n", "    name: 新增企业\n    aliases: [新登记企业, 企业数]\n"
    )
    rows = [(*r[:2], "企业数" if r[2] == "firms" else r[2], *r[3:]) for r in ENGINE_ROWS]
    data = make_data(tmp_path / "d", rows, targets=targets)
    doc = json.loads(plan("-f", "json", data=data))
    assert doc["indicators"][0]["aliases"] == ["新登记企业", "企业数"]
    assert "新登记企业、企业数" in plan(data=data)
    result = runner.invoke(
        app, ["progress", "--data", str(data), "--as-of", "2020-06", "--indicator", "新登记企业",
              "-f", "json"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["rows"]
    assert row["indicator"] == "firms" and row["actual"] == 75  # read through the alias too


def test_a_broken_plan_is_refused(tmp_path: Path) -> None:
    data = make_data(tmp_path / "d", (), targets=TARGETS_YAML.replace("target: 100", "target: -1"))
    result = runner.invoke(app, ["plan", "--data", str(data)])
    assert result.exit_code == 1
    assert "schema.range" in result.stderr
    assert result.stdout == ""


def test_plan_needs_no_actuals(tmp_path: Path) -> None:
    data = make_data(tmp_path / "d", ())
    (data / "actuals.csv").unlink()
    assert "新增企业" in plan(data=data)
