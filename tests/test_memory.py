"""Memory across months and the composite score: 连续N个月红色预警 (with the 督办 suggestion),
位次变化 and 由红转绿, and 综合得分 with weights from targets.yaml. Figures by hand on the test
plan (24 months from 2019-01; county targets 1:3: firms 25 / 75, loans 0.5 / 1.5 亿元,
spaces 3 / 7; red from 30 points below 序时进度)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from chuangye_cli.alerts import Alerts, compute_alerts
from chuangye_cli.cli import app
from chuangye_cli.memory import remember
from chuangye_cli.periods import Period
from chuangye_cli.progress import compute
from chuangye_cli.scores import composite
from tests.conftest import (
    NORTH_TARGETS,
    TARGETS_YAML,
    as_json,
    errors,
    line_of,
    load_data,
    make_data,
    near,
)

runner = CliRunner()
DONE = [
    ("2019-01", "east", "loans", "5000", "", "", ""),
    ("2019-01", "west", "loans", "15000", "", "", ""),
    ("2019-01", "east", "spaces", "3", "", "", ""),
    ("2019-01", "west", "spaces", "7", "", "", ""),
]
# 东区 firms: 1 of 25 = 0.04 from 2019-01 on. Red when 序时 m/24 - 0.04 >= 0.3, i.e. from m = 9
# (2019-09: 0.375 - 0.04 = 0.335); in 2019-08 it is 0.2933: yellow. So at 2019-12: red for 4
# months (2019-09 … 2019-12), and 4 >= escalate_after (3): 建议督办.
STREAK_ROWS = [
    ("2019-01", "east", "firms", "1", "", "", ""),
    ("2019-01", "west", "firms", "75", "", "", ""),
    *DONE,
]
# 东区 firms nothing until 20 in 2019-12: at 2019-11 0 of 25 (red), at 2019-12 0.8 (on pace).
# 西县 firms 30 of 75 = 0.4 throughout. Composite at 2019-11: 东区 (0 + 1 + 1)/3 -> 66.67,
# 西县 (0.4 + 1 + 1)/3 -> 80; at 2019-12: 东区 (0.8 + 2)/3 -> 93.33 first, 西县 80 second.
RANK_ROWS = [
    ("2019-12", "east", "firms", "20", "", "", ""),
    ("2019-01", "west", "firms", "30", "", "", ""),
    *DONE,
]


def remembered(
    root: Path, rows: Sequence[Sequence[str]], as_of: str, targets: str = TARGETS_YAML
) -> Alerts:
    loaded = load_data(make_data(root, rows, targets=targets))
    assert errors(loaded) == [], [str(d) for d in loaded.diagnostics]
    assert loaded.plan is not None and loaded.actuals is not None
    progress = compute(loaded.plan, loaded.actuals, Period.parse(as_of))
    return remember(
        loaded.plan, loaded.actuals, compute_alerts(loaded.plan, loaded.actuals, progress)
    )


@pytest.mark.parametrize(("as_of", "months"), [("2019-08", 0), ("2019-09", 1), ("2019-12", 4)])
def test_consecutive_red_months(tmp_path: Path, as_of: str, months: int) -> None:
    alerts = remembered(tmp_path, STREAK_ROWS, as_of)
    east = [a for a in alerts.items if a.subject == "东区" and a.indicator == "firms"]
    assert east, alerts.items
    assert {a.consecutive_red_months for a in east} == {months}
    assert all(a.consecutive_red_months == 0 for a in alerts.items if a.level != "red")


def test_escalation_and_json_keys(tmp_path: Path) -> None:
    data = make_data(tmp_path / "d", STREAK_ROWS)
    result = runner.invoke(
        app, ["warnings", "--data", str(data), "--as-of", "2019-12", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    east = [w for w in doc["warnings"] if w["subject"] == "东区" and w["indicator"] == "firms"]
    assert {w["kind"] for w in east} >= {"lagging", "half_time"}
    for w in east:
        assert w["consecutive_red_months"] == 4
        assert w["rank_change"] == 0  # 东区 second both months
        assert w["message"].endswith("；已连续4个月红色预警，建议督办")
    assert all(w["rank_change"] is None for w in doc["warnings"] if w["subject_id"] is None)
    # at 2019-11 the same warning had been red for 3 months: still 督办 (3 >= 3)
    nov = runner.invoke(app, ["warnings", "--data", str(data), "--as-of", "2019-11", "-f", "json"])
    assert any(
        "已连续3个月红色预警，建议督办" in w["message"] for w in as_json(nov.stdout)["warnings"]
    )


def test_escalation_threshold_comes_from_targets_yaml(tmp_path: Path) -> None:
    targets = TARGETS_YAML.replace("  severe: 0.25\n", "  severe: 0.25\n  escalate_after: 5\n")
    alerts = remembered(tmp_path, STREAK_ROWS, "2019-12", targets=targets)
    assert alerts.progress.plan.thresholds.escalate_after == 5
    data = make_data(tmp_path / "d", STREAK_ROWS, targets=targets)
    result = runner.invoke(
        app, ["warnings", "--data", str(data), "--as-of", "2019-12", "-f", "json"]
    )
    assert "督办" not in result.stdout  # 4 months < 5


def test_rank_change_and_turned_green(tmp_path: Path) -> None:
    alerts = remembered(tmp_path, RANK_ROWS, "2019-12")
    overall = alerts.rankings[0]
    assert overall.indicator is None
    got = [(e.county_id, e.rank, e.previous_rank, e.rank_change) for e in overall.entries]
    assert got == [("east", 1, 2, 1), ("west", 2, 1, -1)]
    assert [near(e.score, s) for e, s in zip(overall.entries, ["280/3", "80"], strict=True)] == [
        True,
        True,
    ]
    assert alerts.turned_green == (("county", "东区", "firms"),)


def test_rank_change_in_json_and_the_caption(tmp_path: Path) -> None:
    data = str(make_data(tmp_path / "d", RANK_ROWS))
    doc = as_json(
        runner.invoke(app, ["warnings", "--data", data, "--as-of", "2019-12", "-f", "json"]).stdout
    )
    entries = doc["rankings"][0]["entries"]
    assert [(e["county"], e["previous_rank"], e["rank_change"]) for e in entries] == [
        ("东区", 2, 1),
        ("西县", 1, -1),
    ]
    assert doc["turned_green"] == [{"scope": "county", "subject": "东区", "indicator": "firms"}]
    table = runner.invoke(app, ["warnings", "--data", data, "--as-of", "2019-12"]).stdout
    assert "较上月由红转绿：东区·新增企业" in table


def test_first_month_has_no_previous_rank(tmp_path: Path) -> None:
    alerts = remembered(tmp_path, RANK_ROWS, "2019-01")
    assert all(
        e.previous_rank is None and e.rank_change is None for e in alerts.rankings[0].entries
    )


# --- the composite score ------------------------------------------------------------------------


def test_weights_from_targets_yaml_change_the_score(tmp_path: Path) -> None:
    # firms weighs 2: 东区 (2 × 0.8 + 1 + 1)/4 = 0.9 -> 90; 西县 (2 × 0.4 + 2)/4 = 0.7 -> 70
    targets = TARGETS_YAML + "scoring:\n  label: test weights\n  weights:\n    firms: 2\n"
    alerts = remembered(tmp_path, RANK_ROWS, "2019-12", targets=targets)
    scores = {e.county_id: e.score for e in alerts.rankings[0].entries}
    assert scores == {"east": 90, "west": 70}
    assert alerts.progress.plan.scoring_label == "test weights"


@pytest.mark.parametrize(
    ("scoring", "code", "needle"),
    [
        ("scoring:\n  weights:\n    firmz: 2\n", "ref.unknown-indicator", "firmz"),
        ("scoring:\n  weights:\n    firms: 0\n    loans: 0\n    spaces: 0\n", "allocation.weights", "    firms: 0"),
    ],
)  # fmt: skip
def test_bad_weights_are_located_errors(
    tmp_path: Path, scoring: str, code: str, needle: str
) -> None:
    targets = TARGETS_YAML + scoring
    loaded = load_data(make_data(tmp_path, [], targets=targets))
    line = line_of(targets, needle)
    assert [(d.code, d.line) for d in errors(loaded)] == [(code, line)]


def test_composite_by_hand() -> None:
    completions = {"a": Fraction(1, 2), "b": Fraction(3, 2), "c": Fraction(0)}
    assert composite(completions, {}) == 50  # (0.5 + 1 + 0)/3 × 100
    assert composite(completions, {"a": Decimal(2), "c": Decimal(0)}) == Fraction(
        200, 3
    )  # (1 + 1)/3 × 100
    assert composite({}, {}) is None
    assert composite({"a": Fraction(1)}, {"a": Decimal(0)}) is None


@given(
    st.dictionaries(
        st.sampled_from("abcdef"),
        st.fractions(min_value=0, max_value=5),
        min_size=1,
    )
)
def test_equal_weights_give_the_mean_of_capped_completions(
    completions: dict[str, Fraction],
) -> None:
    score = composite(completions, {})
    mean = sum(min(c, Fraction(1)) for c in completions.values()) / len(completions)
    assert score == 100 * mean
    assert 0 <= score <= 100


def test_previous_rank_counts_only_the_counties_ranked_now() -> None:
    """Last month a 1, b and c 2 (tied), d 4. Now only b and d are ranked (a and c did not
    report): b was first of them and d second, so neither moved, not d ↑2."""
    from chuangye_cli.memory import _ranked_among

    before: dict[tuple[str | None, str], int] = {
        (None, "a"): 1,
        (None, "b"): 2,
        (None, "c"): 2,
        (None, "d"): 4,
    }
    assert _ranked_among({"b", "d"}, None, before) == {"b": 1, "d": 2}
    assert _ranked_among({"a", "c", "d"}, None, before) == {"a": 1, "c": 2, "d": 3}
    assert _ranked_among({"b", "e"}, None, before) == {"b": 1}  # e: not ranked then
    assert _ranked_among({"b"}, "firms", before) == {}  # another ranking's places


@given(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=9))
def test_previous_rank_is_unchanged_when_the_same_counties_are_ranked(scores: list[int]) -> None:
    from chuangye_cli.memory import _ranked_among

    ranks = {f"c{k}": 1 + sum(1 for s in scores if s > score) for k, score in enumerate(scores)}
    before: dict[tuple[str | None, str], int] = {(None, c): rank for c, rank in ranks.items()}
    assert _ranked_among(set(ranks), None, before) == ranks


LATE_STOCK_ROWS = [
    ("2019-01", "east", "firms", "10", "", "", ""),  # 0.5
    ("2019-01", "west", "firms", "12", "", "", ""),  # 0.2
    ("2019-01", "north", "firms", "2", "", "", ""),  # 0.1
    ("2019-01", "east", "loans", "4000", "", "", ""),  # 1.0
    ("2019-01", "west", "loans", "6000", "", "", ""),  # 0.5
    ("2019-01", "north", "loans", "2000", "", "", ""),  # 0.5
    ("2019-01", "east", "spaces", "1", "", "", ""),  # 0.5
    ("2019-01", "west", "spaces", "3", "", "", ""),  # 0.5
    ("2019-03", "north", "spaces", "2", "", "", ""),  # 1.0, its first 众创空间 figure
]


def test_last_months_ranks_are_of_this_months_composite(tmp_path: Path) -> None:
    """In 2019-02 北区 has no 众创空间 yet, so that month's composite leaves it out for all:
    东区 0.75, 西县 0.35, 北区 0.3. In 2019-03 all three indicators count: 东区 2/3, 北区
    8/15, 西县 0.4. The ranks a month before are of the same composite: 东区 2/3 first, 西县
    0.4 second, and 北区, without 众创空间 then, none (not the third place of a composite of
    two indicators)."""
    alerts = remembered(tmp_path, LATE_STOCK_ROWS, "2019-03", targets=NORTH_TARGETS)
    overall = next(r for r in alerts.rankings if r.indicator is None)
    assert overall.not_scored == ()
    got = [(e.county_id, e.rank, e.previous_rank) for e in overall.entries]
    assert got == [("east", 1, 1), ("north", 2, None), ("west", 3, 2)]
    before = remembered(tmp_path / "before", LATE_STOCK_ROWS, "2019-02", targets=NORTH_TARGETS)
    then = next(r for r in before.rankings if r.indicator is None)
    assert then.not_scored == ("spaces",)
    assert [(e.county_id, e.rank) for e in then.entries] == [
        ("east", 1),
        ("west", 2),
        ("north", 3),
    ]
