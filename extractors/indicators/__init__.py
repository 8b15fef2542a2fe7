"""Rows of indicator tables as typed records (EXTRACTION_SPEC.md §3.4).

An indicator table names measured indicators in one column and gives values by year in others
(`表 2 淄博市“十四五”时期科技创新主要指标`: 序号 | 指标名称 | 2020 年 | 2025 年 | 年均增速 | 属性).
Columns are mapped by their header words and years, whatever their order; project lists
(项目名称 | 承担单位) and 专栏 boxes are not indicator tables.

find → keep → build: find.py maps a header's columns, keep.py reads cell values and decides whether a
table is an indicator table, build.py makes one record per row; the rule row is in rules.py.
"""

from __future__ import annotations

from extractors.indicators.build import extract
from extractors.indicators.find import map_columns
from extractors.indicators.keep import parse_value, split_unit
from extractors.indicators.rules import RULES

__all__ = ["RULES", "extract", "map_columns", "parse_value", "split_unit"]
