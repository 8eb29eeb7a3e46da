"""Reports in English with ``--lang en``: captions, titles, words and footers; the machine fields
(JSON keys, codes, ids, statuses) are the same in both languages."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from chuangye_cli.cli import app

from .conftest import SHIPPED_DATA

runner = CliRunner()
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(*args: str, lang: str = "en") -> str:
    result = runner.invoke(app, ["--lang", lang, *args, "--data", str(SHIPPED_DATA)])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _no_chinese_but_names(text: str) -> bool:
    """Chinese only in the plan's own names (data), which stay as the files write them."""
    names = ("六安市“创业江淮”行动计划（2018-2020年）（六政办秘〔2018〕266号）", "金寨县", "叶集区")
    for name in names:
        text = text.replace(name, "")
    return not CJK.search(text)


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (
            ["progress", "--format", "plain"],
            [
                "report month 2020-06, time elapsed 83.3% (30/36 months)",
                "Sources: 3 files, 2182 rows (synthetic-maker-spaces.csv, "
                "synthetic-monthly.csv, synthetic-ytd-gb18030.csv)",
                "Note: the sample figures are synthetic, not real statistics.",
            ],
        ),
        (
            ["progress", "--year", "2019", "--format", "plain"],
            [
                "Year 2019: report month 2019-12, time elapsed 100.0% (12/12 months)",
                "No indicator has a target for 2019: the target column is the whole-period "
                "target, completion is the year's additions (for stock indicators, the month's "
                "level) as a share of it, and no status is given.",
            ],
        ),
        (
            ["trend", "--county", "金寨县", "--format", "plain"],
            ["Month by month: 2018-01 to 2020-06, 金寨县"],
        ),
        (
            ["warnings", "--format", "plain"],
            [
                "report month 2020-06, time elapsed 83.3%",
                # 叶集区 sent no June return: its indicators are not judged (the sample)
                "72 warnings: red 18, yellow 22, green 32 (yellow from 10 points below the time "
                "elapsed, red from 30; half the time without half the target is red)",
                "Warnings, worst first",
                "County rankings (top and bottom)",
            ],
        ),
    ],
)
def test_english_captions(args: list[str], lines: list[str]) -> None:
    shown = run(*args).splitlines()
    for line in lines:
        assert line in shown, line
    head = shown[: shown.index("")]  # the caption, before the tables
    assert all(_no_chinese_but_names(line) for line in head), head


def test_english_words_in_a_table() -> None:
    text = run("trend", "--indicator", "jobs", "--format", "plain")
    assert "2020-06" in text and "2020年6月" not in text
    assert "behind" in text and "滞后" not in text
    warnings = run("warnings", "--format", "csv").splitlines()
    assert warnings[1].endswith(",叶集区: no return for this month (last return: 2020-05)")
    assert warnings[2].endswith(
        '"叶集区/累计建设市级及以上众创空间: at the average pace of the last 6 months, 0.0% by '
        "the end (100 points short); about 0.17个 a month are needed to reach the target; red "
        'for 20 months in a row: supervision suggested"'
    )
    assert any(
        w.endswith(
            '"叶集区/累计建设市级及以上众创空间: half the time has passed, 0.0% done, '
            'not half the target; red for 20 months in a row: supervision suggested"'
        )
        for w in warnings
    )


def test_validate_footer_in_english() -> None:
    result = runner.invoke(
        app, ["--lang", "en", "validate", "--actuals", "examples/bad-actuals.csv"]
    )
    assert result.exit_code == 1
    assert "Failed: 5 errors, 0 warnings" in result.stdout
    assert "未通过" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["progress", "--format", "json"],
        ["progress", "--by", "task", "--format", "json"],
        ["trend", "--indicator", "jobs", "--format", "json"],
    ],
)
def test_machine_output_does_not_depend_on_the_language(args: list[str]) -> None:
    assert run(*args, lang="en") == run(*args, lang="zh")


def test_warnings_json_keeps_its_keys_and_codes_in_english() -> None:
    zh, en = (
        json.loads(run("warnings", "--format", "json", lang="zh")),
        json.loads(run("warnings", "--format", "json", lang="en")),
    )
    assert zh.keys() == en.keys()
    for a, b in zip(zh["warnings"], en["warnings"], strict=True):
        assert {k: v for k, v in a.items() if k != "message"} == {
            k: v for k, v in b.items() if k != "message"
        }


def test_english_warnings_name_the_city_and_join_as_english_does() -> None:
    """English warnings: the whole is “city” (not 全市) and a subject joins its indicator with
    “/”, as English progress and validate do (an analyst's finding); JSON keeps 全市."""
    text = runner.invoke(app, ["--lang", "en", "warnings", "-f", "markdown"]).stdout
    assert "city/创建市级及以上返乡创业类平台: " in text
    assert "全市" not in text and "·" not in text
    doc = json.loads(runner.invoke(app, ["--lang", "en", "warnings", "-f", "json"]).stdout)
    assert "全市" in {w["subject"] for w in doc["warnings"]}
