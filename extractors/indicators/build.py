"""Build: one Indicator record per data row of every indicator table."""

from __future__ import annotations

from extractors.indicators.find import Columns, compact, map_columns
from extractors.indicators.keep import (
    EMPTY_VALUE,
    bracket_year,
    continues,
    has_values,
    header_rows,
    is_bracketed,
    parse_measure,
    parse_value,
    split_unit,
    value_in_words,
)
from extractors.indicators.rules import RULES, UNCAPTIONED_CONFIDENCE
from pipeline.cell_grammar import title_above
from pipeline.models import Growth, Indicator, YearValue
from pipeline.structure import Structure
from pipeline.tables import Cell, Table

TABLE_ROW = RULES["indicators.table_row.v1"]


def year_value(row: tuple[Cell, ...], column: tuple[int, int | None] | None,
               bracketed_year: int | None = None) -> YearValue | None:
    """The value of a row's column; a bracketed value (`（86.4％）`) is of the year a note under the table
    gives (`括号内为2024年数据`), else of the column's."""
    if column is None:
        return None
    k, year = column
    value, _, note, _ = parse_measure(row[k].text) if k < len(row) else (None, False, None, None)
    if value is None and note is None and k < len(row):
        note = value_in_words(row[k].text)
    if bracketed_year is not None and value is not None and is_bracketed(row[k].text):
        year = bracketed_year
    return YearValue(year, value, note)


def unit_of(row: tuple[Cell, ...], cols: Columns) -> str | None:
    """The unit of a row: its unit column (a dash there: none), else the brackets after its name
    (`R&D经费支出占GDP的比重(%)`), else the unit its value cells carry (`74.2%`, `21km`)."""
    if cols.unit is not None:
        text = compact(row[cols.unit].text) if cols.unit < len(row) else ""
        if text and not EMPTY_VALUE.match(text):
            return text
        if text:
            return None
    unit = split_unit(row[cols.name].text)[1]
    if unit is not None or cols.unit is not None:
        return unit
    for column in (cols.baseline, cols.target, cols.actual):
        if column is not None and column[0] < len(row):
            unit = parse_measure(row[column[0]].text)[3]
            if unit is not None:
                return unit
    return None


def row_record(doc: Structure, caption: str | None, cols: Columns, row: tuple[Cell, ...],
               index: int, bracketed_year: int | None = None) -> Indicator | None:
    if cols.name >= len(row) or not row[cols.name].text:
        return None
    name, _ = split_unit(row[cols.name].text)
    unit = unit_of(row, cols)
    serial = row[cols.serial].text if cols.serial is not None and cols.serial < len(row) else ""
    growth = None
    if cols.growth is not None and cols.growth < len(row):
        value, cumulative, _ = parse_value(row[cols.growth].text)
        growth = Growth(value, cumulative)
    attribute = None
    if cols.attribute is not None and cols.attribute < len(row) and row[cols.attribute].text:
        attribute = compact(row[cols.attribute].text)
    # A row whose cells lie on several lines (a PDF row with wrapped cells) runs from its first
    # character to its last, whichever cell they belong to.
    cells = [c for c in row if c.text]
    span = (min(c.span[0] for c in cells), max(c.span[1] for c in cells))
    return Indicator(
        span=span,
        quote=doc.quote(span),
        table=caption,
        row=int(serial) if serial.isdigit() else index,
        name=name,
        unit=unit,
        baseline=year_value(row, cols.baseline, bracketed_year),
        target=year_value(row, cols.target, bracketed_year),
        actual=year_value(row, cols.actual, bracketed_year),
        growth=growth,
        attribute=attribute,
        rule=TABLE_ROW.id,
        confidence=TABLE_ROW.confidence if caption else UNCAPTIONED_CONFIDENCE,
    )


def extract(doc: Structure) -> list[Indicator]:
    """One record per data row of every indicator table."""
    records: list[Indicator] = []
    previous: tuple[Table, Columns, str | None, int] | None = None  # table, columns, caption, rows seen
    for table in doc.tables:
        if table.kind != "table":
            continue
        header, first_body = header_rows(table)
        # No 表N caption: the title line or numbered item title right above the table (`2.主要指标`).
        caption = table.caption if table.caption is not None else title_above(doc.clean, table.clean_span[0])[0]
        cols = map_columns(header, caption, doc.meta.period[1] if doc.meta.period else None)
        body = table.rows[first_body:]
        index_base = 0
        if cols is None and previous and continues(previous[0], table, len(previous[0].header)):
            # Continuation after a page break: the rows follow the previous table's header.
            _, cols, caption, index_base = previous
            body = table.rows
        elif cols is not None and previous and continues(previous[0], table, len(previous[0].header)) \
                and [compact(c.text) for c in table.header] == [compact(c.text) for c in previous[0].header]:
            _, _, caption, index_base = previous  # header repeated on the new page
        if cols is None:
            previous = None
            continue
        if body and not has_values(cols, body):
            previous = None  # a catalogue of indicators with empty value columns is no indicator table
            continue
        note_year = bracket_year(doc.text[table.clean_span[1] :])
        for i, row in enumerate(body, start=index_base + 1):
            record = row_record(doc, caption, cols, row, i, note_year)
            if record:
                records.append(record)
        previous = (table, cols, caption, index_base + len(body))
    return records
