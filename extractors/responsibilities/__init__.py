"""Who must carry out a task (EXTRACTION_SPEC.md §3.2): labelled unit lists and 承担单位 columns.

find → keep → build, with the rules as rows of data (rules.py), all built from one table of role
heads (extractors/words.py, ROLE_OF_HEAD):
- labels: role head + optional qualifier + 单位/部门/…: ``（责任单位：市科技局、市发展改革委）``,
  ``牵头单位：A；配合单位：B、C`` on a line of its own, ``（6月底前完成，牵头推进单位：A）`` after a deadline;
- inline brackets: ``（A牵头，B、C配合）``, ``（A负责）``, ``（A总牵头，各区政府组织落实）``: unit lists each closed
  by a role-verb phrase (rules.INLINE_MARK), each segment judged on its own by the unit grammar
  (unit_names.is_unit_name); running prose (``由市科技局负责解释``) is not a label;
- tables: a 承担单位 column gives ``undertaking`` records (scope = 项目名称), a 责任/牵头/配合单位 column
  gives records of that role (scope = the row's indicator or task).

find.py finds the lists (labels, inline brackets), keep.py decides what a list may hold, build.py
makes the records (scope, table columns); each record's ``rule`` is the id of the row that fired.
"""

from __future__ import annotations

from extractors.responsibilities.build import extract
from extractors.responsibilities.rules import RULES

__all__ = ["RULES", "extract"]
