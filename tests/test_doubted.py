"""数据核查 outside the bulletin: ``progress`` says which of its figures the checks doubt, in the
caption (so a saved table carries it), in a county row's note, and in its JSON."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from chuangye_cli.catalogue import Code
from chuangye_cli.cli import app
from chuangye_cli.diagnostics import Diagnostic, make
from chuangye_cli.periods import Period
from chuangye_cli.suspects import Doubts, Suspect, doubts_of
from tests.conftest import (
    SHIPPED_DATA,
    as_json,
    july_form,
    load_data,
    make_data,
    md_rows,
    shipped_with,
)

runner = CliRunner()
SLIP = "数据核查：霍邱县·新增注册企业（2020年6月）数字疑有误"


@pytest.fixture(scope="module")
def slipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with 霍邱县's June 新增注册企业 typed 10,000 times too big."""
    data = tmp_path_factory.mktemp("slip") / "data"
    shutil.copytree(SHIPPED_DATA, data)
    monthly = data / "actuals" / "synthetic-monthly.csv"
    text = monthly.read_text(encoding="utf-8")
    assert "2020-06,huoqiu,new_enterprises,132,个," in text
    monthly.write_text(
        text.replace(
            "2020-06,huoqiu,new_enterprises,132,", "2020-06,huoqiu,new_enterprises,1320000,"
        ),
        encoding="utf-8",
    )
    return data


def progress(data: Path, *args: str) -> str:
    result = runner.invoke(
        app,
        ["progress", "--data", str(data), *args],
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def notes(text: str) -> dict[str, str]:
    """A markdown county view's 备注 (note) by indicator name (one county's rows)."""
    out = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) > 4 and line.startswith("|") and not set(cells[0]) <= set("-: "):
            out[cells[1]] = cells[-1]
    return out


def checked(text: str) -> list[str]:
    return [line for line in text.splitlines() if "数据核查" in line or line.startswith("Checks:")]


def test_the_caption_names_the_doubted_figure(slipped: Path) -> None:
    text = progress(slipped, "-f", "markdown")
    assert any(SLIP in line for line in checked(text)), text
    assert "已按报送数计入" in text
    assert checked(progress(SHIPPED_DATA, "-f", "markdown")) == []


def test_a_view_without_the_figure_does_not_name_it(slipped: Path) -> None:
    """An earlier month, another county, another indicator: nothing doubted in view."""
    assert checked(progress(slipped, "-f", "markdown", "--as-of", "2020-05")) == []
    assert (
        checked(progress(slipped, "-f", "markdown", "--by", "county", "--county", "金安区")) == []
    )
    assert checked(progress(slipped, "-f", "markdown", "--indicator", "带动就业")) == []
    assert (
        checked(progress(slipped, "-f", "markdown", "--year", "2019", "--as-of", "2019-12")) == []
    )
    assert checked(progress(slipped, "-f", "markdown", "--indicator", "新增注册企业"))
    assert checked(progress(slipped, "-f", "markdown", "--by", "county", "--county", "霍邱县"))


def test_the_county_row_of_the_figure_is_marked(slipped: Path) -> None:
    text = progress(slipped, "-f", "markdown", "--by", "county")
    marked = [
        line for line in text.splitlines() if "数字疑有误，已按报送数计入（见数据核查）" in line
    ]
    assert len(marked) == 1 and "| 霍邱县 " in marked[0] and "新增注册企业" in marked[0]
    assert "2020年6月数字疑有误" in marked[0]
    # machines have it in doubted, not in the returns' own notes
    doc = as_json(progress(slipped, "-f", "json", "--by", "county"))
    assert not any("疑有误" in r["note"] for r in doc["rows"])


def test_the_completions_the_figure_counts_in_are_marked(slipped: Path) -> None:
    """※ on the completions that hold 霍邱县's June slip: the city's 新增注册企业, 霍邱县's
    row, the tasks and units linked to it; nowhere else, and never in JSON."""
    city = progress(slipped, "-f", "markdown")
    marked = [r[0] for r in md_rows(city) if any(c.endswith("%※") for c in r)]
    assert marked == ["新增注册企业"]
    assert "表中以※标出其计入的完成率。" in city
    county = progress(slipped, "-f", "markdown", "--by", "county")
    pairs = [(r[0], r[1]) for r in md_rows(county) if any(c.endswith("%※") for c in r)]
    assert pairs == [("霍邱县", "新增注册企业")]
    units = md_rows(progress(slipped, "-f", "markdown", "--by", "unit"))
    linked = [r[0] for r in units if "新增注册企业" in r[2]]  # (the coordinator's)
    assert linked and [r[0] for r in units if any(c.endswith("%※") for c in r)] == linked
    tasks = progress(slipped, "-f", "markdown", "--by", "task")  # no task is linked to it
    assert "※" not in tasks and SLIP in tasks
    # not marked: a view without the figure, the shipped data, and machines' output
    other = progress(slipped, "-f", "markdown", "--by", "county", "--county", "金安区")
    clean = progress(SHIPPED_DATA, "-f", "markdown")
    assert "※" not in other and "※" not in clean
    assert "※" not in progress(slipped, "-f", "json") + progress(slipped, "-f", "csv")


def test_json_lists_the_doubted_figure_by_ids(slipped: Path) -> None:
    doc = as_json(progress(slipped, "-f", "json"))
    assert [
        {k: d[k] for k in ("code", "county", "indicator", "month", "counted")}
        for d in doc["doubted"]
    ] == [
        {
            "code": "actuals.implausible",
            "county": "huoqiu",
            "indicator": "new_enterprises",
            "month": "2020-06",
            "counted": True,
        }
    ]
    assert doc["doubted"][0]["file"].endswith("synthetic-monthly.csv")
    assert as_json(progress(SHIPPED_DATA, "-f", "json"))["doubted"] == []


def test_a_saved_table_carries_it(slipped: Path, tmp_path: Path) -> None:
    md, xlsx = tmp_path / "p.md", tmp_path / "p.xlsx"
    progress(slipped, "-o", str(md))
    assert SLIP in md.read_text(encoding="utf-8")
    progress(slipped, "-f", "xlsx", "-o", str(xlsx))
    cells = [
        str(c.value)
        for ws in openpyxl.load_workbook(xlsx).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert any(SLIP in c for c in cells)


def test_english(slipped: Path) -> None:
    result = runner.invoke(
        app,
        ["--lang", "en", "progress", "--data", str(slipped), "-f", "markdown"],
    )
    assert "Checks: 霍邱县/新增注册企业 (2020-06) looks wrong (a unit or magnitude slip)" in (
        result.stdout
    )
    county = runner.invoke(
        app,
        ["--lang", "en", "progress", "--data", str(slipped), "--by", "county", "--county",
         "霍邱县", "-f", "markdown"],
    )  # fmt: skip
    said = notes(county.stdout)
    assert said["新增注册企业"].endswith("2020-06: doubted, counted as sent (see Checks)")
    assert not any("数字疑有误" in n for n in said.values())


def _suspect(n: int, counted: bool = True) -> Suspect:
    return Suspect(
        "actuals.implausible", "c", "i", Period(2020, 6), f"甲{n}", f"A{n}", counted=counted
    )


@pytest.mark.parametrize(
    ("named", "more", "expected"),
    [
        (1, 0, "甲0数字疑有误"),
        (2, 3, "甲0、甲1等5处数字疑有误"),  # counted past the limit: said as a total
        (5, 0, "甲0、甲1、甲2、甲3、甲4数字疑有误"),
        (6, 0, "甲0、甲1、甲2、甲3、甲4等6处数字疑有误"),
        (0, 4, "有4处数字疑有误"),
    ],
)
def test_how_many_are_named(named: int, more: int, expected: str) -> None:
    said = Doubts(tuple(_suspect(n) for n in range(named)), more).said()
    assert said is not None and said.startswith("数据核查：" + expected)


def test_unread_rows_are_said_apart_and_nothing_is_said_of_nothing() -> None:
    said = Doubts((_suspect(0, counted=False),)).said()
    assert (
        said
        == "数据核查：甲0有数字但名称不是计划指标，未读取。请有关单位核实更正（明细见 chuangye validate）。"
    )
    assert Doubts().said() is None and Doubts().said("en") is None


def test_the_view_keeps_its_months_divisions_and_indicators() -> None:
    def s(county: str, indicator: str, month: Period | None) -> Suspect:
        return Suspect("actuals.falling", county, indicator, month, "x", "x")

    doubts = Doubts(
        (s("a", "i", Period(2020, 6)), s("b", "j", Period(2019, 3)), s("a", "j", None)), 2
    )
    june = Period(2020, 6)
    assert doubts.shown(june) == doubts
    assert doubts.shown(Period(2020, 5)).suspects == doubts.suspects[1:]
    # (a row of no known month may be of any year; the counted ones are not known by year)
    assert doubts.shown(june, 2019).suspects == doubts.suspects[1:]
    assert not doubts.shown(june, 2019).whole and doubts.shown(june).whole
    only_a = doubts.shown(june, divisions={"a"})
    assert only_a.suspects == (doubts.suspects[0],) and not only_a.whole
    assert only_a.more == 2  # (said to exist: they may be a's)
    assert doubts.shown(june, indicators={"j"}).suspects == (doubts.suspects[1],)


def test_one_figure_with_two_warnings_is_one_suspect() -> None:
    from chuangye_cli.plan import load_plan

    plan, _ = load_plan(SHIPPED_DATA / "targets.yaml", SHIPPED_DATA / "tasks.yaml")
    assert plan is not None
    args: dict[str, object] = {"county": "霍邱县", "indicator": "新增注册企业", "period": "2020-06"}
    found: list[Diagnostic] = [
        make(Code.ACTUALS_IMPLAUSIBLE, "a.csv", 3, fields=args, value="1", unit="个"),
        make(Code.ACTUALS_FALLING, "a.csv", 3, fields=args),
    ]
    doubts = doubts_of(found, plan)
    assert [(d.county, d.indicator, d.month) for d in doubts.suspects] == [
        ("huoqiu", "new_enterprises", Period(2020, 6))
    ]


def test_warnings_say_it_too(slipped: Path) -> None:
    """The city's 新增注册企业 is 已完成 because of the slip: its list of warnings says so."""
    args = ["warnings", "--data", str(slipped)]
    text = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    assert any(SLIP in line for line in checked(text))
    doc = as_json(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert [(d["county"], d["month"]) for d in doc["doubted"]] == [("huoqiu", "2020-06")]
    earlier = runner.invoke(app, [*args, "--as-of", "2020-05", "-f", "json"]).stdout
    assert as_json(earlier)["doubted"] == []


def test_a_fraction_is_its_countys_and_said_with_its_reason(tmp_path: Path) -> None:
    """1.5家: a figure of 金寨县, named in its views with why it is doubted; a row with a
    figure but no indicator's name is left out of one indicator's view."""
    data = shipped_with(
        tmp_path,
        {
            "x.csv": "period,county,indicator,value,unit\n2020-07,金寨县,新增小微创业企业,1.5,家\n",
            "金寨县2020年7月报表.csv": july_form("金寨县", "1,扶持高校毕业生创业,人,30,,"),
        },
    )
    july = ("--as-of", "2020-07")
    doc = as_json(progress(data, *july, "--by", "county", "--county", "金寨县", "-f", "json"))
    fractions = [d for d in doc["doubted"] if d["counted"]]
    assert [(d["county"], d["indicator"], d["month"]) for d in fractions] == [
        ("jinzhai", "micro_enterprises", "2020-07")
    ]
    county = progress(data, *july, "-f", "markdown", "--by", "county", "--county", "金寨县")
    assert notes(county)["新增小微创业企业"] == "2020年7月数字疑有误，已按报送数计入（见数据核查）"
    # the warnings of that completion mark it as progress does (they showed it plain)
    warned = runner.invoke(app, ["warnings", "--data", str(data), *july, "-f", "markdown"]).stdout
    rows = [x for x in warned.splitlines() if x.startswith("| 绿色") and "新增小微创业企业" in x]
    assert rows and all(("金寨县" in x) == ("%※" in x) for x in rows), rows
    assert "表中以※标出其计入的完成率。" in warned
    line = checked(county)
    assert "数据核查：金寨县·新增小微创业企业（2020年7月）数字疑有误（计数带小数）" in line[0]
    assert "扶持高校毕业生创业" in line[0]
    only = checked(progress(data, *july, "-f", "markdown", "--indicator", "新增小微创业企业"))
    assert "计数带小数" in only[0] and "扶持高校毕业生创业" not in only[0]


def test_the_reasons_are_those_of_the_figures_named() -> None:
    from chuangye_cli.suspects import REASONS, reason_of

    assert reason_of(Code.ACTUALS_IMPLAUSIBLE, "magnitude") == "magnitude"
    assert reason_of(Code.ACTUALS_MONTH_TOTAL, "magnitude") == "magnitude"
    assert reason_of(Code.ACTUALS_MONTH_TOTAL, "held") == "total-as-month"
    assert reason_of(Code.ACTUALS_MONTH_TOTAL, "exceeds") == "month-total"
    assert reason_of(Code.ACTUALS_FALLING, "") == "falling"
    assert REASONS["magnitude"].zh == "单位或量级"

    def one(n: int, *why: str) -> Suspect:
        return Suspect("c", "c", "i", Period(2020, 6), f"甲{n}", f"A{n}", reasons=why)

    said = Doubts((one(0, "magnitude"), one(1, "falling", "magnitude"))).said()
    assert said is not None and "甲0、甲1数字疑有误（单位或量级、累计数下降），" in said
    more = Doubts(tuple(one(n, "magnitude") for n in range(6))).said()
    assert more is not None and "等6处数字疑有误（单位或量级等）" in more
    en = Doubts((one(0, "falling"),)).said("en")
    assert en is not None and en.startswith(
        "Checks: A0 looks wrong (a falling total) and is not yet corrected; counted as sent, "
        "so the completions that include it may be distorted"
    )


def test_warnings_past_the_limit_are_said_in_every_view() -> None:
    """Past the warnings' limit figures are only counted: the whole view counts them with
    the named ones; a view of part of the plan says that they may concern it."""
    doubts = Doubts((Suspect("c", "a", "i", Period(2020, 6), "甲", "A"),), more=7)
    june = Period(2020, 6)
    whole = doubts.shown(june).said()
    assert whole is not None and "甲等8处数字疑有误" in whole and "另有" not in whole
    part = doubts.shown(june, divisions={"a"}).said()
    assert part is not None and "甲数字疑有误" in part
    assert "另有7条同类警告超出列出上限，未能判断是否涉及本视图" in part
    other = doubts.shown(june, divisions={"b"}).said()
    assert other is not None and other.startswith("数据核查：另有7条同类警告超出列出上限")
    yearly = doubts.shown(june, 2020).said("en")
    assert yearly is not None and "7 more warnings of doubted figures past the limit" in yearly


def test_the_english_message_says_the_slip_in_figures(slipped: Path) -> None:
    result = runner.invoke(app, ["--lang", "en", "validate", "--data", str(slipped)])
    text = " ".join(result.output.split())
    assert "about 10,000 times an ordinary month" in text and "a 万 times" not in text


def test_a_figure_a_return_came_without_is_explained_where_it_shows(tmp_path: Path) -> None:
    """金寨县's June return without 促进大学生等青年创业: its row says why it is 未报送, and the
    caption counts the return as 缺项 (it had said only who sent nothing)."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    monthly = data / "actuals" / "synthetic-monthly.csv"
    text = monthly.read_text(encoding="utf-8")
    assert "2020-06,jinzhai,youth_startups,19,人,\n" in text
    monthly.write_text(text.replace("2020-06,jinzhai,youth_startups,19,人,\n", ""), "utf-8")
    args = ("--by", "county", "--county", "金寨县")
    rows = {r["indicator"]: r for r in as_json(progress(data, *args, "-f", "json"))["rows"]}
    assert rows["youth_startups"]["status"] == "not_reported"
    assert rows["youth_startups"]["missing"] == ["2020-06"]  # (machines: no words in note)
    said = notes(progress(data, *args, "-f", "markdown"))
    assert said["促进大学生等青年创业"] == "2020年6月报表缺项"
    assert [n for n in said.values() if "缺项" in n] == ["2020年6月报表缺项"]
    caption = progress(data, "-f", "markdown")
    assert "报送情况：2020年6月应报10份，未报送1份（叶集区），缺项1份（金寨县）（见" in caption
    english = runner.invoke(
        app, ["--lang", "en", "progress", "--data", str(data), *args, "-f", "markdown"]
    )
    assert notes(english.stdout)["促进大学生等青年创业"] == "2020-06: the return lacks it"
    assert "缺项" not in progress(SHIPPED_DATA, "-f", "markdown")


def test_a_hierarchy_says_it_too(tmp_path: Path) -> None:
    """The province example: 东城区's June return without 带动就业 is noted on its row as in a
    flat plan; a slip of 西山区 is named in the province's view and 西山市's, not 东湖市's."""
    data = tmp_path / "province"
    shutil.copytree(SHIPPED_DATA / "examples" / "province", data)
    returns = data / "actuals" / "synthetic-province.csv"
    lines = returns.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if not x.startswith("2020-06,dongcheng,jobs,")]
    assert len(kept) == len(lines) - 1
    slip = "2020-06,xishan_qu,jobs,138,"
    assert sum(x.startswith(slip) for x in kept) == 1
    kept = [x.replace(slip, "2020-06,xishan_qu,jobs,1380000,") for x in kept]
    returns.write_text("".join(kept), encoding="utf-8")
    county = progress(
        data, "--by", "county", "--level", "county", "--indicator", "带动就业", "-f", "markdown"
    )
    rows = {cells[1]: cells[-1] for cells in md_rows(county)}
    assert rows["东城区"] == "2020年6月报表缺项"
    assert rows["西山区"] == "2020年6月数字疑有误，已按报送数计入（见数据核查）"
    said = "西山区·带动就业（2020年6月）数字疑有误"
    assert said in checked(progress(data, "-f", "markdown"))[0]
    assert said in checked(progress(data, "--within", "西山市", "-f", "markdown"))[0]
    assert checked(progress(data, "--within", "东湖市", "-f", "markdown")) == []
    # the bulletins mark the indicator's 累计 and completion the figure counts in, and
    # 西山市's its county's completion (西山市's own June return is missing in the
    # province's: 未报, no completion to mark)
    for args, marked in (([], ["带动就业"]), (["--within", "西山市"], ["带动就业", "西山区"])):
        bulletin = runner.invoke(app, ["report", "--data", str(data), *args]).stdout
        assert "万人※ |" in next(x for x in bulletin.splitlines() if x.startswith("| 带动就业"))
        lines = [x for x in bulletin.splitlines() if x.startswith("| ") and "%※ |" in x]
        assert [x.split("|")[1].strip() for x in lines] == marked
    east = runner.invoke(app, ["report", "--data", str(data), "--within", "东湖市"]).stdout
    assert "※" not in east


def test_trend_says_it_for_its_county_and_indicator(slipped: Path) -> None:
    def trend(*args: str) -> str:
        result = runner.invoke(app, ["trend", "--data", str(slipped), *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    one = ("--indicator", "新增注册企业")
    assert any(SLIP in x for x in checked(trend(*one, "--county", "霍邱县", "-f", "markdown")))
    assert checked(trend(*one, "--county", "金安区", "-f", "markdown")) == []
    assert checked(trend("--indicator", "带动就业", "-f", "markdown")) == []
    assert checked(trend("--as-of", "2020-05", "-f", "markdown")) == []
    doc = as_json(trend("-f", "json"))
    assert [(d["county"], d["reasons"]) for d in doc["doubted"]] == [("huoqiu", ["magnitude"])]


def test_the_bulletin_marks_the_doubted_figure_in_its_tables(slipped: Path) -> None:
    """The city's bulletin marks with ※ 霍邱县's 新增注册企业 completion, and the indicator's
    本月 (June's slip), 本年, 累计 and completion, says what ※ means and that one of the 已完成
    holds a doubted figure, and marks nothing else; 霍邱县's own bulletin marks its figures;
    金安区's, and the clean data's, mark nothing."""

    def report(data: Path, *args: str) -> str:
        result = runner.invoke(app, ["report", "--data", str(data), *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    city = report(slipped)
    marked = [line for line in city.splitlines() if "※" in line]
    # 数据核查, 累计, the matrix's note and its 霍邱县 cell, and 霍邱县's 综合得分 in 红黑榜
    assert len(marked) == 5, marked
    assert "表中以※标出含存疑数字的数据。" in marked[0]
    assert marked[1].startswith("| 新增注册企业") and "134.32万个※ |" in marked[1]
    assert [c.strip() for c in marked[1].split("|")[3:7]] == [
        "132.09万个※",
        "132.53万个※",
        "134.32万个※",
        "4974.9%※",
    ]
    assert "3项已完成（其中1项含存疑数字，见数据核查），3项达到序时进度" in city
    assert "※为数据核查中存疑的数字，已按报送数计入" in marked[2]
    assert marked[3].startswith("| 霍邱县") and marked[3].count("※") == 1
    assert "27238.8%※ |" in marked[3]
    assert marked[4].startswith("|      5 | 霍邱县") and "|      82.5※ |" in marked[4]
    own = report(slipped, "--county", "霍邱县")
    assert "132.38万个※ |" in own
    assert "※" not in report(slipped, "--county", "金安区")
    assert "※" not in report(SHIPPED_DATA)


@pytest.fixture(scope="module")
def half(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with 金寨县's June 创建市级及以上返乡创业类平台 given as 0.5个 (a count
    with a fraction: doubted), an indicator that lags."""
    data = tmp_path_factory.mktemp("half") / "data"
    shutil.copytree(SHIPPED_DATA, data)
    monthly = data / "actuals" / "synthetic-monthly.csv"
    text = monthly.read_text(encoding="utf-8")
    assert "2020-06,jinzhai,return_platforms,0,个," in text
    half = "2020-06,jinzhai,return_platforms,0.5,"
    monthly.write_text(text.replace("2020-06,jinzhai,return_platforms,0,", half), "utf-8")
    return data


def test_the_bulletin_s_warnings_mark_a_doubted_completion(half: Path) -> None:
    """金寨县's yellow warning of 创建市级及以上返乡创业类平台 in the bulletin's 预警 shows the
    completion with ※, as the tables do; the county's other warnings are unmarked."""
    md = runner.invoke(app, ["report", "--data", str(half), "-f", "markdown"]).stdout
    section = md[md.index("## 六、") : md.index("## 七、")]
    (row,) = [x for x in section.splitlines() if x.startswith("| 金寨县")]
    assert "创建市级及以上返乡创业类平台62.5%※" in row and row.count("※") == 1


def test_a_unit_s_warning_is_marked_when_one_of_its_indicators_is(half: Path) -> None:
    """A unit's warning is of the mean of its indicators: marked ※ when a doubted figure counts
    in one of them, as progress --by unit marks it (it was not: a review's finding)."""
    args = ["--data", str(half), "-f", "markdown"]
    units = runner.invoke(app, ["progress", "--by", "unit", *args]).stdout
    marked = {x.split("|")[1].strip() for x in units.splitlines() if "%※" in x}
    warned = runner.invoke(app, ["warnings", *args]).stdout
    rows = [[c.strip() for c in x.split("|")] for x in warned.splitlines() if x.startswith("| ")]
    own = [r for r in rows if r[3] in marked]
    assert own and all(r[5].endswith("%※") for r in own), own
    # its rankings too: 金寨县 first of that indicator, and its 综合得分 (an analyst's finding)
    assert "| 金寨县 62.5%※ " in warned and "金寨县 75.8分※" in warned
    # and the bulletin's 预警 of those units
    md = runner.invoke(app, ["report", *args]).stdout
    section = md[md.index("## 六、") : md.index("## 七、")]
    units_said = [
        x for x in section.splitlines() if x.split("|")[1:2] and x.split("|")[1].strip() in marked
    ]
    assert units_said and all("关联指标平均完成" in x and "%※" in x for x in units_said)


def test_a_month_at_odds_with_its_own_total_is_said_to_count_by_the_total(
    tmp_path: Path,
) -> None:
    """April's 本月 1,000,000 万元 (a 元 slip) beside its own 1-4月累计 of 400: the total is
    what counts, and 数据核查 says so (not “已按报送数计入”, which the slip was not); with a
    doubted figure that does count as sent, it says both."""
    months = [(f"2019-0{m}", "east", "loans", "100", "", "increment", "") for m in (1, 2, 3)]
    slip = [
        *months,
        ("2019-04", "east", "loans", "1000000", "", "increment", ""),
        ("2019-04", "east", "loans", "400", "", "ytd", ""),
    ]
    loaded = load_data(make_data(tmp_path / "a", slip))
    assert loaded.plan is not None
    doubts = doubts_of(loaded.diagnostics, loaded.plan)
    assert [s.by_total for s in doubts.suspects] == ["total"]
    said = doubts.said("zh")
    assert said is not None and "尚未更正，已按所报累计数计入，相关完成情况可能失真" in said
    assert "counted by the running total given" in (doubts.said("en") or "")
    both = Doubts((*doubts.suspects, replace(doubts.suspects[0], zh="西县·x", by_total="")))
    assert "已按报送数计入（本月数与累计数不符的按累计数）" in (both.said("zh") or "")


def test_a_month_at_odds_with_a_stock_s_level_is_said_to_count_by_the_level(
    tmp_path: Path,
) -> None:
    """众创空间 (a stock): a 本月新增 of 0 beside a 期末数 that grew by 2, and a 期末数 that
    falls; 数据核查 names both as 期末数 (not 累计数) and says the level is what counts."""
    rows = [
        ("2019-03", "east", "spaces", "1", "", "level", ""),
        ("2019-04", "east", "spaces", "0", "", "increment", ""),
        ("2019-04", "east", "spaces", "3", "", "level", ""),  # grew by 2, said 0
        ("2019-03", "west", "spaces", "2", "", "level", ""),
        ("2019-04", "west", "spaces", "1", "", "level", ""),  # falls
    ]
    loaded = load_data(make_data(tmp_path / "a", rows))
    assert loaded.plan is not None
    doubts = doubts_of(loaded.diagnostics, loaded.plan)
    assert [(s.reasons, s.by_total) for s in doubts.suspects] == [
        (("month-level",), "level"),
        (("falling-level",), ""),
    ]
    said = doubts.said("zh") or ""
    assert (
        "数字疑有误（本月数与期末数不符、期末数下降），尚未更正，已按报送数计入（本月数与期末数不符的按期末数）"
        in said
    )
    alone = Doubts(doubts.suspects[:1]).said("en") or ""
    assert "(a month's figure that does not fit the level)" in alone
    assert "counted by the level given" in alone
    falling = next(d for d in loaded.diagnostics if d.code == "actuals.falling")
    assert (
        falling.message("en")
        == "西县/众创空间: the level falls from 2 个 (2019-03) to 1 个 (2019-04)"
    )


def test_a_yearly_bulletin_marks_a_doubt_of_an_earlier_year_in_its_total(slipped: Path) -> None:
    """The slip moved to 霍邱县's June 2019: a bulletin of 2020 shows the year's figures, but
    its 累计 holds 2019's too, so the 累计 is marked and 数据核查 names the earlier doubt."""
    data = slipped.parent / "earlier"
    if not data.exists():
        shutil.copytree(slipped, data)
        monthly = data / "actuals" / "synthetic-monthly.csv"
        text = monthly.read_text(encoding="utf-8")
        text = text.replace(
            "2020-06,huoqiu,new_enterprises,1320000,", "2020-06,huoqiu,new_enterprises,132,"
        )
        old = next(x for x in text.splitlines() if x.startswith("2019-06,huoqiu,new_enterprises,"))
        value = old.split(",")[3]
        text = text.replace(old, old.replace(f",{value},", f",{int(value) * 10000},", 1))
        monthly.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["report", "--data", str(data), "--year", "2020"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    said = next(x for x in lines if x.startswith("数据核查"))
    assert "此前年度另有1处数字疑有误（霍邱县·新增注册企业（2019年6月）），计入累计完成。" in said
    assert said.endswith("表中以※标出含存疑数字的数据。")
    assert "※ |" in next(x for x in lines if x.startswith("| 新增注册企业"))


def test_an_earlier_level_in_doubt_marks_nothing_it_does_not_count_in(tmp_path: Path) -> None:
    """金安区's 众创空间 of 2019-03 typed 1.5 (a count with a fraction): a stock's completion
    is its latest level, so June 2020's 众创空间 holds no doubted figure: no ※ (the caption
    still names the figure); in a view of 2019-03 the level is the latest, and is marked."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    spaces = data / "actuals" / "synthetic-maker-spaces.csv"
    text = spaces.read_text(encoding="utf-8-sig")
    line = next(x for x in text.splitlines() if x.startswith("2019-03,jinan,maker_spaces,"))
    spaces.write_text(text.replace(line, "2019-03,jinan,maker_spaces,1.5,level"), "utf-8")
    june = progress(data, "-f", "markdown")
    assert "※" not in june and "金安区·累计建设市级及以上众创空间（2019年3月）" in june
    assert "※" not in runner.invoke(app, ["report", "--data", str(data), "-f", "md"]).stdout
    march = progress(data, "-f", "markdown", "--as-of", "2019-03")
    marked = [r[0] for r in md_rows(march) if any(c.endswith("%※") for c in r)]
    assert marked == ["累计建设市级及以上众创空间"]
