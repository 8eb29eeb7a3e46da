"""Months, units of measure, reported values, exact JSON numbers and atomic writes."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuangye_cli.atomic import write_atomic
from chuangye_cli.display import percent, quantity
from chuangye_cli.periods import Period, months_inclusive
from chuangye_cli.quantities import convert, get_unit, parse_value, plain
from chuangye_cli.writers.json import dumps

D = Decimal


@pytest.mark.parametrize(
    "text",
    ["2019-06", "2019-6", "2019/06", "2019年6月", "2019 年 6 月", "201906", " 2019-06 "],
)
def test_period_parse(text: str) -> None:
    assert Period.parse(text) == Period(2019, 6)


@pytest.mark.parametrize("text", ["2019-00", "2019-13", "June 2019", "19-06", ""])
def test_period_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(text)


def test_period_arithmetic() -> None:
    assert months_inclusive(Period(2018, 1), Period(2020, 12)) == 36
    assert months_inclusive(Period(2018, 1), Period(2019, 6)) == 18
    assert months_inclusive(Period(2019, 12), Period(2020, 1)) == 2
    assert Period.from_index(Period(2019, 12).index + 1) == Period(2020, 1)
    assert str(Period(2020, 3)) == "2020-03"
    assert Period(2020, 3).label_zh == "2020年3月"
    assert Period(2019, 12) < Period(2020, 1)


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("12000", D(12000), None),
        ("12,000", D(12000), None),
        ("12，000", D(12000), None),  # full-width comma
        ("1.2万", D(12000), None),
        ("1.2 万", D(12000), None),  # a space before the suffix, as before a unit
        ("3200 万元", D(3200), "万元"),
        ("0.5亿", D(50000000), None),
        ("3200万元", D(3200), "万元"),
        ("1.5亿元", D("1.5"), "亿元"),
        ("20平米", D(20), "平米"),
        (".5", D("0.5"), None),
        ("+7", D(7), None),
    ],
)
def test_parse_value(text: str, number: Decimal, unit: str | None) -> None:
    parsed = parse_value(text)
    assert parsed.scaled == number  # a bare 万/亿 applied
    assert (parsed.unit.name if parsed.unit else None) == unit


@pytest.mark.parametrize("text", ["", "-1", "NaN", "inf", "-inf", "abc", "1..2", "3斤"])
def test_parse_value_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_value(text)


def test_conversions_are_exact() -> None:
    wan_yuan, yi_yuan, yuan = get_unit("万元"), get_unit("亿元"), get_unit("元")
    assert wan_yuan is not None and yi_yuan is not None and yuan is not None
    assert convert(D(3200), wan_yuan, yi_yuan) == D("0.32")
    assert convert(D("0.1"), yi_yuan, yuan) == D(10000000)
    square = get_unit("平方米")
    wan_square = get_unit("万平米")
    assert square is not None and wan_square is not None
    assert convert(D(12345), square, wan_square) == D("1.2345")
    person = get_unit("人")
    assert person is not None
    with pytest.raises(ValueError):
        convert(D(1), person, yuan)
    assert get_unit("人次") is not None and get_unit("人次") is not person


def test_plain_numbers_for_machines() -> None:
    assert plain(D("1.8000")) == "1.8"
    assert plain(D("2E+3")) == "2000"
    assert plain(D("0.00012")) == "0.00012"
    assert plain(D(7)) == "7"


def test_display_numbers_for_people() -> None:
    assert quantity(D("6316")) == "6,316"
    assert quantity(D("143.11064")) == "143.1106"
    assert quantity(None) == "—"
    assert percent(D("0.8666")) == "86.7%"
    assert percent(D("0.75")) == "75.0%"


def test_dumps_writes_exact_decimals() -> None:
    value = {"a": D("0.1") + D("0.2"), "b": [D(1) / D(3), None, "文字"], "c": {}}
    text = dumps(value)
    parsed = json.loads(text, parse_float=D)
    assert parsed["a"] == D("0.3")
    assert parsed["b"][0] == D(1) / D(3)
    assert parsed["b"][1:] == [None, "文字"]
    assert "文字" in text  # not \\u escapes
    with pytest.raises(ValueError):
        dumps(D("NaN"))


def test_write_atomic_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "一".encode())
    write_atomic(target, "二".encode())
    assert target.read_text(encoding="utf-8") == "二"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_interrupted_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new, but never finished")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # the temporary file is gone


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_write_atomic_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", b"x")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644  # not mkstemp's 0o600


def _exponent_prefix(text: str) -> bool:
    """Whether ``text`` starts with a number in exponent notation, read by hand: digits, or
    digits, a point and at least one digit, then e or E, a sign or none, and a digit."""
    i = 0
    while i < len(text) and text[i].isascii() and text[i].isdigit():
        i += 1
    whole = i
    if i < len(text) and text[i] == ".":
        i += 1
        start = i
        while i < len(text) and text[i].isascii() and text[i].isdigit():
            i += 1
        if i == start:
            return False
    elif whole == 0:
        return False
    if i >= len(text) or text[i] not in "eE":
        return False
    i += 1
    if i < len(text) and text[i] in "+-":
        i += 1
    return i < len(text) and text[i].isascii() and text[i].isdigit()


@given(st.text(alphabet="0123456789.eE+-万 x", max_size=12))
def test_exponent_notation_is_told_as_read_by_hand(text: str) -> None:
    from chuangye_cli.quantities import _EXPONENT

    assert bool(_EXPONENT.match(text)) is _exponent_prefix(text)


def test_a_cell_of_thousands_of_digits_is_refused_for_its_digits() -> None:
    """20,000 digits (a fuzzed cell): too many digits, said as such (the exponent test it
    passes first no longer tries every split of them)."""
    with pytest.raises(ValueError) as raised:
        parse_value("9" * 20_000)
    assert getattr(raised.value, "kind", None) == "digits"
