"""OCR benchmark: character accuracy and pages per second on seed pages rendered to images.

``python -m pipeline.bench_ocr [--pages N] [--engines rapidocr,tesseract]`` sets a seed plan's text
as A4 page images with Pillow (Noto CJK, 12 pt, 150 dpi, 公文 indent), then reads each page back
with every engine, clean and as a poor scan (rotated 0.8°, Gaussian blur 0.8 px). Character accuracy
is ``1 - edit distance / characters`` after whitespace is removed. ``ocr_speed`` gives the
figure ``pipeline.bench`` can report beside PDF pages per second.

Tesseract is measured only when its ``tesseract`` binary and ``chi_sim`` data are installed (Debian:
``tesseract-ocr tesseract-ocr-chi-sim``); policyx itself uses RapidOCR (docs/DECISIONS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DPI = 150
PAGE_PT = (595, 842)  # A4
MARGIN_PT = 72
FONT_PT = 12
LEADING = 1.6
FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SEED = Path(__file__).resolve().parent.parent / "corpus" / "004_1f412fc16192670a.txt"


def _font(size_px: int) -> Any:
    from PIL import ImageFont

    for path in FONT_FILES:
        if Path(path).is_file():
            return ImageFont.truetype(path, size_px, index=2)  # the SC face of the collection
    raise SystemExit("no Noto CJK font found (apt install fonts-noto-cjk)")


def render_pages(text: str, pages: int, dpi: int = DPI) -> list[tuple[Any, str]]:
    """The first ``pages`` pages of ``text`` set as images, each with the text it shows."""
    from PIL import Image, ImageDraw

    scale = dpi / 72
    size = round(FONT_PT * scale)
    font = _font(size)
    width, height = round(PAGE_PT[0] * scale), round(PAGE_PT[1] * scale)
    margin = round(MARGIN_PT * scale)
    per_line = (width - 2 * margin) // size
    lines_per_page = (height - 2 * margin) // round(size * LEADING)
    visual: list[str] = []
    for para in (p.strip().replace("\t", "  ") for p in text.splitlines()):
        if not para:
            continue
        para = "\u3000\u3000" + para
        visual += [para[i : i + per_line] for i in range(0, len(para), per_line)]
    out = []
    for n in range(pages):
        chunk = visual[n * lines_per_page : (n + 1) * lines_per_page]
        if not chunk:
            break
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        for i, line in enumerate(chunk):
            draw.text((margin, margin + i * round(size * LEADING)), line, font=font, fill=0)
        out.append((image, "".join(chunk)))
    return out


def degrade(image: Any, angle: float = 0.8, blur: float = 0.8) -> Any:
    from PIL import ImageFilter

    return image.rotate(angle, fillcolor=255, resample=3).filter(ImageFilter.GaussianBlur(blur))


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def accuracy(truth: str, read: str) -> float:
    import unicodedata

    def norm(s: str) -> str:
        return "".join(unicodedata.normalize("NFKC", s).split())

    t, r = norm(truth), norm(read)
    return max(0.0, 1 - edit_distance(t, r) / max(1, len(t)))


def rapidocr_read(image: Any, dpi: int = DPI) -> str:
    from pipeline.readers import ocr

    scale = dpi / 72
    lines = ocr.read_image(image, image.width / scale, image.height / scale, scale)
    return "".join(line.text for line in lines)


def tesseract_read(image: Any, dpi: int = DPI) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.png"
        image.save(path, dpi=(dpi, dpi))
        done = subprocess.run(["tesseract", str(path), "-", "-l", "chi_sim", "--psm", "6"],
                              capture_output=True, text=True, check=True)
    return done.stdout


def tesseract_available() -> bool:
    if not shutil.which("tesseract"):
        return False
    done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "chi_sim" in done.stdout


ENGINES: dict[str, Callable[[Any], str]] = {"rapidocr": rapidocr_read, "tesseract": tesseract_read}


def measure(engine: str, pages: list[tuple[Any, str]]) -> dict[str, float]:
    read = ENGINES[engine]
    if engine == "rapidocr":
        from pipeline.readers import ocr

        ocr.engine()  # model loading is a one-off, not a per-page cost
    started, cpu = time.perf_counter(), time.process_time()
    texts = [read(image) for image, _ in pages]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    scores = [accuracy(truth, text) for (_, truth), text in zip(pages, texts, strict=True)]
    # CPU seconds count this process's threads only (tesseract runs as a child: see children_cpu).
    children = os.times().children_user + os.times().children_system
    return {"pages": len(pages), "seconds": round(seconds, 2), "pages_per_second": round(len(pages) / seconds, 3),
            "cpu_seconds_per_page": round(cpu / len(pages), 2),
            "children_cpu_seconds": round(children, 2),
            "char_accuracy": round(sum(scores) / len(scores), 4)}


def ocr_speed(pages: int = 2, seed: Path = SEED) -> dict[str, float]:
    """RapidOCR on ``pages`` degraded seed pages (for ``pipeline.bench``): pages per wall second and
    per CPU second (onnxruntime's threads included), since on a shared machine the two part ways."""
    rendered = [(degrade(image), truth) for image, truth in render_pages(seed.read_text(encoding="utf-8"), pages)]
    figures = measure("rapidocr", rendered)
    return {"pages_per_second": figures["pages_per_second"],
            "pages_per_cpu_second": round(1 / figures["cpu_seconds_per_page"], 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_ocr", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--seed", type=Path, default=SEED)
    parser.add_argument("--engines", default="rapidocr,tesseract")
    args = parser.parse_args(argv)
    clean = render_pages(args.seed.read_text(encoding="utf-8"), args.pages)
    variants = {"clean": clean, "rotated+blurred": [(degrade(image), truth) for image, truth in clean]}
    results = {}
    for engine in args.engines.split(","):
        if engine == "tesseract" and not tesseract_available():
            print("tesseract: not installed (apt install tesseract-ocr tesseract-ocr-chi-sim); skipped")
            continue
        for name, pages in variants.items():
            results[f"{engine} {name}"] = measure(engine, pages)
            print(f"{engine:10} {name:16} {json.dumps(results[f'{engine} {name}'])}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
