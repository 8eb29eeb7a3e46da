"""Figures an office can trust: a corrected return replaces the original, two unmarked returns
conflict, a duplicate row counts once, a missing return is never a zero in silence, and numbers
that cannot be right are flagged — with folders of real-looking files."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chuangye_cli.cli import app
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan, load_plan

from .conftest import REPO, SHIPPED_DATA, errors, load_data, make_data, md_rows, progress_of

TRUST = REPO / "tests" / "fixtures" / "returns" / "trust"
runner = CliRunner()
D = Decimal


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded, _ = load_plan(SHIPPED_DATA / "targets.yaml", SHIPPED_DATA / "tasks.yaml")
    assert loaded is not None
    return loaded


def folder(tmp_path: Path, case: str) -> Path:
    """The case's returns alone (without their expected files) in a folder of their own."""
    target = tmp_path / case
    target.mkdir()
    for path in (TRUST / case).iterdir():
        if ".expected." not in path.name and path.name != "case.json":
            shutil.copy(path, target / path.name)
    return target


def validate_json(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, ["validate", *args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def jobs_in_june(county: str, *args: str) -> Decimal:
    result = runner.invoke(
        app,
        ["progress", "--by", "county", "--county", county, "--indicator", "jobs",
         "--as-of", "2020-06", "--format", "json", *args],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout, parse_float=Decimal)["rows"]
    return Decimal(row["actual"])


def test_a_correction_replaces_the_original_and_is_listed(tmp_path: Path) -> None:
    returns = folder(tmp_path, "correction")
    code, found = validate_json("--actuals", str(returns))
    assert code == 0
    replaced = [d for d in found if d["code"] == "actuals.replaced"]
    assert len(replaced) == 1 and "（更正）" in str(replaced[0]["message"])
    # 带动就业 1-6月累计 is 1558 in the correction, 1540 in the original: never 3098
    assert jobs_in_june("金寨县", "--actuals", str(returns)) == D("0.1558")
    # the data sources say which file's return no longer counts
    both = ["--data", str(SHIPPED_DATA), "--actuals", str(returns)]
    text = runner.invoke(app, ["report", "-f", "md", *both]).stdout
    assert (
        "实绩数据：金寨县2020年6月报表.xlsx[Sheet1]（9行，其中金寨县2020年6月的报表已被取代，未计入）、"
        "金寨县2020年6月报表（更正）.xlsx[Sheet1]（9行）。"
    ) in text
    caption = runner.invoke(app, ["progress", "-f", "markdown", *both]).stdout
    assert "；其中1份报表已被更正或后报的报表取代，未计入" in caption
    plain = runner.invoke(app, ["progress", "-f", "markdown", "--data", str(SHIPPED_DATA)]).stdout
    assert "取代" not in plain


def test_a_later_filing_date_replaces_an_unmarked_return(tmp_path: Path) -> None:
    returns = folder(tmp_path, "later_date")
    code, found = validate_json("--actuals", str(returns))
    assert code == 0
    (replaced,) = [d for d in found if d["code"] == "actuals.replaced"]
    assert "2020-07-08" in str(replaced["message"]) and "裕安区人社局" in str(replaced["message"])


def test_two_unmarked_returns_are_a_conflict_naming_both_files(tmp_path: Path) -> None:
    returns = folder(tmp_path, "conflict")
    code, found = validate_json("--actuals", str(returns))
    assert code == 1
    (conflict,) = [d for d in found if d["severity"] == "error"]
    assert conflict["code"] == "actuals.return-conflict"
    assert "霍邱县2020年6月创业江淮报表.xlsx" in str(conflict["message"])
    assert "霍邱县2020年6月报表.xlsx" in str(conflict["message"])
    # which figures differ (the first three of four), at the first of them (带动就业's row)
    assert str(conflict["message"]).endswith(
        "不能相加；两份不同的数字：带动就业（当月新增）505 人、550 人；带动就业（1-6月累计）2710 人、"
        "2755 人；新增小微创业企业（当月新增）12 家、21 家；等4项"
    )
    assert conflict["line"] == 5
    assert runner.invoke(app, ["progress", "--actuals", str(returns)]).exit_code == 1


def test_an_exact_duplicate_row_is_a_warning_and_counts_once(tmp_path: Path) -> None:
    returns = folder(tmp_path, "duplicate_row")
    code, found = validate_json("--actuals", str(returns))
    assert code == 0
    (dup,) = [d for d in found if d["code"] == "actuals.duplicate-row"]
    assert (dup["line"], dup["severity"]) == (11, "warning")
    assert jobs_in_june("金安区", "--actuals", str(returns)) == D("0.0455")  # 455, not 910


def test_the_same_return_sent_twice_counts_once(tmp_path: Path) -> None:
    source = next((TRUST / "correction").glob("金寨县2020年6月报表.xlsx"))
    shutil.copy(source, tmp_path / "a.xlsx")
    shutil.copy(source, tmp_path / "b.xlsx")
    code, found = validate_json("--actuals", str(tmp_path))
    assert code == 0
    assert [d["code"] for d in found if d["severity"] == "warning"].count(
        "actuals.same-return"
    ) == 1


# --- who has reported -------------------------------------------------------------------------


def test_returns_matrix_of_the_shipped_sample() -> None:
    result = runner.invoke(app, ["returns", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    records = doc["returns"]
    assert len(records) == 10 * 30  # 8 divisions, 市直 and 市科技局 × 30 months
    missing = [(r["reporter"], r["month"]) for r in records if r["state"] == "missing"]
    assert missing == [("叶集区", "2020-06")]
    assert {r["state"] for r in records} == {"reported", "missing"}
    table = runner.invoke(app, ["returns"]).stdout
    assert "2020年6月未报送：叶集区" in table


def test_returns_are_listed_despite_a_bad_cell_other_commands_stop(tmp_path: Path) -> None:
    """One “见附件” in a figure's cell: `returns` still lists who sent what (the same records
    as without it), says the error at its cell and exits 1; `progress` computes nothing."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    monthly = data / "actuals" / "synthetic-monthly.csv"
    lines = monthly.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",65,", ",见附件,")
    monthly.write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["returns", "--format", "json", "--data", str(data)])
    assert result.exit_code == 1
    assert "synthetic-monthly.csv:2:4: error[actuals.value]: “见附件” 不是数字" in result.stderr
    assert "报表中有 1 个错误：报送情况照常列出" in result.stderr
    clean = json.loads(runner.invoke(app, ["returns", "--format", "json"]).stdout)
    doc = json.loads(result.stdout)
    assert doc["returns"] == clean["returns"]
    assert (doc["unread_errors"], clean["unread_errors"]) == (1, 0)  # and it says so
    table = runner.invoke(app, ["returns", "--data", str(data)]).stdout
    assert "注意：报表中有1个错误，出错的数字未读入：只有出错数字的报表在此显示为未报送" in table
    refused = runner.invoke(app, ["progress", "--data", str(data)])
    assert refused.exit_code == 1 and refused.stdout == ""
    assert "未作计算" in refused.stderr


def test_a_county_without_its_return_is_not_reported_not_lagging() -> None:
    doc = json.loads(runner.invoke(app, ["progress", "--by", "county", "--format", "json"]).stdout)
    yeji = [r for r in doc["rows"] if r["county_id"] == "yeji"]
    own = [r for r in yeji if r["indicator"] != "maker_spaces"]
    assert {r["status"] for r in own} == {"not_reported"}
    assert all(r["reported_through"] == "2020-05" and r["missing"] == ["2020-06"] for r in own)
    spaces = next(r for r in yeji if r["indicator"] == "maker_spaces")
    assert spaces["status"] != "not_reported"  # 众创空间 come from 市科技局, who reported
    warnings = json.loads(runner.invoke(app, ["warnings", "--format", "json"]).stdout)["warnings"]
    yeji_alerts = [w for w in warnings if w["subject_id"] == "yeji"]
    assert [w["kind"] for w in yeji_alerts if w["kind"] == "not_reported"] == ["not_reported"]
    assert not any(
        w["kind"] != "not_reported" and w["indicator"] != "maker_spaces" for w in yeji_alerts
    )
    caption = runner.invoke(app, ["progress"]).stdout
    assert "未报送1份（叶集区）" in caption


def test_as_of_past_the_latest_return_warns() -> None:
    result = runner.invoke(app, ["progress", "--as-of", "2020-09"])
    assert result.exit_code == 0
    assert "report.after-data" in result.stderr and "2020年6月" in result.stderr


def _early(tmp_path: Path, counties: tuple[str, ...]) -> Path:
    """The shipped data, with the given counties' June rows sent again as July's."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    monthly = data / "actuals" / "synthetic-monthly.csv"
    lines = monthly.read_text(encoding="utf-8").splitlines()
    july = [
        "2020-07" + line[len("2020-06") :]
        for line in lines
        if line.startswith("2020-06,") and line.split(",")[1] in counties
    ]
    assert july  # (the counties have June rows to send again)
    monthly.write_text("\n".join([*lines, *july]) + "\n", encoding="utf-8")
    return data


def test_a_unit_s_missing_return_is_no_county_s_and_no_gap_in_the_totals(tmp_path: Path) -> None:
    """市科技局 sent no April return (its 众创空间, a level: June's counts) and 霍邱县's June
    lacks 带动就业: 报送情况 says whose totals are short without calling 市科技局 a 县区, and
    the summary names only the county whose figures the city's totals lack (a review's
    finding)."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    spaces = data / "actuals" / "synthetic-maker-spaces.csv"
    lines = spaces.read_text(encoding="utf-8-sig").splitlines()
    spaces.write_text("\n".join(x for x in lines if not x.startswith("2020-04,")) + "\n", "utf-8")
    monthly = data / "actuals" / "synthetic-monthly.csv"
    lines = monthly.read_text(encoding="utf-8").splitlines()
    kept = [x for x in lines if not x.startswith("2020-06,huoqiu,jobs,")]
    assert len(kept) == len(lines) - 1
    monthly.write_text("\n".join(kept) + "\n", encoding="utf-8")
    md = runner.invoke(app, ["report", "--data", str(data), "-f", "markdown"]).stdout
    assert "市科技局2020年4月未报送；这些报送单位的累计数不全，不作进度判断。" in md
    assert "县区的累计数不全" not in md
    assert "叶集区、霍邱县有报表未报送或缺项，全市合计不含其缺报的数字。" in md


def test_returns_sent_early_are_named_with_their_own_months(tmp_path: Path) -> None:
    """霍邱县 sent July early, 金安区 July and August: each is named with the months it sent
    (not one range for all), in the plan's order; a year's view counts no later month, so it
    names none (its --as-of could not show them)."""
    data = _early(tmp_path, ("huoqiu", "jinan"))
    monthly = data / "actuals" / "synthetic-monthly.csv"
    lines = monthly.read_text(encoding="utf-8").splitlines()
    august = ["2020-08" + x[len("2020-07") :] for x in lines if x.startswith("2020-07,jinan,")]
    monthly.write_text("\n".join([*lines, *august]) + "\n", encoding="utf-8")
    table = runner.invoke(app, ["progress", "--data", str(data)]).stdout
    assert (
        "金安区已提前报送2020年7月、2020年8月报表，霍邱县已提前报送2020年7月报表，不计入本期"
        "（查看请用--as-of，如--as-of2020-07）。"
    ) in "".join(table.split())
    bulletin = runner.invoke(app, ["report", "--data", str(data), "-f", "md"]).stdout
    assert (
        "金安区已提前报送2020年7月、2020年8月报表，霍邱县已提前报送2020年7月报表，不计入本期。"
        in bulletin
    )
    english = runner.invoke(
        app, ["--lang", "en", "progress", "--data", str(data), "-f", "markdown"]
    )
    assert "Sent early, not counted here: 金安区 (2020-07, 2020-08); 霍邱县 (2020-07);" in (
        english.stdout
    )
    year = runner.invoke(app, ["progress", "--data", str(data), "--year", "2019"]).stdout
    assert "报告期：2019年12月" in year and "提前报送" not in year


def test_one_early_return_does_not_move_the_report_month(tmp_path: Path) -> None:
    data = _early(tmp_path, ("huoqiu",))
    result = runner.invoke(app, ["progress", "--data", str(data), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["as_of"] == "2020-06"  # as without the July return
    shipped = json.loads(runner.invoke(app, ["progress", "--format", "json"]).stdout)
    assert json.loads(result.stdout)["rows"] == shipped["rows"]  # July's figures not counted
    assert "warning[report.early-returns]" in result.stderr
    assert "默认报告期取 2020年6月" in result.stderr and "只有霍邱县报送" in result.stderr
    assert "--as-of 2020-07" in result.stderr
    # and where the table is read, not only on stderr (a clerk of 霍邱县 sees June's figures)
    table = runner.invoke(app, ["progress", "--data", str(data), "--county", "霍邱县"]).stdout
    assert "霍邱县已提前报送2020年7月报表，不计入本期（查看该月请用--as-of2020-07）。" in "".join(
        table.split()
    )  # (the caption wraps: its spaces are left out)
    english = runner.invoke(app, ["--lang", "en", "progress", "--data", str(data)]).stdout
    assert "Sent early, not counted here: 霍邱县 (2020-07); --as-of 2020-07 shows that month." in (
        " ".join(english.split())
    )
    asked = runner.invoke(app, ["progress", "--data", str(data), "--as-of", "2020-07"])
    assert asked.exit_code == 0 and "默认报告期" not in asked.stderr
    assert "报告期：2020年7月" in asked.stdout and "提前报送" not in asked.stdout
    # July asked for: its one return is said (the totals hold only what has come)
    assert "报告期 2020年7月 的报表只有霍邱县报送，其余报送单位尚未报送" in asked.stderr
    bulletin = runner.invoke(app, ["report", "--data", str(data), "-f", "md"]).stdout
    assert "霍邱县已提前报送2020年7月报表，不计入本期。" in bulletin
    july = runner.invoke(app, ["report", "--data", str(data), "-f", "md", "--as-of", "2020-07"])
    assert "本月报表仅到1份（应报10份），以上合计不全。" in july.stdout
    assert "本月报表尚未到齐，合计只含已报送的报表。" in july.stdout
    shipped = runner.invoke(app, ["report", "-f", "md"]).stdout
    assert "提前报送" not in shipped and "合计不全" not in shipped
    year = runner.invoke(app, ["progress", "--data", str(data), "--year", "2019"])
    assert "report.early-returns" not in year.stderr and "报告期：2019年12月" in year.stdout


def test_a_countys_return_with_a_units_indicator_is_not_the_units(tmp_path: Path) -> None:
    """Four counties' July returns that also give 众创空间 are four returns, not five: 市科技局
    (who reports 众创空间) has sent nothing for July."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    rows = "".join(
        f"2020-07,{c},new_enterprises,65,个,\n2020-07,{c},maker_spaces,3,个,\n"
        for c in ("jinan", "yuan", "huoqiu", "shucheng")
    )
    with (data / "actuals" / "synthetic-monthly.csv").open("a", encoding="utf-8") as fh:
        fh.write(rows)
    result = runner.invoke(app, ["progress", "--data", str(data)])
    assert "报告期：2020年6月" in result.stdout
    assert "更晚月份的数据只有4个单位报送" in result.stderr


def test_reporters_that_stopped_long_ago_do_not_hold_the_month_back(tmp_path: Path) -> None:
    """东区 reports every month to 2020-06; 西县 and 市直 stopped after 2019-06 (no reporting
    in the plan: each division is a reporter). The month is 2020-06, with no warning."""
    months = [f"{y}-{m:02d}" for y in (2019, 2020) for m in range(1, 13)][:18]
    rows = [(m, "east", "firms", "1", "", "", "") for m in months]
    rows += [(m, c, "firms", "1", "", "", "") for m in months[:6] for c in ("west", "city")]
    result = runner.invoke(app, ["progress", "--data", str(make_data(tmp_path / "d", rows))])
    assert "报告期：2020年6月" in result.stdout and "report.early-returns" not in result.stderr


@pytest.mark.parametrize("early", [("2020-01",), ("2020-01", "2020-02")])
def test_a_year_of_one_early_return_says_so(tmp_path: Path, early: tuple[str, ...]) -> None:
    """Every division through 2019-12, 东区 also for 2020-01 (and 2020-02): the default month
    is 2019-12 (a warning names 东区's early return); a view of 2020 can only be of January,
    and its warning says that January's returns are not in (not that they are)."""
    months = [f"2019-{m:02d}" for m in range(1, 13)]
    rows = [(m, c, "firms", "1", "", "", "") for m in months for c in ("east", "west", "city")]
    rows += [(m, "east", "firms", "1", "", "", "") for m in early]
    data = make_data(tmp_path / "d", rows)
    default = runner.invoke(app, ["progress", "--data", str(data)])
    assert "报告期：2019年12月" in default.stdout and "只有东区报送" in default.stderr
    year = runner.invoke(app, ["progress", "--data", str(data), "--year", "2020"])
    assert "报告期：2020年1月" in year.stdout
    assert "报告期 2020年1月 的报表只有东区报送，其余报送单位尚未报送" in year.stderr
    assert "报表已基本到齐" not in year.stderr


def test_the_report_month_moves_once_half_the_returns_are_in(tmp_path: Path) -> None:
    # ten reporters (seven 县区, the 开发区, 市直 and 市科技局): ten returns for May, nine for
    # June; four for July are fewer than half of ten, five are half
    four = ("jinan", "yuan", "huoqiu", "shucheng")
    few = runner.invoke(app, ["progress", "--data", str(_early(tmp_path / "a", four))])
    assert "报告期：2020年6月" in few.stdout and "4个单位" in few.stderr
    half = runner.invoke(
        app, ["progress", "--data", str(_early(tmp_path / "b", (*four, "jinzhai")))]
    )
    assert "报告期：2020年7月" in half.stdout and "report.early-returns" not in half.stderr


# --- numbers that cannot be right -------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "code", "variant"),
    [
        (("2019-06", "east", "loans", "420万", "万元", "", ""), "actuals.unit", "double"),
        (("2019-06", "east", "firms", "3万", "万个", "", ""), "actuals.unit", "double"),
        (("2019-06", "east", "firms", "2650.5", "个", "", ""), "actuals.implausible", "fraction"),
        (
            ("2019-06", "east", "firms", "12", "", "1-5月累计", ""),
            "actuals.implausible",
            "ytd-month",
        ),
        (("2019-06", "east", "firms", "2500", "", "", ""), "actuals.implausible", "over-target"),
    ],
)
def test_numbers_that_cannot_be_right(
    tmp_path: Path, row: tuple[str, ...], code: str, variant: str
) -> None:
    loaded = load_data(make_data(tmp_path, [row]))
    found = [(d.code, d.variant, d.line) for d in loaded.diagnostics]
    assert (code, variant, 2) in found


def test_a_wan_slip_is_told_from_an_ordinary_month(tmp_path: Path) -> None:
    """Four months of about 300 万元, then 3,000,000: 10,000 times too big."""
    rows = [(f"2019-0{m}", "east", "loans", v, "", "", "")
            for m, v in ((1, "300"), (2, "280"), (3, "310"), (4, "3000000"))]  # fmt: skip
    loaded = load_data(make_data(tmp_path, rows))
    (slip,) = [d for d in loaded.diagnostics if d.code == "actuals.implausible"]
    assert slip.variant == "magnitude" and slip.line == 5
    assert slip.arguments["mark"] == "万" and slip.arguments["meant"] == "300"  # 万元
    # the month's addition is a figure worked out, not a cell's text: grouped, not quoted
    assert slip.arguments["value"] == "3000000"
    assert "新增 3,000,000 万元，约为平常" in slip.message()


@pytest.mark.parametrize("engine", ["python", "columnar"])
def test_implausible_months_past_the_limit_are_counted_not_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    """Eight months each over east's whole target for firms, with a limit of three kept
    diagnostics: the first three by line are kept, the other five are counted in the summary."""
    import chuangye_cli.reading as reading
    import chuangye_cli.reading.plausible as plausible
    from chuangye_cli.diagnostics import Collector
    from chuangye_cli.inputs import load, resolve_inputs

    monkeypatch.setattr(reading, "Collector", lambda: Collector(limit=3))
    built: list[int] = []
    real = plausible._warning

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(plausible, "_warning", counting)
    rows = [(f"2019-0{m}", "east", "firms", "2500", "", "", "") for m in range(1, 9)]
    loaded = load(resolve_inputs(data=make_data(tmp_path, rows)), engine=engine)
    assert len(built) == 3  # the five past the limit are counted, their messages not made
    kept = [(d.code, d.variant, d.line) for d in loaded.diagnostics if d.severity == "warning"]
    assert kept == [
        ("actuals.implausible", "over-target", 2),
        ("actuals.implausible", "over-target", 3),
        ("actuals.implausible", "over-target", 4),
        ("too-many-warnings", "", None),
    ]
    (summary,) = [d for d in loaded.diagnostics if d.code == "too-many-warnings"]
    assert summary.count == 5


def test_strict_fails_on_implausible_months_past_the_limit_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight months over the target, limit 3: without --strict, 3 warnings listed and 5 counted
    (exit 0); with it, 3 errors listed and the 5 counted move to the errors summary (exit 1)."""
    import chuangye_cli.reading as reading
    from chuangye_cli.diagnostics import Collector

    monkeypatch.setattr(reading, "Collector", lambda: Collector(limit=3))
    rows = [(f"2019-0{m}", "east", "firms", "2500", "", "", "") for m in range(1, 9)]
    data = str(make_data(tmp_path, rows))
    plain = runner.invoke(app, ["validate", "--data", data, "--format", "json"])
    strict = runner.invoke(app, ["validate", "--data", data, "--strict", "--format", "json"])
    assert (plain.exit_code, strict.exit_code) == (0, 1)
    codes = [(d["code"], d["severity"]) for d in json.loads(strict.stdout)]
    assert codes == [("actuals.implausible", "error")] * 3 + [("too-many-errors", "error")]
    assert json.loads(strict.stdout)[-1]["message"] == "另有 5 个错误未列出（只列出前 3 个错误）"


def test_strict_merges_counted_warnings_into_the_errors_summary() -> None:
    from chuangye_cli.catalogue import Code
    from chuangye_cli.diagnostics import Diagnostic, strictly

    implausible, duplicate = Code.ACTUALS_IMPLAUSIBLE, Code.ACTUALS_DUPLICATE_ROW
    limit = ("limit", "1000")
    errors = Diagnostic(Code.TOO_MANY_ERRORS, "error", args=(("count", "2"), limit), count=2,
                        tally=((Code.ACTUALS_VALUE, 2),))  # fmt: skip
    warnings = Diagnostic(Code.TOO_MANY_WARNINGS, "warning", args=(("count", "7"), limit),
                          count=7, tally=((duplicate, 3), (implausible, 4)))  # fmt: skip
    listed = Diagnostic(implausible, "warning", "a.csv", 2)
    out = strictly([listed, errors, warnings], implausible)
    assert [(d.code, d.severity, d.count) for d in out] == [
        (implausible, "error", 1),
        (Code.TOO_MANY_ERRORS, "error", 6),
        (Code.TOO_MANY_WARNINGS, "warning", 3),
    ]
    assert dict(out[1].tally) == {Code.ACTUALS_VALUE: 2, implausible: 4}
    assert out[2].tally == ((duplicate, 3),)
    assert out[1].message("en") == "6 more errors not listed (only the first 1000 are shown)"


def test_strict_makes_implausible_figures_errors(tmp_path: Path) -> None:
    data = make_data(tmp_path, [("2019-06", "east", "firms", "2650.5", "个", "", "")])
    assert runner.invoke(app, ["validate", "--data", str(data)]).exit_code == 0
    strict = runner.invoke(app, ["validate", "--data", str(data), "--strict"])
    assert strict.exit_code == 1


def test_one_point_two_yi_of_loans_is_one_point_two_yi_yuan(tmp_path: Path) -> None:
    rows = [("2019-06", "east", "loans", "1.2亿", "", "", "")]
    progress = progress_of(make_data(tmp_path, rows), "2019-06")
    loans = next(r for r in progress.indicators if r.indicator.id == "loans")
    assert loans.actual == D("1.2")  # 1.2亿元, not 1.2亿 × 万元
    assert errors(load_data(make_data(tmp_path / "b", rows))) == []


def test_reported_through_uses_the_months_with_returns(tmp_path: Path, plan: Plan) -> None:
    from chuangye_cli.returns import month_ranges

    runs = month_ranges([Period(2020, m) for m in (1, 2, 3, 5, 6, 9)])
    assert [(str(a), str(b)) for a, b in runs] == [
        ("2020-01", "2020-03"),
        ("2020-05", "2020-06"),
        ("2020-09", "2020-09"),
    ]


# --- 报送情况 in the bulletin, and rankings without the silent county -------------------------


def test_the_bulletin_says_who_did_not_report() -> None:
    text = runner.invoke(app, ["report", "--format", "md"]).stdout
    section = text.split("## 二、报送情况", 1)[1].split("\n## ", 1)[0]
    # 8 divisions + 市直 + 市科技局 due; only 叶集区's June return is missing
    assert "2020年6月应报送10份，已报送9份，未报送：叶集区（最近一次报送：2020年5月）。" in section
    assert "| " not in section  # a page names them; the workbook has the table


def test_the_workbook_lists_every_party(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "b.xlsx"
    assert runner.invoke(app, ["report", "--format", "xlsx", "--output", str(out)]).exit_code == 0
    ws = openpyxl.load_workbook(out)["报送情况"]
    parties = {row[0]: row[1] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert len(parties) == 10 and parties["叶集区"] == "未报送"
    assert {v for k, v in parties.items() if k != "叶集区"} == {"已报送"}


def test_a_county_that_did_not_report_is_not_ranked() -> None:
    doc = json.loads(runner.invoke(app, ["warnings", "--format", "json"]).stdout)
    by = {r["indicator"]: r for r in doc["rankings"]}
    overall = by[None]
    assert overall["unranked"] == ["叶集区"]
    assert "叶集区" not in [e["county"] for e in overall["entries"]]
    assert len(overall["entries"]) == 7
    assert by["jobs"]["unranked"] == ["叶集区"]
    # 众创空间 are reported by 市科技局 for every county: 叶集区 is ranked on them
    assert by["maker_spaces"]["unranked"] == []
    assert "叶集区" in [e["county"] for e in by["maker_spaces"]["entries"]]
    text = runner.invoke(app, ["report", "--format", "md"]).stdout
    assert "叶集区本月未报送，未参加综合排名。" in text
    own = runner.invoke(app, ["report", "--format", "md", "--county", "叶集区"]).stdout
    assert "8项本月未报送" in own and "综合得分" not in own.split("## 二、", 1)[0]


def test_months_in_a_row_without_a_return_are_counted_and_escalated(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    monthly = data / "actuals" / "synthetic-monthly.csv"
    lines = monthly.read_text(encoding="utf-8").splitlines(keepends=True)
    gone = ("2020-04,yeji,", "2020-05,yeji,")  # with the sample's missing June: 3 months
    monthly.write_text("".join(x for x in lines if not x.startswith(gone)), encoding="utf-8")
    doc = json.loads(
        runner.invoke(app, ["warnings", "--data", str(data), "--format", "json"]).stdout
    )
    silent = [w for w in doc["warnings"] if w["kind"] == "not_reported"]
    assert [(w["subject"], w["consecutive_red_months"]) for w in silent] == [("叶集区", 3)]
    assert silent[0]["message"].endswith("已连续3个月未报送，建议督办")
    may = runner.invoke(
        app, ["warnings", "--data", str(data), "--as-of", "2020-05", "--format", "json"]
    )
    silent = [w for w in json.loads(may.stdout)["warnings"] if w["kind"] == "not_reported"]
    assert [w["consecutive_red_months"] for w in silent] == [2]
    assert "建议督办" not in silent[0]["message"]


def test_a_county_missing_earlier_returns_is_not_judged_and_the_chart_has_a_gap(
    tmp_path: Path,
) -> None:
    """Issue 8's case: only the 2020 figures. No county is lagging for want of its returns;
    the warnings name the missing months, and the bulletin's lines start in 2020."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    monthly = data / "actuals" / "synthetic-monthly.csv"
    lines = monthly.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines[1:] if x.startswith(("2020-", "2019-12,jinan"))]
    monthly.write_text(lines[0] + "".join(kept), encoding="utf-8")
    ytd = data / "actuals" / "synthetic-ytd-gb18030.csv"
    lines = ytd.read_text(encoding="gb18030").splitlines(keepends=True)
    ytd.write_text(lines[0] + "".join(x for x in lines[1:] if x.startswith("2020")), "gb18030")

    doc = json.loads(
        runner.invoke(app, ["progress", "--data", str(data), "--by", "county", "-f", "json"]).stdout
    )
    own = [r for r in doc["rows"] if r["indicator"] != "maker_spaces"]
    assert {r["status"] for r in own} == {"not_reported"}
    jinan = next(r for r in own if r["county_id"] == "jinan")
    assert len(jinan["missing"]) == 23  # 2018-01 … 2019-11: 金安区 kept its 2019-12 return

    warnings = json.loads(
        runner.invoke(app, ["warnings", "--data", str(data), "-f", "json"]).stdout
    )["warnings"]
    county_lags = [
        w for w in warnings
        if w["scope"] == "county" and w["kind"] != "not_reported"
        and w["indicator"] != "maker_spaces"
    ]  # fmt: skip
    assert county_lags == []
    silent = {w["subject"]: w for w in warnings if w["kind"] == "not_reported"}
    assert len(silent) == 9  # 8 divisions and 市直; 市科技局 sent every month
    assert silent["金安区"]["message"] == (
        "金安区：缺报23个月（2018年1月至2019年11月），累计数不全，不作进度判断"
    )
    assert silent["金安区"]["consecutive_red_months"] == 0  # its June return came
    assert silent["叶集区"]["message"].startswith(
        "叶集区：未报送本期报表（最近一次报送：2020年5月）；此前缺报24个月"
    )
    assert silent["叶集区"]["missing"][-1] == "2020-06"

    out = tmp_path / "b.html"
    assert (
        runner.invoke(app, ["report", "--data", str(data), "-f", "html", "-o", str(out)]).exit_code
        == 0
    )
    page = out.read_text(encoding="utf-8")
    # 金安区's 2019-12 return makes 2019-12 a reported month for the city: the line then runs
    # 2019-12 … 2020-06 (7 points), with nothing drawn for 2018-01 … 2019-11
    first = page.split('class="actual"', 1)[0].rsplit("<polyline points=", 1)[1]
    assert len(first.strip('"').split()) == 7


def test_a_correction_without_some_indicators_says_which_are_no_longer_counted(
    tmp_path: Path,
) -> None:
    """A 更正 file with only the corrected line replaces the whole return: the figures it
    lacks are dropped, and a warning names them (never in silence)."""
    header = "period,county,indicator,value\n"
    (tmp_path / "金寨县6月.csv").write_text(
        header + "2020-06,jinzhai,new_enterprises,90\n2020-06,jinzhai,jobs,200\n",
        encoding="utf-8",
    )
    (tmp_path / "金寨县6月（更正）.csv").write_text(
        header + "2020-06,jinzhai,new_enterprises,95\n", encoding="utf-8"
    )
    code, found = validate_json("--actuals", str(tmp_path))
    assert code == 0
    (partial,) = [d for d in found if d["code"] == "actuals.correction-partial"]
    assert (partial["severity"], partial["line"]) == ("warning", 2)
    assert str(partial["file"]).endswith("金寨县6月（更正）.csv")
    assert "带动就业" in str(partial["message"]) and "新增注册企业" not in str(partial["message"])


def test_a_county_return_with_a_units_indicator_is_not_the_units_return(tmp_path: Path) -> None:
    """市科技局 reports 众创空间 for every county. 金寨县's July return that also gives its
    众创空间 is 金寨县's return, not 市科技局's: the unit's July stays missing until a file of
    its own (its indicators and nothing else) arrives."""
    county = tmp_path / "county"
    county.mkdir()
    (county / "金寨县7月.csv").write_text(
        "period,county,indicator,value,basis\n"
        "2020-07,jinzhai,new_enterprises,90,increment\n"
        "2020-07,jinzhai,maker_spaces,2,level\n",
        encoding="utf-8",
    )
    unit = tmp_path / "unit"
    unit.mkdir()
    (unit / "市科技局7月.csv").write_text(
        "period,county,indicator,value,basis\n2020-07,huoshan,maker_spaces,1,level\n",
        encoding="utf-8",
    )

    def july(*folders: Path) -> dict[str, str]:
        args = [a for f in (SHIPPED_DATA / "actuals", *folders) for a in ("--actuals", str(f))]
        result = runner.invoke(app, ["returns", *args, "--as-of", "2020-07", "-f", "json"])
        assert result.exit_code == 0, result.output
        cells = json.loads(result.stdout)["returns"]
        return {c["reporter"]: c["state"] for c in cells if c["month"] == "2020-07"}

    assert july(county)["金寨县"] == "reported"
    assert july(county)["市科技局"] == "missing"
    assert july(county, unit)["市科技局"] == "reported"


def test_returns_of_one_table_are_made_when_asked_for() -> None:
    """Two tables: (east, 1) in both (compared: given as made), (west, 1) only in the first,
    (east, 2) only in the second. Order: the first table's cells sorted, then the second's
    new ones."""
    from chuangye_cli.domain import Return, Returns, Table

    compared = Return("east", 1, "b.csv", None, (("b.csv", ("firms",)),), True, ("a.csv",))
    first = Table("a.csv", None, False, {("west", 1): frozenset({"jobs", "firms"}),
                                         ("east", 1): frozenset({"firms"})})  # fmt: skip
    second = Table("b.csv", None, True, {("east", 2): frozenset({"loans"}),
                                         ("east", 1): frozenset({"firms"})})  # fmt: skip
    returns = Returns({("east", 1): compared}, [first, second])
    assert list(returns) == [("east", 1), ("west", 1), ("east", 2)]
    assert len(returns) == 3
    assert returns[("east", 1)] is compared
    assert returns[("west", 1)] == Return(
        "west", 1, "a.csv", None, (("a.csv", ("firms", "jobs")),), False
    )
    assert returns.get(("east", 2)) == Return(
        "east", 2, "b.csv", None, (("b.csv", ("loans",)),), True
    )
    assert ("east", 3) not in returns and returns.get(("east", 3)) is None
    assert ("west", 1) in returns
    with pytest.raises(KeyError):
        returns[("north", 1)]


def test_a_county_whose_gap_is_an_earlier_month_is_not_said_to_miss_this_month(
    tmp_path: Path,
) -> None:
    """霍邱县 sent June's return but not March's: it is left out of the ranking, and the
    bulletin says March is missing, not this month (叶集区's June is)."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    monthly = data / "actuals" / "synthetic-monthly.csv"
    lines = monthly.read_text(encoding="utf-8").splitlines(keepends=True)
    monthly.write_text("".join(x for x in lines if not x.startswith("2020-03,huoqiu,")), "utf-8")
    text = runner.invoke(app, ["report", "--format", "md", "--data", str(data)]).stdout
    assert "叶集区本月未报送，霍邱县2020年3月未报送，未参加综合排名。" in text
    assert "另有：霍邱县2020年3月未报送；其累计数不全，不作进度判断。" in text  # 报送情况
    # and the summary says the city's totals lack them (they were said only in 报送情况)
    assert "叶集区、霍邱县有报表未报送或缺项，全市合计不含其缺报的数字。" in text
    own = runner.invoke(
        app, ["report", "--format", "md", "--data", str(data), "--county", "霍邱县"]
    ).stdout
    assert "项2020年3月未报送（累计数不全，不作判断）" in own
    assert "霍邱县2020年3月未报送，未参加综合排名" in own
    assert "本月未报送" not in own


# --- a return without a figure it gave before: that figure is missing, never a 0 -------------


def shipped_without(tmp_path: Path, *gone: str) -> Path:
    """The shipped data with the monthly rows starting with ``gone`` taken out."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    monthly = data / "actuals" / "synthetic-monthly.csv"
    lines = monthly.read_text(encoding="utf-8").splitlines(keepends=True)
    monthly.write_text("".join(x for x in lines if not x.startswith(gone)), "utf-8")
    return data


def test_a_return_without_a_figure_it_gave_before_lacks_it(tmp_path: Path) -> None:
    """金寨县's June return gives every indicator but 新增小微创业企业, which it gave every
    month before: a warning naming it (an error under --require-complete), and progress does
    not judge 金寨县 on it (June added nothing, as if the figure were 0); its other rows are
    judged as before."""
    data = shipped_without(tmp_path, "2020-06,jinzhai,micro_enterprises,")
    result = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = [d for d in json.loads(result.stdout) if d["code"] == "returns.partial"]
    assert [(d["severity"], d["message"]) for d in found] == [
        (
            "warning",
            "金寨县 2020年6月的报表（synthetic-monthly.csv）没有此前报送的指标：新增小微创业企业；"
            "该月这些指标按未报送处理，不按 0 计",
        )
    ]
    strict = runner.invoke(app, ["validate", "--data", str(data), "--require-complete"])
    assert strict.exit_code == 1 and "returns.partial" in strict.stdout

    def statuses(folder: Path) -> dict[str, Any]:
        out = runner.invoke(
            app, ["progress", "--data", str(folder), "--by", "county", "--county", "金寨县",
                  "--format", "json"],
        )  # fmt: skip
        return {r["indicator"]: r["status"] for r in json.loads(out.stdout)["rows"]}

    before, after = statuses(SHIPPED_DATA), statuses(data)
    assert after.pop("micro_enterprises") == "not_reported"
    assert before.pop("micro_enterprises") != "not_reported"
    assert after == before
    text = runner.invoke(app, ["report", "--format", "md", "--data", str(data)]).stdout
    assert "叶集区本月未报送，金寨县2020年6月报表缺项（新增小微创业企业），未参加综合排名。" in text
    assert (
        "另有：金寨县2020年6月报表缺项（新增小微创业企业）；其累计数不全，不作进度判断。" in text
    )  # 报送情况
    records = json.loads(
        runner.invoke(app, ["returns", "--data", str(data), "--format", "json"]).stdout
    )["returns"]
    assert [(r["reporter_id"], r["month"], r["lacking"]) for r in records if r["lacking"]] == [
        ("jinzhai", "2020-06", ["micro_enterprises"])
    ]
    grid = runner.invoke(app, ["returns", "--data", str(data)], env={"COLUMNS": "200"}).stdout
    marks = {
        line.split()[1]: line.split()[2:]
        for line in grid.splitlines()
        if line.strip().startswith("金寨县")
    }
    assert marks["2020"][:6] == ["报", "报", "报", "报", "报", "报*"]  # June came, lacking
    assert "*" not in "".join(marks["2019"])
    assert "2020年6月报表缺项：金寨县（新增小微创业企业）" in grid
    assert "缺项1份" in grid
    plain = runner.invoke(app, ["returns", "--data", str(SHIPPED_DATA)], env={"COLUMNS": "200"})
    assert "报*" not in plain.stdout and "缺项0份" in plain.stdout
    warned = json.loads(
        runner.invoke(app, ["warnings", "--data", str(data), "--format", "json"]).stdout
    )["warnings"]
    (short,) = [w for w in warned if w["subject"] == "金寨县" and w["kind"] == "not_reported"]
    assert (short["indicator"], short["level"], short["missing"]) == (
        "micro_enterprises",
        "red",
        ["2020-06"],
    )
    assert (
        short["message"] == "金寨县·新增小微创业企业：2020年6月报表缺项，累计数不全，不作进度判断"
    )
    assert not any(w["subject"] == "金寨县" and w["indicator"] == "micro_enterprises"
                   and w["kind"] != "not_reported" for w in warned)  # fmt: skip
    assert "红色：新增小微创业企业（2020年6月报表缺项，不作进度判断）" in text  # 预警
    # 各县区完成情况: no completion for a total that lacks June's figure, the word instead
    row = next(x for x in text.splitlines() if x.startswith("| 金寨县") and "%" in x)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[6] == "缺项" and cells[1].endswith("%")  # 新增小微创业企业 is the 6th indicator
    assert "缺项为本月报表缺该项" in text
    book = tmp_path / "b.xlsx"
    assert (
        runner.invoke(app, ["report", "--data", str(data), "-f", "xlsx", "-o", str(book)]).exit_code
        == 0
    )
    from openpyxl import load_workbook

    sheet = load_workbook(book)["县区"]
    (jinzhai,) = [r for r in sheet.iter_rows(values_only=True) if r[0] == "金寨县"]
    assert jinzhai[6] == "缺项" and isinstance(jinzhai[1], float)
    shipped = json.loads(
        runner.invoke(app, ["warnings", "--data", str(SHIPPED_DATA), "--format", "json"]).stdout
    )["warnings"]
    assert [w["subject"] for w in shipped if w["kind"] == "not_reported"] == ["叶集区"]


def test_a_later_running_total_makes_up_for_a_month_a_return_lacked(tmp_path: Path) -> None:
    """霍邱县's March return lacks 带动就业 (a warning), unless its May 1-5月累计 (the five months'
    286 + 313 + 519 + 413 + 382 = 1913) gives the year so far: then nothing is missing."""
    data = shipped_without(tmp_path, "2020-03,huoqiu,jobs,")
    lacking = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"])
    # (and the sample's own missing return: 叶集区, June)
    assert [d["code"] for d in json.loads(lacking.stdout)] == ["returns.missing", "returns.partial"]
    (data / "actuals" / "霍邱县5月累计.csv").write_text(
        "period,county,indicator,value,basis\n2020-05,霍邱县,带动就业,1913,1-5月累计\n",
        encoding="utf-8",
    )
    made_up = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"])
    assert [d["code"] for d in json.loads(made_up.stdout) if d["severity"] != "notice"] == [
        "returns.missing"
    ]


def county_form(path: Path, jobs: int, filed: str) -> None:
    """金寨县's June 2020 form with 带动就业 and 新增注册企业 only."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["金寨县创业江淮行动计划进展情况统计表（2020年6月）"])
    ws.append([f"填报单位：金寨县人社局　填报日期：{filed}"])
    ws.append(["序号", "指标名称", "计量单位", "本月完成"])
    ws.append([1, "新增注册企业", "个", 96])
    ws.append([2, "带动就业", "人", jobs])
    wb.save(path)


@pytest.mark.parametrize("case", ["correction", "conflict"])
@pytest.mark.parametrize("unit_first", [True, False])
def test_a_units_table_read_first_leaves_returns_compared(
    tmp_path: Path, case: str, unit_first: bool
) -> None:
    """市科技局's 众创空间 for 金寨县's June, read before the county's two returns (its name
    sorts first) or after them: a correction still replaces the original (280 → 298), two
    unmarked returns of one date are still a conflict. Before, the unit's table, with no
    indicator in common with them, stood as the return: the two were never compared, and the
    first counted in silence."""
    returns = tmp_path / "returns"
    returns.mkdir()
    county_form(returns / "金寨县2020年6月报表.xlsx", 280, "2020年7月3日")
    second = "金寨县2020年6月报表（更正）.xlsx" if case == "correction" else "金寨县6月.xlsx"
    county_form(returns / second, 298, "2020年7月3日")
    name = ("0" if unit_first else "z") + "市科技局众创空间.csv"
    (returns / name).write_text(
        "period,county,indicator,value,basis\n2020-06,jinzhai,maker_spaces,1,level\n",
        encoding="utf-8",
    )
    status, found = validate_json("--actuals", str(returns))
    codes = [d["code"] for d in found if str(d["code"]).startswith("actuals.re")]
    if case == "correction":
        assert status == 0 and codes == ["actuals.replaced"]
        assert jobs_in_june("金寨县", "--actuals", str(returns)) == D("0.0298")
    else:
        assert status == 1 and codes == ["actuals.return-conflict"]


@pytest.mark.parametrize(("spaces", "conflict"), [("2", False), ("3", True)])
def test_a_units_table_that_agrees_with_a_county_return_stands_beside_it(
    tmp_path: Path, spaces: str, conflict: bool
) -> None:
    """金寨县's June form gives 众创空间 2 among its nine indicators; 市科技局's table gives it
    too. The same 2: both count, nothing replaced (the whole form was a conflict error, as if
    two returns differed). A different 3: which is right cannot be told, an error."""
    source = TRUST / "correction" / "金寨县2020年6月报表.xlsx"
    shutil.copy(source, tmp_path / source.name)
    (tmp_path / "0市科技局众创空间.csv").write_text(
        f"period,county,indicator,value,basis\n2020-06,jinzhai,maker_spaces,{spaces},level\n",
        encoding="utf-8",
    )
    status, found = validate_json("--actuals", str(tmp_path))
    errors_found = [d["code"] for d in found if d["severity"] == "error"]
    if conflict:
        assert status == 1 and errors_found == ["actuals.return-conflict"]
    else:
        assert status == 0 and errors_found == []
        assert jobs_in_june("金寨县", "--actuals", str(tmp_path)) == D("0.154")


def test_a_later_running_total_makes_up_only_for_views_from_its_month(tmp_path: Path) -> None:
    """金寨县's June return lacks 新增小微创业企业; its July 1-7月累计 (38 to May, June's 8,
    July's 5: 51) makes up for June in a view of July, not in a view of June, which still lacks
    it (it was taken as made up, June counted as 0)."""
    data = shipped_without(tmp_path, "2020-06,jinzhai,micro_enterprises,")
    (data / "actuals" / "金寨县7月累计.csv").write_text(
        "period,county,indicator,value,basis\n2020-07,jinzhai,micro_enterprises,51,1-7月累计\n",
        encoding="utf-8",
    )

    def lacking(as_of: str) -> list[str]:
        _, found = validate_json("--data", str(data), "--as-of", as_of)
        return [
            str(d["message"]).split("：")[1].split("；")[0]
            for d in found
            if d["code"] == "returns.partial" and "金寨县 2020年6月" in str(d["message"])
        ]

    assert lacking("2020-06") == ["新增小微创业企业"]
    assert lacking("2020-07") == []


@pytest.mark.parametrize("name", ["0市科技局众创空间.xlsx", "z市科技局众创空间.xlsx"])
@pytest.mark.parametrize(("spaces", "conflict"), [("3", True), ("2", False)])
def test_a_units_table_never_replaces_a_countys_return(
    tmp_path: Path, name: str, spaces: str, conflict: bool
) -> None:
    """市科技局's 众创空间 table, filed after 金寨县's form (2020-07-20 against 07-05), read
    before or after it. Saying 3 where the county says 2: an error naming 众创空间, the two
    being different reporters' returns (the later one replaced the county's whole form, its 8
    other figures dropped). Saying 2: both count, nothing replaced."""
    import openpyxl

    source = TRUST / "correction" / "金寨县2020年6月报表.xlsx"
    shutil.copy(source, tmp_path / source.name)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["市科技局众创空间统计表（2020年6月）"])
    ws.append(["填报单位：市科技局　填报日期：2020年7月20日"])
    ws.append(["县区", "累计建设市级及以上众创空间（个）"])
    ws.append(["金寨县", int(spaces)])
    wb.save(tmp_path / name)
    status, found = validate_json("--actuals", str(tmp_path))
    errors_found = [(d["code"], d["message"]) for d in found if d["severity"] != "notice"]
    if conflict:
        assert status == 1
        ((code, message),) = errors_found
        assert code == "actuals.return-conflict"
        assert "累计建设市级及以上众创空间 不一致" in str(message)
    else:
        assert status == 0 and errors_found == []
        assert jobs_in_june("金寨县", "--actuals", str(tmp_path)) == D("0.154")


def test_a_figure_a_return_lacks_hides_only_its_own_turn_to_green(tmp_path: Path) -> None:
    """金寨县's March 2019 return lacks 新增小微创业企业: that indicator is not judged, but the
    county's 创建市级及以上返乡创业类平台, red in February and green now, still turned green."""
    data = shipped_without(tmp_path, "2019-03,jinzhai,micro_enterprises,")

    def warned(folder: Path) -> Any:
        out = runner.invoke(
            app, ["warnings", "--data", str(folder), "--as-of", "2019-03", "--format", "json"]
        )
        return json.loads(out.stdout)

    now = warned(data)
    assert now["turned_green"] == warned(SHIPPED_DATA)["turned_green"] != []
    assert {"scope": "county", "subject": "金寨县", "indicator": "return_platforms"} in now[
        "turned_green"
    ]
    assert [(w["subject"], w["indicator"]) for w in now["warnings"] if w["kind"] == "not_reported"
            ] == [("金寨县", "micro_enterprises")]  # fmt: skip


def test_a_missing_return_is_not_also_a_return_lacking_figures(tmp_path: Path) -> None:
    """In the province example 石门县 sends no June 2020 return, so 西山市 (its city) has none
    either; 西山市's own 本级 return lacking 带动就业 too is the same missing month, said once."""
    example = SHIPPED_DATA / "examples" / "province"
    data = tmp_path / "province"
    shutil.copytree(example, data)
    rows = data / "actuals" / "synthetic-province.csv"
    lines = rows.read_text(encoding="utf-8").splitlines(keepends=True)
    rows.write_text(
        "".join(x for x in lines if not x.startswith("2020-06,xishan_qu,jobs,")), "utf-8"
    )
    grid = runner.invoke(app, ["returns", "--data", str(data)], env={"COLUMNS": "200"}).stdout
    assert "缺*" not in grid and "缺项0份" in grid and "未报1份" in grid
    warned = json.loads(
        runner.invoke(app, ["warnings", "--data", str(data), "--format", "json"]).stdout
    )["warnings"]
    assert [(w["subject"], w["indicator"]) for w in warned if w["kind"] == "not_reported"] == [
        ("西山市", None)
    ]


def test_a_county_left_out_for_an_earlier_months_gap_is_said_so(tmp_path: Path) -> None:
    """叶集区 sent no April return but sent May's: May's rankings leave it out for April
    (“叶集区2020年4月未报送”), not as if May's return were missing."""
    data = shipped_without(tmp_path, "2020-04,yeji,")
    out = runner.invoke(
        app, ["warnings", "--data", str(data), "--as-of", "2020-05"], env={"COLUMNS": "250"}
    ).stdout
    assert "（叶集区2020年4月未报送，未排名）" in out
    assert "（叶集区未报送，未排名）" not in out


def test_a_units_corrected_table_is_one_replaced_return_a_month(tmp_path: Path) -> None:
    """市科技局's 众创空间 table corrected for June replaces eight counties' figures: one return
    for the caption, and “8个县区2020年6月” in the bulletin's sources, not eight names."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    rows = (data / "actuals" / "synthetic-maker-spaces.csv").read_text("utf-8").splitlines()
    june = [r for r in rows if r.startswith("2020-06")]
    assert len(june) == 8
    (data / "actuals" / "众创空间2020年6月更正.csv").write_text(
        "\n".join([rows[0], *june]) + "\n", encoding="utf-8"
    )
    text = runner.invoke(app, ["report", "--data", str(data), "-f", "md"]).stdout
    assert "synthetic-maker-spaces.csv（240行，其中8个县区2020年6月的报表已被取代，未计入）" in text
    caption = runner.invoke(app, ["progress", "--data", str(data), "-f", "markdown"]).stdout
    assert "其中1份报表已被更正或后报的报表取代" in caption


def test_the_replaced_returns_are_found_without_making_every_cells_return() -> None:
    """A file of millions of rows has hundreds of thousands of (county, month) cells, whose
    returns are made when asked for: finding the replaced ones asks only for the cells two
    tables gave (the caption of every view looks for them)."""
    from chuangye_cli.domain import Return, Returns, Table, replacing

    one = Table("a.csv", None, False, {("east", k): frozenset({"firms"}) for k in range(1000)})
    won = Return("east", 5, "b.csv", None, (), True, ("a.csv",))
    returns = Returns({("east", 5): won}, (one,))
    assert list(replacing(returns)) == [(("east", 5), won)]
    assert returns._cache == {} and returns._where is None  # no other cell's return was made
    assert list(replacing({("east", 5): won, ("west", 5): Return("west", 5, "c.csv")})) == [
        (("east", 5), won)
    ]


def test_a_countys_row_says_whose_missing_return_it_waits_for(tmp_path: Path) -> None:
    """市科技局's June 众创空间 table not sent: every county's 众创空间 row is 未报送, and its
    note says whose return is missing (the county's own return is in); other rows say
    nothing of it."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    spaces = data / "actuals" / "synthetic-maker-spaces.csv"
    lines = spaces.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    gone = ("2020-06", "2019-03")
    spaces.write_text("".join(x for x in lines if not x.startswith(gone)), "utf-8")
    doc = json.loads(
        runner.invoke(
            app, ["progress", "--data", str(data), "--by", "county", "--as-of", "2020-06",
                  "-f", "json"],
        ).stdout
    )  # fmt: skip
    jinan = {r["indicator"]: r for r in doc["rows"] if r["county_id"] == "jinan"}
    assert jinan["maker_spaces"]["status"] == "not_reported"
    table = runner.invoke(
        app, ["progress", "--data", str(data), "--by", "county", "--county", "金安区",
              "--as-of", "2020-06", "-f", "markdown"],
    ).stdout  # fmt: skip
    notes = {cells[1]: cells[-1] for cells in md_rows(table) if cells[0] == "金安区"}
    assert notes["累计建设市级及以上众创空间"] == "市科技局2019年3月、2020年6月未报送"
    year = runner.invoke(
        app, ["progress", "--data", str(data), "--by", "county", "--county", "金安区",
              "--as-of", "2020-06", "--year", "2020", "-f", "markdown"],
    ).stdout  # fmt: skip
    notes = {cells[1]: cells[-1] for cells in md_rows(year) if cells[0] == "金安区"}
    assert notes["累计建设市级及以上众创空间"] == "市科技局2020年6月未报送"  # (the year's)
    assert not any("市科技局" in n for k, n in notes.items() if k != "累计建设市级及以上众创空间")


def test_the_returns_table_shows_a_return_sent_early(tmp_path: Path) -> None:
    """霍邱县's July return, sent before the month's returns are due: the default table (June)
    shows it as 报 in July, the others' July blank (not yet due, not 缺), and says so; the
    records (JSON) stay those through June."""
    data = _early(tmp_path, ("huoqiu",))
    table = runner.invoke(app, ["returns", "--data", str(data)]).stdout
    assert "已提前报送（尚未到期，不计入本期）：2020年7月：霍邱县" in table
    rows = {(r[0], r[1]): r[2:] for r in (x.split() for x in table.splitlines()) if len(r) > 2}
    assert rows[("霍邱县", "2020")][:8] == ["报"] * 7 + ["0"]
    assert rows[("金安区", "2020")][:7] == ["报"] * 6 + ["0"]
    doc = json.loads(runner.invoke(app, ["returns", "--data", str(data), "-f", "json"]).stdout)
    assert doc["as_of"] == "2020-06"
    assert max(r["month"] for r in doc["returns"]) == "2020-06"
    asked = runner.invoke(app, ["returns", "--data", str(data), "--as-of", "2020-07"]).stdout
    assert "已提前报送" not in asked
