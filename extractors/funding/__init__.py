"""funding extractor (EXTRACTION_SPEC.md §3.1): amounts and rates the document's government grants.

find → keep → build (STYLE.md §2), the rules as rows of data (rules.py). find.py: ``find_mentions``
collects every money amount, rate, 1∶1 match and 不设上限 in a sentence; ``keep_grants`` drops what the
spec says is not funding (statistics, targets, fund sizes, payment schedules, eligibility
thresholds, cost sharing, other governments' money) and what no word of granting governs; ``link``
applies the 分别/最高 list rule and binds a rate to the cap that bounds it; ``to_record`` maps each kept
mention to a ``Funding`` with source coordinates.

keep.py holds ``keep_grants`` and ``link``; build.py holds ``to_record`` and the subsidy tables;
context.py reads per, form and beneficiary around an amount. Each record's ``rule`` is the id of the
row that fired, as refined where a decision was made (a cap qualifier, a per-unit marker, a list, a
bound rate); nothing infers it after the match.
"""

from __future__ import annotations

from extractors.funding.build import extract
from extractors.funding.keep import issuer_level
from extractors.funding.rules import RULES

__all__ = ["RULES", "extract", "issuer_level"]
