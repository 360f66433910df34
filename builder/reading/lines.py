"""Line clean-up rules: characters that are not text.

Guarantees to the next stage: no control or private-use characters (so the
builder's own tokens cannot be forged by a source), no soft hyphens, tabs
turned into spaces, no trailing white space; a hyphen pdfium marked as ending
a line is a hyphen, and so is one pdftotext dropped inside a compound the
document prints with it elsewhere; no space before a hyphen that joins two
words (`sub -item`); a notes rule stands on a line of its own.
"""

from __future__ import annotations

import re

from builder.reading.state import Line, ReadState, Ruler

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u00ad\ue000-\uf8ff\ufeff\u200b]")


# pdfium's marks for a hyphen that ended a printed line (the PDF front end reads them too).
PDFIUM_HYPHENS = {"\x02": "-", "\ufffe": "-"}
_PDFIUM_HYPHENS = str.maketrans(PDFIUM_HYPHENS)


def pdfium_hyphens(state: ReadState) -> None:
    """pdfium writes a hyphen that ended a printed line as U+0002 (or U+FFFE) and joins the line to the
    next (`the Secretary\x02General to`, pypdfium2's text): the hyphen was printed, and it is kept, as
    the PDF front end keeps it (`builder.reading.pdf.extract`). Dropped as a control character, it
    glued the words (`SecretaryGeneral`, `capacitybuilding`)."""
    for line in state.lines:
        if any(mark in line.text for mark in PDFIUM_HYPHENS):
            line.text = line.text.translate(_PDFIUM_HYPHENS)


def strip_controls(state: ReadState) -> None:
    """Drop control characters, zero-width marks and private-use code points."""
    for line in state.lines:
        # `isprintable` (one pass in C) is true of most lines and of none holding such a character
        if not line.text.isprintable() and _CONTROL.search(line.text):
            line.text = _CONTROL.sub("", line.text)


def tabs_to_spaces(state: ReadState) -> None:
    for line in state.lines:
        if "\t" in line.text:
            line.text = line.text.replace("\t", " ")


def trailing_space(state: ReadState) -> None:
    for line in state.lines:
        line.text = line.text.rstrip()


def _compounds(text: str) -> dict[str, str]:
    """Each hyphenated compound of `text` whose second part is capitalised (`Secretary-General`), keyed
    by its halves joined (`SecretaryGeneral`). Looked for from each hyphen, not by a pattern over every
    word: a regular expression scanning a whole document costs more than the rest of this stage."""
    found: dict[str, str] = {}
    at = text.find("-")
    while at > 0:
        if at + 1 < len(text) and text[at + 1].isupper() and text[at - 1].isalpha():
            start, end = at - 1, at + 1
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            while end < len(text) and text[end].isalpha():
                end += 1
            compound = text[start:end]
            found[compound.replace("-", "")] = compound
        at = text.find("-", at + 1)
    return found


def dropped_hyphens(state: ReadState) -> None:
    """pdftotext joins a word it finds broken at a line's end and drops the hyphen, also where the hyphen
    was the compound's own (`Secretary-` / `General` → `SecretaryGeneral`, `South-South`, `Counter-
    Terrorism`). Where the document prints the compound with its hyphen elsewhere, the hyphen goes back;
    a name printed in one piece (`SaferGuard`, `iGov`) has no such twin and stays."""
    text = "\n".join(line.text for line in state.lines)
    joined = {k: v for k, v in _compounds(text).items() if k in text}
    if not joined:
        return
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(joined, key=len, reverse=True))) + r")\b")
    for line in state.lines:
        line.text = pattern.sub(lambda m: joined[m.group(0)], line.text)


# A hyphen joined to the next word only, a space before it: a word, or a code before a number (`COVID -19`);
# not the suspended hyphen after a conjunction (`country-owned and -driven`). An en dash so between numbers.
_SPACED_HYPHEN = re.compile(
    r"(?<!\w)(?!(?:and|or|nor) )(?:([^\W\d_]+) -(?=[^\W\d_]|$)|([A-Z]+) -(?=\d)|(\d+) –(?=\d))"
)


def spaced_hyphens(state: ReadState) -> None:
    """pdftotext sets a space where the text before a hyphen ends its piece of the page (`the Secretary
    -General`, `sub -item`, `follow -up`, `COVID -19`, `2018 –2028`), and pypdf before a hyphen that ends
    a line (`the Secretary -` / `General`): the words are printed joined."""
    for line in state.lines:
        if " -" in line.text or " –" in line.text:
            line.text = _SPACED_HYPHEN.sub(_joined, line.text)


def _joined(m: re.Match[str]) -> str:
    word, code, number = m.groups()
    return word + "-" if word else code + "-" if code else number + "–"


_GLUED_RULE = re.compile(r"^(.*[^\W\d_])(_{10,})$")


def glued_rules(state: ReadState) -> None:
    """pdftotext joins a word that a hyphen ended at the foot of a page's text to the notes rule
    below it, dropping the hyphen as it does when it joins a word's halves (`… of the
    Non-Self_______________`, `… requests the Secretary_______________`): the line, its hyphen
    back, then the rule on a line of its own."""
    if not any("__________" in line.text for line in state.lines):
        return
    out: list[Line] = []
    for line in state.lines:
        m = _GLUED_RULE.match(line.text) if line.text.endswith("__________") else None
        if m:
            out += [Line(m.group(1) + "-", line.number), Line(m.group(2), line.number)]
        else:
            out.append(line)
    state.lines = out


LINE_RULES = Ruler(
    "lines",
    [
        ("pdfium_hyphens", pdfium_hyphens),
        ("strip_controls", strip_controls),
        ("tabs_to_spaces", tabs_to_spaces),
        ("trailing_space", trailing_space),
        ("spaced_hyphens", spaced_hyphens),  # first: a compound so printed tells `dropped_hyphens` of itself
        ("dropped_hyphens", dropped_hyphens),
        ("glued_rules", glued_rules),
    ],
)
