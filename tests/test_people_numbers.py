"""Numbers as people write them in the bulletin: units attached, no thousands separators,
whole counts without decimals, small amounts of a 万/亿 unit in the reporting unit, “约” where
a figure was rounded."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chuangye_cli.display import about, amount, pace

D = Decimal


@pytest.mark.parametrize(
    ("value", "unit", "smaller", "expected"),
    [
        (D("2.34"), "万个", "个", "2.34万个"),
        (D("0.0812"), "万个", "个", "812个"),  # below 1 万个: in 个
        (D("9.1493"), "亿元", "万元", "9.15亿元"),
        (D("0.35"), "亿元", "万元", "3500万元"),
        (D("6316"), "人次", None, "6316人次"),  # no thousands separator
        (D("147.8592"), "万平米", "平方米", "147.86万平米"),
        (D("0.5"), "个", None, "0.5个"),  # a count below 1 keeps its decimals
        (D("17"), "个", None, "17个"),
        # a count that is not whole is shown as it is (19个 hid a doubted 0.5: an analyst's
        # finding); an estimate (about) still rounds it
        (D("18.5"), "个", None, "18.5个"),
        (D("1000.5"), "个", None, "1000.5个"),
        (D("3500.27"), "万元", None, "3500万元"),
        (D("92.45"), "%", None, "92.45%"),
        (None, "个", None, "—"),
    ],
)
def test_amount(value: Decimal | None, unit: str, smaller: str | None, expected: str) -> None:
    assert amount(value, unit, smaller) == expected


@pytest.mark.parametrize(
    ("value", "unit", "smaller", "expected"),
    [
        (D(1) / 6, "个", None, "约0.17个"),
        (D(17) / 6, "个", None, "约3个"),
        (D(600), "个", None, "600个"),  # exact: no 约
        (D("0.4751166666"), "亿元", "万元", "约4751万元"),
        (D("948.67"), "万元", None, "约949万元"),  # an estimate: no decimals from 100 on
        (D("8.6901"), "万平米", "平方米", "约8.69万平米"),
        (D("12.345"), "万人", None, "约12.3万人"),
    ],
)
def test_about(value: Decimal, unit: str, smaller: str | None, expected: str) -> None:
    assert about(value, unit, smaller) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (D(17) / 6, "个", "2.8"),  # 17 platforms in 6 months: not 2.8333
        (D(46) / 6, "家", "7.7"),
        (D(166), "人", "166"),
        (D(1) / 6, "人次", "0.17"),  # below 1: two decimals, not 0.2
        (D(0), "个", "0"),
        (D("0.0608"), "万个", None),  # a 万 unit: its decimals are whole 个, shown as usual
        (D("0.4776"), "亿元", None),
        (None, "个", None),
    ],
)
def test_pace_of_counts(value: Decimal | None, unit: str, expected: str | None) -> None:
    assert pace(value, unit) == expected
