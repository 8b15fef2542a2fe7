"""Issue #20: no input aborts a batch, nothing leaves OUTDIR, a second run into one OUTDIR is refused.

One batch mixes the good seed documents with every file that used to end a whole batch in a
traceback (an undecodable or over-long file name, a docx whose grid counts are 1e8, a write that
fails, a reader that crashes), files that collided with the output folder's own (manifest.txt), an
OUTDIR inside the input folder, and links that lead out of the input folder. The batch must finish,
write the good documents exactly as a run on them alone would, and list every bad one in
errors.jsonl with its file and reason.
"""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import PolicyxError
from pipeline.outdir import document_ids
from pipeline.run import MAX_DOC_ID_BYTES, extract_paths, outdir_lock, safe_doc_id
from tests.builders import build_docx, pdf_bytes, seed_blocks
from tests.conftest import QINGDAO, ZIBO, seed_text

GBK_NAME = "淄博市科技规划".encode("gbk") + b".txt"
# 79 characters, 237 bytes of UTF-8: the input name fits in 255 bytes, its .source.txt output's temp name did not
LONG_STEM = "关于印发科技创新发展规划的通知" * 5 + "关于印发"


def crafted_grid_docx(path: Path, attribute: str) -> Path:
    """A docx whose first table row claims a 1e8-column gridBefore or gridSpan."""
    import zipfile

    build_docx(seed_blocks(seed_text(ZIBO)), path)  # its indicator table
    with zipfile.ZipFile(path) as z:
        members = {name: z.read(name) for name in z.namelist()}
    xml = members["word/document.xml"].decode("utf-8")
    if attribute == "gridBefore":
        xml = xml.replace("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="100000000"/></w:trPr>', 1)
    else:
        xml = xml.replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="100000000"/>', 1)
    assert "100000000" in xml
    members["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("issue20")
    inbox, outside = root / "inbox", root / "outside"
    inbox.mkdir()
    outside.mkdir()
    for good in (ZIBO, QINGDAO):
        (inbox / good.name).write_bytes(good.read_bytes())
    zibo = ZIBO.read_bytes()
    (Path(os.fsdecode(bytes(inbox) + b"/" + GBK_NAME))).write_bytes(zibo)
    (inbox / f"{LONG_STEM}.txt").write_bytes(zibo)
    (inbox / "manifest.txt").write_bytes(zibo)
    crafted_grid_docx(inbox / "grid-before.docx", "gridBefore")
    crafted_grid_docx(inbox / "grid-span.docx", "gridSpan")
    (outside / "secret.txt").write_text("机密：不应进入输出。到2025年，研发投入达到100亿元。", encoding="utf-8")
    (inbox / "link.txt").symlink_to(outside / "secret.txt")
    (inbox / "linked-folder").symlink_to(outside, target_is_directory=True)
    # crafted repetition (each took minutes before issue #20) and thousands of nested HTML tables
    (inbox / "percents.txt").write_text("10%" * 20_000, encoding="utf-8")
    (inbox / "dun.txt").write_text("责任单位：" + "、" * 20_000, encoding="utf-8")
    (inbox / "labels.txt").write_text("责任单位：" * 20_000, encoding="utf-8")
    (inbox / "nested-tables.html").write_text(
        "<html><body>" + "<table><tr><td>x" * 3000 + "到2025年，高新技术企业达到500家。" + "</td></tr></table>" * 3000
        + "</body></html>", encoding="utf-8")
    out = inbox / "out"  # an OUTDIR inside the input folder
    summary = extract_paths([inbox], out, workers=1, doc_timeout=None)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    return root, inbox, out, summary, errors


def test_good_documents_are_written_as_they_would_be_alone(batch, tmp_path):
    _root, _inbox, out, _summary, _errors = batch
    alone = tmp_path / "alone"
    extract_paths([ZIBO, QINGDAO], alone, workers=1)
    for good in (ZIBO, QINGDAO):
        for suffix in (".json", ".source.txt"):
            assert (out / f"{good.stem}{suffix}").read_bytes() == (alone / f"{good.stem}{suffix}").read_bytes()


def test_an_undecodable_file_name_gets_a_safe_doc_id(batch):
    _root, _inbox, out, summary, _errors = batch
    expected = safe_doc_id(Path(os.fsdecode(GBK_NAME)))
    # each byte that is not UTF-8 is shown as %XX (the name's first byte, 0xD7, is one)
    assert expected.startswith("%D7") and expected.encode("utf-8")
    assert expected in summary.written
    doc = json.loads((out / f"{expected}.json").read_text(encoding="utf-8"))
    assert doc["doc_id"] == expected
    assert doc["source"]["file"] == f"{expected}.txt"


def test_an_over_long_file_name_gets_a_short_doc_id(batch):
    _root, inbox, _out, summary, _errors = batch
    doc_id = safe_doc_id(inbox / f"{LONG_STEM}.txt")
    assert len(doc_id.encode("utf-8")) <= MAX_DOC_ID_BYTES
    assert re.fullmatch(r"关于印发[^~]+~[0-9a-f]{12}", doc_id)
    assert doc_id in summary.written
    # two long names that share their first 200 bytes stay apart
    assert safe_doc_id(inbox / f"{LONG_STEM}甲.txt") != safe_doc_id(inbox / f"{LONG_STEM}乙.txt")


def test_manifest_txt_does_not_overwrite_the_manifest(batch):
    _root, _inbox, out, summary, _errors = batch
    assert "manifest.txt" in summary.written
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "documents" in manifest and "manifest.txt" in manifest["documents"]
    assert "manifest" not in document_ids(out)


@pytest.mark.parametrize("name", ["percents", "dun", "labels", "nested-tables"])
def test_crafted_repetition_is_read(batch, name):
    _root, _inbox, out, summary, _errors = batch
    assert name in summary.written
    if name == "nested-tables":
        doc = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert [t["value"] for t in doc["targets"]] == [500]  # the text inside the innermost table is read


@pytest.mark.parametrize("name", ["grid-before", "grid-span"])
def test_a_docx_with_absurd_grid_counts_is_read(batch, name):
    _root, _inbox, out, summary, _errors = batch
    assert name in summary.written
    doc = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    assert all(len(row) <= 4 * 63 for table in doc["tables"] for row in table["rows"])


def test_outdir_inside_the_input_folder_is_not_read(batch):
    _root, inbox, out, summary, _errors = batch
    again = extract_paths([inbox], out, workers=1, force=True)
    assert not any(doc_id.endswith(".source") for doc_id in again.written)
    assert sorted(again.written) == sorted(summary.written)


def test_links_inside_an_input_folder_are_not_followed(batch):
    _root, _inbox, out, summary, errors = batch
    assert "link" not in summary.written and "secret" not in summary.written
    assert not any("机密" in p.read_text(encoding="utf-8") for p in out.glob("*.source.txt"))
    by_file = {Path(e["file"]).name: e for e in errors}
    assert "symbolic link" in by_file["link.txt"]["message"]
    assert "symbolic link" in by_file["linked-folder"]["message"]
    assert len(errors) == 2  # and nothing else failed


def test_a_failed_write_is_that_documents_failure(tmp_path, monkeypatch):
    import pipeline.run as run

    real = run.write_atomic

    def full_disk(path, text, durable=False):
        if Path(path).name.startswith(ZIBO.stem):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, text, durable)

    monkeypatch.setattr(run, "write_atomic", full_disk)
    summary = extract_paths([ZIBO, QINGDAO], tmp_path / "out", workers=1)
    assert summary.written == [QINGDAO.stem]
    [failure] = summary.failures
    assert failure.stage == "write" and "No space left on device" in failure.message and ZIBO.name in failure.message
    errors = (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8")
    assert "No space left on device" in errors


def test_a_full_disk_at_the_end_is_a_clear_error(tmp_path, monkeypatch):
    import pipeline.manifest as manifest_module

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(manifest_module, "write_atomic_chunks", full_disk)
    with pytest.raises(PolicyxError, match=r"manifest\.json could not be written: No space left on device"):
        extract_paths([ZIBO], tmp_path / "out", workers=1)


def test_a_reader_crash_fails_one_document_not_the_batch(tmp_path, monkeypatch):
    import pipeline.readers.txt as txt

    real = txt.read

    def crash(path, data):
        if path.name == ZIBO.name:
            raise TypeError("a library bug")
        return real(path, data)

    monkeypatch.setattr(txt, "read", crash)
    summary = extract_paths([ZIBO, QINGDAO], tmp_path / "out", workers=1)
    assert summary.written == [QINGDAO.stem]
    [failure] = summary.failures
    assert failure.stage == "ingest" and "unexpected TypeError" in failure.message and ZIBO.name in failure.message


def test_a_second_run_into_the_same_outdir_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    with outdir_lock(out):
        assert main(["extract", str(ZIBO), "-o", str(out), "-q"]) == 1
    assert "another policyx run is writing to this output folder" in capsys.readouterr().err
    assert main(["extract", str(ZIBO), "-o", str(out), "-q"]) == 0  # released with the first run


def test_a_linked_lock_or_journal_is_not_followed(tmp_path):
    out, victim = tmp_path / "out", tmp_path / "victim.txt"
    out.mkdir()
    victim.write_text("untouched", encoding="utf-8")
    (out / ".policyx.lock").symlink_to(victim)
    with pytest.raises(PolicyxError, match="symbolic link"):
        extract_paths([ZIBO], out, workers=1)
    (out / ".policyx.lock").unlink()
    (out / ".journal.jsonl").symlink_to(victim)
    extract_paths([ZIBO], out, workers=1)
    assert victim.read_text(encoding="utf-8") == "untouched"


def pdf_with_stream(content: bytes) -> bytes:
    """A one-page PDF whose content stream is ``content``, deflated."""
    import zlib

    comp = zlib.compress(content, 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(comp) + comp + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return pdf_bytes(objs)


def test_a_pdf_stream_past_the_expansion_limit_is_refused(tmp_path, monkeypatch):
    from pipeline.readers import pdf_limits

    monkeypatch.setattr(pdf_limits, "MAX_EXPANDED_BYTES", 1 << 20)  # 1 MB here; 200 MB in use
    text = b"BT /F1 12 Tf 72 720 Td (Science and technology plan) Tj ET\n"
    (tmp_path / "fine.pdf").write_bytes(pdf_with_stream(text))
    (tmp_path / "bomb.pdf").write_bytes(pdf_with_stream(text + b" " * (4 << 20)))  # 4 MB from ~4 KB
    summary = extract_paths([tmp_path / "fine.pdf", tmp_path / "bomb.pdf"], tmp_path / "out", workers=1)
    assert summary.written == ["fine"]
    [failure] = summary.failures
    assert failure.stage == "ingest" and "bomb.pdf" in failure.message
    assert "would expand past the 1048576-byte limit" in failure.message


@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE", "utf-32"])
def test_html_declaring_utf16_without_a_bom_is_read_as_utf8(tmp_path, declared):
    """The HTML standard: a <meta charset> naming UTF-16/32 is taken as UTF-8 (the tag itself was ASCII)."""
    from pipeline.ingest import read_source

    page = tmp_path / "page.html"
    page.write_bytes(f'<html><head><meta charset="{declared}"></head><body><p>到2025年，高新技术企业达到500家。'
                     "</p></body></html>".encode())
    assert read_source(page).text == "到2025年，高新技术企业达到500家。"


def test_a_docx_table_nested_in_a_cell_is_a_table_of_its_own(tmp_path):
    """A table holding a table lays out the page (as in HTML): the inner one is read as a table,
    not glued line by line into its parent's cell."""
    import docx

    from pipeline.ingest import read_source

    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).paragraphs[0].text = "表1 主要指标"
    inner = outer.cell(0, 1).add_table(rows=2, cols=3)
    for r, row in enumerate([["指标", "2020年", "2025年"], ["高新技术企业（家）", "100", "200"]]):
        for c, value in enumerate(row):
            inner.cell(r, c).text = value
    d.save(tmp_path / "nested.docx")
    source = read_source(tmp_path / "nested.docx")
    assert source.text == "表1 主要指标\n指标\t2020年\t2025年\n高新技术企业（家）\t100\t200"
    [table] = source.tables
    assert [source.text[slice(*c.span)] for c in table.cells] == [
        "指标", "2020年", "2025年", "高新技术企业（家）", "100", "200"]


def test_cr_only_line_endings_keep_their_sections(tmp_path):
    """Classic Mac OS line ends (\\r alone): every heading still starts a section."""
    text = "一、总体要求\r到2025年，高新技术企业达到500家。\r二、重点任务\r（一）加强创新。对企业给予最高10万元奖励。\r"
    (tmp_path / "cr.txt").write_bytes(text.encode("utf-8"))
    extract_paths([tmp_path / "cr.txt"], tmp_path / "out", workers=1)
    doc = json.loads((tmp_path / "out" / "cr.json").read_text(encoding="utf-8"))
    assert [s["title"] for s in doc["sections"]] == ["总体要求", "重点任务", "加强创新"]
    assert len(doc["targets"]) == 1 and len(doc["funding"]) == 1
