"""Diagnostics name counties and indicators by their Chinese names: no message shows a pinyin
id without the name it stands for, in either language; suggestions for an id say whose it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Diagnostic
from chuangye_cli.vocab import LANGS, Lang

from .conftest import TARGETS_YAML, TASKS_YAML, load_data, make_data

IDS = {"east": "东区", "west": "西县", "city": "市直", "firms": "新增企业", "loans": "发放贷款",
       "spaces": "众创空间"}  # fmt: skip


def _checked(diagnostics: list[Diagnostic]) -> set[Code]:
    for d in diagnostics:
        for lang in LANGS:
            text = d.message(lang)
            for key, name in IDS.items():
                if re.search(rf"(?<![A-Za-z_]){key}(?![A-Za-z_])", text):
                    assert name in text, (d.code, lang, text)
    return {d.code for d in diagnostics}


def test_figures_named_by_id_are_reported_by_name(tmp_path: Path) -> None:
    rows = [
        ("2019-03", "east", "loans", "5", "人", "", ""),  # unit of another measure
        ("2019-03", "east", "firms", "5", "", "level", ""),  # a flow reported as a level
        ("2019-03", "west", "spaces", "5", "", "ytd", ""),  # a stock reported year-to-date
        ("2019-04", "west", "firms", "5", "", "ytd", ""),
        ("2019-05", "west", "firms", "5", "", "to_date", ""),  # two bases: checked as totals
        ("2019-06", "east", "spaces", "3", "", "level", ""),
        ("2019-06", "east", "spaces", "4", "", "level", ""),  # two levels for one month
        ("2019-05", "west", "loans", "500", "", "ytd", ""),
        ("2019-06", "west", "loans", "400", "", "ytd", ""),  # a year-to-date total falls
    ]
    found = _checked(load_data(make_data(tmp_path / "d", rows)).diagnostics)
    assert found == {
        Code.ACTUALS_UNIT,
        Code.ACTUALS_BASIS,
        Code.ACTUALS_CONFLICT,
        Code.ACTUALS_FALLING,
    }


def test_plan_references_suggest_ids_with_their_names(tmp_path: Path) -> None:
    targets = TARGETS_YAML.replace("    east: 1\n", "    eats: 1\n").replace(
        "    aliases: [东城]", "    aliases: [东城, 西县]"
    )
    tasks = TASKS_YAML.replace("    2: [loans, spaces]", "    2: [loans, spacse]")
    loaded = load_data(make_data(tmp_path / "d", (), targets=targets, tasks=tasks))
    found = _checked(loaded.diagnostics)
    assert {Code.REF_UNKNOWN_COUNTY, Code.REF_AMBIGUOUS, Code.REF_UNKNOWN_INDICATOR} <= found
    messages = {d.code: d.message("zh") for d in loaded.diagnostics}
    assert "您是否要找：east（东区）" in messages[Code.REF_UNKNOWN_COUNTY]
    assert "您是否要找：spaces（众创空间）" in messages[Code.REF_UNKNOWN_INDICATOR]
    assert "“西县” 已是县区 东区 的名称" in messages[Code.REF_AMBIGUOUS]


@pytest.mark.parametrize("lang", LANGS)
def test_an_indicator_nobody_answers_for_is_named(tmp_path: Path, lang: Lang) -> None:
    tasks = TASKS_YAML.replace("    2: [loans, spaces]", "    2: [loans]")
    loaded = load_data(make_data(tmp_path / "d", (), tasks=tasks))
    unowned = [d for d in loaded.diagnostics if d.code is Code.REF_UNOWNED_INDICATOR]
    assert len(unowned) == 1
    assert "众创空间" in unowned[0].message(lang)
    _checked(unowned)
