"""Display rounding: the only place where numbers are rounded."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def plain(value: Decimal) -> str:
    """Exact decimal text without exponent or trailing zeros (for JSON and CSV)."""
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def quantity(value: Decimal | None, places: int = 4) -> str:
    """For people: thousands separators, at most ``places`` decimals."""
    if value is None:
        return "—"
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return f"{int(rounded):,}"
    text = f"{rounded:,f}"
    return text.rstrip("0").rstrip(".")


def percent(value: Decimal | None, places: int = 1) -> str:
    if value is None:
        return "—"
    scaled = (value * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{scaled:f}%"


def bar(value: Decimal | None, width: int = 10) -> str:
    """A bar of ``width`` cells for a completion ratio, capped at full."""
    if value is None:
        return ""
    filled = int((min(max(value, Decimal(0)), Decimal(1)) * width).to_integral_value(ROUND_HALF_UP))
    return "█" * filled + "░" * (width - filled)


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
