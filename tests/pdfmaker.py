"""A small maker of UN-shaped PDFs for tests (fpdf2, core Times font, US letter).

Describe a document with `UNDoc` and `Para`, then `render(doc)` (bytes and layout facts) or
`write_pdf(doc, path)`. The page looks like an official document: a masthead on page 1 ("United
Nations", the symbol top right, the body, "Distr.: …", date, "Original: …", session, agenda
lines, a preface such as "Resolution adopted by …" or "Xland and Yland: draft resolution", the
title), the job number and a barcode at page 1's foot, a running header (symbol, title) and
footer (page "2/3", job number) on later pages, 10 pt body text from a 72 pt left margin,
paragraphs cut by page breaks, and notes at the foot of the page that cites them, below a
short rule.

Inline markup in paragraph and note text (all of it is removed by `plain`):

- `*Recalling also*` — italic (preambular openings);
- `^4` — a note marker: a smaller (6.5 pt) digit raised 3.5 pt; written straight after a word
  (`2011^4`, `Rights,^1`) it is glued to it, as in the official PDFs;
- a newline — a forced line break inside the paragraph (to make, say, a note's second line
  start with "2 October 2099").

Example::

    doc = UNDoc(
        symbol="A/RES/99/17",
        title="Cooperation on ocean data",
        number="99/17.",
        preface=["Resolution adopted by the General Assembly on 3 December 2099"],
        blocks=[
            Para("The General Assembly,", "formula"),
            Para("*Recalling* its resolution 98/1,^1", "preamble"),
            Para("*Decides* to act:", "operative", "1."),
            Para("to act soon;", "sub", "(a)"),
        ],
        notes={"1": "See A/98/100."},
    )
    write_pdf(doc, tmp_path / "doc.pdf")

Output is deterministic: the creation date is fixed and nothing depends on the clock.
Core fonts are Latin-1 only: a character outside it is a `ValueError` naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

PAGE_W, PAGE_H = 612.0, 792.0  # US letter, points
LEFT = 72.0  # left margin of the body text
WIDTH = 468.0  # text width (72 pt right margin)
BODY_SIZE, LEADING, GAP = 10.0, 12.0, 6.0  # body font, line spacing, extra space between paragraphs
MARK_SIZE, MARK_RISE = 6.5, 3.5  # note markers: size and rise against the 10 pt body
NOTE_SIZE, NOTE_LEADING = 8.0, 10.4
INDENT = 24.0  # first-line indent; labels at 1, 2, 3 indents (1., (a), (i)), their text one indent further
BOTTOM = 720.0  # lowest baseline of body text or notes
TOP_LATER = 84.0  # first baseline on pages after the first
RULE = "_______________"
FIXED_DATE = datetime(2099, 1, 1, tzinfo=UTC)

KINDS = ("formula", "preamble", "operative", "sub", "subsub", "text", "center")


@dataclass
class Para:
    """One paragraph of the body.

    kind: "formula" ("The General Assembly,"), "preamble", "operative" (label "1."), "sub"
    (label "(a)"), "subsub" (label "(i)"), "text" (unnumbered, indented first line) or
    "center" (a centred line such as "Annex").
    """

    text: str
    kind: str = "text"
    label: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown paragraph kind {self.kind!r}; one of {', '.join(KINDS)}")


@dataclass
class UNDoc:
    """A UN document: masthead fields, body paragraphs and notes (label → text, with markup)."""

    symbol: str
    title: str
    blocks: list[Para]
    notes: dict[str, str] = field(default_factory=dict)
    body: str = "General Assembly"
    reissued: bool = False  # prints the symbol as "A/RES/99/17*"
    distribution: str = "General"  # "Distr.: General"
    date: str = "1 October 2099"
    original: str = "English"  # "Original: English"; "" to leave the line out
    job: str = "99-12345 (E) 011099"  # its first word is the barcode and the later pages' footer
    session: str = "Ninety-ninth session"
    agenda: list[str] = field(default_factory=lambda: ["Agenda item 12"])  # committee, agenda item, its title
    preface: list[str] = field(default_factory=list)  # "Resolution adopted by …", "Xland: draft resolution"
    number: str = ""  # "99/17." printed left of the title
    short_title: str = ""  # running header on later pages; the title when empty

    @property
    def barcode(self) -> str:
        return "*" + self.job.split()[0].replace("-", "") + "*"


@dataclass
class Rendered:
    """A made PDF and where things fell: pages, paragraphs cut by a page break, each note's page."""

    pdf: bytes
    pages: int
    split: list[int]  # indexes into doc.blocks of paragraphs that run over a page break
    note_pages: dict[str, int]  # note label → page number (1-based)
    lines: list[list[tuple[int, str]]]  # per page: (block index, the line's text in the inline markup)
    page_notes: list[list[str]]  # per page: the labels of the notes at its foot
    note_lines: dict[str, list[str]]  # note label → its lines in the inline markup (label not included)


def plain(text: str) -> str:
    """The words of marked-up text as a reader sees them: no `*`, no `^4` markers, one line."""
    text = re.sub(r"\^\w+", "", text).replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


def markers(text: str) -> list[str]:
    """The note labels a marked-up text cites, in order."""
    return re.findall(r"\^(\w+)", text)


# --- inline layout ---------------------------------------------------------------------------

Run = tuple[str, str]  # (text, style): style "" regular, "I" italic, "B" bold, "sup" note marker
Word = list[Run]
BREAK: Word = []  # a forced line break


def _words(text: str, base: str = "") -> list[Word]:
    """Marked-up text as words (runs of styled text between spaces) and forced breaks."""
    out: list[Word] = []
    word: Word = []
    italic = False
    i = 0

    def add(s: str, style: str) -> None:
        if word and word[-1][1] == style:
            word[-1] = (word[-1][0] + s, style)
        else:
            word.append((s, style))

    def end_word() -> None:
        nonlocal word
        if word:
            out.append(word)
        word = []

    while i < len(text):
        c = text[i]
        if c == "*":
            italic = not italic
        elif c == "^":
            m = re.match(r"\^(\w+)", text[i:])
            if not m:
                raise ValueError(f"'^' without a note label in {text!r}")
            add(m.group(1), "sup")
            i += m.end() - 1
        elif c == "\n":
            end_word()
            out.append(BREAK)
        elif c == " ":
            end_word()
        else:
            add(c, "I" if italic else base)
        i += 1
    end_word()
    return out


@dataclass
class _Line:
    runs: list[tuple[float, str, str, float]]  # (x, text, style, size)
    notes: list[str]
    gap: float  # extra space before this line (first line of a paragraph)
    block: int  # index of the paragraph, -1 for none
    markup: str = ""  # the line's text in the inline markup (label included)


def _markup(words: list[Word]) -> str:
    """Words back in the inline markup, italic runs spanning the spaces between italic words."""
    chunks: list[Run] = []
    for k, word in enumerate(words):
        if k:
            chunks.append((" ", "I" if chunks[-1][1] == "I" and word[0][1] == "I" else ""))
        chunks.extend(word)
    out = []
    for s, st in chunks:
        out.append(f"^{s}" if st == "sup" else f"*{s}*" if st == "I" else s)
    return re.sub(r"\*\*", "", "".join(out))


class _Maker:
    def __init__(self, doc: UNDoc) -> None:
        self.doc = doc
        self.pdf = FPDF(orientation="P", unit="pt", format="letter")
        self.pdf.set_creation_date(FIXED_DATE)
        self.pdf.set_producer("tests/pdfmaker.py")
        self.pdf.set_creator("tests/pdfmaker.py")
        self.pdf.set_title(doc.symbol)
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(LEFT, 36, PAGE_W - LEFT - WIDTH)

    # measuring and drawing

    def font(self, style: str, size: float) -> None:
        self.pdf.set_font("Times", "" if style == "sup" else style, size)

    def width(self, s: str, style: str, size: float) -> float:
        self.font(style, size)
        try:
            return self.pdf.get_string_width(s)
        except Exception as exc:  # fpdf2 raises on characters outside the core font's encoding
            raise ValueError(f"text not drawable in a core font (Latin-1 only): {s!r}") from exc

    def text(self, x: float, y: float, s: str, style: str = "", size: float = BODY_SIZE) -> None:
        bad = [c for c in s if ord(c) > 255]
        if bad:
            raise ValueError(f"character {bad[0]!r} is outside Latin-1, which core fonts cannot draw: {s!r}")
        self.font(style, size)
        self.pdf.text(x, y, s)

    def word_width(self, word: Word, size: float) -> float:
        return sum(self.width(s, st, MARK_SIZE * size / BODY_SIZE if st == "sup" else size) for s, st in word)

    def wrap(
        self, words: list[Word], first_x: float, rest_x: float, right: float, size: float, block: int, gap: float
    ) -> list[_Line]:
        """Left-aligned lines of `words`, the first starting at first_x, the others at rest_x."""
        space = self.width(" ", "", size)
        lines: list[_Line] = []
        x0 = first_x
        current: list[Word] = []
        cur_w = 0.0

        def flush() -> None:
            nonlocal current, cur_w, x0
            runs, notes, x = [], [], x0
            for k, word in enumerate(current):
                if k:  # a real space glyph, as word processors write, so extractors see the gap
                    runs.append((x, " ", "", size))
                    x += space
                for s, st in word:
                    sz = MARK_SIZE * size / BODY_SIZE if st == "sup" else size
                    runs.append((x, s, st, sz))
                    if st == "sup":
                        notes.append(s)
                    x += self.width(s, st, sz)
            lines.append(_Line(runs, notes, gap if not lines else 0.0, block, _markup(current)))
            current, cur_w, x0 = [], 0.0, rest_x

        for word in words:
            if word is BREAK:
                flush()
                continue
            w = self.word_width(word, size)
            extra = w + (space if current else 0.0)
            if current and x0 + cur_w + extra > right:
                flush()
                extra = w
            current.append(word)
            cur_w += extra
        if current or not lines:
            flush()
        return lines

    def paragraph_lines(self, index: int, para: Para) -> list[_Line]:
        right = LEFT + WIDTH
        words = _words(para.text)
        if para.kind == "center":
            w = sum(self.word_width(wd, BODY_SIZE) for wd in words if wd) + self.width(" ", "", BODY_SIZE) * (
                len(words) - 1
            )
            x = LEFT + (WIDTH - w) / 2
            return self.wrap(words, x, x, right, BODY_SIZE, index, GAP)
        label_x = {"operative": LEFT + INDENT, "sub": LEFT + 2 * INDENT, "subsub": LEFT + 3 * INDENT}
        if para.label:
            lx = label_x.get(para.kind, LEFT + INDENT)
            lines = self.wrap(words, lx + 2 * INDENT - INDENT, LEFT, right, BODY_SIZE, index, GAP)
            lines[0].runs.insert(0, (lx, para.label, "", BODY_SIZE))
            lines[0].markup = f"{para.label} {lines[0].markup}"
            return lines
        return self.wrap(words, LEFT + INDENT, LEFT, right, BODY_SIZE, index, GAP)

    def note_lines(self, label: str) -> list[_Line]:
        text = self.doc.notes.get(label)
        if text is None:
            raise ValueError(f"marker ^{label} has no note in doc.notes")
        lines = self.wrap(_words(text), LEFT, LEFT, LEFT + WIDTH, NOTE_SIZE, -1, 0.0)
        w = self.width(label, "sup", MARK_SIZE)
        lines[0].runs.insert(0, (LEFT - 2 - w, label, "sup", MARK_SIZE))
        return lines

    # pages

    def masthead(self) -> float:
        """Page 1's masthead; returns the baseline above the first body line."""
        d, pdf = self.doc, self.pdf
        symbol = d.symbol + ("*" if d.reissued else "")
        pdf.set_line_width(1.5)
        pdf.line(LEFT, 36, LEFT + WIDTH, 36)
        self.text(LEFT, 60, "United Nations", "B", 14)
        self.text(LEFT + WIDTH - self.width(symbol, "B", 16), 60, symbol, "B", 16)
        pdf.set_line_width(0.5)
        pdf.line(LEFT, 68, LEFT + WIDTH, 68)
        self.text(LEFT, 92, d.body, "B", 17)
        right_col = 396.0
        y = 86.0
        for line in (f"Distr.: {d.distribution}", d.date, f"Original: {d.original}" if d.original else ""):
            if line:
                self.text(right_col, y, line)
                y += 11.5
        pdf.set_line_width(1.5)
        pdf.line(LEFT, max(y, 110), LEFT + WIDTH, max(y, 110))
        y = max(y, 110) + 24
        for line in [d.session, *d.agenda]:
            self.text(LEFT, y, line)
            y += LEADING
        y += 14
        for line in d.preface:
            for ln in self.wrap(_words(line), LEFT + 2 * INDENT, LEFT + 2 * INDENT, LEFT + WIDTH, BODY_SIZE, -1, 0):
                self.draw(ln, y)
                y += LEADING
            y += 4
        y += 10
        if d.number:
            self.text(LEFT, y, d.number, "B", 12)
        title_x = LEFT + 2 * INDENT if d.number else LEFT
        for ln in self.wrap(_words(d.title, "B"), title_x, title_x, LEFT + WIDTH, 12, -1, 0):
            for x, s, _st, _sz in ln.runs:
                self.text(x, y, s, "B", 12)
            y += 14
        # page 1 foot: job number and barcode
        self.text(LEFT - 12, 752, d.job, "", 8)
        self.text(LEFT - 12, 766, d.barcode, "", 12)
        return y + 4

    def running(self, page: int, total: int) -> None:
        """Header (symbol in bold, title) and footer (page "2/3" in bold, job number) of a later page.

        Even pages have the symbol and the page number on the left, odd pages on the right.
        """
        d = self.doc
        title, job, number = d.short_title or d.title, d.job.split()[0], f"{page}/{total}"
        symbol, page_no = (d.symbol, "B", 9), (number, "B", 8)
        header = [symbol, (title, "", 8)]
        footer = [page_no, (job, "", 8)]
        if page % 2:
            header.reverse()
            footer.reverse()
        for (left, right), y, inset in ((header, 56, 0.0), (footer, 756, 12.0)):
            self.text(LEFT - inset, y, *left)
            self.text(LEFT + WIDTH + inset - self.width(*right), y, *right)

    def draw(self, line: _Line, y: float) -> None:
        """One line as one text object, markers raised with `Ts`, as word processors write them."""
        from fpdf.enums import PDFResourceType

        ops = ["BT"]
        natural = None
        for x, s, st, sz in line.runs:
            bad = [c for c in s if ord(c) > 255]
            if bad:
                raise ValueError(f"character {bad[0]!r} is outside Latin-1, which core fonts cannot draw: {s!r}")
            self.font(st, sz)
            font = self.pdf.current_font
            self.pdf._resource_catalog.add(PDFResourceType.FONT, font.i, self.pdf.page)
            if natural is None or abs(natural - x) > 0.01:
                ops.append(f"1 0 0 1 {x:.2f} {PAGE_H - y:.2f} Tm")
            rise = MARK_RISE * sz / MARK_SIZE if st == "sup" else 0.0
            escaped = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"/F{font.i} {sz:.2f} Tf {rise:.2f} Ts ({escaped}) Tj")
            natural = x + self.width(s, st, sz)
        ops.append("ET")
        self.pdf._out(" ".join(ops))

    def notes_height(self, labels: list[str]) -> float:
        if not labels:
            return 0.0
        return 22 + sum(len(self.note_lines(lb)) * NOTE_LEADING for lb in labels)

    def render(self) -> Rendered:
        body = [ln for i, p in enumerate(self.doc.blocks) for ln in self.paragraph_lines(i, p)]
        # paginate: first pass finds which lines go on which page; the masthead is drawn first
        # so page 1's first baseline is known.
        self.pdf.add_page()
        top1 = self.masthead()
        pages: list[list[tuple[_Line, float]]] = [[]]
        # The reissue's star marks the symbol; its note ("Reissued for technical reasons …") opens page 1's notes.
        page_notes: list[list[str]] = [["*"] if self.doc.reissued and "*" in self.doc.notes else []]
        y = top1
        for line in body:
            gap = line.gap if pages[-1] else 0.0
            new_notes = [n for n in line.notes if n not in page_notes[-1]]
            needed = y + gap + LEADING + self.notes_height(page_notes[-1] + new_notes)
            if pages[-1] and needed > BOTTOM:
                pages.append([])
                page_notes.append([])
                y, gap = TOP_LATER - LEADING, 0.0
            y += gap + LEADING
            pages[-1].append((line, y))
            page_notes[-1].extend(n for n in line.notes if n not in page_notes[-1])
        total = len(pages)
        note_pages: dict[str, int] = {}
        for number, (lines, labels) in enumerate(zip(pages, page_notes, strict=True), start=1):
            if number > 1:
                self.pdf.add_page()
                self.running(number, total)
            for line, baseline in lines:
                self.draw(line, baseline)
            if labels:
                note_y = BOTTOM - self.notes_height(labels) + 14
                self.text(LEFT - 24, note_y, RULE)
                note_y += 8
                for label in labels:
                    note_pages[label] = number
                    for ln in self.note_lines(label):
                        note_y += NOTE_LEADING
                        self.draw(ln, note_y)
        first_page: dict[int, int] = {}
        split = set()
        for number, lines in enumerate(pages, start=1):
            for line, _ in lines:
                if line.block in first_page and first_page[line.block] != number:
                    split.add(line.block)
                first_page.setdefault(line.block, number)
        unused = set(self.doc.notes) - set(note_pages)
        if unused:
            raise ValueError(f"notes never cited by a marker: {sorted(unused)}")
        text = [[(line.block, line.markup) for line, _ in lines] for lines in pages]
        wrapped = {label: [ln.markup for ln in self.note_lines(label)] for label in self.doc.notes}
        return Rendered(bytes(self.pdf.output()), total, sorted(split), note_pages, text, page_notes, wrapped)


def render(doc: UNDoc) -> Rendered:
    """Lay out and draw `doc`; the PDF bytes with where paragraphs and notes fell."""
    return _Maker(doc).render()


def write_pdf(doc: UNDoc, path: Path) -> Rendered:
    """Write `doc` as a PDF at `path`; returns the same facts as `render`."""
    made = render(doc)
    Path(path).write_bytes(made.pdf)
    return made
