"""What no record covers: a label-free recall check over an output folder.

Every trigger in a document's source text (an amount, a role label, a goal frame, an indicator-like
table) is either *covered* by a record, *dismissed* with a named reason (an achievement, an eligibility
threshold, a cited document …), or *uncovered*: a possible miss for a reviewer to look at. The
uncovered rate falls only when extraction improves or a reason is written here; triggers are never
hidden. The patterns are deliberately wider than the extractors' (any 元 or %, any role word), so
the audit sees what the extractors' own vocabulary does not.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import regex

from extractors.clauses import AUDIT_CLAUSE, AUDIT_SENTENCE, around, piece_start
from extractors.words import (
    AUDIT_ONLY_HEADS,
    COST_SHARING_PHRASE,
    GRANTING_WIDE,
    LABEL_NOUN,
    ROLE_OF_HEAD,
    ROLE_WORDS_INLINE,
    unit_column_role,
)
from pipeline.evaluate import section_of
from pipeline.models import RECORD_TYPES
from pipeline.outdir import OutputDocument, documents

NUM = r"(?:\d+(?:[.,]\d+)*|[〇零一二两三四五六七八九十百千]+)"
MONEY = regex.compile(rf"{NUM}\s*(?:多|余)?\s*[万亿千百]{{0,2}}\s*元(?!素|旦|年|件)")
RATE = regex.compile(r"\d+(?:\.\d+)?\s*[%％‰]")
# A role head, an optional free qualifier of a few characters, an organisational word and a colon
# (责任单位：, 牵头落实部门：, 主要责任单位：, 配合科室：).
# The heads are the extractors' role heads plus AUDIT_ONLY_HEADS (extractors/words.py).
AUDIT_HEADS = "|".join((*(h for h, role in ROLE_OF_HEAD.items() if role is not None), *AUDIT_ONLY_HEADS))
LABEL = regex.compile(rf"(?:{AUDIT_HEADS})\p{{Han}}{{0,4}}?{LABEL_NOUN}\s*[：:]")
ROLE_WORD = regex.compile(ROLE_WORDS_INLINE)
GOAL_FRAME = regex.compile(r"到\s*20\d\d\s*年(?:底|末)?|力争")
# 突破一批…技术 is a breakthrough, not a count: a numeral before 批/些/系列 is a quantifier.
GOAL_LEVEL = regex.compile(rf"(?<!不)(?:达到|突破|超过)\s*(?:约|近)?{NUM}(?!{NUM}|\s*(?:批|些|系列|大批))")
INDICATOR_WORDS = regex.compile(r"预期性|约束性")
YEAR_COLUMN = regex.compile(r"20\d\d\s*年|基[础期准]值|目标值|现状值")

# A table or line of 预期性/约束性 indicators with no number but its serial (城市体检 catalogues) is a
# catalogue of indicators, which spec §3.4 excludes from indicator tables.
CATALOGUE = "catalogue of indicators without values (spec §3.4)"
VALUE = regex.compile(r"\d+(?:\.\d+)?")
SERIAL = regex.compile(r"^\s*\d{1,3}(?:[.．、]|\s)")
UNIT_IN_BRACKETS = regex.compile(r"[（(][^（）()]{0,12}[）)]")
GRANTING = regex.compile(GRANTING_WIDE)
# Markers of a result already reached. 实现/完成/达到 are not among them: plans use them for goals
# (力争实现…翻一番, 完成投资180亿元), and a miss must never be dismissed by a word goals share.
PAST = regex.compile(r"已经|已|(?<!为|除|罢|不得)了(?!解)|截至|截止|累计(?:完成|实现|达到|建成|培育|认定|引进)"
                     r"|同比|比上年|较上年|比去年|上年|去年|过去|共计|荣获|获评|创历史新高")
PAST_SECTION = regex.compile(r"回顾|成就|成效|总结|进展|发展基础|现状|过去|十三五")
# 10万元（含）以上资助, 300万元以上的企业: the amount a recipient must reach, not the amount granted.
THRESHOLD_AFTER = regex.compile(r"\s*(?:(?:（含）|\(含\))\s*(?:以上|以下)"
                                r"|(?:以上|及以上|以下|以内|及以下)?\s*(?:（含）|\(含\))?\s*的)")
FUND_SIZE = regex.compile(r"规模|基金|资金池|总额度|资金总量")
COST_SHARING = regex.compile(COST_SHARING_PHRASE)
THRESHOLD_BEFORE = regex.compile(r"(?:超过|达到|突破|不低于|不少于|在)\s*$")
CITED = regex.compile(r"《[^《》\n]{0,80}$")
DOC_NUMBER = regex.compile(r"〔\s*20\d\d\s*〕\s*\d+\s*号")
WINDOW = 200  # characters looked at around a trigger: a clause or a sentence, never the document

RESP_TYPES = ("responsibilities",)
NUMBER_TYPES = ("funding", "targets", "indicators")


@dataclass(frozen=True, slots=True)
class Trigger:
    kind: str  # money, rate, label, role_word, goal_frame, goal_level, table, unit_cell
    rtype: str  # the record type a record here would most likely have
    span: tuple[int, int]
    quote: str
    status: str = "uncovered"  # covered | dismissed | uncovered
    reason: str | None = None
    section: str | None = None
    context: str = ""


@dataclass(slots=True)
class Tally:
    triggers: int = 0
    covered: int = 0
    dismissed: int = 0
    uncovered: int = 0
    reasons: Counter = field(default_factory=Counter)

    def add(self, t: Trigger) -> None:
        self.triggers += 1
        setattr(self, t.status, getattr(self, t.status) + 1)
        if t.reason:
            self.reasons[t.reason] += 1

    def merge(self, other: Tally) -> None:
        for name in ("triggers", "covered", "dismissed", "uncovered"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.reasons.update(other.reasons)

    def to_dict(self) -> dict[str, Any]:
        rate = round(self.uncovered / self.triggers, 4) if self.triggers else 0.0
        return {"triggers": self.triggers, "covered": self.covered, "dismissed": self.dismissed,
                "uncovered": self.uncovered, "uncovered_rate": rate,
                "dismissed_by_reason": dict(sorted(self.reasons.items()))}


class Spans:
    """Record spans of some types, sorted, for overlap and proximity look-ups by bisection."""

    def __init__(self, doc: dict, types: tuple[str, ...]):
        # A record a reviewer rejected covers nothing.
        spans = sorted(tuple(r["span"]) for t in types for r in doc.get(t) or []
                       if isinstance(r, dict) and _is_span(r.get("span"))
                       and (r.get("review") or {}).get("status") != "rejected")
        self.starts = [s for s, _ in spans]
        self.spans = spans
        self.longest = max((e - s for s, e in spans), default=0)

    def overlapping(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        while i > 0:
            i -= 1
            s, e = self.spans[i]
            if s < start - self.longest:
                return False
            if e > start and s < end:
                return True
        return False

    def starting_in(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_left(self.starts, lo)
        return i < len(self.starts) and self.starts[i] < hi

    def ending_in(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_left(self.starts, hi)
        while i > 0:
            i -= 1
            s, e = self.spans[i]
            if s < lo - self.longest:
                return False
            if lo <= e <= hi:
                return True
        return False


def _is_span(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)


def bounds(text: str, start: int, end: int, breaks: str) -> tuple[int, int]:
    """The clause or sentence around [start, end): from the previous break to the next, within WINDOW."""
    return around(text, start, end, breaks, WINDOW)


def bracket_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The （…） or (…) on the same line that encloses [start, end), if any."""
    lo = max(0, start - WINDOW)
    line_start = text.rfind("\n", lo, start) + 1 or lo
    head = text[line_start:start]
    opens = max(head.rfind("（"), head.rfind("("))
    if opens < 0 or max(head.rfind("）"), head.rfind(")")) > opens:
        return None
    hi = min(len(text), end + WINDOW)
    line_end = text.find("\n", end, hi)
    tail = text[end:line_end if line_end >= 0 else hi]
    closes = [i for i in (tail.find("）"), tail.find(")")) if i >= 0]
    if not closes:
        return None
    return line_start + opens, end + min(closes) + 1


def segment_start(text: str, lo: int, pos: int) -> int:
    """Start of the bracket segment holding ``pos`` (（A牵头，B、C配合）: B、C's segment starts after ，)."""
    return piece_start(text, lo, pos, "，,；;（(")


def context(text: str, start: int, end: int, width: int = 30) -> str:
    shown = text[max(0, start - width):start] + "【" + text[start:end] + "】" + text[end:end + width]
    return shown.replace("\n", "⏎")


class DocumentAudit:
    """All triggers of one output document, each decided."""

    def __init__(self, out: OutputDocument):
        self.doc, self.text = out.doc, out.text
        self.sections = [s for s in self.doc.get("sections") or [] if isinstance(s, dict) and _is_span(s.get("span"))]
        self.numbers = Spans(self.doc, NUMBER_TYPES)
        self.targets = Spans(self.doc, ("targets",))
        self.indicators = Spans(self.doc, ("indicators",))
        self.resp = Spans(self.doc, RESP_TYPES)
        # A rate and the cap that bounds it are one record spanned on the cap (spec §3.1): the record
        # covers every rate of its sentence.
        self.rated_caps = Spans({"funding": [r for r in self.doc.get("funding") or []
                                             if isinstance(r, dict) and r.get("ratio") is not None]}, ("funding",))
        self.tables = sorted((tuple(t["span"]), t.get("kind") or "table", t) for t in self.doc.get("tables") or []
                             if isinstance(t, dict) and _is_span(t.get("span")))
        self.table_starts = [s for (s, _), _, _ in self.tables]

    # -- where a trigger sits -------------------------------------------------------------------
    def table_at(self, pos: int) -> tuple[str, dict] | None:
        i = bisect.bisect_right(self.table_starts, pos) - 1
        if i >= 0:
            (s, e), kind, table = self.tables[i]
            if s <= pos < e:
                return kind, table
        return None

    def in_past_section(self, pos: int) -> bool:
        return any(PAST_SECTION.search(s.get("title") or "") for s in self.sections
                   if s["span"][0] <= pos < s.get("end", len(self.text)))

    def make(self, kind: str, rtype: str, start: int, end: int, status: str, reason: str | None = None) -> Trigger:
        return Trigger(kind, rtype, (start, end), self.text[start:end], status, reason,
                       section_of(self.sections, start), context(self.text, start, end))

    # -- decisions ------------------------------------------------------------------------------
    def number_reason(self, start: int, end: int, kind: str) -> str | None:
        """Why a number that no record covers is rightly not a record, or None (a possible miss)."""
        text = self.text
        where = self.table_at(start)
        if where:
            kind_of_table, _ = where
            return "table of contents" if kind_of_table == "toc" else "inside a non-indicator table"
        line_start = text.rfind("\n", 0, start) + 1
        if CITED.search(text[max(line_start, start - 80):start]) or DOC_NUMBER.search(
                text, start, min(len(text), end + 12)):
            return "cited document"
        reached = THRESHOLD_BEFORE.search(text[max(0, start - 6):start]) and GRANTING.search(
            text, *bounds(text, start, end, AUDIT_SENTENCE))
        if THRESHOLD_AFTER.match(text, end) or (kind in ("money", "rate") and reached):
            return "eligibility threshold"
        c0, c1 = bounds(text, start, end, AUDIT_CLAUSE)
        if kind == "rate" and COST_SHARING.search(text, c0, c1):
            return "cost sharing between governments (spec §3.1)"
        if kind == "money" and FUND_SIZE.search(text, c0, start):
            return "size of a fund or budget pool (spec §3.1)"
        if PAST.search(text, c0, c1):
            return "achievement (past marker in the clause)"
        if self.in_past_section(start):
            return "achievement (review section)"
        return None

    def numbers_in(self, start: int, end: int) -> bool:
        return regex.search(r"\d|[一二三四五六七八九十百千万亿]+(?:个|家|项|倍|番)", self.text[start:end]) is not None

    def triggers(self) -> list[Trigger]:
        text, out = self.text, []
        granting_sentences: dict[tuple[int, int], bool] = {}

        def expected(start: int, end: int) -> str:
            key = bounds(text, start, end, AUDIT_SENTENCE)
            if key not in granting_sentences:
                granting_sentences[key] = GRANTING.search(text, *key) is not None
            return "funding" if granting_sentences[key] else "targets"

        for pattern, kind in ((MONEY, "money"), (RATE, "rate")):
            for m in pattern.finditer(text):
                s, e = m.span()
                rtype = expected(s, e)
                if self.numbers.overlapping(s, e) or (kind == "rate" and self.rated_caps.overlapping(
                        *bounds(text, s, e, AUDIT_SENTENCE))):
                    out.append(self.make(kind, rtype, s, e, "covered"))
                else:
                    reason = self.number_reason(s, e, kind)
                    out.append(self.make(kind, rtype, s, e, "dismissed" if reason else "uncovered", reason))
        for m in GOAL_LEVEL.finditer(text):
            s, e = m.span()
            if self.numbers.overlapping(s, e):
                out.append(self.make("goal_level", "targets", s, e, "covered"))
            else:
                reason = self.number_reason(s, e, "goal_level")
                out.append(self.make("goal_level", "targets", s, e, "dismissed" if reason else "uncovered", reason))
        for m in GOAL_FRAME.finditer(text):
            s, e = m.span()
            s0, s1 = bounds(text, s, e, "。！？!?")
            if self.targets.starting_in(s0, s1) or self.targets.overlapping(s0, s1):
                out.append(self.make("goal_frame", "targets", s, e, "covered"))
            elif not self.numbers_in(e, s1):
                out.append(self.make("goal_frame", "targets", s, e, "dismissed", "no number in the goal's sentence"))
            else:
                reason = "inside a non-indicator table" if self.table_at(s) else None
                if reason is None and regex.match(r"到\s*20\d\d", text[s:e]):
                    reason = "achievement (review section)" if self.in_past_section(s) else None
                out.append(self.make("goal_frame", "targets", s, e, "dismissed" if reason else "uncovered", reason))
        out += self.role_triggers()
        out += self.table_triggers()
        return sorted(out, key=lambda t: (t.span, t.kind))

    def role_triggers(self) -> list[Trigger]:
        text, out = self.text, []
        label_spans: list[tuple[int, int]] = []
        for m in LABEL.finditer(text):
            s, e = m.span()
            label_spans.append((s, e))
            stop = bounds(text, e, e, "）)。；;\n")[1]
            if self.resp.starting_in(e, stop + 1):
                out.append(self.make("label", "responsibilities", s, e, "covered"))
            elif not regex.search(r"\p{Han}{2,}", text[e:stop]):
                out.append(self.make("label", "responsibilities", s, e, "dismissed", "no unit named after the label"))
            else:
                out.append(self.make("label", "responsibilities", s, e, "uncovered"))
        starts = [s for s, _ in label_spans]
        for m in ROLE_WORD.finditer(text):
            s, e = m.span()
            i = bisect.bisect_right(starts, s) - 1
            if i >= 0 and label_spans[i][0] <= s < label_spans[i][1]:
                continue  # part of a label counted above
            bracket = bracket_around(text, s, e)
            if bracket is None:
                out.append(self.make("role_word", "responsibilities", s, e, "dismissed",
                                     "running prose, not a label (spec §3.2)"))
            elif self.resp.ending_in(segment_start(text, bracket[0], s), s):
                out.append(self.make("role_word", "responsibilities", s, e, "covered"))
            else:
                out.append(self.make("role_word", "responsibilities", s, e, "uncovered"))
        return out

    def table_triggers(self) -> list[Trigger]:
        out = []
        for (s, e), kind, table in self.tables:
            if kind == "toc":
                continue
            rows = [[c.get("text") or "" for c in row if isinstance(c, dict)] for row in table.get("rows") or []]
            header = rows[0] if rows else []
            if not (any(INDICATOR_WORDS.search(c) for row in rows for c in row)
                    or any(YEAR_COLUMN.search(h) for h in header)):
                continue
            if self.indicators.overlapping(s, e):
                out.append(self.make("table", "indicators", s, min(e, s + 40), "covered"))
            elif not any(VALUE.search(c) for row in rows[1:] for c in row[1:]):
                out.append(self.make("table", "indicators", s, min(e, s + 40), "dismissed", CATALOGUE))
            else:
                out.append(self.make("table", "indicators", s, min(e, s + 40), "uncovered"))
        out += self.unit_column_triggers()
        for m in INDICATOR_WORDS.finditer(self.text):
            if self.table_at(m.start()) is not None or self.indicators.overlapping(*m.span()):
                continue
            line_start = self.text.rfind("\n", 0, m.start()) + 1
            line_end = self.text.find("\n", m.end())
            line = SERIAL.sub("", self.text[line_start:line_end if line_end >= 0 else len(self.text)])
            # an indicator catalogue lists names, units and attributes; a values table has numbers
            if "。" in line or len(line) > 80:
                reason = "a mention in running prose, not a table"  # 全面完成…约束性指标。
            else:
                reason = None if VALUE.search(UNIT_IN_BRACKETS.sub("", line)) else CATALOGUE
            out.append(self.make("table", "indicators", *m.span(), "dismissed" if reason else "uncovered", reason))
        return out


    def unit_column_triggers(self) -> list[Trigger]:
        """Every filled cell of a unit column (a header the unit-column grammar of extractors/words.py
        reads: 责任单位, 牵头部门, 实施主体…) is a responsibility a record should cover (spec §3.2, §3.4)."""
        out = []
        for _, kind, table in self.tables:
            rows = [[c for c in row if isinstance(c, dict)] for row in table.get("rows") or []]
            if kind == "toc" or len(rows) < 2:
                continue
            header = [regex.sub(r"\s+", "", c.get("text") or "") for c in rows[0]]
            project = any("项目" in h for h in header) or "项目" in (table.get("caption") or "")
            columns = [k for k, h in enumerate(header) if unit_column_role(h, project) is not None]
            for row in rows[1:]:
                for k in columns:
                    cell = row[k] if k < len(row) else None
                    if not cell or not (cell.get("text") or "").strip() or not _is_span(cell.get("span")):
                        continue
                    cs, ce = cell["span"]
                    status = "covered" if self.resp.overlapping(cs, ce) else "uncovered"
                    out.append(self.make("unit_cell", "responsibilities", cs, ce, status))
        return out


@dataclass
class AuditReport:
    documents: dict[str, list[Trigger]]

    def tallies(self, triggers: list[Trigger]) -> dict[str, Any]:
        total, by_type = Tally(), {t: Tally() for t in RECORD_TYPES}
        for t in triggers:
            total.add(t)
            by_type[t.rtype].add(t)
        return {**total.to_dict(), "by_type": {k: v.to_dict() for k, v in by_type.items()}}

    def to_dict(self, items: bool = True) -> dict[str, Any]:
        everything = [t for ts in self.documents.values() for t in ts]
        docs = {}
        for doc_id, ts in self.documents.items():
            docs[doc_id] = self.tallies(ts)
            if items:
                docs[doc_id]["items"] = [asdict(t) | {"span": list(t.span)} for t in ts if t.status != "covered"]
        return {"corpus": {"documents": len(self.documents), **self.tallies(everything)}, "documents": docs}


def audit_document(out: OutputDocument) -> list[Trigger]:
    return DocumentAudit(out).triggers()


def possible_misses(out: OutputDocument) -> list[dict[str, Any]]:
    """The uncovered triggers of one document, for the review app."""
    return [asdict(t) | {"span": list(t.span)} for t in audit_document(out) if t.status == "uncovered"]


def audit(outdir: str | Path) -> AuditReport:
    return AuditReport({out.doc_id: audit_document(out) for out in documents(outdir)})
