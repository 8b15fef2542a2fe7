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
        # realcorpus planning/09_dizhen_renxing_chengshi_daoze.txt: a standard's drafting units.
        "本文件负责起草单位：北京工业大学、北京市地震灾害防御中心、中国地震局工程力学研究所。",
        "各责任单位：要按照任务分工，细化工作措施。",
    ],
    ids=["prose-explains", "prose-duty", "generic-mention", "bracket-with-prose", "no-unit-in-bracket",
         "person-not-unit", "drafting-units-of-a-standard", "address-to-units"],
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
     ("青岛仲裁办", "青岛仲裁委员会办公室"), ("省科技厅", "省科学技术厅"),
     # Units of gold/real plan_jiading_haimian (嘉定区 names of the Shanghai districts).
     ("区规划资源局", "区规划和自然资源局"), ("区建设管理委", "区建设和管理委员会"),
     ("区绿化市容局", "区绿化和市容管理局"), ("区住房保障房屋管理局", "区住房保障和房屋管理局")],
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


# --- Tag grammar on real text (issue #15) ------------------------------------------------------
# Sources:
#   SH-YS: 上海市优化营商环境政策（2023 汇编）, quoted in a public repository (code index file 44129224995);
#   GZ-RC: 广州市人才发展项目 (羊城人才计划) notice, public repository HTML (code index file 31843635488);
#   SX-NY: 山西省能源环境治理通知, quoted in a public repository SQL seed (code index file 39631285313);
#   MIIT:  工业和信息化部等《关于推进应急通信…》, quoted in a public repository note (code index file 68730673187).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SH-YS: a 等 inside the list and a second group after ；.
        ("（八）提升涉案信息线下查询渠道便利度。鼓励各区及市有关部门通过整合线下查询窗口，开辟管理人查询“绿色通道”。"
         "（责任单位：市高院、市公安局、市规划资源局、上海银保监局、上海证监局、市税务局、市人力资源社会保障局、"
         "市住房城乡建设管理委、市通信管理局等；各区政府）",
         [("responsible", ["市高院", "市公安局", "市规划资源局", "上海银保监局", "上海证监局", "市税务局",
                           "市人力资源社会保障局", "市住房城乡建设管理委", "市通信管理局", "各区政府"],
           "市高院、市公安局、市规划资源局、上海银保监局、上海证监局、市税务局、市人力资源社会保障局、"
           "市住房城乡建设管理委、市通信管理局等；各区政府")]),
        # SH-YS: 责任部门 with an alias in brackets inside a unit.
        ("2.完善综合竣工验收制度。在交通枢纽、水务、绿化工程中探索推行综合竣工验收。（责任部门：市住房城乡建设管理委、"
         "市规划资源局、市水务局、市绿化市容局、市卫生健康委、市国动办、市交通委（市道运局）、市交警总队、市气象局）",
         [("responsible", ["市住房城乡建设管理委", "市规划资源局", "市水务局", "市绿化市容局", "市卫生健康委", "市国动办",
                           "市交通委（市道运局）", "市交警总队", "市气象局"],
           "市住房城乡建设管理委、市规划资源局、市水务局、市绿化市容局、市卫生健康委、市国动办、市交通委（市道运局）、"
           "市交警总队、市气象局")]),
        # GZ-RC: lead and cooperating separated by a comma, collectives of lower levels at the end.
        ("3.羊城企业家培养项目。加强市管企业领导人员队伍建设，5年内重点引进100名市管企业中高级经营管理人才。"
         "（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市）",
         [("lead", ["市发展改革委"], "市发展改革委"),
          ("cooperating", ["市委组织部", "市人力资源和社会保障局", "各区", "县级市"],
           "市委组织部、市人力资源和社会保障局，各区、县级市")]),
    ],
    ids=["sh-deng-inside-and-second-group", "sh-alias-in-unit", "gz-lead-comma-cooperating"],
)
def test_real_labels(structure_of, text, expected):
    assert simple(extract(structure_of(text))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SX-NY: the inline verb takes what it does after it (负责落实); the scope is the lead phrase.
        ("强化“禁煤区”建设。2020年10月底前,各市县建成区要全部划定为“禁煤区”。(省生态环境厅牵头，市县政府负责落实)",
         [("lead", ["省生态环境厅"], "省生态环境厅"), ("responsible", ["市县政府"], "市县政府")]),
        # MIIT: national ministries, 按职责分工负责.
        ("（一）推进应急通信技术突破应用。推动跨运营商应急漫游等重点技术研发。（工业和信息化部、公安部、应急管理部按职责分工负责）",
         [("responsible", ["工业和信息化部", "公安部", "应急管理部"], "工业和信息化部、公安部、应急管理部")]),
    ],
    ids=["sx-responsible-with-object", "miit-ministries-by-duty"],
)
def test_real_inline_forms(structure_of, text, expected):
    assert simple(extract(structure_of(text))) == expected


def test_scope_of_an_unnumbered_item_is_its_lead_phrase(structure_of):
    # SX-NY: no number before the item; its lead phrase ends in 。.
    doc = structure_of("一、能源\n强化“禁煤区”建设。严格落实散煤禁烧规定。(省生态环境厅牵头，市县政府负责落实)\n")
    assert [r.scope for r in extract(doc)] == ["强化“禁煤区”建设"] * 2


# The shapes issue #15 names, written with the unit and deadline vocabulary of the sources above.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A qualifier of two or three characters between the role head and 单位, after a deadline phrase.
        ("（一）推进通关便利。内容。（2024年6月底前完成，牵头推进单位：拱北海关、市商务局；配合单位：市口岸办、市招商引资工作专班）",
         [("lead", ["拱北海关", "市商务局"], "拱北海关、市商务局"),
          ("cooperating", ["市口岸办", "市招商引资工作专班"], "市口岸办、市招商引资工作专班")]),
        # A score note before the bracket and a status phrase inside it.
        ("（二）稳外贸。内容。(0.5分)（持续推进，牵头单位：市商务局，配合单位：珠海海关、华发集团）",
         [("lead", ["市商务局"], "市商务局"), ("cooperating", ["珠海海关", "华发集团"], "珠海海关、华发集团")]),
        # The drift bug: 负责/主责/协同 heads are labels like the others.
        ("（三）数据归集。内容。（负责单位：市财政局）", [("responsible", ["市财政局"], "市财政局")]),
        ("（四）审计监督。内容。（主责部门：市审计局；协同单位：市统计局）",
         [("responsible", ["市审计局"], "市审计局"), ("cooperating", ["市统计局"], "市统计局")]),
        # A supervising unit is no role of §3.2: its label ends the list before it and gives nothing.
        ("（五）督查。内容。（牵头单位：市发展改革委；督办单位：市委督查室）", [("lead", ["市发展改革委"], "市发展改革委")]),
        # A deadline clause after the list is not a unit.
        ("（六）办公。内容。（牵头单位：市发展改革委；2024年底前完成）", [("lead", ["市发展改革委"], "市发展改革委")]),
        # A collective of a named body is a unit (DECISIONS.md); the lead is kept beside it.
        ("（七）安全。内容。（市应急局牵头，市安委会成员单位按职责分工负责）",
         [("lead", ["市应急局"], "市应急局"), ("responsible", ["市安委会成员单位"], "市安委会成员单位")]),
        # A generic collective is no named unit: that segment goes, the known lead stays.
        ("（八）招商。内容。（市商务局牵头，各成员单位配合）", [("lead", ["市商务局"], "市商务局")]),
        # An unknown organ type beside known ones: the segment stands; a trailing deadline is no unit.
        ("（九）平台。内容。（市发展改革委牵头，市财政局、省属国有企业配合，2024年底前完成）",
         [("lead", ["市发展改革委"], "市发展改革委"), ("cooperating", ["市财政局", "省属国有企业"], "市财政局、省属国有企业")]),
        # A deadline before the inline form, and 由 opening the list.
        ("（十）通关。内容。（2024年底前完成，由市商务局牵头，拱北海关配合）",
         [("lead", ["市商务局"], "市商务局"), ("cooperating", ["拱北海关"], "拱北海关")]),
        # A label whose list is written in the inline form: the verbs name the roles.
        ("（十一）开放。内容。（责任单位：市商务局牵头，各县区政府配合）",
         [("lead", ["市商务局"], "市商务局"), ("cooperating", ["各县区政府"], "各县区政府")]),
        # A role note after a unit is no part of its name.
        ("（十二）金融。内容。（责任单位：市发展改革委（牵头）、市财政局）",
         [("responsible", ["市发展改革委", "市财政局"], "市发展改革委（牵头）、市财政局")]),
        # Several tags in one item, each on its own item.
        ("1.建设平台。内容。（牵头单位：市科技局）\n2.培育企业。内容。（牵头单位：市工业和信息化局）",
         [("lead", ["市科技局"], "市科技局"), ("lead", ["市工业和信息化局"], "市工业和信息化局")]),
    ],
    ids=["qualified-head-after-deadline", "score-and-status", "fuze-head", "zhuze-xietong-heads", "supervisor-no-role",
         "deadline-after-list", "named-collective", "generic-collective-dropped", "unknown-organ-kept",
         "deadline-before-inline-and-you", "label-in-inline-form", "role-note-after-unit", "two-items"],
)
def test_tag_grammar(structure_of, text, expected):
    assert simple(extract(structure_of(text))) == expected


def test_scope_with_small_form_dot_markers(structure_of):
    doc = structure_of("一、任务\n1﹒强化规划管控。坚持规划引领。（责任单位：区建设管理委）\n2．加强衔接。内容。（责任单位：区水务局）\n")
    assert [r.scope for r in extract(doc)] == ["强化规划管控", "加强衔接"]


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("拱北海关", True), ("市招商引资工作专班", True), ("市数字经济发展领导小组办公室", True), ("华润集团", True),
     ("高新区管委会", True), ("市安委会成员单位", True), ("各乡镇（街道）", True), ("各成员单位", False),
     ("有关部门", False), ("专家", False), ("2024年底前完成", False), ("全市", False), ("由企业", False)],
)
def test_unit_grammar(unit, expected):
    from extractors.unit_names import is_unit_name

    assert is_unit_name(unit) is expected


def test_table_headers_use_the_same_role_heads(structure_of):
    # The drift bug: ROLE_OF_HEAD knew 主责/协同 but the column pattern did not.
    doc = structure_of(
        "附件 重点任务分工\n序号\t任务\t主责部门\t协同单位\n1\t审计整改\t市审计局\t市统计局、市财政局\n"
    )
    got = [(r.role.value, r.units, r.scope) for r in extract(doc)]
    assert got == [("responsible", ("市审计局",), "审计整改"), ("cooperating", ("市统计局", "市财政局"), "审计整改")]


# --- Role-verb phrases after unit lists (issue #16: responsibilities on unseen real plans) ------
# The class: a bracket closing a numbered item, each unit list FOLLOWED by its role-verb phrase,
# clauses separated by ，or ；. The phrase is a grammar (rules.INLINE_MARK): [qualifier] + role head +
# [what it does], or [qualifier] + a task verb alone (responsible).
# Real sentences of the dev text first, exactly as written, then the verb phrases the dev text does not
# write, put into the same real items (the unit lists and the items are the dev text's; the phrases are
# those of public 工作要点/实施方案, e.g. 咸阳市2022年深化“放管服”改革工作要点:
# `…牵头，市级各有关部门及各县市区政府按职责分工负责`).
SHUYANG = "challenge/docs/A_shuyang_2024_keypoints.txt"
SHUYANG_13 = ("13.深化科技金融融合。用好规模3000万元的县科技成果转化风险补偿资金池，扩大“苏科贷”等科技信贷产品覆盖面，"
              "全年新增科技贷款放款5亿元以上，服务科技型企业不少于150家。")
JIANGXI_9 = ("（九）实施高层次人才引育工程。深入实施“双千计划”，2024年引进培养高层次科技人才团队200个以上，新选派科技特派员"
             "团队3000个以上。完善科技人才分类评价机制，在省属高校院所开展“减负行动3.0”。")  # challenge/docs/C_jiangxi_kjt_zongjie_jihua.txt


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    ("bracket", "expected"),
    [
        # As written in the dev text (A_shuyang 13, C_jiangxi (九)).
        ("（县科技局、县财政局、人民银行沭阳县支行负责）",
         [("responsible", ["县科技局", "县财政局", "人民银行沭阳县支行"], "县科技局、县财政局、人民银行沭阳县支行")]),
        ("（省科技厅牵头，省人力资源社会保障厅、省委人才办等配合）",
         [("lead", ["省科技厅"], "省科技厅"),
          ("cooperating", ["省人力资源社会保障厅", "省委人才办"], "省人力资源社会保障厅、省委人才办")]),
        # lead verbs: 牵头负责 / 牵头实施 / 总牵头 / 牵头抓总.
        ("（省科技厅牵头负责，省人力资源社会保障厅、省委人才办配合落实）",
         [("lead", ["省科技厅"], "省科技厅"),
          ("cooperating", ["省人力资源社会保障厅", "省委人才办"], "省人力资源社会保障厅、省委人才办")]),
        ("（省科技厅总牵头，省人力资源社会保障厅协同，各设区市人民政府组织落实）",
         [("lead", ["省科技厅"], "省科技厅"), ("cooperating", ["省人力资源社会保障厅"], "省人力资源社会保障厅"),
          ("responsible", ["各设区市人民政府"], "各设区市人民政府")]),
        # Clauses parted by 、 after the verb phrase, as some plans punctuate them (re-laid: the dev item's
        # units with 、 where the dev text writes ，).
        ("（省科技厅牵头负责、省人力资源社会保障厅、省委人才办组织落实）",
         [("lead", ["省科技厅"], "省科技厅"),
          ("responsible", ["省人力资源社会保障厅", "省委人才办"], "省人力资源社会保障厅、省委人才办")]),
        ("（省科技厅牵头实施；省委人才办参与）",
         [("lead", ["省科技厅"], "省科技厅"), ("cooperating", ["省委人才办"], "省委人才办")]),
        # responsible verbs: 组织落实 / 落实 / 具体实施 / 分工负责, and a task verb after a lead.
        ("（县科技局、县财政局组织落实）", [("responsible", ["县科技局", "县财政局"], "县科技局、县财政局")]),
        ("（县科技局牵头，人民银行沭阳县支行具体实施）",
         [("lead", ["县科技局"], "县科技局"), ("responsible", ["人民银行沭阳县支行"], "人民银行沭阳县支行")]),
        ("（县科技局牵头；县财政局、人民银行沭阳县支行分工负责）",
         [("lead", ["县科技局"], "县科技局"),
          ("responsible", ["县财政局", "人民银行沭阳县支行"], "县财政局、人民银行沭阳县支行")]),
        # 各区政府 / 各县（市、区）人民政府 name units (DECISIONS.md); the 、 inside the bracket is no separator.
        ("（县科技局牵头，各县（市、区）人民政府落实）",
         [("lead", ["县科技局"], "县科技局"), ("responsible", ["各县（市、区）人民政府"], "各县（市、区）人民政府")]),
        # 各有关部门 / 各部门 alone name no unit: that clause gives nothing, the lead stays.
        ("（县科技局牵头，各有关部门配合落实）", [("lead", ["县科技局"], "县科技局")]),
        ("（县科技局牵头，各部门按职责分工负责）", [("lead", ["县科技局"], "县科技局")]),
        # A trailing 等有关部门 is no unit; the span stops before it as the challenge gold's does (C.md).
        ("（县科技局牵头负责，县财政局、人民银行沭阳县支行等有关部门配合）",
         [("lead", ["县科技局"], "县科技局"),
          ("cooperating", ["县财政局", "人民银行沭阳县支行"], "县财政局、人民银行沭阳县支行")]),
    ],
    ids=["real-responsible", "real-lead-cooperating", "lead-responsible-cooperate-implement", "overall-lead",
         "clauses-parted-by-dunhao", "lead-implement-semicolon", "organise-implement", "concretely-implement", "share-by-division",
         "county-governments-with-bracket", "generic-cooperating-dropped", "generic-by-duty-dropped",
         "trailing-deng-youguan-bumen"],
)
def test_role_verb_phrases_after_unit_lists(structure_of, bracket, expected):
    records = extract(structure_of(SHUYANG_13 + bracket))
    assert simple(records) == expected
    assert {r.scope for r in records} <= {"深化科技金融融合"}


@pytest.mark.issue(16)
def test_role_verb_clauses_take_the_scope_of_their_item(structure_of):
    doc = structure_of("二、重点任务\n" + JIANGXI_9 + "（省科技厅总牵头，省委人才办配合）\n")
    assert [(r.role.value, r.scope) for r in extract(doc)] == [("lead", "实施高层次人才引育工程"),
                                                               ("cooperating", "实施高层次人才引育工程")]


@pytest.mark.issue(16)
def test_first_listed_unit_note_does_not_split_a_responsible_list(structure_of):
    """`（A、B负责）` is `responsible` for A and B (spec §3.2); a note that the first-listed unit leads
    (排在第一位的为牵头单位) is not a label and makes no lead record (DECISIONS.md)."""
    doc = structure_of("各项任务中排在第一位的为牵头单位。\n" + SHUYANG_13 + "（县科技局、县财政局负责）")
    assert simple(extract(doc)) == [("responsible", ["县科技局", "县财政局"], "县科技局、县财政局")]


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    "bracket",
    ["（由企业负责组织实施）", "（持续推进）", "（具体由各区组织实施）", "（试点先行、逐步推开实施）", "（含各类园区实施）",
     "（各企业落实）"],
    ids=["company-in-prose", "status", "note-opened-by-juti", "method-not-unit", "class-of-parks", "companies-generic"],
)
def test_task_verbs_in_brackets_without_units(structure_of, bracket):
    assert extract(structure_of(SHUYANG_13 + bracket)) == []


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    ("bracket", "expected"),
    [
        # An editorial note after the last phrase (`下同`, `不再做分工`), as 四川省“十四五”现代流通体系建设实施方案
        # writes it in a 〔〕 bracket, is no unit and does not drop the bracket.
        ("〔责任单位：县科技局、县财政局按职责分工负责。具体任务均涉及各镇街，不再做分工，下同。〕",
         [("responsible", ["县科技局", "县财政局"], "县科技局、县财政局")]),
        ("（县科技局牵头，人民银行沭阳县支行配合，下同）",
         [("lead", ["县科技局"], "县科技局"), ("cooperating", ["人民银行沭阳县支行"], "人民银行沭阳县支行")]),
        ("【县科技局牵头，县财政局配合落实】", [("lead", ["县科技局"], "县科技局"), ("cooperating", ["县财政局"], "县财政局")]),
        # 等 + what it sums up is no unit, however the sum is worded.
        ("（县科技局牵头，县财政局、人民银行沭阳县支行等有关县直部门配合）",
         [("lead", ["县科技局"], "县科技局"),
          ("cooperating", ["县财政局", "人民银行沭阳县支行"], "县财政局、人民银行沭阳县支行")]),
    ],
    ids=["label-with-verb-and-note", "note-after-inline", "square-brackets", "deng-county-departments"],
)
def test_notes_and_bracket_kinds_around_role_verb_clauses(structure_of, bracket, expected):
    assert simple(extract(structure_of(SHUYANG_13 + bracket))) == expected
