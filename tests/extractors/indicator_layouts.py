"""The seed and challenge indicator tables laid out as real documents lay them out (issue #17).

Every gold indicator table of ``gold/`` and ``challenge/gold/`` is rebuilt from its gold rows and
written in three layouts seen in plans written outside the team, plus a rendered PDF:

- ``para``: one cell per paragraph, an empty paragraph between cells, an empty paragraph for each
  merged cell of a 类别 column, CRLF line endings, the 指标属性 header split over two paragraphs;
- ``pdf_text``: a PDF text layer: cells of a row separated by single spaces on its 序号 line, long
  names and ``x/y`` units wrapped onto the lines above and below it, a footnote digit on one name;
- ``spaces``: columns aligned with runs of full-width spaces, a two-line header (2020年 / 现状);
- ``pdf``: a ruled table rendered with reportlab and read back through the PDF reader.

The expected records come from the gold rows, not from the extractor.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYOUTS = ("para", "pdf_text", "spaces", "pdf")
CATEGORIES = ("创新投入", "创新产出", "创新环境")


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    unit: str | None
    baseline: tuple[int | None, float | None] | None
    target: tuple[int | None, float | None] | None
    actual: tuple[int | None, float | None] | None
    attribute: str | None


@dataclass(frozen=True, slots=True)
class GoldTable:
    source: str  # gold file the rows come from
    caption: str
    rows: tuple[Row, ...]


def _yv(value) -> tuple[int | None, float | None] | None:
    return None if value is None else (value["year"], value["value"])


def gold_tables() -> list[GoldTable]:
    tables: dict[tuple[str, str], list[Row]] = {}
    for path in sorted((ROOT / "gold").glob("*.json")) + sorted((ROOT / "challenge/gold").glob("*.json")):
        if path.name == "baseline.json":
            continue
        for rec in json.loads(path.read_text(encoding="utf-8"))["indicators"]:
            row = Row(rec["name"], rec["unit"], _yv(rec["baseline"]), _yv(rec["target"]), _yv(rec["actual"]),
                      rec["attribute"])
            tables.setdefault((path.name, rec["table"]), []).append(row)
    return [GoldTable(src, caption, tuple(rows)) for (src, caption), rows in tables.items()]


def _number(value: float | None) -> str:
    if value is None:
        return "——"
    return str(int(value)) if float(value).is_integer() else str(value)


def columns(table: GoldTable) -> list[tuple[str, str]]:
    """(header line 1, header line 2) of each value column, in order."""
    first = table.rows[0]
    out = []
    for role, word in (("baseline", "现状"), ("target", "目标"), ("actual", "完成值")):
        yv = getattr(first, role)
        if yv is None:
            continue
        year = yv[0]
        if year is None:
            out.append(("基础值", ""))
        else:
            out.append((f"{year}年", word))
    return out


VARIANTS = ("unit_column", "unit_in_brackets")


def _qualified(value: str, n: int) -> str:
    """Target cells written with a qualifier in the unit_in_brackets variant: `N左右`, `>N`."""
    if value == "——":
        return value
    return {1: value + "左右", 2: ">" + value}.get(n % 4, value)


def grid(table: GoldTable, variant: str = "unit_column") -> tuple[list[str], list[str], list[list[str]]]:
    """Header line 1, header line 2 and body cells.

    ``unit_column``: 类别 | 序号 | 指标名称 | 单位 | values… | 指标属性 (类别 merged over three rows);
    ``unit_in_brackets``: 序号 | 指标（单位） | values… | 年均增长 | 属性, targets with qualifiers,
    cumulative growth in brackets.
    """
    cols = columns(table)
    body = []
    if variant == "unit_column":
        head1 = ["类别", "序号", "指标名称", "单位"] + [c[0] for c in cols] + ["指标属性"]
        head2 = ["", "", "", ""] + [c[1] for c in cols] + [""]
    else:
        head1 = ["序号", "指标"] + [c[0] for c in cols] + ["年均增长", "属性"]
        head2 = ["", ""] + [c[1] for c in cols] + ["〔累计〕", ""]
    for n, row in enumerate(table.rows):
        values = []
        for role in ("baseline", "target", "actual"):
            if getattr(row, role) is not None:
                text = _number(getattr(row, role)[1])
                values.append(_qualified(text, n) if role == "target" and variant != "unit_column" else text)
        if variant == "unit_column":
            category = CATEGORIES[n // 3 % 3] if n % 3 == 0 else ""
            body.append([category, str(n + 1), row.name, row.unit or "", *values, row.attribute or "——"])
        else:
            name = row.name + (f"（{row.unit}）" if row.unit else "")
            body.append([str(n + 1), name, *values, f"[{n + 1}.5]", row.attribute or "——"])
    return head1, head2, body


def name_unit_columns(variant: str) -> tuple[int, int | None]:
    return (2, 3) if variant == "unit_column" else (1, None)


def caption(table: GoldTable) -> str:
    return table.caption


# ------------------------------------------------------------------ layouts


def para_text(table: GoldTable, variant: str = "unit_column") -> str:
    head1, head2, body = grid(table, variant)
    split = {"指标属性": "指标\r\n\r\n属性", "属性": "属\r\n\r\n性"}
    cells = [split.get(a, f"{a}{b}") for a, b in zip(head1, head2, strict=True)]
    paragraphs = [caption(table), ""]
    for c in cells:
        paragraphs += [c, ""]
    for row in body:
        for c in row:
            paragraphs += [c, ""]
    text = "正文一段。\r\n\r\n" + "\r\n".join(paragraphs) + "\r\n\r\n表后正文。\r\n"
    return text


def _wrap(text: str, size: int) -> list[str]:
    return [text[k : k + size] for k in range(0, len(text), size)] or [""]


def pdf_text(table: GoldTable, variant: str = "unit_column") -> str:
    """Single spaces between cells; a name longer than 10 characters wrapped onto three lines
    centred on the 序号 line, a unit with a slash split over the lines above and below."""
    head1, head2, body = grid(table, variant)
    name_col, unit_col = name_unit_columns(variant)
    first = 1 if variant == "unit_column" else 0  # the 类别 cell stands before the 序号 of its first row
    header = [a + b for a, b in zip(head1, head2, strict=True)]
    header = ["属性" if h == "指标属性" else h for h in header]
    lines = [caption(table), " ".join(header)]
    for n, full in enumerate(body):
        row = full[first:]
        name = row[name_col - first]
        unit = row[unit_col - first] if unit_col is not None else ""
        if n == 0:
            name += "1"  # a footnote digit glued to the name
        above, below = [], []
        if len(name) > 10:
            third = (len(name) + 2) // 3
            above.append(name[:third])
            below.append(name[2 * third :])
            name = name[third : 2 * third]
        if "/" in unit and unit.index("/") < len(unit) - 1:
            cut = unit.index("/") + 1
            if above:
                above[0] += " " + unit[:cut]
            else:
                above.append(unit[:cut])
            if below:
                below[0] += " " + unit[cut:]
            else:
                below.append(unit[cut:])
            unit = ""
        cells = list(row)
        cells[name_col - first] = name
        if unit_col is not None:
            cells[unit_col - first] = unit
        if first and full[0]:
            cells.insert(0, full[0])
        lines += [*above, " ".join(c for c in cells if c), *below]
    return "正文一段。\n" + "\n".join(lines) + "\n注：1为统计口径。\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def spaces_text(table: GoldTable, variant: str = "unit_column") -> str:
    """Columns padded with full-width spaces to a common display width, two header lines."""
    head1, head2, body = grid(table, variant)
    lines = [head1, head2, *body]
    widths = [max(_width(line[k]) for line in lines) + 4 for k in range(len(head1))]

    def render(cells: list[str]) -> str:
        out = ""
        for k, c in enumerate(cells):
            pad = widths[k] - _width(c)
            out += c + "\u3000" * (pad // 2) + " " * (pad % 2)
        return out.rstrip()

    return "正文一段。\n\n" + caption(table) + "\n\n" + "\n".join(render(line) for line in lines) + "\n\n表后正文。\n"


def expected(table: GoldTable, layout: str) -> list[Row]:
    """The records the table must give in a layout: the gold rows; a 基础值 header keeps year null."""
    return list(table.rows)
