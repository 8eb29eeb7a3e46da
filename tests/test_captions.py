"""Captions say what a view counts: a file all of whose returns are of months after the
report month is read and checked, but not counted in it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chuangye_cli.cli import app
from chuangye_cli.domain import Return, Returns, Table, month_spans
from chuangye_cli.periods import Period
from tests.conftest import SHIPPED_DATA

runner = CliRunner()


def test_a_later_file_is_said_to_be_later(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    (data / "actuals" / "霍邱县7月.csv").write_text(
        "period,county,indicator,value,unit\n2020-07,霍邱县,新增注册企业,130,个\n",
        encoding="utf-8",
    )

    def line(command: str, *args: str) -> str:
        result = runner.invoke(app, [command, "--data", str(data), *args])
        assert result.exit_code == 0, result.output
        return next(
            x for x in result.stdout.splitlines() if x.startswith(("数据来源：", "- 实绩数据："))
        )

    may = line("progress", "--as-of", "2020-05", "-f", "markdown")
    assert "霍邱县7月.csv（均为报告期之后的月份）" in may
    # a view of an earlier month: the files with June besides are not marked
    assert "synthetic-monthly.csv、" in may and "另含" not in may
    july = line("progress", "--as-of", "2020-07", "-f", "markdown")
    assert "报告期之后" not in july
    # a July row sent early in the monthly file: June's view (the default) says so
    monthly = data / "actuals" / "synthetic-monthly.csv"
    with monthly.open("a", encoding="utf-8") as fh:
        fh.write("2020-07,jinan,new_enterprises,60,个,\n")
    default = line("progress", "-f", "markdown")
    assert "synthetic-monthly.csv（另含报告期之后的月份，未计入）" in default
    assert "霍邱县7月.csv（均为报告期之后的月份）" in default
    assert "synthetic-maker-spaces.csv、" in default
    june = line("report", "--as-of", "2020-06", "-f", "md")
    assert "霍邱县7月.csv（1行，均为报告期之后的月份）" in june


def test_month_spans_of_tables_and_made_returns() -> None:
    june, july = Period(2020, 6).index, Period(2020, 7).index
    tables = (
        Table("a.csv", None, False, {("x", july): frozenset({"i"}), ("y", june): frozenset()}),
        Table("b.csv", None, False, {("x", july): frozenset({"j"})}),
    )
    made = {("x", july): Return("x", july, "b.csv", sources=(("a.csv", ("i",)),))}
    assert month_spans(Returns(made, tables)) == {"a.csv": (june, july), "b.csv": (july, july)}
    assert month_spans({("z", june): Return("z", june, "c.csv")}) == {"c.csv": (june, june)}


def test_a_figure_a_countys_own_return_gave_is_not_missing(tmp_path: Path) -> None:
    """金寨县's July form gives 众创空间 too, while 市科技局 (who owes it) sends nothing for
    July: the figure counts, so its row is judged, not 未报送; the other counties' rows of it
    still are."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    july_return(data, "jinzhai", maker_spaces=True)
    args = ["--data", str(data), "--as-of", "2020-07", "--indicator", "maker_spaces"]
    result = runner.invoke(app, ["progress", *args, "--by", "county", "-f", "json"])
    assert result.exit_code == 0, result.output
    status = {r["county_id"]: (r["status"], r["missing"]) for r in json_rows(result.stdout)}
    assert status["jinzhai"] == ("done", [])
    assert status["jinan"] == ("not_reported", ["2020-07"])
    trend = runner.invoke(app, ["trend", *args, "--county", "金寨县", "-f", "json"])
    assert json_rows(trend.stdout)[-1]["status"] == "done"


JULY = [
    ("new_enterprises", "120", "个"), ("jobs", "430", "人"), ("training", "25", "人次"),
    ("return_platforms", "0", "个"), ("factory_space", "5600", "平方米"),
    ("micro_enterprises", "9", "家"), ("guarantee_loans", "450", "万元"),
    ("youth_startups", "20", "人"),
]  # fmt: skip


def july_return(data: Path, county: str, *, maker_spaces: bool = False) -> None:
    """A county's July 2020 return of its own indicators (and 众创空间, when asked)."""
    rows = [(i, v, u, "increment") for i, v, u in JULY]
    rows += [("maker_spaces", "1", "个", "level")] if maker_spaces else []
    (data / "actuals" / f"{county}-2020-07.csv").write_text(
        "period,county,indicator,value,unit,basis\n"
        + "".join(f"2020-07,{county},{i},{v},{u},{b}\n" for i, v, u, b in rows),
        encoding="utf-8",
    )


def json_rows(text: str) -> list[dict[str, object]]:
    import json

    rows: list[dict[str, object]] = json.loads(text)["rows"]
    return rows


def test_the_samples_are_named_when_real_returns_join_them(tmp_path: Path) -> None:
    """One real file beside the shipped samples: the captions still say which files are
    synthetic (the whole note had gone, though 2,182 of 2,183 rows are invented)."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    (data / "actuals" / "霍邱县7月.csv").write_text(
        "period,county,indicator,value,unit\n2020-07,霍邱县,新增注册企业,130,个\n",
        encoding="utf-8",
    )
    said = (
        "synthetic-maker-spaces.csv、synthetic-monthly.csv、synthetic-ytd-gb18030.csv为合成示例数据"
    )
    text = runner.invoke(app, ["progress", "--data", str(data), "-f", "markdown"]).stdout
    assert f"注意：其中{said}（synthetic），并非真实统计。" in text
    bulletin = runner.invoke(app, ["report", "--data", str(data), "-f", "md"]).stdout
    assert f"；其中{said}（synthetic），并非真实统计。" in bulletin
    shipped = runner.invoke(app, ["progress", "--data", str(SHIPPED_DATA), "-f", "markdown"])
    assert "注意：示例数据为合成数据（synthetic），并非真实统计。" in shipped.stdout
    assert "其中synthetic" not in shipped.stdout


def test_no_ranking_says_why_and_blames_no_county_that_reported(tmp_path: Path) -> None:
    """July: 金安区 and 霍邱县 send their returns, 市科技局 (众创空间) does not, nor do the
    others. Nobody can be ranked overall: the 红黑榜 says so and why, naming 市科技局, not
    金安区 or 霍邱县 as 未报送; the warnings' rankings keep the row and say the same."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    for county in ("jinan", "huoqiu"):
        july_return(data, county)
    bulletin = runner.invoke(app, ["report", "--data", str(data), "--as-of", "2020-07", "-f", "md"])
    assert bulletin.exit_code == 0, bulletin.output
    said = next(x for x in bulletin.stdout.splitlines() if x.startswith("本月不作综合排名："))
    assert "市科技局未报送（累计建设市级及以上众创空间）" in said
    assert "金安区" not in said and "霍邱县" not in said
    warnings = runner.invoke(
        app, ["warnings", "--data", str(data), "--as-of", "2020-07", "-f", "json"]
    )
    rankings = {r["indicator"]: r for r in json_rows_of(warnings.stdout, "rankings")}
    assert rankings[None]["entries"] == [] and "金安区" in rankings[None]["unranked"]
    assert rankings["new_enterprises"]["entries"]  # (both reported it: ranked)
    table = runner.invoke(
        app, ["warnings", "--data", str(data), "--as-of", "2020-07", "-f", "markdown"]
    ).stdout
    row = next(x for x in table.splitlines() if x.startswith("| 累计建设市级及以上众创空间"))
    assert "市科技局未报送（累计建设市级及以上众创空间），未排名" in row


def json_rows_of(text: str, key: str) -> list[dict[str, Any]]:
    import json

    rows: list[dict[str, Any]] = json.loads(text)[key]
    return rows


def test_a_city_row_is_not_judged_on_one_countys_figure(tmp_path: Path) -> None:
    """The province example with 带动就业 reported by 省人社厅, whose June return is missing;
    东城区's own June form gives its figure. 东城区 is judged; 东湖市, whose total would hold
    东城区's June and none of its other divisions', is not (it was judged 达序时)."""
    data = tmp_path / "province"
    shutil.copytree(SHIPPED_DATA / "examples" / "province", data)
    targets = data / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    assert "  due_day: 5\n" in text
    targets.write_text(
        text.replace("  due_day: 5\n", "  due_day: 5\n  by_unit:\n    jobs: 省人社厅\n"), "utf-8"
    )
    tasks = data / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    assert text.count("units:\n") == 1
    tasks.write_text(
        text.replace("units:\n", "units:\n  - name: 省人社厅\n    kind: department\n"), "utf-8"
    )
    returns = data / "actuals" / "synthetic-province.csv"
    lines = returns.read_text(encoding="utf-8").splitlines(keepends=True)
    jobs = [x for x in lines[1:] if ",jobs," in x]
    unit = [x for x in jobs if not x.startswith("2020-06,")]
    kept = [x for x in lines if ",jobs," not in x or x.startswith("2020-06,dongcheng,jobs,")]
    returns.write_text("".join(kept), encoding="utf-8")
    (data / "actuals" / "省人社厅.csv").write_text(lines[0] + "".join(unit), encoding="utf-8")

    def statuses(*args: str) -> dict[str, Any]:
        result = runner.invoke(
            app, ["progress", "--data", str(data), "--by", "county", "--indicator", "jobs",
                  "-f", "json", *args],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        return {str(r["county"]): r["status"] for r in json_rows(result.stdout)}

    assert statuses()["东湖市"] == "not_reported"
    counties = statuses("--level", "county")
    assert counties["东城区"] != "not_reported" and counties["湖滨区"] == "not_reported"
    trend = runner.invoke(
        app,
        ["trend", "--data", str(data), "--county", "东湖市", "--indicator", "jobs", "-f", "json"],
    )
    assert json_rows(trend.stdout)[-1]["status"] == "not_reported"


def test_a_county_left_out_for_a_units_return_is_not_said_to_have_sent_nothing(
    tmp_path: Path,
) -> None:
    """July: 金寨县 and 霍山县 give 众创空间 in their own returns, 霍邱县 does not and
    市科技局 sends nothing. 霍邱县's bulletin says it is left out because of 市科技局's
    return (it said “霍邱县本月未报送”, though its return came)."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    july_return(data, "jinzhai", maker_spaces=True)
    july_return(data, "huoshan", maker_spaces=True)
    july_return(data, "huoqiu")
    result = runner.invoke(
        app, ["report", "--data", str(data), "--as-of", "2020-07", "--county", "霍邱县", "-f", "md"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "霍邱县因市科技局未报送（累计建设市级及以上众创空间），未参加综合排名和未报送指标的排名。"
        in result.stdout
    )
    assert "霍邱县本月未报送" not in result.stdout


def test_one_countys_warnings_keep_why_the_others_are_unranked(tmp_path: Path) -> None:
    """July: only 霍山县 reports. Its own list of warnings still says the other counties sent
    nothing (with its warnings alone it called them 报表缺项)."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    july_return(data, "huoshan")
    args = ["warnings", "--data", str(data), "--as-of", "2020-07", "-f", "markdown"]
    whole = runner.invoke(app, args).stdout
    mine = runner.invoke(app, [*args, "--county", "霍山县"]).stdout

    def ranking(text: str) -> str:
        return next(x for x in text.splitlines() if x.startswith("| 新增注册企业"))

    assert "金安区" in ranking(mine) and "报表缺项" not in ranking(mine)
    assert ranking(mine) == ranking(whole)


@pytest.mark.parametrize("signer", ["负责人：汪建国", "分管领导：张三", "经办人：李四"])
def test_a_footer_that_starts_with_who_signs_is_a_footer(tmp_path: Path, signer: str) -> None:
    """A form's last row “负责人：… 填报人：… 联系电话：…” is its footer, left out with a
    notice; it was an error (指标为空) that stopped every command."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    (data / "actuals" / "霍山县2020年7月报表.csv").write_text(
        "霍山县创业江淮行动计划进展情况统计表（2020年7月）\n"
        "序号,指标名称,计量单位,本月完成,1-7月累计,备注\n"
        "1,新增注册企业,个,100,,\n"
        f"{signer},,填报人：储晓燕,,联系电话：0564-1234567,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    found = [
        (d["code"], d["line"])
        for d in json.loads(result.stdout)
        if (d["file"] or "").endswith("霍山县2020年7月报表.csv")
    ]
    assert ("actuals.row-left-out", 4) in found
    assert not any(code == "actuals.indicator" for code, _ in found)
