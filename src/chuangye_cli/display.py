"""Display rounding and words: the only place where numbers are rounded for people."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from chuangye_cli.document import Bar, Cell, Column, Kind
from chuangye_cli.quantities import Measure, convert, get_unit, plain
from chuangye_cli.vocab import NONE, Lang, status_word


def quantity(value: Decimal | None, places: int = 4) -> str:
    """For people: thousands separators, at most ``places`` decimals."""
    if value is None:
        return NONE
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return f"{int(rounded):,}"
    text = f"{rounded:,f}"
    return text.rstrip("0").rstrip(".")


def percent(value: Decimal | None, places: int = 1) -> str:
    if value is None:
        return NONE
    scaled = (value * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{scaled:f}%"


def bar(value: Decimal | None, width: int = 10) -> str:
    """A bar of ``width`` cells for a completion ratio, capped at full."""
    if value is None:
        return ""
    filled = int((min(max(value, Decimal(0)), Decimal(1)) * width).to_integral_value(ROUND_HALF_UP))
    return "█" * filled + "░" * (width - filled)


def marked_bar(completion: Decimal | None, mark: Decimal, width: int = 20) -> str:
    """Completion as a bar, with the 序时 position (``mark``, a ratio) drawn as ┃."""
    if completion is None:
        return ""
    filled = int(
        (min(max(completion, Decimal(0)), Decimal(1)) * width).to_integral_value(ROUND_HALF_UP)
    )
    at = min(int((mark * width).to_integral_value(ROUND_HALF_UP)), width) - 1
    return "".join("┃" if k == at else ("█" if k < filled else "░") for k in range(width))


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[Decimal | None], top: Decimal | None = None) -> str:
    """One character per value, scaled to ``top`` (default: the largest value); a blank where a
    value is missing."""
    if top is None:
        top = max((v for v in values if v is not None), default=Decimal(0))
    if top <= 0:
        return "".join(" " if v is None else SPARKS[0] for v in values)
    steps = len(SPARKS) - 1
    return "".join(
        " "
        if v is None
        else SPARKS[
            int((min(max(v, Decimal(0)), top) / top * steps).to_integral_value(ROUND_HALF_UP))
        ]
        for v in values
    )


def signed_percent(value: Decimal | None) -> str:
    """A change (环比, 同比) for people: +12.5%, -3.0%, or — where there is none."""
    return NONE if value is None else ("+" if value > 0 else "") + percent(value)


def shown(column: Column, cell: Cell, lang: Lang = "zh", *, bars: bool = False) -> str:
    """What people see in a cell."""
    value = cell.value
    if column.kind is Kind.RATIO and column.bar is not None and bars and value is not None:
        assert isinstance(value, Decimal)
        drawn = (
            bar(value) if column.bar is Bar.PLAIN else marked_bar(value, cell.mark or Decimal(0))
        )
        return f"{drawn} {cell.text if cell.text is not None else percent(value)}"
    if cell.text is not None:
        return cell.text
    kind = column.kind
    if kind is Kind.STATUS:
        return status_word(value if isinstance(value, str) else None, lang)
    if value is None:
        return "" if kind is Kind.TEXT else NONE
    if kind is Kind.QUANTITY:
        assert isinstance(value, Decimal | int)
        return quantity(Decimal(value), column.places)
    if kind is Kind.RATIO:
        assert isinstance(value, Decimal | int)
        return percent(Decimal(value))
    if kind is Kind.POINTS:
        assert isinstance(value, Decimal | int)
        return quantity(Decimal(value), 1)
    if kind is Kind.NUMBER:
        return plain(value) if isinstance(value, Decimal) else str(value)
    if kind is Kind.LIST:
        assert isinstance(value, list | tuple)
        return "、".join(str(v) for v in value) or NONE
    return str(value)


_WHOLE_MEASURES = frozenset({Measure.COUNT, Measure.PERSONS, Measure.PERSON_TIMES})


def amount(
    value: Decimal | None, unit: str, smaller: str | None = None, *, coarse: bool = False
) -> str:
    """An amount as people write it, with its unit: “2.34万个”, “812个”, “3500万元”, “6316人次”.

    Below 1 in a 万/亿 unit it is given in ``smaller`` (the reporting unit) when there is one;
    whole counts of 个/家/人/人次 have no decimals; other amounts at most two; no thousands
    separators (as in Chinese official writing); a count that is not whole keeps two.
    ``coarse``: as for an estimate, no decimals from 100 on and one from 10 on."""
    if value is None:
        return NONE
    shown_unit = get_unit(unit)
    small = get_unit(smaller) if smaller else None
    if (
        shown_unit is not None
        and small is not None
        and small.factor < shown_unit.factor
        and value != 0
        and abs(value) < 1
    ):
        value, shown_unit, unit = convert(value, shown_unit, small), small, small.name
    whole = (
        shown_unit is not None and shown_unit.factor == 1 and shown_unit.measure in _WHOLE_MEASURES
    )
    if coarse:  # an estimate (每月约4个): whole counts from 1 on
        places = (
            0 if (whole and abs(value) >= 1) or abs(value) >= 100 else 1 if abs(value) >= 10 else 2
        )
    else:  # (a count that is not whole, 18.5个 from a doubted 0.5, is shown as it is: rounded
        # to 19 it would hide the very figure the checks doubt)
        places = 0 if (whole and value == int(value)) or (not whole and abs(value) >= 1000) else 2
    return quantity(value, places).replace(",", "") + unit


def pace(value: Decimal | None, unit: str) -> str | None:
    """The text of a needed monthly pace for people, or None to show the value as usual: a
    count of whole 个/家/人/人次 has at most one decimal from 1 on and two below (“2.8”, not
    “2.8333”: nobody founds 0.8333 of a platform; “0.17”); the value stays exact for machines."""
    shown_unit = get_unit(unit)
    if value is None or shown_unit is None or shown_unit.factor != 1:
        return None
    if shown_unit.measure not in _WHOLE_MEASURES:
        return None
    return quantity(value, 1 if abs(value) >= 1 else 2)


def about(value: Decimal | None, unit: str, smaller: str | None = None, lang: Lang = "zh") -> str:
    """A coarse :func:`amount` with “约” (“about ”) in front when the figure was rounded:
    “约0.17个”, “约949万元”."""
    text = amount(value, unit, smaller, coarse=True)
    if value is None:
        return text
    shown_value = _leading_number(text)
    exact = shown_value is not None and _same_amount(value, unit, smaller, shown_value)
    return text if exact else ("about " if lang == "en" else "约") + text


def _leading_number(text: str) -> Decimal | None:
    end = 0
    while end < len(text) and (text[end].isdigit() or text[end] in ".-"):
        end += 1
    return Decimal(text[:end]) if end else None


def _same_amount(value: Decimal, unit: str, smaller: str | None, shown_value: Decimal) -> bool:
    """Whether the shown figure is the value itself, not a rounding of it."""
    big, small = get_unit(unit), get_unit(smaller) if smaller else None
    candidates = [value]
    if big is not None and small is not None and small.measure is big.measure:
        candidates.append(convert(value, big, small))
    return shown_value in candidates


def counted(n: int, word: str) -> str:
    """An English count: 1 error, 2 errors, 0 warnings."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
