"""Words as text extractors print them: hyphens and spaces they moved, put back.

Run right after the line clean-up (`builder.reading.lines`), on every text front end's lines; the PDF
front end reads the page's own geometry and needs none of this. Guarantees to the next stage: no
space before a hyphen that joins two words (`sub -item`) nor between a compound's halves where
pdftotext joined two lines (`Secretary General`); a hyphen pdftotext dropped inside a compound the
document prints with it elsewhere is back (`SecretaryGeneral`), and in a number English writes with one
wherever it stands (`eightyfirst`); no space inside a word the document
prints whole elsewhere (`su stainable`); a notes rule stands on a line of its own. Every rule weighs
the document's own words and lines, never a list of documents; where pdftotext joined two lines, English
spelling too (`twenty first`, `self determination`: numbers and prefixes English writes with a hyphen).
"""

from __future__ import annotations

import re
from collections import Counter

from builder.reading.lines import text_width
from builder.reading.state import Line, ReadState, Ruler


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


# A hyphenated compound, from its first letter (possessive: a word without a hyphen fails at once).
_HYPHENATED = re.compile(r"(?<![^\W\d_])[^\W\d_]++(?:-[^\W\d_]++)+")
_COMPOUND_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])")  # a word, or a compound's pieces
# A line a tenth longer than the text's width may hold a join: pdftotext's joined lines are that short where
# the second line was a paragraph's last. Other lines as long (tables, a wider first page) are many, but the rule
# asks more of them: a compound's pieces where a line would end, that compound printed elsewhere.
_LONG = 1.1
_REACH = 60  # characters before where a line ends: a word (or a pair) crossing that point starts within


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_COMPOUND_NUMBER = re.compile(rf"({_TENS}) ?(?:{_UNITS})", re.IGNORECASE)


# Prefixes English joins to the next word with a hyphen and never prints as words of their own (`inter`
# is one: `inter alia`); printed before a space, their hyphen was lost.
_PREFIX = re.compile(r"(self|multi|non|anti) [^\W\d_]+", re.IGNORECASE)


def _english_join(printed: str) -> tuple[str, int] | None:
    """What English spells with a hyphen, printed without it: a number from twenty-one to ninety-nine as two
    words or one (`twenty first`, `eightyfirst`), a prefix as a word of its own (`self determination`,
    `multi stakeholder`). The compound it was, and where its hyphen goes."""
    m = _COMPOUND_NUMBER.fullmatch(printed) or _PREFIX.fullmatch(printed)
    if m is None:
        return None
    at = m.end(1)
    return printed[:at] + "-" + printed[at:].lstrip(" "), at


_JOINED_NUMBER = re.compile(rf"\b({_TENS})({_UNITS})\b", re.IGNORECASE)
_TENS_UNIT = re.compile(rf"ty(?:{_UNITS})")  # where one may stand: every ten ends in `ty`


def joined_numbers(state: ReadState) -> None:
    """`eightyfirst`, `twentyseventh` → `eighty-first`, `twenty-seventh`: a number English writes with a hyphen,
    printed in one piece where a converter (pymupdf4llm) joined a line broken at that hyphen. No English word
    is so spelled, so wherever it stands the hyphen was lost."""
    if not _TENS_UNIT.search("\n".join(line.text for line in state.lines)):
        return  # the usual case, found by a scan for a literal (`_JOINED_NUMBER`'s alternatives are slow to try)
    for line in state.lines:
        line.text = _JOINED_NUMBER.sub(r"\1-\2", line.text)


def joined_lines(state: ReadState) -> None:
    """pdftotext joins a line that ended on a compound's hyphen to the next and sets a space for the hyphen
    (`… the report of the Secretary` + `General on the protection …` → one line of twice the width reading
    `Secretary General`, `capacity building`), or drops it (`decisionmaking`, `capacitybuilding`). In a line
    longer than the text's own (their 90th-percentile width), the pair or the glued word nearest that width
    that the document prints elsewhere as one hyphenated compound gets its hyphen back: one join per line. A
    glued word the document also prints in a line nothing was joined to (`cooperation` beside one
    `co-operation`) is a word of its own, and stays. A number from twenty-one to ninety-nine so joined
    (`twenty first`, `eightyfirst`), or a prefix (`self determination`, `multi stakeholder`), is hyphenated
    as English spells it, printed elsewhere or not; where no line was joined, the document's own spelling
    stands (`the twenty second session`)."""
    width = text_width(line.text for line in state.lines)
    long = [line for line in state.lines if len(line.text) > _LONG * width]
    if not long:
        return
    hyphenated = "\n".join(line.text for line in state.lines if "-" in line.text)
    joins: dict[str, tuple[str, int]] = {}  # as pdftotext prints it → the compound, where its hyphen was
    for compound in set(_HYPHENATED.findall(hyphenated)):
        for at in (i for i, char in enumerate(compound) if char == "-"):
            joins.setdefault(compound[:at] + " " + compound[at + 1 :], (compound, at))
            joins.setdefault(compound[:at] + compound[at + 1 :], (compound, at))
    low, high = 0.75 * width, 1.05 * width  # where lines end: a line ending on a long word ends short
    found: list[tuple[Line, int, str, str]] = []  # line, where, what pdftotext printed there, the compound
    for line in long:
        words = []
        for m in _COMPOUND_WORD.finditer(line.text, max(0, int(low) - _REACH)):
            words.append(m)
            if m.start() > high:  # the second word of a pair may start past the line's end
                break
        near = []
        for k, m in enumerate(words):
            printed = [m.group(0)]
            if k + 1 < len(words) and words[k + 1].start() == m.end() + 1 and line.text[m.end()] == " ":
                printed.append(m.group(0) + " " + words[k + 1].group(0))
            for one in printed:
                join = joins.get(one) or _english_join(one)
                if join is not None and low <= m.start() + join[1] <= high:
                    near.append((abs(m.start() + join[1] - width), m.start(), one, join[0]))
        if near:
            _, start, one, compound = min(near)
            found.append((line, start, one, compound))
    plain = None  # the lines nothing was joined to, where a glued word would be a word of its own
    for line, start, one, compound in found:
        if " " not in one:
            plain = plain or "\n".join(line.text for line in state.lines if len(line.text) <= width)
            if _standing(plain, one):
                continue
        line.text = line.text[:start] + compound + line.text[start + len(one) :]


# A hyphen joined to the next word only, a space before it: a word, or a code before a number (`COVID -19`);
# not the suspended hyphen after a conjunction (`country-owned and -driven`). An en dash so between numbers.
_SPACED_HYPHEN = re.compile(r"(?<!\w)(?!(?:and|or|nor) )(?:([^\W\d_]+) -(?=[^\W\d_]|$)|([A-Z]+) -(?=\d)|(\d+) –(?=\d))")


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


# English words of one or two letters: words wherever they stand, however rare in the document (`as set`).
_SHORT_WORDS = frozenset((
    "a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no", "of",
    "on", "or", "so", "to", "up", "us", "we",
))  # fmt: skip
# A word of one or two lower-case letters between spaces, or a piece of a word: one pass, a space first, is fast.
_PIECE = re.compile(r" ([a-z]{1,2})(?=[ ,.;:\n])")
_PAIR = re.compile(r"(?<![\w’'-])([^\W\d_]+) (?=([^\W\d_]+)(?![\w’'-]))")  # each word, the next one ahead
_TWO_LETTERS_SPACED = re.compile(r" [^\W\d_] [^\W\d_](?:\s|$)")
_LETTER_SPACED = re.compile(r"(?<!\S)[^\W\d_](?: [^\W\d_]){2,}(?!\S)")  # `I n v i t e s`: a word, letter-spaced


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what `\w` takes


def _standing(text: str, word: str) -> int:
    """How often `word` stands in `text` as a word of its own, not counting a label in brackets (`(e)`):
    found by its letters (`str.find` is far faster than a pattern with look-arounds), then its neighbours
    looked at."""
    count, at = 0, text.find(word)
    while at >= 0:
        end = at + len(word)
        before, after = text[at - 1] if at else "", text[end] if end < len(text) else ""
        if not (_word_char(before) or _word_char(after) or (before == "(" and after == ")")):
            count += 1
        at = text.find(word, at + 1)
    return count


def split_words(state: ReadState) -> None:
    """Extractors set a space inside a word where its letters were set apart (`su stainable`, `radiatio n`,
    `partnersh ip`, `advantag e`, `th e`): where the document prints the word whole elsewhere, one piece is
    a stub of one or two lower-case letters that is no word (not `as`), and neither piece stands anywhere
    else in the document but in such a split (a label, `(e)`, is not a word standing), the word is whole
    again. Not `road map` beside `roadmap` (two words), nor `see king` (the document cannot tell it from
    two words), nor a letter-spaced `I n v i t e s` (three letters or more alone). Hand-written: the
    document's own words are the only dictionary that knows its names and terms."""
    text = "\n".join(line.text for line in state.lines)
    stubs = set(_PIECE.findall(text)) - _SHORT_WORDS
    if not stubs:
        return  # most documents: no piece of a word to look at
    has_stub = re.compile(rf" (?:{'|'.join(sorted(stubs))})(?:[ ,.;:]|$)")
    lines = [line for line in state.lines if has_stub.search(line.text)]
    pairs = Counter(
        (m.group(1), m.group(2))
        for line in lines
        for m in _PAIR.finditer(line.text)
        if m.group(1) in stubs or m.group(2) in stubs
    )
    if _TWO_LETTERS_SPACED.search(text):  # most texts have no letter-spaced word: a cheap look first
        text = _LETTER_SPACED.sub(" ", text)  # its letters stand nowhere
    lower = text.lower()
    counts = {w: _standing(lower, w) for w in {w.lower() for a, b in pairs for w in (a, b, a + b)}}
    whole = [(a, b) for a, b in pairs if counts[(a + b).lower()] > 0]
    split = Counter()  # how often each piece stands in a split of a word printed whole
    for a, b in whole:
        split[a.lower()] += pairs[(a, b)]
        split[b.lower()] += pairs[(a, b)]
    joins = {
        (a, b) for a, b in whole if counts[a.lower()] == split[a.lower()] and counts[b.lower()] == split[b.lower()]
    }
    if joins:
        for line in lines:
            line.text = _PAIR.sub(lambda m: m.group(1) if (m.group(1), m.group(2)) in joins else m.group(0), line.text)


_GLUED_RULE = re.compile(r"^(.*[^\W\d_]) ?(_{10,})$")


def glued_rules(state: ReadState) -> None:
    """pdftotext joins a word that a hyphen ended at the foot of a page's text to the notes rule
    below it, dropping the hyphen or setting a space for it as it does when it joins a word's
    halves (`… of the Non-Self_______________`, `… requests the Secretary_______________`,
    `… to submit in writing to the Secretary __________________`, `… cooperation on capacity
    _______________`, the word going on as `General`, `building` on the next page): the line,
    its hyphen back, then the rule on a line of its own."""
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


EXTRACTED_RULES = Ruler(
    "extracted words",
    [
        ("spaced_hyphens", spaced_hyphens),  # first: a compound so printed tells `dropped_hyphens` of itself
        ("dropped_hyphens", dropped_hyphens),
        ("joined_numbers", joined_numbers),
        ("joined_lines", joined_lines),
        ("glued_rules", glued_rules),
        ("split_words", split_words),
    ],
)
