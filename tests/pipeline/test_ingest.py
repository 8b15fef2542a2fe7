"""Ingestion of .txt sources (spec §1): decoding, BOM, untouched line endings, clear errors."""

from __future__ import annotations

import pytest

from pipeline.errors import IngestError
from pipeline.ingest import discover, read_source
from tests.conftest import CORPUS, ZIBO, seed_text


def test_utf8_seed_is_read_unchanged():
    doc = read_source(ZIBO)
    assert doc.text == seed_text(ZIBO)
    assert doc.doc_id == ZIBO.stem
    assert doc.format == "txt"
    assert len(doc.sha256) == 64


def test_gb18030_copy_of_a_seed_gives_the_same_text(tmp_path):
    path = tmp_path / "zibo_gb.txt"
    path.write_bytes(seed_text(ZIBO).encode("gb18030"))
    assert read_source(path).text == seed_text(ZIBO)


def test_bom_is_dropped_and_crlf_is_kept(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "一、总体要求\r\n到2025年，高新技术企业达到500家。\r\n".encode())
    text = read_source(path).text
    assert text.startswith("一、总体要求\r\n")
    assert text.count("\r\n") == 2


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("市科技局负责".encode("utf-16"))
    assert read_source(path).text == "市科技局负责"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", "  \n\u3000\n".encode(), "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("controls.txt", b"\x01\x02\x03\x04\x05abc" * 50, "binary"),
        ("notes.rtf", b"{\\rtf1 hello}", "unsupported file type"),
    ],
    ids=["empty", "whitespace-only", "binary-with-nul", "control-characters", "unsupported-suffix"],
)
def test_bad_files_raise_an_error_naming_file_and_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        read_source(path)
    assert name in str(err.value)
    assert reason in str(err.value)


def test_missing_file_is_an_ingest_error(tmp_path):
    with pytest.raises(IngestError, match="cannot be read"):
        read_source(tmp_path / "absent.txt")


def test_discover_walks_folders_in_a_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ["b/2.txt", "a.docx", "c.pdf", "skip.json", ".hidden.txt", "README.md", "b/SOURCES.md"]:
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.docx", "b/2.txt", "c.pdf"]
    # the bundled corpus: the seed plans at the top, the real development set below corpus/real/
    found = [p.relative_to(CORPUS).as_posix() for p in discover([CORPUS])]
    assert [f for f in found if "/" not in f] == sorted(p.name for p in CORPUS.glob("*.txt"))
