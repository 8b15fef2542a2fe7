"""The responsibility rules (spec §3.2) as rows: id, confidence, the pattern that fires, examples.

A label (`责任单位：`), an inline bracket closed by role verbs (`（A牵头，B配合）`), and two kinds of
table column (`承担单位`, `责任/牵头/配合单位`). Every pattern is built from the role heads of
extractors/words.py (ROLE_OF_HEAD), so a head added there reaches labels, verbs and headers at once.
"""

from __future__ import annotations

import regex

from extractors.rules import Example, Rule, table
from extractors.words import GAP, LABEL_NOUN, ROLE_HEADS, ROLE_OF_HEAD, UNIT_COLUMN
from pipeline.models import Role

_W = GAP
HEADS = ROLE_HEADS
# A label: [主要/具体/第一] + role head + a free qualifier of up to three characters + noun + colon:
# 责任单位, 牵头部门, 牵头落实单位, 牵头推进部门, 配合责任单位, 主责部门, 协同单位, 责任主体.
# A qualifier about the document itself names its authors, not who carries out a task: a standard's
# `本文件负责起草单位：` (realcorpus planning/09), `负责解释单位：`. `各责任单位：` addresses units, it
# lists none.
DOCUMENT_QUALIFIER = r"(?!{_W}(?:起草|编制|编写|解释|归口|提出|发布|制定))".replace("{_W}", _W)
# A label may also be headed by a word that says the unit carries the task out, as a column header may
# (words.TASK_ROLE_WORDS): it names the responsible unit (`（执行单位：区经委）` after each measure of 松江's
# 绿色低碳若干措施, corpus/real). Not 完成 or 建设: in a label they name a deadline or a project's builder.
LABEL_TASK_WORDS = ("落实", "实施", "推进", "执行")
LABEL_HEADS = "|".join((HEADS, *(_W.join(word) for word in LABEL_TASK_WORDS)))
LABEL = regex.compile(
    rf"(?<!各)(?P<label>(?:主要|具体|第一)?(?P<head>{LABEL_HEADS}){DOCUMENT_QUALIFIER}{_W}(?P<qual>\p{{Han}}{{0,3}}?){_W}{LABEL_NOUN})"
    r"\s*[:：]\s*"
)
# Inline form: unit lists each closed by a role-verb phrase: （市科技局牵头，市财政局、市发展改革委配合）,
# （市科技局负责）, （省生态环境厅牵头，市县政府负责落实）, （市发展改革委总牵头，各区政府组织落实）.
# The phrase is a grammar, not a list of sentences: [qualifier] + role head + [what it does], or
# [qualifier] + a task verb alone, which names the unit that carries the task out (responsible, as a
# 落实/实施 column does, words.TASK_ROLE_WORDS).
# - qualifier: `按职责分工` / `分工` / `分别` / `共同` / `具体` … say how the units share the task; no unit.
# - head: a role head of ROLE_OF_HEAD (牵头 → lead, 负责 → responsible, 配合/协同/参与/协助 → cooperating);
#   `总牵头` is the lead over all.
# - what it does: `负责`, `抓总`, a task verb (`牵头负责`, `牵头实施`, `负责落实`, `配合落实`, `协同推进`).
# - a task verb: [组织/具体/抓好] + 落实/实施/推进/执行 (`组织落实`, `具体实施`, `落实`).
# The phrase must close its clause (a separator or the bracket's end follows): `区商务局负责做好…` is prose.
VERB_QUALIFIER = r"(?:按照?职责分工|按照?职责|依职责|分工|分别|共同|具体|各自)"
TASK_VERB = rf"(?:组织|具体|抓好)?(?:{'|'.join(LABEL_TASK_WORDS)})"
INLINE_HEADS = "|".join(_W.join(h) for h in sorted(ROLE_OF_HEAD, key=len, reverse=True))
INLINE_MARK = regex.compile(
    rf"{VERB_QUALIFIER}?(?:(?:总(?=牵头))?(?P<word>{INLINE_HEADS})(?:负责|抓总)?(?:{TASK_VERB})?|(?P<task>{TASK_VERB}))"
    # A verb phrase ends its clause whatever follows: ，；。 or 、 (`A牵头负责、B组织落实`: no unit ends in a verb).
    r"(?=[，,；;。、]|$)"
)


def inline_role(mark: regex.Match) -> Role | None:
    """The role a verb phrase names: its role head's (牵头负责 → lead, 配合落实 → cooperating); a task verb
    alone (组织落实, 具体实施) names the responsible unit; a head of no role (督办) gives None."""
    word = mark.group("word")
    return Role.RESPONSIBLE if word is None else ROLE_OF_HEAD[regex.sub(r"\s+", "", word)]


# Table columns: the one header grammar of extractors/words.py (UNIT_COLUMN, unit_column_role): a role
# word, a qualifier, a head; 承担/实施/建设 of a project list are `undertaking`, of a task table `responsible`.
UNIT_HEADER = UNIT_COLUMN

JIADING = "corpus/real/plan_jiading_haimian.txt"

RULES = table((
    Rule(
        "responsibilities.label.v2", 0.95, LABEL,
        note="a label and the unit list after it, to a closing bracket, full stop, line end, next label or "
             "another field; a list written in the inline form is read by its verbs",
        examples=(
            Example("1.强化规划管控。坚持规划引领，适时启动《嘉定区海绵城市建设规划（2018-2035）》修编工作，"
                    "按市级要求完成修编工作。（责任单位：区建设管理委）",
                    {"role": "responsible", "units": ("区建设管理委",), "quote": "区建设管理委",
                     "scope": "强化规划管控"},
                    JIADING),
            Example("2.加强规划指标衔接。编制各层级国土空间总体规划时，应衔接落实相关核心指标。（责任单位：区规划资源局、"
                    "区交通委、区水务局、区绿化市容局、区住房保障房屋管理局，各街镇）",
                    {"role": "responsible", "units": ("区规划资源局", "区交通委", "区水务局", "区绿化市容局",
                                                      "区住房保障房屋管理局", "各街镇")},
                    JIADING),
            # A task word heads the label as it heads a column: the unit carries the measure out.
            Example("3.重点用能单位能耗在线监测系统改造项目\n\n依法设立的重点用能单位，实现一级（关口）、二级和三级能源计量数据"
                    "采集并联网，重点用能单位在获得市级财政补贴后，按照1:1的比例予以区级配套补贴，单个项目补贴总额不超过15万元。"
                    "（执行单位：区市场监管局）",
                    {"role": "responsible", "units": ("区市场监管局",), "quote": "区市场监管局"},
                    "corpus/real/policy_shanghai_songjiang_lvse_ditan_2025.txt"),
            # The drift of issue 13: heads ROLE_OF_HEAD knew that the label pattern could not match.
            Example("（三）数据归集。内容。（负责单位：市财政局）",
                    {"role": "responsible", "units": ("市财政局",)}, "issue 13 (drifted label)"),
            Example("（四）审计监督。内容。（主责部门：市审计局；协同单位：市统计局）",
                    {"role": "cooperating", "units": ("市统计局",)}, "issue 13 (drifted label)"),
        ),
    ),
    Rule(
        "responsibilities.inline.v3", 0.85, INLINE_MARK,
        note="a bracket of unit lists each closed by a role-verb phrase ([qualifier] + role head + [what it "
             "does], or a task verb alone: responsible); what follows the last phrase must be a deadline, status "
             "or score phrase",
        examples=(
            # No real document of corpus/real or the realcorpus writes this form; the challenge set does.
            Example("2.推动规上工业企业研发活动全覆盖。以营业收入5000万元以上的规上工业企业为重点，分类推进研发机构建设。"
                    "（县科技局牵头，县工信局、各镇街配合）",
                    {"role": "cooperating", "units": ("县工信局", "各镇街"), "quote": "县工信局、各镇街",
                     "scope": "推动规上工业企业研发活动全覆盖"},
                    "challenge/docs/A_shuyang_2024_keypoints (written in the style of real 工作要点)"),
            # A task verb alone names the responsible unit; 总牵头 is the lead (issue 16).
            Example("13.深化科技金融融合。扩大“苏科贷”等科技信贷产品覆盖面。（县科技局总牵头，人民银行沭阳县支行组织落实）",
                    {"role": "responsible", "units": ("人民银行沭阳县支行",), "quote": "人民银行沭阳县支行",
                     "scope": "深化科技金融融合"},
                    "challenge/docs/A_shuyang_2024_keypoints item 13, its verb phrase as public 工作要点 write it"),
        ),
    ),
    Rule(
        "responsibilities.table_undertaking.v1", 0.9, UNIT_HEADER,
        note="a 承担单位 column: one undertaking record per filled cell, scoped by the 项目名称 column",
        examples=(
            Example("附件 重点项目\n序号\t领域\t项目名称\t承担单位\n"
                    "1\t高端装备\t磁控溅射卷绕镀膜机\t山东省宝丰镀膜有限公司\n",
                    {"role": "undertaking", "units": ("山东省宝丰镀膜有限公司",), "scope": "磁控溅射卷绕镀膜机"},
                    "corpus/000_0ffae985db65f5d2.txt (seed; the project table's cells as tab rows)"),
        ),
    ),
    Rule(
        "responsibilities.table_role.v1", 0.9, UNIT_HEADER,
        note="a 责任/牵头/配合单位 column (any role head, qualified like a label): records of that role, "
             "scoped by the row's task or indicator",
        examples=(
            Example("附件：嘉定区系统化全域推进海绵城市建设重点任务分解表\n序号\t任务类型\t重点内容\t责任单位\n"
                    "2\t海绵城市系统方案\t聚焦重点区域、重大项目、达标区域，以排水分区为单元，编制海绵城市系统方案。\t区建设管理委\n",
                    {"role": "responsible", "units": ("区建设管理委",)},
                    JIADING + " (the task table's cells as tab rows)"),
            Example("附件 重点任务分工\n序号\t任务\t主责部门\t协同单位\n1\t审计整改\t市审计局\t市统计局、市财政局\n",
                    {"role": "cooperating", "units": ("市统计局", "市财政局"), "scope": "审计整改"},
                    "issue 13 (drifted header)"),
        ),
    ),
))
