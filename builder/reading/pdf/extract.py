"""What a PDF page prints: text runs with their geometry and font, and ruled lines.

Guarantees to the next step: every page of the document as a `Page` of
`Run`s (one per text-showing object: one font, one size, one baseline),
in y-down page coordinates (points from the top-left corner), each with its
text, origin, ink box, effective size, italic/bold and whether the producer
tagged it an artifact (page furniture); and the short horizontal `Rule`s
(paths, or a run of underscores) that separate notes from the text. A run's
text holds no space pdfium made up where the next glyph stands closer than any
word space (`_Reader.find_made_up_spaces`): `investme` + `nts` is one word. A file
pdfium cannot open, one that needs a password, and one without any text (a
scan) raise `InputError` naming the file and the reason.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from builder.errors import InputError, Place
from builder.reading.lines import PDFIUM_HYPHENS

# A hyphen pdfium decided was a line-end soft hyphen, non-characters and soft
# hyphens: all printed as a hyphen, or nothing.
_HYPHENS = str.maketrans({**PDFIUM_HYPHENS, "\u00ad": "-"})
_ODD_HYPHENS = re.compile("[\x02\ufffe\u00ad]")
_ITALIC_FLAG = 1 << 6
_BUFFER_CHARS = 1 << 15
# pdfium's text page adds a space between two text objects when it judges the gap a word
# space; on justified lines whose letters are spread, it adds them inside words (`se eking`,
# `investme nts`, `Two -State`). Measured from where pdfium put the space (the end of the
# glyph before) to the next glyph's origin, over 150 of the corpus' PDFs: such spaces stand
# 0.10-0.15 of the font size from the next glyph, word spaces 0.20 or more.
_MADE_UP_SPACE_EM = 0.18
# A space pdfium may have made up inside a word: after a letter, digit or hyphen, before a
# letter, digit, hyphen or what follows a word without a space.
_INSIDE_WORD_SPACE = re.compile(r"(?<=[^\W_]|-) (?=[^\W_]|[-,;:.)\]’”%])")


@dataclass(slots=True)
class Run:
    """Text shown by one text object: one font, one size, one baseline."""

    text: str
    x: float  # origin of the first glyph
    left: float  # ink box
    right: float
    top: float
    bottom: float
    baseline: float
    size: float
    italic: bool
    bold: bool
    artifact: bool


@dataclass(slots=True)
class Rule:
    """A thin horizontal line drawn on the page (a path, or a run of underscores)."""

    left: float
    right: float
    y: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    images: int = 0


@dataclass(slots=True)
class _Font:
    italic: bool
    bold: bool


class _Reader:
    """Walks one page's objects with pdfium's C API (pypdfium2 wraps pages, not objects)."""

    def __init__(self) -> None:
        self.buffer = ctypes.create_string_buffer(_BUFFER_CHARS * 2)
        self.wide = ctypes.cast(self.buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
        self.box = [ctypes.c_float() for _ in range(4)]
        self.matrix = pdfium_c.FS_MATRIX()
        self.size = ctypes.c_float()
        self.angle = ctypes.c_int()
        self.fonts: dict[int, _Font] = {}
        self.rect = pdfium_c.FS_RECTF()
        self.origin = (ctypes.c_double(), ctypes.c_double())
        self.before = (ctypes.c_double(), ctypes.c_double())
        self.made_up: set[int] = set()  # this page's objects whose text ends in a made-up space

    def font(self, handle) -> _Font:
        key = _address(handle)
        font = self.fonts.get(key)
        if font is None:
            length = pdfium_c.FPDFFont_GetBaseFontName(handle, self.buffer, len(self.buffer))
            name = self.buffer.raw[: max(0, length - 1)].decode("latin-1").lower()
            pdfium_c.FPDFFont_GetItalicAngle(handle, self.angle)
            italic = (
                "italic" in name
                or "oblique" in name
                or bool(pdfium_c.FPDFFont_GetFlags(handle) & _ITALIC_FLAG)
                or self.angle.value != 0
            )
            bold = "bold" in name or "black" in name or pdfium_c.FPDFFont_GetWeight(handle) >= 600
            font = self.fonts[key] = _Font(italic, bold)
        return font

    def text(self, obj, textpage) -> str:
        size = pdfium_c.FPDFTextObj_GetText(obj, textpage, self.wide, len(self.buffer))  # bytes, with a NUL
        text = self.buffer.raw[: max(0, size - 2)].decode("utf-16-le", "replace")
        if text.endswith(" ") and _address(obj) in self.made_up:
            return text[:-1]
        return text

    def find_made_up_spaces(self, textpage) -> None:
        """Note the objects of the page whose text ends in a space pdfium made up inside a word
        (`_MADE_UP_SPACE_EM`). Hand-written: pdfium marks the spaces it generates, not which
        of them split a word; only spaces between word characters are asked about."""
        self.made_up = set()
        count = pdfium_c.FPDFText_CountChars(textpage)
        if count <= 0 or count >= _BUFFER_CHARS:
            return
        written = pdfium_c.FPDFText_GetText(textpage, 0, count, self.wide)  # characters, with a NUL
        text = self.buffer.raw[: max(0, written - 1) * 2].decode("utf-16-le", "replace")
        if len(text) != count:  # a character outside the BMP: positions no longer match
            return
        (x, y), (bx, by) = self.origin, self.before
        for m in _INSIDE_WORD_SPACE.finditer(text):
            i = m.start()
            if not pdfium_c.FPDFText_IsGenerated(textpage, i):
                continue
            size = pdfium_c.FPDFText_GetFontSize(textpage, i - 1)
            pdfium_c.FPDFText_GetLooseCharBox(textpage, i, self.rect)
            pdfium_c.FPDFText_GetCharOrigin(textpage, i + 1, x, y)
            pdfium_c.FPDFText_GetCharOrigin(textpage, i - 1, bx, by)
            if size > 0 and abs(y.value - by.value) < size / 2 and x.value - self.rect.left < _MADE_UP_SPACE_EM * size:
                self.made_up.add(_address(pdfium_c.FPDFText_GetTextObject(textpage, i - 1)))

    def artifact(self, obj) -> bool:
        for i in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
            mark = pdfium_c.FPDFPageObj_GetMark(obj, i)
            length = ctypes.c_ulong()
            named = pdfium_c.FPDFPageObjMark_GetName(mark, self.wide, 64, length)
            if named and self.buffer.raw[: max(0, length.value - 2)].decode("utf-16-le", "replace") == "Artifact":
                return True
        return False

    def bounds(self, obj) -> tuple[float, float, float, float]:
        left, bottom, right, top = self.box
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        return left.value, bottom.value, right.value, top.value


def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _transform(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _compose(outer: tuple[float, ...], inner: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _walk(reader: _Reader, page: Page, textpage, objects, top: float, outer: tuple[float, ...]) -> None:
    """Collect runs, rules and images from a list of page objects (and form XObjects within)."""
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            _text_run(reader, page, textpage, obj, top, outer)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top_ = reader.bounds(obj)
            (x0, y0), (x1, y1) = _transform(outer, left, bottom), _transform(outer, right, top_)
            if abs(y1 - y0) < 2.5 and abs(x1 - x0) > 20:
                page.rules.append(Rule(min(x0, x1), max(x0, x1), top - (y0 + y1) / 2))
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            page.images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            pdfium_c.FPDFPageObj_GetMatrix(obj, reader.matrix)
            m = reader.matrix
            inner = _compose(outer, (m.a, m.b, m.c, m.d, m.e, m.f))
            children = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            _walk(reader, page, textpage, children, top, inner)


def _text_run(reader: _Reader, page: Page, textpage, obj, top: float, outer: tuple[float, ...]) -> None:
    text = reader.text(obj, textpage)
    if _ODD_HYPHENS.search(text):
        text = text.translate(_HYPHENS)
    if not text:
        return
    pdfium_c.FPDFPageObj_GetMatrix(obj, reader.matrix)
    m = _compose(
        outer, (reader.matrix.a, reader.matrix.b, reader.matrix.c, reader.matrix.d, reader.matrix.e, reader.matrix.f)
    )
    pdfium_c.FPDFTextObj_GetFontSize(obj, reader.size)
    size = reader.size.value * math.hypot(m[2], m[3])
    left, bottom, right, top_ = reader.bounds(obj)
    if outer is not _IDENTITY:
        (left, bottom), (right, top_) = _transform(outer, left, bottom), _transform(outer, right, top_)
    font = reader.font(pdfium_c.FPDFTextObj_GetFont(obj))
    run = Run(
        text=text,
        x=m[4],
        left=left,
        right=right,
        top=top - top_,
        bottom=top - bottom,
        baseline=top - m[5],
        size=round(size, 2),
        italic=font.italic,
        bold=font.bold,
        artifact=reader.artifact(obj),
    )
    stripped = text.strip()
    if len(stripped) >= 5 and not stripped.strip("_"):
        page.rules.append(Rule(left, right, run.baseline))
        return
    page.runs.append(run)


def open_document(path: Path, raw: bytes) -> pdfium.PdfDocument:
    """The document, or `InputError` if pdfium cannot open it (damaged, or needs a password)."""
    if not raw.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(
            Place(path), "not a PDF: the file does not start with %PDF", "check that the file is a PDF and complete"
        )
    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(
                Place(path),
                "the PDF is encrypted and needs a password to open",
                "save an unprotected copy of the document, or use its text (.txt) form",
            ) from None
        raise InputError(
            Place(path),
            f"the PDF is damaged and cannot be read ({exc})",
            "download the document again; a truncated file cannot be read",
        ) from None


def read_pages(path: Path, raw: bytes) -> list[Page]:
    """Every page's runs and rules; `InputError` for a damaged, locked or image-only PDF."""
    document = open_document(path, raw)
    reader = _Reader()
    pages: list[Page] = []
    try:
        for index in range(len(document)):
            try:
                handle = document[index]
            except pdfium.PdfiumError as exc:
                raise InputError(
                    Place(path, 0, 0, index + 1), f"the PDF is damaged: page {index + 1} cannot be read ({exc})"
                ) from None
            left, bottom, right, top = handle.get_mediabox()
            page = Page(index + 1, right - left, top - bottom)
            textpage = handle.get_textpage()
            reader.find_made_up_spaces(textpage.raw)
            objects = [
                pdfium_c.FPDFPage_GetObject(handle.raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(handle.raw))
            ]
            _walk(reader, page, textpage.raw, objects, top, _IDENTITY)
            for run in page.runs:
                run.x -= left
                run.left -= left
                run.right -= left
            for rule in page.rules:
                rule.left -= left
                rule.right -= left
            textpage.close()
            handle.close()
            pages.append(page)
    finally:
        document.close()
    if not any(page.runs for page in pages):
        what = "image-only (a scan)" if any(page.images for page in pages) else "empty"
        raise InputError(
            Place(path),
            f"the PDF has no text layer: its pages are {what}",
            "use the document's text (.txt) form, or a PDF with text (OCR the scan first)",
        )
    return pages
