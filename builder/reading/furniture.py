"""Page furniture rules: what the printed page adds that the document does not say.

Guarantees to the next stage: no job numbers (`06-57590`, `0657590`,
`23-25272 (E) 211223`, a reissue's `25-16788 (E) 281025 031125`), barcodes (`*2325272*`), page numbers (`2/18`,
`2 06-57590`), running headers (the symbol and title repeated around a page
number) or contents tables remain; and no line of the text goes with them: a
page number's shape between two lines of a sentence (`73/89`) and lines of
the title's words running on, with no blank line, into the text are the
text's (tests/test_stages.py holds every corpus text to it). Where a page's
furniture was, a single `BREAK` line stands, so the joining stage knows a
page ended there. Every line taken out is recorded in `state.furniture` (the
conservation check's only allowed deletions besides notes moving to the end).
"""

from __future__ import annotations

import re

from builder.reading.markup import HEADING_HASHES
from builder.reading.patterns import DATE, ENDS_CLAUSE, FORMULA, SYMBOL
from builder.reading.state import Line, ReadState, Ruler

BREAK = "\ue010"

_JOB = re.compile(r"(?:\d{1,3}\s+)?\d{2}-?\d{5}\*?(?:\s*\(E\))?(?:\s+\d{6}){0,2}(?:\s+\d{1,3})?")
_PAGE = re.compile(r"\d{1,3}\s*/\s*\d{1,3}")
_BARCODE = re.compile(r"\*\d{7,8}\*")
_STAMP = re.compile(r"\d{6}")  # the job number's date stamp (`100925`), on a line of its own in some extractions
_PAGE_AND_JOB = re.compile(rf"(?:{_PAGE.pattern})\s+(?:{_JOB.pattern})|(?:{_JOB.pattern})\s+(?:{_PAGE.pattern})")
_JOB_AND_BARCODE = re.compile(rf"(?:{_JOB.pattern})\s+(?:{_BARCODE.pattern})")  # a converter's one line for both
# A converter's emphasis delimiters (`**2/52**`, `**A/80/L.17**`, the barcode's `**_*2519369*_**`): the page
# rules read each line without them. Single stars stay (a barcode is `*2519369*`, a lone star a note marker),
# and so does a notes rule (`____`).
_EMPHASIS_MARKUP = re.compile(
    r"\*\*|(?<!_)__(?!_)|(?<!\w)_(?=[^\s_])|(?<=[^\s_])_(?!\w)|</?(?:b|i|em|strong)>", re.IGNORECASE
)
_WORD = re.compile(r"\w+")
_DATE_LINE = re.compile(DATE)
_ENDS_SENTENCE = re.compile(r"[.;:][”\"’)]?$|[”\"’][.;:]$")  # a wrapped title may end in a comma
_RUNNING_SYMBOL = re.compile(rf"(?:^|\s){SYMBOL}(?:\s|$)")  # `A/RES/78/330`, not `Date/time`
_LONE_SYMBOL = re.compile(SYMBOL)
_SYMBOL_EDGE = re.compile(r"^\S*/\S+(?=\s)|(?<=\s)\S*/\S+$")
_BODY_START = re.compile(rf"^\W{{0,2}}(?:{FORMULA}|\d{{1,3}}\.(?:\s|$)|Contents$|Annex\b)")
_CONTENTS = re.compile(r"^\s*Contents\s*$")
_CONTENTS_HEAD = re.compile(r"^\s*(<i>)?Paragraphs(</i>)?\s+(<i>)?Page(</i>)?\s*$")
_CONTENTS_ROW = re.compile(r"(\S.*\s)?(\d{1,3}(\s*[-–]\s*\d{1,3})?\s+)?\d{1,3}$")
_NOTE_START = re.compile(r"^\s*(\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|<sup>)")


_ANCHOR_START = re.compile(r"[\d*]")  # every anchor form opens with a digit or a barcode's star


def _is_anchor(text: str) -> bool:
    """A line only printed pages have: page number, job number (or its date stamp), barcode, page and job number."""
    t = text.strip()
    return bool(
        _ANCHOR_START.match(t)
        and (
            _PAGE.fullmatch(t)
            or _JOB.fullmatch(t)
            or _BARCODE.fullmatch(t)
            or _PAGE_AND_JOB.fullmatch(t)
            or _JOB_AND_BARCODE.fullmatch(t)
            or _STAMP.fullmatch(t)
        )
    )


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _bare(text: str) -> str:
    """The line as the page prints it: stripped, without a converter's heading hashes and emphasis delimiters."""
    text = text.strip()
    if text.startswith("#"):
        text = HEADING_HASHES.sub("", text)
    return _EMPHASIS_MARKUP.sub("", text).strip() if "_" in text or "*" in text or "<" in text else text


def _masthead_end(texts: list[str]) -> int:
    for i, text in enumerate(texts):
        if _BODY_START.match(text):
            return i
    return min(len(texts), 60)


def _contains_run(haystack: str, needle: list[str]) -> bool:
    return f" {' '.join(needle)} " in haystack


def page_furniture(state: ReadState) -> None:
    """Remove clusters of page furniture around each page or job number.

    A cluster grows from an anchor line over blank lines, other anchors and
    running-header lines: a line repeating two or more consecutive words of
    the masthead (the symbol, the title) after the masthead has ended.
    """
    lines = state.lines
    texts = [_bare(ln.text) for ln in lines]
    end = _masthead_end(texts)
    masthead_words = " " + " ".join(w for text in texts[:end] for w in _words(text)) + " "
    masthead_text = " ".join(" ".join(text.split()) for text in texts[:end])

    def is_header_line(i: int) -> bool:
        text = texts[i]
        if i <= end or _BODY_START.match(text):
            return False  # the enacting formula repeats the masthead's body, but it is text
        words = _words(text)
        if not words or _ENDS_SENTENCE.search(text) or _DATE_LINE.fullmatch(text):
            return False  # a running header never ends a sentence, nor is it a date (`51st plenary meeting` / date)
        if len(words) > 16:  # a long title a converter set on one line (pymupdf4llm), word for word the masthead's
            return _contains_run(masthead_words, words)
        if len(words) < 2 and not re.search(r"/", text):
            return False
        if text[-1] in ",;" and " ".join(text.split()) not in masthead_text:
            return False  # a paragraph's last line (`the right to food,` above the symbol), not the title's
        if _contains_run(masthead_words, words):
            return True
        # The symbol and the short title side by side: `A/RES/99/17 Deep-sea observation data`.
        symbol = _SYMBOL_EDGE.search(text)
        if symbol is None or not _contains_run(masthead_words, _words(symbol.group(0))):
            return False
        rest = _words(text[: symbol.start()] + " " + text[symbol.end() :])
        return len(rest) >= 2 and _contains_run(masthead_words, rest)

    def repeats_title(i: int) -> bool:
        text = texts[i]
        words = _words(text)
        return i > end and bool(words) and len(words) <= 16 and _contains_run(masthead_words, words)

    def is_title_line(i: int) -> bool:
        """A line of the running title that `is_header_line` refuses — one word (`Multilingualism`,
        `tuberculosis`), ending in a colon (`… Sustainable Development Goal 6:`) or opening like an
        enacting formula (`The Wiphala for living well in harmony, balance and`, A/RES/79/315 line 65) —
        where the run of title lines it stands in (a single blank line between them at most) holds the
        header's symbol line."""
        text = texts[i]
        if not (text.endswith(":") or " " not in text or _BODY_START.match(text)) or not repeats_title(i):
            return False  # only the refusals this rule is about
        if " " not in text and (text not in masthead_text or not text[:1].isalpha()):
            return False  # one word, but not as the masthead prints it: a paragraph's last (`protection,`), a number
        for step in (-1, 1):
            k = i + step
            while 0 <= k < len(lines) and (repeats_title(k) or lone_blank(k, step)):
                if _RUNNING_SYMBOL.search(texts[k]) and is_header_line(k):
                    return True
                k += step
        return False

    def lone_blank(k: int, step: int) -> bool:
        """A blank line with text on its far side: pdftotext sets one between the running symbol and title."""
        far = k + step
        return not texts[k] and 0 <= far < len(lines) and bool(texts[far])

    def is_running(i: int) -> bool:
        text = texts[i]
        return not text or _is_anchor(text) or is_header_line(i) or is_title_line(i)

    def ends_text(j: int) -> bool:
        """Lines of the title's words running on, no blank between, into a line of the text
        (`… implement the Convention on the` / `Prohibition of the Use, …`, A/C.1/80/L.30 line 62): the
        text quoting the title, not the running header. Lines that run on into the symbol's line are
        the header's, whatever stands on their other side (an extractor that prints no blank line
        around the header: `… to conserve` / `2028 United Nations Conference …` / `… A/RES/80/108`)."""
        text = False
        for step in (-1, 1):
            k = j
            while 0 <= k < len(lines) and texts[k]:
                if _RUNNING_SYMBOL.search(texts[k]):
                    return False
                if not is_running(k):
                    text = True
                    break
                k += step
        return text

    def in_sentence(i: int) -> bool:
        """A page number's shape with the text's own lines right above and below (`its resolution` /
        `73/89` / `of 6 December 2018`, one word a line in A/RES/80/72): a resolution's number."""
        return (
            bool(_PAGE.fullmatch(texts[i]))
            and 0 < i < len(lines) - 1
            and all(texts[k] and not is_running(k) for k in (i - 1, i + 1))
        )

    def lone_symbol(i: int) -> bool:
        """The document's own symbol alone on a line after the masthead: the running header, wherever the
        extractor printed it (pdfminer.six, mid-page: `… scientific information,` / `A/80/L.17` / `Welcoming`)."""
        text = texts[i]
        if i <= end or not _LONE_SYMBOL.fullmatch(text) or not _contains_run(masthead_words, _words(text)):
            return False
        above = next((t for t in reversed(texts[max(0, i - 3) : i]) if t), "")
        return bool(ENDS_CLAUSE.search(above))  # between paragraphs, not a table's cell (`Issued` / the symbol)

    remove: set[int] = set()
    for i in range(len(lines)):
        if i in remove or not (_is_anchor(texts[i]) or lone_symbol(i)) or in_sentence(i):
            continue
        cluster = {i}
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and is_running(j) and (_is_anchor(texts[j]) or not ends_text(j)):
                cluster.add(j)
                j += step
        remove |= cluster
    _replace_with_breaks(state, remove)


def _replace_with_breaks(state: ReadState, remove: set[int]) -> None:
    out: list[Line] = []
    previous_removed = False
    for i, line in enumerate(state.lines):
        if i in remove:
            if line.text.strip():
                state.furniture.append(Line(line.text, line.number))
            if not previous_removed:
                out.append(Line("", line.number))
                out.append(Line(BREAK, line.number))
                out.append(Line("", line.number))
            previous_removed = True
        else:
            out.append(line)
            previous_removed = False
    state.lines = out


def contents_table(state: ReadState) -> None:
    """Remove a "Contents" table (the site makes its own table of contents).

    Rows end in paragraph and page numbers; an entry wrapped over two lines is
    a row too. Notes printed at the foot of a contents page are kept.
    """
    lines = state.lines
    start = next((i for i, ln in enumerate(lines) if _CONTENTS.match(ln.text)), None)
    if start is None:
        return

    def entry_end(k: int) -> int | None:
        """The row line that closes an entry starting at k (an entry wraps over up to 4 lines)."""
        for j in range(k, min(k + 4, len(lines))):
            text = lines[j].text
            if not text.strip() or text == BREAK or _NOTE_START.match(text):
                return None
            if _CONTENTS_HEAD.match(text) or _CONTENTS_ROW.match(text):
                return j
        return None

    remove = {start}
    i = start + 1
    in_note = False
    while i < len(lines):
        text = lines[i].text
        if not text.strip() or text == BREAK:
            in_note = False
            i += 1
            continue
        if in_note or _NOTE_START.match(text):
            in_note = True
            i += 1
            continue
        end = entry_end(i)
        if end is None or (end > i and _BODY_START.match(text)):
            break
        remove.update(range(i, end + 1))
        i = end + 1
    for k in sorted(remove):
        state.furniture.append(Line(lines[k].text, lines[k].number))
    state.lines = [ln for k, ln in enumerate(lines) if k not in remove]


FURNITURE_RULES = Ruler(
    "furniture",
    [
        ("page_furniture", page_furniture),
        ("contents_table", contents_table),
    ],
)
