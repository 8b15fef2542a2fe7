"""Responsibility labels, inline brackets and 承担单位 columns (spec §3.2)."""

from __future__ import annotations

import pytest

from extractors.responsibilities import extract
from extractors.unit_names import canonical
from pipeline.models import Role
from tests.conftest import QINGDAO, QINGZHOU


def simple(records):
    return [(r.role.value, list(r.units), r.quote) for r in records]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.引领优势产业提档升级。实施“强链计划”。（责任单位：市科技局、市工业和信息化局、市农业农村局）",
         [("responsible", ["市科技局", "市工业和信息化局", "市农业农村局"], "市科技局、市工业和信息化局、市农业农村局")]),
        ("1.加强人才引进。内容。\n责任单位：市委组织部，市人力资源社会保障局\n",
         [("responsible", ["市委组织部", "市人力资源社会保障局"], "市委组织部，市人力资源社会保障局")]),
        ("（二）建设平台。内容。牵头单位：省科技厅；配合单位：省财政厅、省教育厅。",
         [("lead", ["省科技厅"], "省科技厅"), ("cooperating", ["省财政厅", "省教育厅"], "省财政厅、省教育厅")]),
        ("（三）强化金融。内容。(牵头部门:市地方金融监管局;协办单位:人民银行青岛市分行)",
         [("lead", ["市地方金融监管局"], "市地方金融监管局"), ("cooperating", ["人民银行青岛市分行"], "人民银行青岛市分行")]),
        ("（四）推进合作。内容。（主要责任单位：市科技局；参与单位：各区市政府、高新区管委）",
         [("responsible", ["市科技局"], "市科技局"), ("cooperating", ["各区市政府", "高新区管委"], "各区市政府、高新区管委")]),
        ("5.做好服务。内容。（责任\n单位：市科协、团市委）",
         [("responsible", ["市科协", "团市委"], "市科协、团市委")]),
        ("6.优化环境。内容。（牵头落实单位：市发展改革委、市商务局等）",
         [("lead", ["市发展改革委", "市商务局"], "市发展改革委、市商务局")]),
    ],
    ids=["bracket-label", "own-line-label-comma", "lead-and-cooperating", "halfwidth-and-qualified-heads",
         "main-responsible-and-participating", "label-broken-by-line-break", "trailing-deng"],
)
def test_label_forms(structure_of, text, expected):
    assert simple(extract(structure_of(text))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（五）加强统筹。内容。（市科技局牵头，市财政局、市发展改革委配合）",
         [("lead", ["市科技局"], "市科技局"), ("cooperating", ["市财政局", "市发展改革委"], "市财政局、市发展改革委")]),
        ("（六）落实政策。内容。（市税务局负责）", [("responsible", ["市税务局"], "市税务局")]),
        ("（七）完善机制。内容。（省科技厅、省财政厅牵头负责）",
         [("lead", ["省科技厅", "省财政厅"], "省科技厅、省财政厅")]),
    ],
    ids=["lead-then-cooperating", "responsible", "lead-responsible"],
)
def test_inline_bracket_forms(structure_of, text, expected):
    assert simple(extract(structure_of(text))) == expected


@pytest.mark.parametrize(
    "text",
    [
        "本措施由市科技局负责解释。",
        "区商务局负责做好企业服务工作。",
        "各部门要明确责任单位，细化工作措施。",
        "支持科技领军企业牵头建立创新联合体（由企业负责组织实施）。",
        "（按职责分工负责）",
        "鼓励知名专家牵头组建团队（专家牵头）。",
    ],
    ids=["prose-explains", "prose-duty", "generic-mention", "bracket-with-prose", "no-unit-in-bracket",
         "person-not-unit"],
)
def test_not_responsibilities(structure_of, text):
    assert extract(structure_of(text)) == []


def test_scope_is_the_heading_of_the_enclosing_item(seed_structures):
    records = [r for r in extract(seed_structures[QINGDAO.stem]) if r.role is Role.RESPONSIBLE]
    assert len(records) == 28
    assert records[0].scope == "引领优势产业提档升级"
    assert all(r.scope for r in records)


def test_project_table_rows_give_undertaking_records(seed_structures):
    records = extract(seed_structures[QINGZHOU.stem])
    assert {r.role for r in records} == {Role.UNDERTAKING}
    first = records[0]
    assert (first.units, first.scope, first.quote) == (("山东省宝丰镀膜有限公司",), "磁控溅射卷绕镀膜机", "山东省宝丰镀膜有限公司")
    # 表2-7 row 2 has an empty 承担单位 cell (no record); row 3 an empty 项目名称 cell (scope None).
    last = records[-1]
    assert last.units == ("山东丰本生物科技股份有限公司",) and last.scope is None
    wrapped = [r for r in records if r.units == ("山东凯欣绿色农业发展股份有限公司",)]
    assert wrapped and wrapped[0].quote == "山东凯欣绿色农业发展股份\n有限公司"


def test_duty_table_gives_responsible_records(structure_of):
    doc = structure_of(
        "附件 创新型城市建设指标及责任分工\n序号\t指标\t责任单位\n1\t研发投入强度\t市科技局、市统计局\n2\t高新技术企业数\t市科技局\n"
    )
    got = [(r.role.value, r.units, r.scope) for r in extract(doc)]
    assert got == [("responsible", ("市科技局", "市统计局"), "研发投入强度"), ("responsible", ("市科技局",), "高新技术企业数")]


# Units of the seeds that need no canonical form: they are already full names.
FULL_NAMES = {"青岛海洋科技中心"}


def test_every_seed_unit_gets_a_canonical_name(seed_structures):
    units = {u for r in extract(seed_structures[QINGDAO.stem]) for u in r.units}
    missing = {u for u in units if canonical(u) is None} - FULL_NAMES
    assert missing == set()


@pytest.mark.parametrize(
    ("unit", "full"),
    [("市科技局", "市科学技术局"), ("市发展改革委", "市发展和改革委员会"), ("青岛市科技局", "青岛市科学技术局"),
     ("省科技厅", "省科学技术厅"), ("市国资委", "市人民政府国有资产监督管理委员会"), ("团市委", "共青团市委"),
     ("人民银行青岛市分行", "中国人民银行青岛市分行"), ("青岛金融监管局", "国家金融监督管理总局青岛监管局"),
     ("市地方金融监管局", "市地方金融监督管理局"), ("市市场监管局", "市市场监督管理局"), ("某某公司", None),
     ("青岛仲裁办", "青岛仲裁委员会办公室"), ("省科技厅", "省科学技术厅")],
)
def test_canonical_names(unit, full):
    assert canonical(unit) == full


def test_user_table_extends_the_builtin_one(tmp_path, monkeypatch):
    from extractors import unit_names

    extra = tmp_path / "extra.tsv"
    extra.write_text("# mine\n大数据局\t大数据发展管理局\n", encoding="utf-8")
    monkeypatch.setenv(unit_names.ENV_EXTRA, str(extra))
    unit_names.unit_table.cache_clear()
    unit_names.stems_longest_first.cache_clear()
    try:
        assert canonical("市大数据局") == "市大数据发展管理局"
    finally:
        monkeypatch.delenv(unit_names.ENV_EXTRA)
        unit_names.unit_table.cache_clear()
        unit_names.stems_longest_first.cache_clear()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.推动研发活动全覆盖。内容。（县科技局牵头，县工信局、各镇街配合）",
         [("lead", ["县科技局"], "县科技局"), ("cooperating", ["县工信局", "各镇街"], "县工信局、各镇街")]),
        ("（三）推进服务。内容。（市科技局牵头，各区县配合）",
         [("lead", ["市科技局"], "市科技局"), ("cooperating", ["各区县"], "各区县")]),
    ],
    ids=["collective-towns", "collective-counties"],
)
def test_collective_lower_level_units_in_brackets(structure_of, text, expected):
    assert simple(extract(structure_of(text))) == expected


def test_scope_of_an_article_is_its_lead_phrase(structure_of):
    doc = structure_of(
        "第三十条  建立研发费用后补助部门协同核验机制，依托企业所得税汇算清缴、研发投入统计调查等数据，对企业申报的研发费用进行比对核验，"
        "核验差异率超过10%的，按核定数计算补助金额。（牵头单位：省科技厅；配合单位：省财政厅、省统计局）"
    )
    assert [r.scope for r in extract(doc)] == ["建立研发费用后补助部门协同核验机制"] * 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（一）引导投入。内容。（省科技厅、省统计局、省税务局按职责分工负责）",
         [("responsible", ["省科技厅", "省统计局", "省税务局"], "省科技厅、省统计局、省税务局")]),
        ("（二）推进转化。内容。（省科技厅牵头，省教育厅、省国资委、省科协配合）",
         [("lead", ["省科技厅"], "省科技厅"), ("cooperating", ["省教育厅", "省国资委", "省科协"], "省教育厅、省国资委、省科协")]),
        ("（三）科普。内容。（县科协、县妇联分别负责）", [("responsible", ["县科协", "县妇联"], "县科协、县妇联")]),
    ],
    ids=["by-duty-responsible", "association-units", "respectively-responsible"],
)
def test_qualified_inline_roles_and_association_units(structure_of, text, expected):
    assert simple(extract(structure_of(text))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（一）集聚人才。内容。（责任单位：区委组织部（区委人才办）、区人社局）",
         [("responsible", ["区委组织部（区委人才办）", "区人社局"], "区委组织部（区委人才办）、区人社局")]),
        ("（二）建设平台。内容。\n责任单位：区科技局、高新区管委会  牵头领导：区委常委、组织部部长\n",
         [("responsible", ["区科技局", "高新区管委会"], "区科技局、高新区管委会")]),
        ("（三）完善服务。内容。\n牵头单位：县科技局  配合单位：县财政局  完成时限：2024年12月底\n",
         [("lead", ["县科技局"], "县科技局"), ("cooperating", ["县财政局"], "县财政局")]),
    ],
    ids=["alias-in-brackets-inside-a-unit", "leader-field-ends-the-list", "deadline-field-ends-the-list"],
)
def test_unit_lists_end_where_the_label_ends(structure_of, text, expected):
    assert simple(extract(structure_of(text))) == expected


def test_website_footer_is_not_a_label(structure_of):
    assert extract(structure_of("主办单位：某县人民政府办公室　　承办单位：某县大数据发展管理局\n")) == []
