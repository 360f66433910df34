"""Instruments found from the documents' own notes.

Two stages, so a build that reads again only changed documents also redoes
only their share of discovery:

- `document_citations(doc)` — per document, no corpus needed: every note that
  identifies an instrument (a *Treaty Series* volume and number, or the
  resolution, with or without annex, that adopted it; `Ibid.` resolved against
  the note before), paired with the name the paragraph gives just before the
  note's marker. Guarantees: a citation has a name of at least two words whose
  leading capitalised words hold an instrument word (Convention, Protocol,
  Declaration …), and exactly one identification; a note citing a document by
  symbol (`A/79/123`), several instruments at once, or anything else gives
  nothing.
- `merge(citations, curated)` — corpus-wide and cheap: names and
  identifications joined into instruments. The strongest pairs are joined
  first; a pair that would give one instrument two *Treaty Series*
  registrations or two adopting resolutions is reported as a `Conflict` and
  not joined. Treaties adopted in one resolution annex (the two Covenants of
  resolution 2200 A (XXI)) keep their own registrations and each shows the
  resolution. The curated registry (`instruments.yml`) wins: its entries keep
  their ids, titles and descriptions, and gain the names and identifications
  the documents give them.

Hand-written: no library reads UN citation notes; the rules are small regular
expressions over the notes' wording.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder.errors import Place, Warning_
from builder.linking.instruments import Instrument, Registry, fold, norm
from builder.linking.references import ECOSOC, GA, SYMBOL, resolution_symbol
from builder.model import Document, Note

# Words that make a name an instrument's when they stand among its leading capitalised words.
KIND_WORDS = (
    "Convention", "Conventions", "Covenant", "Protocol", "Treaty", "Agreement", "Declaration", "Programme",
    "Platform", "Plan", "Agenda", "Principles", "Rules", "Guidelines", "Charter", "Statute", "Framework",
    "Strategy", "Code", "Compact", "Consensus", "Standards", "Commitment", "Pact", "Accord", "Amendment",
    "Regulations", "Consensus", "Roadmap", "Pathway", "Vision", "Covenants",
)  # fmt: skip
_MULTI_KINDS = ("Programme of Action", "Plan of Action", "Platform for Action", "Plan of Implementation")
# Lower-case words that may stand inside an instrument's name.
_CONNECTORS = {
    "of", "the", "on", "and", "for", "against", "in", "to", "with", "from", "by", "between", "at", "or", "its",
    "their", "all", "other", "that", "which", "a", "an", "into", "under", "upon", "relating", "relative",
    "concerning", "supplementing", "additional", "as", "de", "des", "du", "la", "le", "et", "sur", "les", "en",
}  # fmt: skip
# A name of nothing but these words and an instrument word is too generic to identify anything.
_GENERIC = {"optional", "additional", "first", "second", "third", "international", "two", "new", "this", "that",
            "said", "present", "relevant", "amended", "revised", "its", "these", "both", "model", "political",
            "ministerial", "final", "no.", "no", "joint", "general", "global", "united", "nations",
            "world"}  # fmt: skip
_ROMAN = re.compile(r"[IVXL]+")
_BROKEN = re.compile(r"\b(?:the|of|on|to|for|and) (?:and|of|the)\b(?! [A-Z])")  # words lost in the text

_SEE = r"(?:(?:See|see)(?: also)?,? )?"
_UNTS = re.compile(rf"{_SEE}(?:United Nations, )?Treaty Series, vol\. (\d+), No\. (\d+)\.?")
_IBID_UNTS = re.compile(r"Ibid\., vol\. (\d+), No\. (\d+)\.?")
_RES = (
    r"(\d{1,3}/\d{1,4}(?: [A-Z])?|S-\d{1,2}/\d{1,2}|ES-\d{1,2}/\d{1,2}|\d{4}/\d{1,3}|\d{1,4} ?(?:[A-Z] )?\([IVXL]+\))"
)
_ANNEX = r"(annex(?:es)?(?: [IVX]+(?:,? and [IVX]+)?)?)"
_RESOLUTION = re.compile(rf"{_SEE}(?:({GA}|{ECOSOC}) )?[Rr]esolution {_RES}(?:, {_ANNEX})?\.?")
_IBID_ANNEX = re.compile(rf"Ibid\., {_ANNEX}\.?")
_OTHER_SOURCE = re.compile(rf"{_SEE}(.+?), (?:.*?, )?resolution ([\w./()-]+), {_ANNEX}\.?")
_IBID_OTHER = re.compile(rf"Ibid\., (?:.*?, )?resolution ([\w./()-]+), {_ANNEX}\.?")
_AFTER_AND = {"the", "to", "its", "in", "by", "at", "with", "for", "from", "their", "a", "an", "under", "as"}
_TRAILING_DATE = re.compile(r",? (?:of|on|in) (?:\d{1,2} [A-Z][a-z]+ )?\d{4}$")
_WORD = re.compile(r"[^\s,;:()“”\"]+|[,;:()“”\"]")


@dataclass(frozen=True)
class Identification:
    """What identifies an instrument: `key` compares, `text` is shown, `symbol` is linked ("" if none)."""

    kind: str  # "unts" or "adoption"
    key: str
    text: str = field(compare=False)  # the first wording seen; others differ in spacing and dashes only
    symbol: str = field(default="", compare=False)


@dataclass(frozen=True)
class Citation:
    """A name in a paragraph, and the identification its note gives."""

    name: str
    ident: Identification
    doc: str
    anchor: str
    short: str = ""  # a short name given in parentheses right after the name
    clear: bool = True  # False: the name ends a longer phrase ("review of the X"), so it only confirms


@dataclass(frozen=True)
class Conflict:
    """A name the documents identify in two incompatible ways (two registrations, two adopting resolutions)."""

    name: str
    kept: Identification
    other: Identification
    places: tuple[tuple[str, str], ...]  # (document, paragraph) of the citations not joined


@dataclass
class Discovery:
    """The instruments, and what the merge saw."""

    instruments: list[Instrument]
    conflicts: list[Conflict] = field(default_factory=list)
    citations: int = 0
    merged: int = 0  # instruments known by more than one identification or name
    identifications: int = 0


# --- per document --------------------------------------------------------------------------------


def note_identifications(notes: list[Note]) -> dict[str, Identification]:
    """Note id → the one instrument identification the note is, `Ibid.` resolved against the note before."""
    out: dict[str, Identification] = {}
    previous: Identification | None = None
    for note in notes:
        ident = _identify(" ".join(fold(note.content.text).split()), previous)
        if ident is not None:
            out[note.note_id] = ident
        previous = ident
    return out


def _identify(text: str, previous: Identification | None) -> Identification | None:
    text = text.strip()
    if text in ("Ibid.", "Ibid"):
        return previous
    m = _UNTS.fullmatch(text) or (
        _IBID_UNTS.fullmatch(text) if previous is not None and previous.kind == "unts" else None
    )
    if m:
        return _unts(m.group(1), m.group(2))
    m = _RESOLUTION.fullmatch(text)
    if m:
        body = m.group(1) or GA
        return _resolution(body, " ".join(m.group(2).split()), m.group(3) or "")
    if previous is not None and previous.kind == "adoption":
        m = _IBID_ANNEX.fullmatch(text)
        if m and previous.key.count("|") == 2:
            source, resolution, _ = previous.key.split("|")
            if source in (GA, ECOSOC):
                return _resolution(source, resolution, m.group(1))
        m = _IBID_OTHER.fullmatch(text)
        if m and previous.key.count("|") == 2 and previous.key.split("|")[0] not in (GA, ECOSOC):
            source = previous.key.split("|")[0]
            return _other(source, m.group(1), m.group(2), previous.symbol, text, previous.text)
    m = _OTHER_SOURCE.fullmatch(text)
    if m and not text.startswith("Ibid"):
        source = _source_name(m.group(1))
        if source:
            symbols = [s.group(0) for s in SYMBOL.finditer(text)]
            return _other(source, m.group(2), m.group(3), symbols[0] if len(symbols) == 1 else "", text, "")
    return None


def _unts(volume: str, number: str) -> Identification:
    key = f"{int(volume)}/{int(number)}"
    return Identification("unts", key, f"United Nations, Treaty Series, vol. {int(volume)}, No. {int(number)}")


def _resolution(body: str, resolution: str, annex: str) -> Identification:
    symbol = resolution_symbol(resolution, body)
    text = f"{body} resolution {resolution}" + (f", {annex}" if annex else "")
    return Identification("adoption", f"{body}|{resolution}|{annex}", text, symbol)


def _other(source: str, resolution: str, annex: str, symbol: str, text: str, previous_text: str) -> Identification:
    if text.startswith("Ibid"):
        text = previous_text.split(", resolution ")[0] + ", " + text.removeprefix("Ibid., ")
    text = re.sub(r"^(?:See|see)(?: also)?,? ", "", text).rstrip(".")
    return Identification("adoption", f"{source}|{resolution}|{annex}", text, symbol)


def _source_name(head: str) -> str:
    """The source of a resolution cited from another body's record: "Report of the …", an organization."""
    head = head.strip()
    if re.fullmatch(r"(?:Report of|Official Records of)(?: the)? [A-Z][^()]{5,}", head) or re.fullmatch(
        r"(?:[A-Z][a-z]+ )+Organization", head
    ):
        return head
    return ""


def document_citations(doc: Document) -> list[Citation]:
    """Every (name, identification) pair the document gives; see the module docstring."""
    idents = note_identifications(doc.notes)
    if not idents:
        return []
    out = []
    for para in doc.paragraphs():
        for ref in para.content.refs:
            ident = idents.get(ref.note_id)
            if ident is None:
                continue
            found = name_before(para.content.text[: ref.offset])
            if found is not None:
                out.append(Citation(found[0], ident, doc.path, para.anchor, found[1], found[2]))
    return out


def name_before(text: str) -> tuple[str, str, bool] | None:
    """The instrument name that ends `text` (before a note marker), a short name in parentheses after it,
    and whether the name stands clear: after "the review of the Sendai Framework" the note may be
    the review's, so such a name only confirms what clear citations say.

    Read backwards over capitalised words and the small words names contain;
    a comma goes on only into a capitalised word; "and the", ", the", "or the"
    start a new item of a list; "X adopted at/by Y" gives X.
    """
    words = _WORD.findall(fold(text[-600:]))
    while words and words[-1] in (",", ";", ":", ".", "”", '"'):
        words.pop()
    short = ""
    if words and words[-1] == ")":
        inner, rest = _parenthesis(words)
        if inner is None:
            return None
        if re.fullmatch(r"No\. \d+|Protocol [IVX]+", inner):
            words = [*rest, "(", *inner.split(), ")"]
        else:
            shortened = re.sub(r"^(?:the|hereinafter(?: the)?) ", "", inner)
            if _is_name(shortened):
                short = shortened
            words = rest
            while words and words[-1] == ",":
                words.pop()
    found = _walk(words)
    if found is None:
        return None
    name, clear = found
    return name, short if norm(short) != norm(name) else "", clear


def _parenthesis(words: list[str]) -> tuple[str | None, list[str]]:
    depth = 0
    for i in range(len(words) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(words[i], 0)
        if depth == 0:
            return " ".join(words[i + 1 : -1]), words[:i]
    return None, words


def _walk(words: list[str]) -> tuple[str, bool] | None:
    """The name ending `words`, and whether it stands clear (not the object of "review of the …")."""
    taken: list[str] = []
    i = len(words) - 1
    while i >= 0:
        word = words[i]
        if word == "(":  # "Bacteriological (Biological)": a parenthesis inside the name
            break
        if word == ")":
            inner, rest = _parenthesis(words[: i + 1])
            if inner is None or not re.fullmatch(r"[A-Z][\w-]*|No\. \d+", inner):
                break
            taken = ["(", *inner.split(), ")", *taken]
            i = len(rest) - 1
            continue
        if word == ":":
            if not taken or not _capital(taken[0]) or i == 0 or not _capital(words[i - 1]):
                break
        elif word == ",":
            if not taken or taken[0] in _CONNECTORS - {"supplementing"} or i == 0 or not _capital(words[i - 1]):
                break
        elif word in ("and", "or") and taken[:1] and taken[0] in _AFTER_AND:
            break
        elif word == "the" and taken[:1] and _capital(taken[0]) and i > 0 and _capital(words[i - 1]):
            break  # "… Cultural Rights the International Convention …": a list with a comma lost
        elif word == "adopted" and taken[:1] != [","]:
            return _walk(words[:i])
        elif not (_capital(word) or word in _CONNECTORS):
            break
        taken.insert(0, word)
        i -= 1
    stopped_at = words[i] if i >= 0 else ""
    before = words[max(0, i - 3) : max(0, i)]
    # The name starts at the first capitalised word from which it is a name: "Reaffirming the
    # United Nations Convention …" gives "United Nations Convention …".
    for start in range(len(taken)):
        if start and taken[start - 1] not in _CONNECTORS and taken[start - 1] != ",":
            continue
        lead = taken[:start]
        name = " ".join(taken[start:]).replace(" ,", ",").replace(" :", ":").replace("( ", "(").replace(" )", ")")
        name = re.sub(r"(?<=\w)- (?=\w)", "-", name)
        name = _TRAILING_DATE.sub("", name.rstrip(".")).strip()
        if _is_name(name):
            return name, _clear(lead, stopped_at, before)
    return None


# "the implementation of the X", "States parties to the X": words about X itself, so the note is X's.
_ABOUT_ITSELF = {"implementation", "ratification", "ratifications", "accession", "accessions", "adherence",
                 "provisions", "parties", "party", "signatories", "universalization", "universality"}  # fmt: skip
# "the political declaration on the implementation of the X", "the review of the implementation
# of the X": the words about X belong to a document of their own, which the note may identify.
_DOCUMENT_NOUNS = {"declaration", "report", "review", "resolution", "resolutions", "statement", "document",
                   "outcome", "decision", "appraisal", "assessment", "reports", "declarations"}  # fmt: skip


def _clear(lead: list[str], stopped_at: str, before: list[str]) -> bool:
    """Whether a name stands on its own rather than ending a longer phrase: "Reaffirming the X",
    "Guided by the X", "…, the X", "the implementation of the X" are clear; "the review of the
    X", "Towards the Achievement of the X", "the declaration on the implementation of the X" are
    not (the note may be the longer phrase's). `before`: the few words before `stopped_at`."""
    document = len(before) == 3 and before[0].casefold() in _DOCUMENT_NOUNS and before[1] in ("on", "of")
    if stopped_at in _ABOUT_ITSELF and document and before[2] == "the":
        return False
    tail: list[str] = []
    for word in reversed(lead):
        if word not in _CONNECTORS and word != ",":
            break
        tail.insert(0, word)
    if set(tail) <= {"the", "and", "or", ","} or stopped_at in _ABOUT_ITSELF:
        return True
    head = lead[: len(lead) - len(tail)]
    if not head:
        return not stopped_at[:1].islower()
    return len(head) == 1 and not stopped_at[:1].isalpha()


def _capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _is_name(name: str) -> bool:
    """At least two words, an instrument word among the leading capitalised ones, not generic."""
    words = name.split()
    if len(words) < 2 or not _capital(words[0]) or _BROKEN.search(name):
        return False
    head = _head(words)
    if not any(w in KIND_WORDS for w in head) and not (words[-1] in KIND_WORDS and len(head) > 1):
        return False  # the instrument word leads ("Convention on …") or ends ("… (SAMOA) Pathway")
    plain = [w.strip("(),").casefold() for w in words if w.strip("(),") not in KIND_WORDS]
    return any(
        w not in _GENERIC and w not in _CONNECTORS and not _ROMAN.fullmatch(w.upper()) and not w.isdigit()
        for w in plain
    )


def _head(words: list[str]) -> list[str]:
    """The leading capitalised words of a name ("and" between them too): "United Nations Framework
    Convention", "Antigua and Barbuda Agenda"."""
    head = []
    for word in words:
        word = word.strip("(),:")
        if not (_capital(word) or (word == "and" and head)):
            break
        head.append(word)
    return head


def kind_of(name: str) -> str:
    """What a bare "the Convention" would call it: the last instrument word of the name's head
    ("United Nations Framework Convention …" is a Convention), "Programme of Action" whole."""
    words = name.split()
    head = _head(words)
    kinds = [w for w in head if w in KIND_WORDS]
    if not kinds:
        return words[-1] if words[-1] in KIND_WORDS else ""
    kind = kinds[-1]
    rest = " ".join(words[len(head) - 1 :])
    for multi in _MULTI_KINDS:
        if multi.split()[0] == kind and rest.startswith(multi):
            return multi
    return {"Conventions": "Convention", "Covenants": "Covenant"}.get(kind, kind)


# --- corpus-wide ---------------------------------------------------------------------------------


def merge(citations: list[Citation], curated: Registry) -> Discovery:
    """Instruments from every document's citations and the curated registry; see the module docstring."""
    citations = _inner_names(citations)
    pair_count: Counter[tuple[str, Identification]] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[tuple[str, Identification], list[tuple[str, str]]] = defaultdict(list)
    shorts: dict[str, Counter[str]] = defaultdict(Counter)
    clear: set[tuple[str, Identification]] = set()
    in_document: dict[tuple[str, Identification], set[str]] = defaultdict(set)
    for c in citations:
        key = norm(c.name)
        pair_count[(key, c.ident)] += 1
        forms[key][c.name] += 1
        places[(key, c.ident)].append((c.doc, c.anchor))
        if c.ident.kind == "adoption":
            in_document[(c.doc, c.ident)].add(key)
        if c.clear:
            clear.add((key, c.ident))
        if c.short:
            shorts[key][c.short] += 1
    # Two names one document gives the same identification are two instruments of one annex
    # ("International Covenant on Civil and Political Rights", "… on Economic, Social and Cultural Rights").
    distinct: dict[str, set[str]] = defaultdict(set)
    for names in in_document.values():
        for name in names:
            distinct[name] |= {n for n in names if name not in n and n not in name}

    groups = _Groups(distinct)
    for instrument in curated.instruments:  # first: facts already checked by hand
        g = groups.new(curated=instrument.id)
        for name in instrument.names():
            groups.attach_name(norm(name), g)
        for ident in _curated_identifications(instrument):
            groups.attach_ident(ident, g)

    # Strongest pairs first; registrations before adoptions (a treaty is its registration, and an
    # annex may adopt several treaties); a name that is not clear only confirms.
    conflicts: list[Conflict] = []
    ordered = [pair for pair, _ in sorted(pair_count.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1].key))]
    strong = [pair for pair in ordered if pair in clear]
    treaty_names = {name for name, ident in strong if ident.kind == "unts"} | set(groups.of_name)
    phases = [
        [pair for pair in strong if pair[1].kind == "unts"],
        [pair for pair in strong if pair[1].kind == "adoption" and pair[0] in treaty_names],
        [pair for pair in strong if pair[1].kind == "adoption" and pair[0] not in treaty_names],
    ]
    for phase in phases:
        for name, ident in phase:
            if not groups.join(name, ident):
                kept = groups.ident_of(name, ident.kind)
                if kept is not None:
                    conflicts.append(_conflict(forms[name], kept, ident, places[(name, ident)]))
    for name, ident in ordered:
        if (name, ident) not in clear and name in groups.of_name:
            groups.join(name, ident)  # a name already known: its identification confirmed or added
    confirmed = [pair for pair in ordered if pair in clear or groups.together(*pair)]
    pair_count = Counter({pair: pair_count[pair] for pair in confirmed})

    instruments = _instruments(groups, curated, forms, shorts, pair_count)
    merged = sum(1 for g in groups.members() if len(groups.idents[g]) + len(groups.names[g]) > 2)
    return Discovery(instruments, conflicts, len(citations), merged, len({c.ident for c in citations}))


def _conflict(forms: Counter[str], kept: Identification, other: Identification, places) -> Conflict:
    return Conflict(forms.most_common(1)[0][0], kept, other, tuple(places))


def _inner_names(citations: list[Citation]) -> list[Citation]:
    """A name that ends with another name the documents give the same identification is that name:
    in "the Kunming-Montreal Biodiversity Framework under the Convention on Biological Diversity" the
    note is the Convention's."""
    by_ident: dict[Identification, set[str]] = defaultdict(set)
    for c in citations:
        if c.clear:
            by_ident[c.ident].add(c.name)
    out = []
    for c in citations:
        inner = [n for n in by_ident[c.ident] if len(n) < len(c.name) and norm(c.name).endswith(" " + norm(n))]
        if inner:
            c = replace(c, name=min(inner, key=len), short="")
        out.append(c)
    return out


class _Groups:
    """Names and identifications joined into instruments, never two registrations or two adoptions
    in one, never two names a document tells apart."""

    def __init__(self, distinct: dict[str, set[str]]) -> None:
        self.parent: list[int] = []
        self.names: dict[int, set[str]] = defaultdict(set)
        self.idents: dict[int, set[Identification]] = defaultdict(set)
        self.curated: dict[int, str] = {}
        self.of_name: dict[str, int] = {}
        self.of_ident: dict[Identification, int] = {}
        self.shared: dict[int, set[Identification]] = defaultdict(set)  # an adoption of several instruments
        self.distinct = distinct

    def new(self, curated: str = "") -> int:
        self.parent.append(len(self.parent))
        g = len(self.parent) - 1
        if curated:
            self.curated[g] = curated
        return g

    def find(self, g: int) -> int:
        while self.parent[g] != g:
            self.parent[g] = self.parent[self.parent[g]]
            g = self.parent[g]
        return g

    def members(self) -> list[int]:
        return sorted({self.find(g) for g in range(len(self.parent))})

    def attach_name(self, name: str, g: int) -> None:
        if name not in self.of_name:
            self.of_name[name] = g
            self.names[self.find(g)].add(name)

    def attach_ident(self, ident: Identification, g: int) -> None:
        if ident not in self.of_ident:
            self.of_ident[ident] = g
            self.idents[self.find(g)].add(ident)

    def together(self, name: str, ident: Identification) -> bool:
        if name not in self.of_name or ident not in self.of_ident:
            return False
        g = self.find(self.of_name[name])
        return g == self.find(self.of_ident[ident]) or ident in self.shared[g]

    def ident_of(self, name: str, kind: str) -> Identification | None:
        g = self.find(self.of_name[name])
        return next((i for i in sorted(self.idents[g], key=lambda i: i.key) if i.kind == kind), None)

    def _compatible(self, a: int, b: int) -> bool:
        if a in self.curated and b in self.curated:
            return False
        if any(self.distinct.get(n, set()) & self.names[b] for n in self.names[a]):
            return False
        for kind in ("unts", "adoption"):
            ka = {i.key for i in self.idents[a] if i.kind == kind}
            kb = {i.key for i in self.idents[b] if i.kind == kind}
            if ka and kb and ka != kb:
                return False
        return True

    def join(self, name: str, ident: Identification) -> bool:
        """Join a name and an identification; False (nothing joined) when they conflict."""
        gn = self.find(self.of_name[name]) if name in self.of_name else None
        gi = self.find(self.of_ident[ident]) if ident in self.of_ident else None
        if gn is None:
            gn = self.new()
            self.attach_name(name, gn)
        if gi is None:
            if any(i.kind == ident.kind for i in self.idents[gn]):
                return False
            self.attach_ident(ident, gn)
            return True
        if gn == gi:
            return True
        if self._compatible(gn, gi):
            self._union(gn, gi)
            return True
        if ident.kind == "adoption" and not any(i.kind == "adoption" for i in self.idents[gn]):
            # One annex adopting several instruments (the two Covenants): each shows the resolution.
            self.shared[gn].add(ident)
            self.shared[gi].add(ident)
            return True
        return False

    def _union(self, a: int, b: int) -> None:
        if b in self.curated:
            a, b = b, a
        self.parent[b] = a
        self.names[a] |= self.names.pop(b, set())
        self.idents[a] |= self.idents.pop(b, set())
        self.shared[a] |= self.shared.pop(b, set())


def _curated_identifications(instrument: Instrument) -> list[Identification]:
    out = []
    m = re.search(r"vol\. (\d+), No\. (\d+)", instrument.unts)
    if m:
        out.append(_unts(m.group(1), m.group(2)))
    m = re.fullmatch(rf"(?:({GA}|{ECOSOC}) )?resolution {_RES}(?:, {_ANNEX})?", instrument.adopted)
    if m:
        out.append(_resolution(m.group(1) or GA, " ".join(m.group(2).split()), m.group(3) or ""))
    return out


def _instruments(groups: _Groups, curated: Registry, forms, shorts, pair_count) -> list[Instrument]:
    uses: Counter[str] = Counter()
    for (name, _ident), count in pair_count.items():
        uses[name] += count
    out: list[Instrument] = []
    taken = {i.id for i in curated.instruments}
    for g in groups.members():
        names = sorted(groups.names[g], key=lambda n: (-uses[n], -len(n), n))
        idents = sorted(groups.idents[g] | groups.shared[g], key=lambda i: (i.kind != "unts", i.key))
        unts = next((i for i in idents if i.kind == "unts"), None)
        adoption = next((i for i in idents if i.kind == "adoption"), None)
        if g in groups.curated:
            instrument = curated.by_id[groups.curated[g]]
            known = {norm(n) for n in instrument.names()}
            extra = [forms[n].most_common(1)[0][0] for n in names if n not in known and n in forms]
            out.append(
                _with(instrument, aliases=[*instrument.aliases, *extra], unts_ident=unts, adoption_ident=adoption)
            )
            continue
        if not names or not uses[names[0]] or not idents:
            continue
        title = forms[names[0]].most_common(1)[0][0]
        aliases = [forms[n].most_common(1)[0][0] for n in names[1:]]
        short = sorted({s for n in names for s in shorts.get(n, ())} - {title, *aliases})
        instrument = Instrument(
            id=_slug(title, taken),
            title=title,
            kind=kind_of(title),
            short_names=[s for s in short if _is_name(s) or re.search(r"\d", s)],
            aliases=aliases,
            adopted=adoption.text if adoption else "",
            unts=unts.text.removeprefix("United Nations, Treaty Series, ") if unts else "",
            discovered=True,
        )
        out.append(_with(instrument, unts_ident=unts, adoption_ident=adoption))
    return out


def _with(instrument: Instrument, aliases: list[str] | None = None, unts_ident=None, adoption_ident=None):
    changes: dict = {}
    if aliases is not None:
        changes["aliases"] = list(dict.fromkeys(aliases))
    if adoption_ident is not None:
        changes["adopted_symbol"] = instrument.adopted_symbol or adoption_ident.symbol
        changes["adoption_key"] = adoption_ident.key
        if not instrument.adopted:
            changes["adopted"] = adoption_ident.text
    if unts_ident is not None:
        changes["unts_key"] = unts_ident.key
        if not instrument.unts:
            changes["unts"] = unts_ident.text.removeprefix("United Nations, Treaty Series, ")
    return replace(instrument, **changes)


def _slug(title: str, taken: set[str]) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(title).casefold()).split()
    slug = ""
    for word in words:
        if len(slug) + len(word) > 80 and slug:
            break
        slug = f"{slug}-{word}" if slug else word
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate


# --- the build's entry point ---------------------------------------------------------------------


def discover_instruments(
    docs: list[Document], curated: Registry, known: dict[str, list[Citation]] | None = None
) -> Discovery:
    """The corpus's instruments: each document's citations (a pure function of the document, so a
    build keeps them with the document: `known`, page → its citations) merged with the curated registry."""
    known = known or {}
    cited = [known[doc.path] if doc.path in known else document_citations(doc) for doc in docs]
    # A page address changed since (the folders layout) is the document's own.
    return merge(
        [c if c.doc == doc.path else replace(c, doc=doc.path) for doc, cs in zip(docs, cited, strict=True) for c in cs],
        curated,
    )


def conflict_warnings(discovery: Discovery, docs: list[Document]) -> list[Warning_]:
    """One warning per conflict, at the first document that gives the identification not joined."""
    sources = {doc.path: doc.meta.source for doc in docs}
    out = []
    for c in discovery.conflicts:
        doc, anchor = c.places[0]
        others = f" (and {len(c.places) - 1} more)" if len(c.places) > 1 else ""
        out.append(
            Warning_(
                Place(sources.get(doc, Path(doc))),
                "instrument-conflict",
                f"{anchor}{others}: “{c.name}” is identified as {c.other.text}, elsewhere as {c.kept.text}; "
                "the glossary keeps the latter",
            )
        )
    return out
