"""chuangye: progress of an action plan's targets."""

import decimal

__version__ = "0.1.0"

# Quantities are exact: enough significant digits that converting and summing values within the
# input limits never rounds (see chuangye_cli.quantities). Ratios are rounded explicitly.
decimal.getcontext().prec = 100
