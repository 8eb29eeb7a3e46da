"""Help pages and usage errors speak the language of the run: Chinese by default, English with
``--lang en`` or ``CHUANGYE_LANG=en``; every option says what to type, lists its choices, and no
text is cut at any width."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.core import TyperGroup

from chuangye_cli.choices import Format, View
from chuangye_cli.cli import app
from chuangye_cli.i18n import bi, english, hoist_globals, pick_lang
from chuangye_cli.wrapping import cells

from .test_readme import runner

_GROUP = typer.main.get_command(app)
assert isinstance(_GROUP, TyperGroup)
GROUP: TyperGroup = _GROUP
COMMANDS = sorted(GROUP.commands)
CJK = re.compile(r"[\u4e00-\u9fff]")
TERMS = ("序时进度", "六安", "生成时间")  # Chinese terms the English texts keep on purpose


def _without_terms(text: str) -> str:
    for term in TERMS:
        text = text.replace(term, "")
    return text


def _help(*args: str) -> str:
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _options(command: str) -> list[object]:
    found = GROUP.commands[command] if command else GROUP
    return [p for p in found.params if getattr(p, "param_type_name", "") == "option"]


def test_program_help_is_chinese_by_default() -> None:
    page = _help()
    assert page.startswith("用法：chuangye [选项] 命令")
    assert "选项：" in page and "命令：" in page
    assert "Usage" not in page and "Show this message" not in page


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--lang", "en"], {}), (["--lang=en"], {}), ([], {"CHUANGYE_LANG": "en"})],
)
def test_program_help_in_english(args: list[str], env: dict[str, str]) -> None:
    result = runner.invoke(app, [*args, "--help"], env=env)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: chuangye [OPTIONS] COMMAND")
    assert not CJK.search(_without_terms(result.stdout))


def test_lang_option_beats_the_environment() -> None:
    result = runner.invoke(app, ["--lang", "zh", "progress", "--help"], env={"CHUANGYE_LANG": "en"})
    assert result.stdout.startswith("用法：chuangye progress")


def test_language_does_not_leak_into_the_next_run() -> None:
    assert _help("--lang", "en").startswith("Usage")
    assert _help().startswith("用法")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_has_chinese_and_english_help_and_a_metavar(command: str) -> None:
    for param in [*_options(command), *_options("")]:
        opts, help_text = param.opts, param.help  # type: ignore[attr-defined]
        if "--help" in opts:
            continue
        assert CJK.search(help_text), (command, opts)
        assert english(help_text) != help_text, (command, opts)
        assert not CJK.search(_without_terms(english(help_text))), (command, opts)
        if not param.is_flag:  # type: ignore[attr-defined]
            metavar = param.metavar  # type: ignore[attr-defined]
            assert metavar and "<" not in metavar and "[" not in metavar, (command, opts)


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_nothing_is_cut_and_nothing_is_too_wide(
    command: str, lang: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    page = _help("--lang", lang, *([command] if command else []))
    assert max(cells(line) for line in page.splitlines()) <= width
    assert "…" not in page.replace("[参数]…", "")
    whole = _squeeze(page)
    for param in _options(command):
        text = param.help  # type: ignore[attr-defined]
        if "--help" in param.opts:  # type: ignore[attr-defined]
            continue
        assert _squeeze(english(text) if lang == "en" else text) in whole, param.opts  # type: ignore[attr-defined]
    found = GROUP.commands[command] if command else GROUP
    assert _squeeze(english(found.help or "") if lang == "en" else found.help or "") in whole


def test_command_list_shows_each_summary_whole() -> None:
    whole = _squeeze(_help())
    for name in COMMANDS:
        summary = (GROUP.commands[name].help or "").split("\n\n")[0]
        assert _squeeze(summary) in whole, name


def test_choices_are_listed() -> None:
    page = _squeeze(_help("progress"))
    assert "可选：" + "、".join(v.value for v in View) in page
    assert "可选：" + "、".join(f.value for f in Format) in page
    assert "[默认：table]" in page
    english_page = _squeeze(_help("--lang", "en", "progress"))
    assert _squeeze("one of: " + ", ".join(v.value for v in View)) in english_page


def test_metavars_say_what_to_type() -> None:
    page = _help("progress")
    for shown in ("--county 县区", "--indicator 指标", "--as-of YYYY-MM", "--output FILE"):
        assert shown in page
    assert "<" not in page and "list[str]" not in page and "<bool>" not in page
    english_page = _help("--lang", "en", "progress")
    assert "--county COUNTY" in english_page and "--indicator INDICATOR" in english_page


def test_bad_choice_is_a_chinese_usage_error() -> None:
    result = runner.invoke(app, ["progress", "--by", "xian"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--by：“xian” 不是可选值；可选：indicator、county、unit、task" in result.stderr
    assert "chuangye progress --help" in result.stderr


def test_bad_choice_in_english() -> None:
    result = runner.invoke(app, ["--lang", "en", "progress", "--by", "xian"])
    assert result.exit_code == 2
    assert "--by: 'xian' is not one of: indicator, county, unit, task" in result.stderr


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["template", "--period", "2020-06", "--county", "金寨县"],
         "用法错误：缺少选项 --output（此命令必须给出）", "usage error: missing option --output"),
        (["inspect"], "用法错误：缺少参数 文件", "usage error: missing argument FILE"),
    ],
)  # fmt: skip
def test_a_missing_option_or_argument_is_named(args: list[str], zh: str, en: str) -> None:
    """It read “--output 的值无效：Missing option '--output' / '-o'.”"""
    chinese = runner.invoke(app, args)
    english = runner.invoke(app, ["--lang", "en", *args])
    assert (chinese.exit_code, english.exit_code) == (2, 2)
    assert zh in chinese.stderr and "Missing" not in chinese.stderr
    assert en in english.stderr


def test_misspelt_option_suggests_the_near_ones() -> None:
    result = runner.invoke(app, ["progress", "--cuonty", "x"])
    assert result.exit_code == 2
    assert "没有选项 --cuonty（您是否要找：--county" in result.stderr  # and --file-county


def test_an_extra_argument_is_said_in_words() -> None:
    """`chuangye validate data2` (a folder where an option was meant): said in Chinese, with
    what to do, not Click's English."""
    chinese = runner.invoke(app, ["validate", "data2", "x"])
    english = runner.invoke(app, ["--lang", "en", "validate", "data2"])
    assert (chinese.exit_code, english.exit_code) == (2, 2)
    assert (
        "用法错误：多余的参数：data2 x（文件、文件夹等多用选项给出，如 --data）" in chinese.stderr
    )
    assert "Got unexpected" not in chinese.stderr
    assert "usage error: unexpected extra argument(s): data2 (files and folders" in english.stderr
    extra = runner.invoke(app, ["completion", "bash", "zsh"])  # a command with one argument
    assert extra.exit_code == 2 and "多余的参数：zsh" in extra.stderr


def test_unknown_command_lists_the_commands() -> None:
    result = runner.invoke(app, ["progres"])
    assert result.exit_code == 2
    assert "没有命令 “progres”（您是否要找：progress）" in result.stderr


def test_option_without_its_value() -> None:
    result = runner.invoke(app, ["progress", "--county"])
    assert result.exit_code == 2
    assert "选项 --county 后面要写一个值" in result.stderr


def test_bad_lang_value() -> None:
    result = runner.invoke(app, ["--lang", "fr", "progress"])
    assert result.exit_code == 2
    assert "--lang “fr” 不是可选值" in result.stderr


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        ([], {}, "zh"),
        ([], {"CHUANGYE_LANG": "en_US"}, "en"),
        (["--lang", "en", "progress"], {}, "en"),
        (["--lang=en"], {}, "en"),
        (["--lang", "zh"], {"CHUANGYE_LANG": "en"}, "zh"),
        (["--lang", "fr"], {}, "zh"),
        (["progress", "--", "--lang", "en"], {}, "zh"),
    ],
)
def test_pick_lang(argv: list[str], env: dict[str, str], expected: str) -> None:
    assert pick_lang(argv, env) == expected


def test_one_chinese_text_cannot_have_two_english_ones() -> None:
    assert bi("测试用语甲", "test words") == "测试用语甲"
    assert english("测试用语甲") == "test words"
    with pytest.raises(ValueError, match="two English texts"):
        bi("测试用语甲", "other words")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["progress", "--quiet"], ["--quiet", "progress"]),
        (["progress", "--lang", "en", "-f", "csv"], ["--lang", "en", "progress", "-f", "csv"]),
        (["validate", "--lang=en"], ["--lang=en", "validate"]),
        (["--lang", "en", "trend"], ["--lang", "en", "trend"]),
        (["progress", "--", "--quiet"], ["progress", "--", "--quiet"]),
    ],
)
def test_global_options_after_the_command(argv: list[str], expected: list[str]) -> None:
    assert hoist_globals(argv) == expected


def test_lang_after_the_command() -> None:
    result = runner.invoke(app, ["progress", "--help", "--lang", "en"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: chuangye progress")


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["--as-of", "2021-05"], "--as-of 2021-05：不在计划期（2018-01 – 2020-12）之内",
         "--as-of 2021-05 is outside the plan period (2018-01 – 2020-12)"),
        (["--year", "2025"], "--year 2025：不在计划年份 2018-2020 之内",
         "2025 is outside the plan's years 2018-2020"),
        (["--as-of", "2020-13"], "--as-of：“2020-13” 中的月份 13 不在 1-12 之间",
         "--as-of: month 13 is not 1-12"),
    ],
)  # fmt: skip
def test_report_month_problems_in_both_languages(args: list[str], zh: str, en: str) -> None:
    for lang, expected in (("zh", zh), ("en", en)):
        result = runner.invoke(app, ["--lang", lang, "progress", *args])
        assert result.exit_code == 2
        assert expected in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["template", "--period", "2020-13", "--county", "金寨县", "-o", "x.xlsx"],
         "--period：“2020-13” 中的月份 13 不在 1-12 之间", "--period: month 13 is not 1-12"),
        (["progress", "--as-of", "2020.1"],
         "--as-of：“2020.1” 有歧义", "--as-of: '2020.1' is ambiguous"),
        (["progress", "--as-of", "六月"],
         "--as-of：“六月” 不是月份：请写成 YYYY-MM", "--as-of: '六月' is not a month"),
        (["template", "--period", "2020-06", "--county", "金寨县", "--all", "-o", "x"],
         "--county、--all 与 --tasks --unit 只能选一个", "go one at a time"),
    ],
)  # fmt: skip
def test_a_bad_month_or_choice_of_options_is_said_in_the_run_language(
    args: list[str], zh: str, en: str
) -> None:
    """A month option's problem in Chinese (it came in English: “month 13 is not 1-12”), and
    --county with --all is said to be one too many, not missing."""
    chinese = runner.invoke(app, args)
    english = runner.invoke(app, ["--lang", "en", *args])
    assert (chinese.exit_code, english.exit_code) == (2, 2)
    assert zh in chinese.stderr and en in english.stderr


def test_an_option_without_its_value_points_to_its_command_help() -> None:
    """`validate --actuals` (no file after it): the error comes before the command's context
    exists; it pointed to `chuangye --help`."""
    result = runner.invoke(app, ["validate", "--actuals"])
    assert result.exit_code == 2
    assert "选项 --actuals 后面要写一个值" in result.stderr
    assert "chuangye validate --help" in result.stderr


def test_help_is_not_offered_for_an_option_unlike_it() -> None:
    """`warnings --level` (an option of other commands): no “您是否要找：--help”."""
    result = runner.invoke(app, ["warnings", "--level", "county"])
    assert result.exit_code == 2
    assert "没有选项 --level" in result.stderr and "--help）" not in result.stderr
    assert "--help" in runner.invoke(app, ["progress", "--hepl"]).stderr.split("运行")[0]
