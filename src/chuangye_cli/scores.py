"""综合得分: the composite score that ranks the counties (红黑榜). Pure.

    综合得分 = 100 × Σ(wᵢ × min(完成率ᵢ, 1)) ÷ Σ wᵢ

over the indicators for which the county has a target, with wᵢ the indicator's weight from
``scoring.weights`` in targets.yaml (1 where none is given: equal weights by default). Capping
at 100% keeps one indicator far ahead from hiding another far behind. Indicators whose weights
add up to zero give no score.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

FULL_MARKS = 100


def composite(
    completions: Mapping[str, Fraction], weights: Mapping[str, Decimal]
) -> Fraction | None:
    """The weighted mean of the capped completions, in points out of 100; None when the
    weights of the indicators given add up to zero (or none is given)."""
    total_weight = Fraction(0)
    total = Fraction(0)
    for indicator, completion in completions.items():
        weight = Fraction(weights.get(indicator, Decimal(1)))
        total_weight += weight
        total += weight * min(completion, Fraction(1))
    if total_weight == 0:
        return None
    return FULL_MARKS * total / total_weight
