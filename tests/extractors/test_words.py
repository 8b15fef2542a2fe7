"""The shared word classes (extractors/words.py) and the one splitter (extractors/clauses.py).

Each class is checked on the example its comment quotes: the class must find the word in the
sentence, so a class narrowed by mistake fails here before it fails on a document.
"""

from __future__ import annotations

import pytest
import regex

from extractors import clauses, words
from pipeline.models import Role


@pytest.mark.parametrize(
    ("name", "sentence", "found"),
    [
        ("ARABIC", "市财政安排1,200万元", "1,200"),
        ("CHINESE", "奖励五十万元", "五十"),
        ("MAGNITUDE", "最高500万元", "万"),
        ("RANGE_MARK", "按3%—10%给予奖励", "—"),
        ("GIVE", "对认定的企业给予50万元奖励", "给予"),
        ("GRANT_ACT", "按研发投入的10%给予补助", "给予"),
        ("GRANTING_WIDE", "一次性给予奖励", "一次性"),
        ("COST_SHARING", "市县两级财政各负担50%", "两级财政"),
        ("COST_SHARING_PHRASE", "由市、县财政按比例承担", "按比例承担"),
        ("CAP_WORDS", "最高补助不超过200万元", "最高"),
        ("RATE_CAP_WORDS", "不超过30%", "不超过"),
        ("CAP_AFTER_WORDS", "50万元封顶", "封顶"),
        ("FLOOR_WORDS", "单笔投资额不低于50万元", "不低于"),
        ("UNCAPPED", "奖补资金不设上限", "不设上限"),
        ("PER_MEASURE", "按年节能量最高给予每吨标准煤500元补助", "每吨标准煤"),
        ("VALUE_BOUND_AFTER", "95左右", "左右"),
        ("ROLE_HEADS", "（负责单位：市财政局）", "负责"),
        ("LABEL_NOUN", "（主责部门：市审计局）", "部门"),
        ("ORG_HEAD", "拱北海关", "海关"),
        ("ISSUER_ORGAN", "长兴县人民政府办公室", "人民政府"),
        ("GOV_LEVEL", "国家给予每家50万元", "国家"),
        ("ARTICLE", "第十二条 对认定的企业", "第十二条"),
        ("LIST_JOIN", "最高500万元和1000万元", "和"),
        ("NOUN_JOIN", "对孵化器、众创空间和加速器", "、"),
        ("UNIT_SEPARATORS", "市科技局、市财政局", "、"),
    ],
)
def test_class_finds_its_example(name, sentence, found):
    m = regex.search(getattr(words, name), sentence)
    assert m is not None and m.group() == found


def test_money_class_skips_estimates():
    money = regex.compile(rf"{words.AMOUNT_START}{words.NUMBER}{words.MAGNITUDE}?元")
    assert money.search("投入数十万元") is None
    assert money.search("给予50万元").group() == "50万元"


def test_support_amount_without_yuan():
    bare = regex.compile(rf"{words.NUMBER}{words.MAGNITUDE_NO_YUAN}(?=的?{words.SUPPORT_AFTER_BARE_AMOUNT})")
    assert bare.search("给予50万奖励").group() == "50万"


def test_every_role_head_reaches_a_label():
    # The drift bug of issue 13: a head in ROLE_OF_HEAD that the label pattern cannot match.
    label = regex.compile(rf"(?P<head>{words.ROLE_HEADS}){words.LABEL_NOUN}[：:]")
    for head in words.ROLE_OF_HEAD:
        assert label.fullmatch(f"{head}单位：").group("head") == head
    assert words.ROLE_OF_HEAD["主责"] is Role.RESPONSIBLE and words.ROLE_OF_HEAD["协同"] is Role.COOPERATING


def test_level_end_and_rank():
    assert "市" in words.LEVEL_END and words.LEVEL_RANK["省"] < words.LEVEL_RANK["县"]


# --- clauses ----------------------------------------------------------------------------------


def test_sentences_keep_their_marks_and_drop_blanks():
    text = "一、总则。\n对企业给予奖励；按1:1配套！\n\n"
    assert [text[s:e] for s, e in clauses.sentences(text)] == ["一、总则。", "对企业给予奖励；", "按1:1配套！"]


def test_sentences_holding_are_the_sentences_that_hold_an_offset():
    """Funding cuts only the sentences its triggers stand in; they must be the splitter's sentences."""
    text = "一、总则。\n对企业给予奖励10万元；按1:1配套！”\n\n  \n补贴不超过50%。末句30%"
    every = clauses.sentences(text)
    offsets = sorted({text.index(w) for w in ("10万", "1:1", "！", "\n\n", "50%", "30%")})
    holding = clauses.sentences_holding(text, offsets)
    assert holding == [(s, e) for s, e in every if any(s <= o < e for o in offsets)]
    assert [text[s:e] for s, e in holding] == ["对企业给予奖励10万元；", "按1:1配套！”", "补贴不超过50%。", "末句30%"]
    assert clauses.sentences_holding(text, []) == []


def test_funding_clauses_keep_a_ratio_colon():
    text = "奖励标准：一等奖30万元，按1:1配套"
    spans = clauses.clauses(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["奖励标准", "一等奖30万元", "按1:1配套"]
    assert clauses.clause_index(spans, text.index("30")) == 1
    assert clauses.clause_index(spans, len(text)) == 2


def test_list_clauses_and_windows():
    text = "（市科技局牵头，市财政局、市商务局配合）"
    spans = clauses.clauses(text, 1, len(text) - 1, clauses.LIST_CLAUSE)
    assert [text[s:e] for s, e in spans] == ["市科技局牵头", "市财政局、市商务局配合"]
    at = text.index("市商务局")
    assert clauses.piece_start(text, 0, at, "，,；;（(") == text.index("市财政局")
    s, e = clauses.around("甲。对企业给予奖励10万元，乙。", 9, 13, clauses.AUDIT_SENTENCE, 60)
    assert "甲。对企业给予奖励10万元，乙。"[s:e] == "对企业给予奖励10万元，乙"
