"""A stand-in for the CJK fonts a PDF names but does not embed, while pdfium reads its text.

pdfium's text page leaves out a text object that repeats one of the five before it at about the same
place (fake bold), and it needs each object's box to tell: the union of its glyphs' outlines. A CJK
font that is not embedded (STSong-Light, 仿宋_GB2312 in many government PDFs) has outlines only if
pdfium finds an installed CJK font to substitute: loading them from Noto CJK costs 14 ms a page, and
without one every box is empty and table cells that merely share their text and left edge in one
column vanish (which cells depends on the machine's fonts).

``stand_in_fonts()`` offers pdfium, for every CJK font it looks for, a one-glyph TrueType font built
here: a 1-em box for every code point from U+0021, spaces empty. Each glyph then has a box at almost
no cost, whatever fonts the machine has. Nothing the reader measures comes from outlines (text from
the PDF's CMaps, ``x1`` from its widths, the box from its descent); pdfium takes ascent and descent
from the face only when the font dict has no /FontBBox, and the stand-in's are Noto CJK's
(880/-120 per 1000). Fonts of other scripts are not offered it: pdfium keeps its built-in Latin fonts.
"""

from __future__ import annotations

import ctypes
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pypdfium2.raw as pdfium_c

UNITS_PER_EM = 1000
ASCENT, DESCENT = 880, -120
FIRST_INKED = 0x21  # code points below this (space, controls) map to the empty glyph
FACE_NAME = b"policyx stand-in\0"  # pdfium caches faces by name: one no installed font has
# Windows charsets pdfium passes for CJK fonts (FX_CharSetIsCJK): Shift-JIS, Hangul, GB2312, Big5.
CJK_CHARSETS = frozenset({pdfium_c.FXFONT_SHIFTJIS_CHARSET, pdfium_c.FXFONT_HANGEUL_CHARSET,
                          pdfium_c.FXFONT_GB2312_CHARSET, pdfium_c.FXFONT_CHINESEBIG5_CHARSET})


def _checksum(table: bytes) -> int:
    table += b"\0" * (-len(table) % 4)
    return sum(struct.unpack(f">{len(table) // 4}I", table)) & 0xFFFFFFFF


def box_font() -> bytes:
    """The TrueType file: glyph 0 empty, glyph 1 a box one em wide from the descent to the ascent,
    and a format-13 cmap (many code points to one glyph) sending U+0021..U+10FFFF to glyph 1."""
    width, height = UNITS_PER_EM, ASCENT - DESCENT
    box = (struct.pack(">hhhhh", 1, 0, DESCENT, width, ASCENT)  # one contour and its bounds
           + struct.pack(">HH", 3, 0)  # last point index, no instructions
           + bytes([1, 1, 1, 1])  # four on-curve points, coordinates as int16 deltas
           + struct.pack(">hhhh", 0, 0, width, 0)
           + struct.pack(">hhhh", DESCENT, height, 0, -height))
    box += b"\0" * (-len(box) % 4)
    tables = {
        b"cmap": struct.pack(">HHHHI", 0, 1, 3, 10, 12)
        + struct.pack(">HHIIIIII", 13, 0, 28, 0, 1, FIRST_INKED, 0x10FFFF, 1),
        b"glyf": box,
        b"head": struct.pack(">IIIIHHqqhhhhHHhhh", 0x00010000, 0x00010000, 0, 0x5F0F3CF5, 0x000B, UNITS_PER_EM,
                             0, 0, 0, DESCENT, width, ASCENT, 0, 8, 2, 0, 0),
        b"hhea": struct.pack(">IhhhHhhhhhh5hH", 0x00010000, ASCENT, DESCENT, 0, width, 0, 0, width, 1, 0, 0,
                             0, 0, 0, 0, 0, 2),
        b"hmtx": struct.pack(">HhHh", width, 0, width, 0),
        b"loca": struct.pack(">HHH", 0, 0, len(box) // 2),
        b"maxp": struct.pack(">IHHHHHHHHHHHHHH", 0x00010000, 2, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0),
    }
    count = len(tables)
    search = 1 << (count.bit_length() - 1)
    directory = struct.pack(">IHHHH", 0x00010000, count, 16 * search, search.bit_length() - 1, 16 * (count - search))
    offset = len(directory) + 16 * count
    records, body = b"", b""
    for tag in sorted(tables):
        table = tables[tag]
        records += struct.pack(">4sIII", tag, _checksum(table), offset + len(body), len(table))
        body += table + b"\0" * (-len(table) % 4)
    return directory + records + body


_FONT = box_font()
_HANDLE = 1  # the one font's handle: pdfium only passes it back


def _map_font(_info: Any, _weight: int, _italic: int, charset: int, _pitch: int, _face: Any, _exact: Any) -> int | None:
    return _HANDLE if charset in CJK_CHARSETS else None


def _copy_out(data: bytes, buffer: Any, size: int) -> int:
    if buffer and size >= len(data):
        ctypes.memmove(buffer, data, len(data))
    return len(data)


def _font_data(_info: Any, _font: Any, table: int, buffer: Any, size: int) -> int:
    return _copy_out(_FONT, buffer, size) if table == 0 else 0  # the whole file; no table on its own


def _face_name(_info: Any, _font: Any, buffer: Any, size: int) -> int:
    return _copy_out(FACE_NAME, buffer, size)


def _charset(_info: Any, _font: Any) -> int:
    return pdfium_c.FXFONT_GB2312_CHARSET


_CALLBACKS = dict(pdfium_c.FPDF_SYSFONTINFO._fields_)
# Kept alive for the process: pdfium holds the pointer while it is installed.
_STAND_IN = pdfium_c.FPDF_SYSFONTINFO(
    version=1,
    MapFont=_CALLBACKS["MapFont"](_map_font),
    GetFontData=_CALLBACKS["GetFontData"](_font_data),
    GetFaceName=_CALLBACKS["GetFaceName"](_face_name),
    GetFontCharset=_CALLBACKS["GetFontCharset"](_charset),
)
_FONT_LOCK = threading.RLock()


@contextmanager
def stand_in_fonts() -> Iterator[None]:
    """pdfium substitutes the stand-in for every CJK font the PDF does not embed, and finds no system
    font for any other, while inside. Documents opened inside are closed inside; on the way out
    pdfium gets a new default interface (it releases the one it replaces), so pages rendered
    afterwards (OCR, page images) find system fonts again. pdfium is process-global and not
    thread-safe: the lock keeps two readers in one process from interleaving the switch."""
    with _FONT_LOCK:
        pdfium_c.FPDF_SetSystemFontInfo(ctypes.byref(_STAND_IN))
        try:
            yield
        finally:
            pdfium_c.FPDF_SetSystemFontInfo(pdfium_c.FPDF_GetDefaultSystemFontInfo())
