"""Tense zones of a work report (extractors/zones.py): last year's review is no target, this year's work is.

Sentences are quoted from the real work reports in ../shared/realcorpus/workreports/ (file named in
each case); the surrounding headings are reduced to the lines that carry the zone.
"""

from __future__ import annotations

import pytest

from extractors.targets import extract
from extractors.zones import zones_of

GREETING = "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n"
# 滨州.docx: the review (past) and this year's work (future), both with numbers.
BINZHOU_PAST = "培育“四上”企业1613家，增长162%。"
BINZHOU_FUTURE = ("推进传统产业与特色产业加快转型。坚持传统产业高端化，实施延链补链强链项目335个、"
                  "重点工业技改项目400个以上，加快建设世界高端铝业基地。")


def quotes(records):
    """(value, year) of each record: this file checks the tense and the year, not the indicator."""
    return [(r.value, r.year) for r in records]


@pytest.mark.parametrize(("text", "expected"), [
    # 滨州.docx: numbered headings the structure reads.
    (GREETING + "一、2023年工作回顾\n" + BINZHOU_PAST + "\n二、2024年工作安排\n" + BINZHOU_FUTURE,
     [(335, 2024), (400, 2024)]),
    # 南充.docx / 乐山.docx: the same headings without a number, on lines of their own.
    (GREETING + "2023年工作回顾\n" + BINZHOU_PAST + "\n2024年工作安排建议\n" + BINZHOU_FUTURE,
     [(335, 2024), (400, 2024)]),
    # 潍坊.docx: the whole report is one line; the heading is run into the text after a full stop.
    ("各位代表：一、2023年工作回顾　　" + BINZHOU_PAST + "二、2024年政府工作安排　　" + BINZHOU_FUTURE,
     [(335, 2024), (400, 2024)]),
    # 马鞍山.docx: no heading opens this year's work; its opening sentence does.
    (GREETING + "一、2023年工作回顾\n" + BINZHOU_PAST + "\n综合考虑，今年全市经济社会发展主要预期目标是：GDP增长7%左右。\n"
     "重点做好10个方面工作：\n(一)坚定不移抓好生态文明建设\n扎实推进绿色低碳转型。新增省级以上绿色工厂5家。",
     [(7, 2024), (5, 2024)]),
    # 梧州.docx: no headings at all; `2023年，` opens the review, `2024年是…` this year's work.
    (GREETING + "2023年，在自治区党委、政府和市委的坚强领导下，" + BINZHOU_PAST + "一年来，我们攻坚克难。\n"
     "2024年是中华人民共和国成立75周年。\n今年经济社会发展主要预期目标是：地区生产总值增长7%左右。",
     [(7, 2024)]),
], ids=["numbered-headings", "bare-headings", "one-line-report", "opening-sentence", "no-headings"])
def test_review_is_past_and_this_years_work_has_its_year(structure_of, text, expected):
    assert quotes(extract(structure_of(text))) == expected


def test_a_plans_year_paragraphs_are_no_review(structure_of):
    """plan_beijing_shengtai_anquan: `2025年，…` / `2035年，…` paragraphs of a plan state goals of those
    years; without a year heading or a review (`一年来`) they make no zones."""
    text = "北京市生态安全格局专项规划（2021年-2035年）\n2025年，生态空间面积达到7000平方公里。\n"
    assert zones_of(structure_of(text)).zones == []


def test_review_section_ends_at_its_sibling_heading(structure_of):
    """challenge A_shuyang: `一、2023年工作回顾` is followed by `二、总体要求和主要目标`, no year named."""
    text = ("沭阳县2024年科技工作要点\n一、2023年工作回顾\n2023年，高新技术企业达到186家。\n二、总体要求和主要目标\n"
            "新增高新技术企业40家以上。")
    assert quotes(extract(structure_of(text))) == [(40, 2024)]


def test_a_review_that_opens_with_this_year_stays_a_review(structure_of):
    """永州.docx: `一、2023年工作回顾\\n今年是全面贯彻党的二十大精神的开局之年。` is the review's first line."""
    text = (GREETING + "一、2023年工作回顾\n今年是全面贯彻党的二十大精神的开局之年。" + BINZHOU_PAST
            + "\n二、2024年工作安排\n" + BINZHOU_FUTURE)
    assert quotes(extract(structure_of(text))) == [(335, 2024), (400, 2024)]
