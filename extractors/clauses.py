"""One sentence and clause splitter, with clean-text offsets, for every extractor.

A *sentence* ends at 。！？； (and their half-width forms, with any closing quote or bracket) or at a
line break; a *clause* is a piece of a sentence between breaks of a named set. The sets differ on
purpose, and are named here so a module picks one instead of writing its own loop:

- ``FUNDING_CLAUSE``: ，, a tab, and a colon that is not a ratio's (`1:0.5`): a granting word governs
  the amounts of its own clause (spec §3.1, gold convention 5);
- ``LIST_CLAUSE``: ，,；; : the clauses of a unit list or an inline bracket (spec §3.2);
- ``AUDIT_CLAUSE`` / ``AUDIT_SENTENCE``: character sets for the recall audit's windows around a trigger.

Spans are half-open ``(start, end)`` pairs into the text they were cut from.
"""

from __future__ import annotations

import regex

Span = tuple[int, int]

# A sentence end: 。！？； and their half-width forms with closing quotes or brackets, or line breaks.
SENTENCE_END = regex.compile(r"[。！？；!?;]+[”’」』）)]*|\n+")
# A colon between digits is a ratio (`1:0.5`), not a clause break.
FUNDING_CLAUSE = regex.compile(r"[，,\t]|(?<!\d)[：:](?!\d)")
LIST_CLAUSE = regex.compile(r"[，,；;]")
AUDIT_CLAUSE = "，,。；;！？!?\n"
# A goal's sentence ends at 。！？ only, so `；`-joined goals of one lead keep their time frame
# (`主要预期目标是：…增长6.5%以上；…1.5万人以上；`); its clauses break at ，；： (targets).
GOAL_SENTENCE = regex.compile(r"[。！？!?]")
GOAL_CLAUSE = "，,；;：:"
AUDIT_SENTENCE = "。！？!?\n"


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]``, each with its closing mark; blank pieces are dropped."""
    end = len(text) if end is None else end
    out = []
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        piece_end = m.end() if m.group()[0] != "\n" else m.start()
        if text[pos:piece_end].strip():
            out.append((pos, piece_end))
        pos = m.end()
    if text[pos:end].strip():
        out.append((pos, end))
    return out


def sentences_holding(text: str, offsets: list[int]) -> list[Span]:
    """The sentences of ``text``, cut as ``sentences`` cuts them, that hold one of ``offsets`` (sorted),
    each once and in order. A document's candidates are few: only their sentences are built, while
    the sentence ends between them are passed over unread."""
    out: list[Span] = []
    k, pos = 0, 0
    for m in SENTENCE_END.finditer(text):
        if k == len(offsets):
            return out
        if offsets[k] < m.end():
            piece_end = m.end() if m.group()[0] != "\n" else m.start()
            if offsets[k] < piece_end and text[pos:piece_end].strip():
                out.append((pos, piece_end))
            while k < len(offsets) and offsets[k] < m.end():
                k += 1  # held by this sentence, or inside a run of line breaks (no sentence's)
        pos = m.end()
    if k < len(offsets) and text[pos:].strip():
        out.append((pos, len(text)))
    return out


def clauses(text: str, start: int, end: int, breaks: regex.Pattern = FUNDING_CLAUSE) -> list[Span]:
    """The clauses of ``text[start:end]`` cut at ``breaks`` (breaks excluded); empty clauses kept, so
    the list has one more item than there are breaks."""
    out, pos = [], start
    for m in breaks.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def clause_index(spans: list[Span], offset: int) -> int:
    """Index of the clause holding ``offset`` (a break belongs to the clause after it; an offset at
    the very end belongs to the last clause)."""
    for i, (s, e) in enumerate(spans):
        if s <= offset < e or (offset == e and i == len(spans) - 1):
            return i
    return len(spans) - 1


def around(text: str, start: int, end: int, breaks: str, window: int) -> Span:
    """The clause or sentence around ``[start, end)``: from the last break before it to the first
    after it, each looked for at most ``window`` characters away."""
    lo = max(0, start - window)
    left = max((text.rfind(c, lo, start) for c in breaks), default=-1)
    left = left + 1 if left >= 0 else lo
    hi = min(len(text), end + window)
    rights = [i for i in (text.find(c, end, hi) for c in breaks) if i >= 0]
    return left, min(rights) if rights else hi


def piece_start(text: str, lo: int, pos: int, breaks: str) -> int:
    """Start of the piece holding ``pos``: just after the last of ``breaks`` in ``text[lo:pos]``, else lo."""
    return max([lo] + [text.rfind(c, lo, pos) + 1 for c in breaks])
