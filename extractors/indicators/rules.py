"""The indicator rule (spec §3.4) as a row: a table whose header names indicators and values by year."""

from __future__ import annotations

import regex

from extractors.rules import Example, Rule, table
from pipeline.models import YearValue

# Header words of the indicator-name column: 指标 / 指标名称 / 具体指标 / 核心指标 / 主要指标.
NAME_HEADER = regex.compile(r"指标|指\s*标\s*名\s*称|^名称$|^项目$")
# A table without a caption gives rows of this confidence (the row's own is the captioned one).
UNCAPTIONED_CONFIDENCE = 0.8

RULES = table((
    Rule(
        "indicators.table_row.v1", 0.95, NAME_HEADER,
        note="one record per data row of a table whose header has an indicator-name column and a "
             "baseline, target or completion column by year; 0.8 when the table has no caption",
        examples=(
            Example("表1“十四五”科技创新指标体系\n序号\t指标名称\t2020年\t2025年\n1\t全社会R&D支出占GDP比重(%)\t0.82\t2.85\n"
                    "2\t有研发活动的规上工业企业占比（%）\t12.75\t62.83\n",
                    {"table": "表1“十四五”科技创新指标体系", "row": 1, "name": "全社会R&D支出占GDP比重", "unit": "%",
                     "baseline": YearValue(2020, 0.82, None), "target": YearValue(2025, 2.85, None)},
                    "corpus/000_0ffae985db65f5d2.txt (seed, 青州“十四五”科技创新规划; the table's cells as tab rows)"),
        ),
    ),
))
