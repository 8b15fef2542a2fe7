"""Cleaning keeps an exact offset map back to the source (spec §1), on random text and every seed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.clean import FULLWIDTH_FOLD, clean
from tests.conftest import ROOT, SEEDS, ZIBO, seed_text


def assert_offsets_exact(source: str) -> None:
    """Each clean character comes from its source range: copied, width-folded, or CRLF → LF."""
    c = clean(source)
    assert sum(seg.length for seg in c.segments) == len(c.text)
    # Clean characters grouped by the source range they come from: a fold may write several
    # characters for one (⑴ → "(1)"), and together they are the fold's value.
    groups: list[tuple[int, int, str]] = []
    for i, ch in enumerate(c.text):
        s, e = c.start_of(i), c.end_of(i)
        assert 0 <= s < e <= len(source)
        if groups and groups[-1][:2] == (s, e):
            groups[-1] = (s, e, groups[-1][2] + ch)
        else:
            assert not groups or s >= groups[-1][1]
            groups.append((s, e, ch))
    for s, e, written in groups:
        original = source[s:e]
        assert (original == written or FULLWIDTH_FOLD.get(original) == written
                or (original in ("\r\n", "\r") and written == "\n"))


def assert_spans_map_back(source: str, step: int = 7) -> None:
    """Any clean span maps to a source span that starts/ends on the characters it came from."""
    c = clean(source)
    n = len(c.text)
    for start in range(0, n, step):
        for end in (start + 1, min(n, start + 13), min(n, start + 101)):
            s, e = c.to_source(start, end)
            assert s == c.start_of(start) and e == c.end_of(end - 1)
            # Every clean character of the span has its source inside the source span.
            assert all(s <= c.start_of(i) and c.end_of(i) <= e for i in range(start, end))
            # ... and mapping the source span back gives the clean span again.
            assert c.from_source(s, e) == (start, end)


CHINESE_LIKE = st.text(
    alphabet=st.sampled_from(list("创新科技，。、：；（）()0123456789０１２%％ \u3000\u00a0\t\n\r#*<>p/[]bookmark:_Toc一二三、.")),
    max_size=300,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CHINESE_LIKE)
def test_offsets_exact_on_random_policy_like_text(text):
    assert_offsets_exact(text)
    assert_spans_map_back(text, step=3)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
@example("（⑴加快建设⒇）")  # a fold that writes three characters for one (Hypothesis found it once)
def test_offsets_exact_on_random_unicode(text):
    assert_offsets_exact(text)


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_offsets_exact_on_every_seed(path):
    source = seed_text(path)
    assert_offsets_exact(source)
    assert_spans_map_back(source, step=53)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[bookmark: _Toc18748]一、加快建设", "一、加快建设"),
        ("## 一、发展成就与形势", "一、发展成就与形势"),
        ("**淄博市人民政府**  \n", "淄博市人民政府\n"),
        ("<p>山东淄博国家农业科技园区:围绕</p>", "山东淄博国家农业科技园区:围绕"),
        ("到 2025 年，R&D 经费支出占 GDP 的比重", "到2025年，R&D经费支出占GDP的比重"),
        ("\u3000\u3000为大力实施科技创新工程", "为大力实施科技创新工程"),
        ("达到２０２５年１５％", "达到2025年15%"),
        ("注：*代表 2019 年完成数", "注：*代表2019年完成数"),
    ],
    ids=["bookmark", "markdown-heading", "markdown-bold", "html-tag", "spaces-by-numbers",
         "fullwidth-indent", "fullwidth-digits", "single-asterisk-kept"],
)
def test_artifacts_and_widths(source, expected):
    assert clean(source).text == expected


def test_page_break_inside_a_sentence_is_rejoined():
    # 淄博: ``围绕科技体制机制创`` / blank line / ``新，释放平台``
    zibo = clean(seed_text(ZIBO)).text
    assert "围绕科技体制机制创新，释放平台" in zibo
    assert "将增强自主创新能力作为科技发展的战略基点" in zibo


@pytest.mark.parametrize(
    "source",
    [
        "一、总体要求\n以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神。",
        "（一）明确引导支持重点，提升产业科技竞争力\n根据潍坊市重点产业区域空间布局和青州市发展实际，",
        "关于印发青岛市深入推进科技创新加快建设科技强市行动计划的通知\n青政字〔2024〕20号",
        "到2025年，全市创新驱动发展战略实施取得实质\n——科技综合实力进一步增强。",
        "\t项目名称\n\t承担单位",
    ],
    ids=["heading", "long-heading", "notice-title-then-number", "dash-list-item", "table-cells"],
)
def test_real_line_breaks_are_kept(source):
    assert clean(source).text.count("\n") == source.count("\n")


@pytest.mark.parametrize(
    ("path", "cells"),
    [
        # 附件3 任务职责分工表 row 三(二): the 工作内容 cell ends without punctuation, its 牵头单位 cell follows
        ("corpus/real/plan_shanghai_qingpu_jianzhulaji_2025.txt",
         ("开展打击“黑车”运营专项执法整治行动，对道路交通安全违法行为进行查处", "公安青浦分局")),
        # 附件 项目表 row 1: 具体内容 / “十五五”目标
        ("corpus/real/plan_putuo_shuiwu.txt",
         ("新开蔡家浜河道，新建蔡家浜泵闸、桥梁、箱涵、苏州河连接段防汛墙、内河护岸，开挖土方，种植陆域绿化、水生植物等",
          "完成建设")),
    ],
    ids=["qingpu-lead-unit-cell", "putuo-goal-cell"],
)
def test_a_short_paragraph_after_a_blank_line_is_a_cell_not_a_wrapped_sentence(path, cells):
    # One cell per paragraph: a cell of running prose without final punctuation, a blank line, then a
    # short cell of Han alone: the cells stay apart (joining them made the unit part of the content).
    text = clean((ROOT / path).read_text(encoding="utf-8")).text
    assert f"{cells[0]}\n\n{cells[1]}\n" in text


# Sentences of corpus/real/plan_putuo_shuiwu.txt written as value cells of its 十五五 indicator table
# re-laid one cell a line (no dev document writes a sentence in such a cell; see
# tests/extractors/test_indicator_real_tables.py): a cell without final punctuation stays apart from
# the next row's 序号, from the next cell of its row and from the 类别 cell opening the next group.
ACTUAL_SENTENCE = "截至2024年底，区内海绵城市建设达标面积22.63km2，占全区面积40.8%"
GOAL_SENTENCE = "到“十五五”末，80%以上城市建成区达到海绵城市建设要求"


@pytest.mark.parametrize(
    "source",
    [
        f"4\n海绵城市建成区达标占比\n%\n预期性\n{ACTUAL_SENTENCE}\n{GOAL_SENTENCE}\n\n5\n河湖水面率\n",
        f"4\n\n海绵城市建成区达标占比\n\n%\n\n预期性\n\n{ACTUAL_SENTENCE}\n\n{GOAL_SENTENCE}\n\n5\n\n河湖水面率\n",
        f"4\n海绵城市建成区达标占比\n%\n预期性\n40.8\n{GOAL_SENTENCE}\n\n水质量\n6\n排水污泥无害化处理处置率\n",
    ],
    ids=["line-rows", "one-cell-a-paragraph", "next-group-category"],
)
def test_a_sentence_in_a_table_cell_is_no_wrapped_sentence(source):
    assert clean(source).text == source


def test_to_source_of_a_rejoined_word_covers_the_break():
    source = "——科技创新整体实力实现跃升。围绕科技体制机制创\n\n新，释放平台、项目、人才、金融等各个创新要素活力"
    c = clean(source)
    start = c.text.index("机制创新") + 2
    s, e = c.to_source(start, start + 2)
    assert source[s:e] == "创\n\n新"


@pytest.mark.parametrize(
    ("source", "expected"),
    [("1﹒强化规划管控", "1.强化规划管控"), ("⒉加强衔接", "2.加强衔接"), ("⑶推进建设", "(3)推进建设"),
     ("打造〝海绵校园〞品牌", "打造“海绵校园”品牌"), ("一﹑总体要求", "一、总体要求")],
)
def test_look_alike_list_markers_and_quotes_are_folded(source, expected):
    doc = clean(source)
    assert doc.text == expected
    # The folded text maps back onto the whole source, and its last character onto the last source one.
    assert doc.to_source(0, len(doc.text)) == (0, len(source))
    assert doc.to_source(len(doc.text) - 1, len(doc.text)) == (len(source) - 1, len(source))


# A crawled page's layout (issue #16, meta-layout): a number, its unit and the parts of a unit on lines of
# their own. No dev text is laid out so; the sentence is real, /work/shared/realcorpus/workreports/衢州.docx
# (`…在国家、省降低电价的基础上，力争工业平均电价再降0.1分/千瓦时。`), re-laid into the crawler's lines.
QUZHOU_PARAGRAPH = "加强能源运行调度，提高迎峰度夏、度冬能源保障水平。强化政企联动，在国家、省降低电价的基础上，力争工业平均电价再降"
QUZHOU_CRAWLED = QUZHOU_PARAGRAPH + "\n0.1\n分\n/\n千瓦时\n。\n"


def test_a_number_and_the_parts_of_its_unit_on_lines_of_their_own_are_joined():
    c = clean(QUZHOU_CRAWLED)
    # The number joins its unit; the prose line before it is re-joined as wrapped prose always was.
    assert "力争工业平均电价再降0.1分/千瓦时\n。" in c.text
    start = c.text.index("0.1分")
    s, e = c.to_source(start, start + len("0.1分/千瓦时"))
    assert QUZHOU_CRAWLED[s:e] == "0.1\n分\n/\n千瓦时"
    assert_offsets_exact(QUZHOU_CRAWLED)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # The break before the number is not the sequence's (no dev text: the example).
        ("上限为\n2.0\n元/千瓦时\n，", "上限为\n2.0元/千瓦时\n，"),
        # corpus/real/plan_jiading_haimian.txt, 附件 table one cell per paragraph: `/` is an empty cell.
        ("4.62\n\n/\n\n2028年", "4.62\n\n/\n\n2028年"),
        ("4.62\n/\n2028年", "4.62\n/\n2028年"),
        # A value cell, then a unit cell, one a line: no evidence of a sentence, so no join (nor after a slash
        # with no unit beyond it, nor after a tab row's number).
        ("研发投入强度\n2.5\n%", "研发投入强度\n2.5\n%"),
        ("1.2\n元\n/\n2028年", "1.2\n元\n/\n2028年"),
        ("指标\t2.5\n%", "指标\t2.5\n%"),
        # The unit goes on with the sentence's punctuation.
        ("每户补贴\n2\n元，每年最多补贴一次", "每户补贴\n2元，每年最多补贴一次"),
    ],
    ids=["break-before-the-number", "jiading-empty-cell", "slash-cell-without-blank-lines", "value-then-unit-cells",
         "slash-without-a-unit", "tab-row", "unit-goes-on-with-the-sentence"],
)
def test_only_breaks_inside_a_number_and_its_unit_are_joined(source, expected):
    assert clean(source).text == expected


def blank_deletions_one_pattern_at_a_time(text: str):
    """What cleaning's blank step made of a text when it scanned for each blank pattern in turn."""
    from pipeline.clean import LEADING_BLANKS, SPACE_IN_NUMBER, SPACE_NEXT_TO_HAN, TRAILING_BLANKS, CleanText

    edits = [(m.start(), m.end(), "") for p in (TRAILING_BLANKS, LEADING_BLANKS, SPACE_NEXT_TO_HAN, SPACE_IN_NUMBER)
             for m in p.finditer(text)]
    return CleanText.identity(text).apply(edits)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("创新，。（）12.５ \u3000\u00a0\t\n")), max_size=60))
@example("创新 \u3000\n")  # a blank opening a run that ends the line: deleted alone
@example("创新\u3000 \n")  # a blank inside such a run: the whole run deleted
@example("\u3000 创新 \u3000")
@example(" \u3000\n1 .5 \u3000")
def test_blank_patterns_in_one_scan_delete_what_they_did_one_at_a_time(text):
    from pipeline.clean import CleanText, blank_edits

    one_scan, in_turn = CleanText.identity(text).apply(blank_edits(text)), blank_deletions_one_pattern_at_a_time(text)
    assert (one_scan.text, one_scan.segments) == (in_turn.text, in_turn.segments)
