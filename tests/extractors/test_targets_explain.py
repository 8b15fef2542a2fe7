"""The goal decision is visible: explain() lists every number targets reads with its outcome and the
evidence that decided it (issue #16 item 2). Sentences quoted from real documents (file named)."""

from __future__ import annotations

import pytest

from extractors.targets import explain, extract
from extractors.targets.__main__ import main

REPORT = "各位代表：\n一、2023年工作回顾\n一年来，我们攻坚克难。\n{past}\n二、2024年工作安排\n{future}\n"

CASES = [
    # wr_ezhou_2024: the same kind of number is an achievement in the review and a goal in the plan.
    ("新增规上工业企业41家。", "zone:past"),
    # policy_jingan_chuhai: money before 的 modifies the noun after it; a cap per firm is funding.
    ("经认定，给予最高不超过500万元的奖励。", "threshold-before-的"),
    ("每家企业年度最高不超过200万元。", "funding"),
    # a formula of scores is no quantity (`60%+20%`)
    ("综合得分按60%+40%计算。", "code-formula-or-name"),
]


@pytest.mark.parametrize(("sentence", "evidence"), CASES, ids=[c[1] for c in CASES])
def test_explain_names_the_deciding_evidence(structure_of, sentence, evidence):
    doc = structure_of(REPORT.format(past=sentence, future="全年新增规上工业企业50家。"))
    rows = explain(doc)
    decided = [ev for _, quote, outcome, ev in rows if not outcome.startswith("goal") and quote[:1] in sentence]
    assert any(e.startswith(evidence) for ev in decided for e in ev), rows
    goals = [(span, outcome) for span, _, outcome, _ in rows if outcome.startswith("goal")]
    records = extract(doc)
    assert [(r.span, f"goal {r.rule}") for r in records] == goals


def test_explain_cli_lists_goals_with_their_zone(tmp_path, capsys):
    path = tmp_path / "wr.txt"
    path.write_text(REPORT.format(past="新增规上工业企业41家。", future="力争新增规上工业企业50家。"), encoding="utf-8")
    assert main([str(path), "--goals-only"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "goal targets.count.v1" in lines[1] and "zone:future:2024" in lines[1]
    assert "hedge" in lines[1]


def test_a_standard_states_norms_not_goals(structure_of):
    """../shared/realcorpus/planning/14_xiangcun_qixiang_fangzai_guifan.txt: a standard (`本标准…`,
    `规范性引用文件`) sets norms; `每年…不少于1次` there is a rule, not a government's goal."""
    text = ("本标准依据GB/T 1.1-2009的要求编写。\n本标准由浙江省气象局提出并归口。\n2  规范性引用文件\n"
            "乡（镇）、村每年联动开展农村防雷安全隐患排查应不少于1 次。\n")
    doc = structure_of(text)
    assert extract(doc) == []
    assert [ev for _, _, _, ev in explain(doc)] == [("genre:standard",)]
    # the same sentence in a work programme is a goal
    assert len(extract(structure_of("2024年防灾减灾工作要点\n乡（镇）、村每年联动开展农村防雷安全隐患排查应不少于1 次。\n"))) == 1
