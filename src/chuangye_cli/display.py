"""Display rounding and words: the only place where numbers are rounded for people."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from chuangye_cli.document import Bar, Cell, Column, Kind
from chuangye_cli.quantities import plain
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
