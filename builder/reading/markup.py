"""Rules for text that passed through a Markdown or HTML converter.

Guarantees to the next stage: no Markdown heading hashes, block quotes, or list
dashes before paragraph numbers or note labels; a division the converter set as
a heading on its own line, its title on the next (`Chapter I` / `General
provisions`); dead links (`[72/1](#)`) reduced to their text; a converter's
comments, highlights and `<br>` gone, a table's rows read as lines of text, a
bold notes rule a rule; `<i>`/`<b>` and `*italic*`/`**bold**` emphasis turned
into emphasis tokens, with no space between them and the punctuation after;
backslash escapes (`\\_`) resolved. Any other markup a source contains (a live
Markdown link, an HTML tag) is left as literal text: it is shown, never
interpreted.
"""

from __future__ import annotations

import re

import yaml

from builder.errors import InputError, Place
from builder.reading.patterns import NAMED_DIVISION, RULE
from builder.reading.state import (
    EM_CLOSE,
    EM_OPEN,
    STRONG_CLOSE,
    STRONG_OPEN,
    Line,
    ReadState,
    Ruler,
)
from builder.sources import apply_metadata

_FRONT_MATTER_END = {"---", "..."}
_FRONT_MATTER_MAX = 200


def front_matter(state: ReadState) -> None:
    """A Markdown file's YAML front matter (`---` … `---` on top) is metadata, not text.

    Its keys are those of the metadata file, which still wins. The lines are
    blanked, not removed, so later diagnostics keep the file's line numbers.
    """
    lines = state.lines
    first = next((i for i, ln in enumerate(lines) if ln.text.strip()), None)
    if first is None or lines[first].text.strip() != "---":
        return
    end = next(
        (
            i
            for i in range(first + 1, min(len(lines), first + _FRONT_MATTER_MAX))
            if lines[i].text.strip() in _FRONT_MATTER_END
        ),
        None,
    )
    if end is None:
        return
    source = state.meta.source
    try:
        data = yaml.safe_load("\n".join(ln.text for ln in lines[first + 1 : end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = lines[first + 1 + mark.line].number if mark else lines[first].number
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise InputError(Place(source, line), f"the front matter is not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        return  # a `---` rule that opens the text, not front matter
    apply_metadata(state.meta, data, Place(source, lines[first].number), state.diagnostics)
    for line in lines[first : end + 1]:
        line.text = ""


HEADING_HASHES = re.compile(r"^#{1,6}\s+")
_WRAPPED = re.compile(r"^(\*\*|__|\*|_)(.+)\1$")  # a line emphasised as a whole: `**Chapter I …**`, `_Article 1 …_`
_DIVISION = rf"Annex(?: [IVXLC]{{1,6}})?|{NAMED_DIVISION}|[IVXLC]{{1,6}}\.|[A-H]\."
_DIVISION_AND_TITLE = re.compile(  # a section's number alone needs no stop: `**I**`
    rf"^(?:(?P<division>{_DIVISION})(?:\s+(?P<title>[A-Z“\"(].*))?|(?P<number>[IVXLC]{{1,6}}|[A-H]))$"
)
# A bullet before a paragraph's number or letter, or before a note's label (`- 1  Resolution 60/1.`, `- * On …`).
_LIST_DASH = re.compile(r"^\s*[-+•]\s+(?=[“\"]?(\d{1,3}\.|\([a-zivx]{1,5}\))(\s|$)|\d{1,3}\s+\D|\*{1,3}\s)")
_BLOCK_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_DEAD_LINK = re.compile(r"\[([^\[\]\n]+)\]\(\s*#?\s*\)")
_HTML_EMPHASIS = re.compile(r"<(i|em|b|strong)>(.*?)</\1>", re.IGNORECASE)
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_MARK = re.compile(r"</?mark>", re.IGNORECASE)
_EMPHASISED_RULE = re.compile(r"^\s*(?:[-•]\s+)?(?:\*\*|__)?(_{5,})(?:\*\*|__)?(?:\s+(\S.*))?$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_ESCAPED_ENUMERATOR = re.compile(r"^(\s*[“\"]?\d{1,3})\\\.")
_UNDERSCORE_STRONG = re.compile(r"(?<![\w\\])__(?=\S)(.+?)(?<=[^\s\\])__(?!\w)", re.DOTALL)
_UNDERSCORE_EM = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s\\_])_(?!\w)", re.DOTALL)
_STRONG = re.compile(r"(?<![\w*\\])\*\*(?=\S)(.+?)(?<=[^\s\\])\*\*(?![\w*])", re.DOTALL)
_EM = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s\\*])\*(?![\w*])", re.DOTALL)
# A space a converter set between emphasis and the punctuation next to it (`_The General Assembly_ ,`,
# `( _continued_ )`): no such space is printed.
_SPACE_AFTER_EMPHASIS = re.compile(f"(?<=[{EM_CLOSE}{STRONG_CLOSE}]) +(?=[,;:.)\\]])")
_SPACE_BEFORE_EMPHASIS = re.compile(f"(?<=[(\\[]) +(?=[{EM_OPEN}{STRONG_OPEN}])")
# A paragraph's stop inside the italics of its verb (`321 _. Reaffirms_`): the number's, printed before them.
_STOP_IN_EMPHASIS = re.compile(f"^(\\d{{1,3}}) ?([{EM_OPEN}{STRONG_OPEN}])\\. *")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>$&])")


def division_headings(state: ReadState) -> None:
    """`#### **Chapter I General provisions**`, `_Article 1 Scope of application_`, `#### **Annex United Nations
    principles …**`, `#### **II. Product safety …**`: a converter sets a division's name or number and its title
    on one heading line; they go on two, as the page prints them (`Chapter I` / `General provisions`), for the
    structure to find, and a division alone (`_Article 3_`) loses its emphasis. Only a line the converter
    marked as a heading (hashes, or emphasis around the whole line) is one."""
    out: list[Line] = []
    for line in state.lines:
        text = line.text.strip()
        if not text or text[0] not in "#*_":
            out.append(line)
            continue
        inner = HEADING_HASHES.sub("", text)
        while m := _WRAPPED.match(inner):
            inner = m.group(2).strip()
        division = _DIVISION_AND_TITLE.match(inner) if inner != text else None
        if division is None:
            out.append(line)
        else:
            out.append(Line(division["division"] or division["number"], line.number))
            if division["title"]:
                out.append(Line(division["title"], line.number))
    state.lines = out


def heading_hashes(state: ReadState) -> None:
    """`## The General Assembly,` → `The General Assembly,` (structure is ours to find)."""
    for line in state.lines:
        line.text = HEADING_HASHES.sub("", line.text)


def list_dashes(state: ReadState) -> None:
    """`- 1. Recognizes` → `1. Recognizes`: a converter's bullet before a number.

    A list item starts a paragraph of its own even when the converter put the
    items on consecutive lines, so a blank line is put before it.
    """
    out: list[Line] = []
    for line in state.lines:
        stripped = _LIST_DASH.sub("", line.text)
        if stripped != line.text:
            out.append(Line("", line.number))
            line.text = stripped
        out.append(line)
    state.lines = out


def block_quotes(state: ReadState) -> None:
    """`> 1 Resolution 60/1.` → `1 Resolution 60/1.`: a converter quotes what it sets apart (notes, mostly);
    the words are the document's and where they go is for the later stages to find."""
    for line in state.lines:
        if ">" in line.text:
            line.text = _BLOCK_QUOTE.sub("", line.text)


def html_leftovers(state: ReadState) -> None:
    """A converter's own HTML around the words: comments (`<!-- Start of picture text -->`), highlighting
    (`<mark>`) and line breaks (`<br>`, a space) go; the words stay where they are."""
    for line in state.lines:
        if "<" in line.text:
            text = _HTML_MARK.sub("", _HTML_COMMENT.sub("", line.text))
            line.text = _HTML_BREAK.sub(" ", text).strip() if "<br" in text.lower() else text


def emphasised_rules(state: ReadState) -> None:
    """`**__________________** 2 A/HRC/25/63.` → the notes rule on a line of its own, then the note: pymupdf4llm
    sets the rule in bold and may run the page's first note on after it."""
    found = {
        i: m
        for i, line in enumerate(state.lines)
        if "_____" in line.text and not RULE.match(line.text) and (m := _EMPHASISED_RULE.match(line.text))
    }
    if not found:
        return  # the usual case: no rule, or rules printed plain
    out: list[Line] = []
    for i, line in enumerate(state.lines):
        m = found.get(i)
        if m is None:
            out.append(line)
            continue
        out.append(Line(m.group(1), line.number))
        if m.group(2):
            out += [Line("", line.number), Line(m.group(2), line.number)]
    state.lines = out


def markdown_tables(state: ReadState) -> None:
    """`|10 a.m.|Item 72|Dialogue …|` → `10 a.m. Item 72 Dialogue …`, a block of its own: a table's row is
    read as the text extractors print it, its cells in order; the `|---|` line under the header goes."""
    if not any("|" in line.text for line in state.lines):
        return
    out: list[Line] = []
    for line in state.lines:
        row = _TABLE_ROW.match(line.text) if "|" in line.text else None
        if row is None:
            out.append(line)
        elif not _TABLE_RULE.match(line.text):
            cells = (cell.strip() for cell in row.group(1).split("|"))
            out += [Line(" ".join(cell for cell in cells if cell), line.number), Line("", line.number)]
    state.lines = out


def escaped_enumerators(state: ReadState) -> None:
    """`5\\. Decides` → `5. Decides`: Markdown writers escape a number that is not a list."""
    for line in state.lines:
        if "\\." in line.text:
            line.text = _ESCAPED_ENUMERATOR.sub(r"\1.", line.text)


def dead_links(state: ReadState) -> None:
    """`[72/1](#)` → `72/1`: keep the text of a link that goes nowhere."""
    for line in state.lines:
        if "](" in line.text:
            line.text = _DEAD_LINK.sub(r"\1", line.text)


def html_emphasis(state: ReadState) -> None:
    """`<i>x</i>`, `<b>x</b>` → emphasis tokens; other tags stay literal text."""

    def swap(m: re.Match[str]) -> str:
        strong = m.group(1).lower() in ("b", "strong")
        return (STRONG_OPEN if strong else EM_OPEN) + m.group(2) + (STRONG_CLOSE if strong else EM_CLOSE)

    for line in state.lines:
        if "<" in line.text:
            line.text = _HTML_EMPHASIS.sub(swap, line.text)


def star_emphasis(state: ReadState) -> None:
    """`**Title**` → strong, `*Recalling*` → em; lone stars stay (they are note markers)."""
    for block in state.blocks:
        if "*" in block.text:
            text = _STRONG.sub(lambda m: STRONG_OPEN + m.group(1) + STRONG_CLOSE, block.text)
            block.text = _EM.sub(lambda m: EM_OPEN + m.group(1) + EM_CLOSE, text)


def underscore_emphasis(state: ReadState) -> None:
    """`__Title__` → strong, `_Recalling_` → em (Markdown's other spelling); `snake_case` stays."""
    for block in state.blocks:
        if "_" in block.text:
            text = _UNDERSCORE_STRONG.sub(lambda m: STRONG_OPEN + m.group(1) + STRONG_CLOSE, block.text)
            block.text = _UNDERSCORE_EM.sub(lambda m: EM_OPEN + m.group(1) + EM_CLOSE, text)


def emphasis_spacing(state: ReadState) -> None:
    """`The General Assembly␣,` → `The General Assembly,`: pymupdf4llm writes each span followed by a space,
    also before the comma or bracket that follows an italic one; and `321 _. Reaffirms_` → `321. _Reaffirms_`,
    the stop it took into the italics given back to the paragraph's number."""
    for block in state.blocks:
        if EM_CLOSE in block.text or STRONG_CLOSE in block.text:
            text = _SPACE_AFTER_EMPHASIS.sub("", block.text)
            text = _SPACE_BEFORE_EMPHASIS.sub("", text)
            block.text = _STOP_IN_EMPHASIS.sub(r"\1. \2", text) if text[:1].isdigit() else text


def unescape(state: ReadState) -> None:
    """`\\_\\_` → `__`: a converter's backslash escapes are not part of the text."""
    for block in state.blocks:
        if "\\" in block.text:
            block.text = _ESCAPE.sub(r"\1", block.text)


LINE_MARKUP_RULES = Ruler(
    "line markup",
    [
        ("division_headings", division_headings),
        ("heading_hashes", heading_hashes),
        ("block_quotes", block_quotes),
        ("emphasised_rules", emphasised_rules),
        ("list_dashes", list_dashes),
        ("escaped_enumerators", escaped_enumerators),
        ("dead_links", dead_links),
        ("html_leftovers", html_leftovers),
        ("markdown_tables", markdown_tables),
        ("html_emphasis", html_emphasis),
    ],
)
