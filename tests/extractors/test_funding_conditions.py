"""Conditions that are no grants (spec §3.1): eligibility bands before a rate, amounts qualifying a noun
(及以下 / 以下 / 以内), and caps split by recipient class after the grant they bound."""

from __future__ import annotations

import pytest

from extractors import funding
from tests.conftest import ROOT

SONGJIANG = ROOT / "corpus/real/policy_shanghai_songjiang_lvse_ditan_2025.txt"


def got(structure_of, text):
    return [(r.quote, r.kind.value, r.amount_yuan, r.ratio) for r in funding.extract(structure_of(text))]


@pytest.mark.parametrize(("text", "expected"), [
    # a band closed by （不含） before 的 is the condition; the rate after 给予 is the record
    ("新能源供热装机占比60%及以上的给予30%资金支持，30%-60%（不含）的给予20%资金支持。",
     [("30%", "ratio", None, 0.3), ("20%", "ratio", None, 0.2)]),
    ("装机占比达到60%及以上的项目给予30%的资金支持，30%至60%（不含）的项目给予20%的资金支持。",
     [("30%", "ratio", None, 0.3), ("20%", "ratio", None, 0.2)]),
    # 徐汇区节能减排降碳专项资金管理办法 (corpus/real): bands of a fall in energy use, then a per-unit grant
    ("单位建筑面积能耗下降5%(含)至10%的，每平方米面积可补贴5元;下降10%(含)至15%的，每平方米面积可补贴10元。",
     [("5元", "fixed", 5, None), ("10元", "fixed", 10, None)]),
    # a granted range stays one record (spec §3.1)
    ("按技术合同成交额的1%—3%给予奖励。", [("1%—3%", "ratio", None, 0.03)]),
], ids=["band-dash-buhan", "band-zhi-buhan-noun", "xuhui-bands", "granted-range"])
def test_a_band_before_the_rate_is_a_condition(structure_of, text, expected):
    assert got(structure_of, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("政府性融资担保机构要聚焦支小支农主业，重点支持单户担保金额500万元及以下的小微企业和“三农”主体。", []),
    ("支持单户担保金额500万元及以下小微企业融资担保业务。", []),
    ("国家融资担保基金对单户担保金额500万元及以下的担保业务给予再担保支持。", []),
    ("对年营业收入2000万元以内的企业，给予一次性奖励5万元。", [("5万元", "fixed", 50_000, None)]),
    # the part of a loan below a bound is the base of the rate, not a cap
    ("对符合条件的企业给予不超过贷款金额1000万元以下部分50%的贴息。", [("50%", "ratio", None, 0.5)]),
    # before the grant's own form word 以内 caps the grant
    ("给予50万元以内的一次性补贴。", [("50万元以内", "cap", 500_000, None)]),
], ids=["jiyixia-de-noun", "jiyixia-noun", "jiyixia-object-of-dui", "yinei-de-qiye", "yixia-bufen", "yinei-form"])
def test_an_amount_qualifying_a_noun_is_a_threshold(structure_of, text, expected):
    assert got(structure_of, text) == expected


def test_caps_by_recipient_class_after_the_grant(structure_of):
    """松江 绿色低碳 若干措施 (corpus/real): `其中A单个项目不超过100万元，B单个项目不超过50万元…` bounds the 2:1 grant."""
    text = SONGJIANG.read_text(encoding="utf-8")
    start = text.index("支持重点用能单位及产业园区管理机构建设能源管理中心")
    paragraph = text[start : text.index("\n", start)]
    records = [(r.quote, r.kind.value, r.amount_yuan, r.per.value if r.per else None, r.beneficiary)
               for r in funding.extract(structure_of(paragraph))]
    assert records[1:] == [
        ("不超过100万元", "cap", 1_000_000, "project", "国家级园区管理机构"),
        ("不超过50万元", "cap", 500_000, "project", "市级园区管理机构"),
        ("不超过20万元", "cap", 200_000, "project", "重点用能单位"),
    ]


def test_a_band_names_no_recipient_the_item_does(structure_of):
    """challenge E_mianyang 第十三条: the bands (`对5000万元（含）至1亿元的`) are conditions; the gold recipient is
    the topic the item opens with."""
    text = (ROOT / "challenge/docs/E_mianyang_cgzh_xize.txt").read_text(encoding="utf-8")
    start = text.index("第十三条")
    paragraph = text[start : text.index("\n", start)]
    records = [(r.quote, r.beneficiary) for r in funding.extract(structure_of(paragraph))]
    assert records[:3] == [("50万元", "经认定的市级技术转移示范机构"), ("30万元", "经认定的市级技术转移示范机构"),
                           ("10万元", "经认定的市级技术转移示范机构")]


LINGANG = ROOT / "corpus/real/policy_shanghai_lingang_guangfu_2023.txt"


def test_a_revised_standard_grants_only_its_new_amount(structure_of):
    """临港 光伏 操作办法 修订 (corpus/real): `由0.1元/千瓦时（…）、0.15元/千瓦时（学校用户），均调整至0.25元/千瓦时`."""
    text = LINGANG.read_text(encoding="utf-8")
    start = text.index("2.分布式光伏奖励标准由")
    line = text[start : text.index("\n", start)]
    assert [r.quote for r in funding.extract(structure_of(line))] == ["0.25元/千瓦时"]


def test_standards_listed_under_their_lead_line(structure_of):
    """临港 (corpus/real): `（四）项目奖励标准如下：` / `1、分布式光伏： 0.25元/千瓦时。` / `2、光伏电站。建设主体：…`."""
    text = LINGANG.read_text(encoding="utf-8")
    start = text.index("（四）项目奖励标准如下")
    block = text[start : text.index("奖励项目按照项目申请时间排序管理", start)]
    got = [(r.quote, r.kind.value, r.beneficiary, r.form) for r in funding.extract(structure_of(block))]
    assert got == [("0.25元/千瓦时", "fixed", "分布式光伏", "奖励"), ("0.25元/千瓦时", "fixed", "建设主体", "奖励"),
                   ("0.2元/瓦", "fixed", "存量屋顶业主", "奖励")]


def test_a_label_and_amount_with_no_standards_lead_is_no_grant(structure_of):
    assert funding.extract(structure_of("（四）项目情况如下：\n\n1、总投资： 500万元。\n")) == []


@pytest.mark.parametrize(("text", "expected"), [
    # 徐汇 (corpus/real): the object of 给予 and the form written together
    ("新列入市级充电桩示范小区名单的项目，经认定，可给予出资方一次性奖励5万元。", ("5万元", "出资方", "一次性奖励")),
    ("对获评国家级碳达峰碳中和试点的项目，给予创建单位一次性奖励20万元。", ("20万元", "创建单位", "一次性奖励")),
    # 黄浦 (corpus/real): a tonne of CO2 is the unit a rate is paid per, not the form
    ("节能量保证型项目按照800元/吨标准煤或550元/吨二氧化碳补贴。", ("800元/吨标准煤", None, "补贴")),
], ids=["chuzifang", "chuangjian-danwei", "dun-eryanghuatan"])
def test_recipient_form_and_unit_read_apart(structure_of, text, expected):
    quote, who, form = expected
    records = funding.extract(structure_of(text))
    assert (records[0].quote, records[0].form) == (quote, form)
    if who:
        assert records[0].beneficiary == who
    if "二氧化碳" in text:
        assert records[1].quote == "550元/吨二氧化碳"


def test_a_ceiling_after_the_grant_goes_to_the_item_the_sentence_opens_with(structure_of):
    """徐汇 (corpus/real) gold: the item's opening noun phrase, not the scope noun of `单个项目`."""
    text = ("1.在本区实施的列入上海市绿色建筑、立体绿化等建筑节能和绿色建筑示范项目，经认定，根据项目对节能减排降碳的贡献，"
            "最高按1:0.5比例给予奖励，单个项目最高不超过300万元。")
    (record,) = funding.extract(structure_of(text))
    assert (record.quote, record.beneficiary) == (
        "最高不超过300万元", "在本区实施的列入上海市绿色建筑、立体绿化等建筑节能和绿色建筑示范项目")
