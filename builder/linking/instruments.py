"""The instrument registry and recognising instruments in text.

An instrument (convention, protocol, declaration, plan of action) is
recognised under its title, aliases and short names, longest name first, with
typographic variants folded (curly quotes, dashes, "Organised"); under a
short name a document defines for itself (`(the "Trafficking in Persons
Protocol")`); as a bare "the Protocol" only where the document makes it
unambiguous; and through a note that identifies it ("resolution 55/25, annex
II", "vol. 2237, No. 39574").

Hand-written: matching a fixed vocabulary of names is a few regular
expressions, and no library knows these instruments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from builder.chars import replace_each
from builder.errors import InputError, Place
from builder.sources import read_yaml

REGISTRY_FILE = "instruments.yml"

_FOLD = {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-",
                       "‑": "-", "‒": "-", "\u00a0": " "}  # fmt: skip
_RESOLUTION_ANNEX = re.compile(r"resolution (\d{1,3}/\d{1,4})(?:, annex(?: ([IVX]+))?)?")
_UNTS = re.compile(r"vol\.\s*(\d+),\s*No\.\s*(\d+)")
_BARE = re.compile(
    r"\bthe (?:Global )?(Protocol|Convention|Declaration|Plan of Action|Agenda)\b"
    r"(?! (?:to|on|against|for|of|concerning|relating)\b)"
)
KINDS = ("Protocol", "Convention", "Declaration", "Plan of Action", "Agenda")  # what `_BARE` names, as written
_DEFINED = re.compile(r"""(?:\s*\([^()]{0,80}\))?\s*\((?:the |hereinafter )?"([^"]{3,80})"\)""")
_KEYS = {"id", "title", "kind", "short_names", "aliases", "adopted", "unts", "cited_as", "description"}


@lru_cache(maxsize=4096)  # linking folds each text for every question it asks of it
def fold(text: str) -> str:
    """Typographic variants folded, one character for one (offsets stay valid)."""
    return replace_each(text, _FOLD).replace("Organis", "Organiz").replace("organis", "organiz")


@dataclass
class Instrument:
    id: str
    title: str
    kind: str = ""
    short_names: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    adopted: str = ""
    unts: str = ""
    cited_as: list[str] = field(default_factory=list)
    description: str = ""
    # Set by discovery (`builder.linking.discovery`), never read from instruments.yml:
    discovered: bool = False  # found from the documents' notes, not listed in instruments.yml
    adopted_symbol: str = ""  # the adopting resolution's official symbol, when certain
    adoption_key: str = ""  # the adoption as discovery compares it ("General Assembly|44/25|annex")
    unts_key: str = ""  # the Treaty Series registration as discovery compares it ("1577/27531")

    def names(self) -> list[str]:
        return [self.title, *self.aliases, *self.short_names]

    def summary(self) -> str:
        """What a mention's hover card says: the description, else the title and what identifies it."""
        if self.description:
            return self.description
        facts = [self.kind] if self.kind else []
        if self.adopted:
            facts.append(f"adopted: {self.adopted}")
        if self.unts:
            facts.append(f"United Nations, Treaty Series, {self.unts}")
        return self.title + (f" ({'; '.join(facts)})" if facts else "")


@dataclass(frozen=True)
class Mention:
    """An instrument named at text[start:end]."""

    start: int
    end: int
    instrument: str


class Registry:
    """All instruments, and a matcher for their names."""

    def __init__(self, instruments: list[Instrument]) -> None:
        self.instruments = instruments
        self.by_id = {i.id: i for i in instruments}
        self.by_name = {norm(n): i.id for i in instruments for n in i.names()}
        # A discovered name must not end inside a longer title ("Vienna Declaration" in "Vienna
        # Declaration and Programme of Action"): precision before recall.
        self.open_ended = {norm(n) for i in instruments if i.discovered for n in i.names()}
        self.matcher = _matcher(self.by_name, self.open_ended)
        # Identification (as discovery compares it) → instrument, where it names exactly one.
        claimed: dict[tuple[str, str], set[str]] = {}
        for i in instruments:
            for key in (("unts", i.unts_key), ("adoption", i.adoption_key)):
                if key[1]:
                    claimed.setdefault(key, set()).add(i.id)
        self.by_key = {key: next(iter(ids)) for key, ids in claimed.items() if len(ids) == 1}
        self.by_adoption: dict[tuple[str, str], str] = {}
        self.by_unts: dict[tuple[str, str], str] = {}
        self.by_symbol: dict[str, str] = {}
        for i in instruments:
            m = _RESOLUTION_ANNEX.search(i.adopted)
            if m:
                annex = m.group(2) or ("annex" if ", annex" in i.adopted else "")
                self.by_adoption[(m.group(1), annex)] = i.id
            m = _UNTS.search(i.unts)
            if m:
                self.by_unts[(m.group(1), m.group(2))] = i.id
            for symbol in i.cited_as:
                self.by_symbol[symbol] = i.id
        # A note's identification names an instrument only where it names exactly one.
        for table in (self.by_adoption, self.by_unts):
            for key in [k for k in table if sum(1 for i in instruments if _identifies(i, k)) > 1]:
                del table[key]

    def extended(self, learned: dict[str, str]) -> tuple[dict[str, str], re.Pattern[str]]:
        """Names and matcher with a document's own short names added (compile once per document)."""
        names = {**self.by_name, **learned}
        return names, _matcher(names, self.open_ended)

    def find(
        self, text: str, names: dict[str, str] | None = None, matcher: re.Pattern[str] | None = None
    ) -> list[Mention]:
        """Instruments named in text, longest name first, no overlaps."""
        names = names or self.by_name
        matcher = matcher or self.matcher
        return [Mention(m.start(), m.end(), names[norm(m.group(0))]) for m in matcher.finditer(fold(text))]

    def learn(self, text: str, mentions: list[Mention]) -> dict[str, str]:
        """Short names a document defines: `X (resolution ...) (the "Y")` makes Y mean X."""
        folded = fold(text)
        learned = {}
        for mention in mentions:
            m = _DEFINED.match(folded, mention.end)
            if m:
                learned[norm(m.group(1))] = mention.instrument
        return learned

    def bare(self, text: str) -> list[tuple[int, int, str]]:
        """Bare "the Protocol", "the Convention": (start, end, kind)."""
        folded = fold(text)
        if not any(kind in folded for kind in KINDS):  # most texts: `_BARE` would try every position for nothing
            return []
        return [(m.start(), m.end(), m.group(1)) for m in _BARE.finditer(folded)]

    def identified_by_note(self, text: str, previous_resolution: str) -> tuple[set[str], str]:
        """Instruments a note identifies; also the resolution it cites (for a later "Ibid.")."""
        found: set[str] = set()
        folded = fold(text)
        last = previous_resolution
        for m in re.finditer(r"(?:resolution (\d{1,3}/\d{1,4})|Ibid\.)(?:, (annex)(?: ([IVX]+))?)?", folded):
            resolution = m.group(1) or previous_resolution
            if m.group(1):
                last = m.group(1)
            annex = m.group(3) or (m.group(2) or "")
            if resolution and (resolution, annex) in self.by_adoption:
                found.add(self.by_adoption[(resolution, annex)])
        for m in _UNTS.finditer(folded):
            if (m.group(1), m.group(2)) in self.by_unts:
                found.add(self.by_unts[(m.group(1), m.group(2))])
        for symbol, instrument in self.by_symbol.items():
            if re.search(rf"(?<![\w/]){re.escape(symbol)}(?![\w/])", folded):
                found.add(instrument)
        return found, last


def _identifies(instrument: Instrument, key: tuple[str, str]) -> bool:
    m = _RESOLUTION_ANNEX.search(instrument.adopted)
    if m and (m.group(1), m.group(2) or ("annex" if ", annex" in instrument.adopted else "")) == key:
        return True
    m = _UNTS.search(instrument.unts)
    return bool(m and (m.group(1), m.group(2)) == key)


def norm(name: str) -> str:
    """A name as names are compared: folded, spaces collapsed, case-folded."""
    return re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(fold(name).split())).casefold()


_LONGER_TITLE = r"(?!\s+(?:and\s+|(?:of|on|for|to)\s+(?:the\s+)?)(?-i:[A-Z]))"


def _matcher(names: dict[str, str], open_ended: set[str] = frozenset()) -> re.Pattern[str]:  # type: ignore[assignment]
    """One pattern for every name, longest match first.

    The names are folded into a trie and the pattern follows it (hand-written:
    `re` does not factor alternatives, and a flat alternation of hundreds of
    names is tried name by name at every position): at each character only the
    names that still fit are tried, deeper (longer) first, so the match is the
    longest name there. A space matches any run of spaces; a hyphen may be
    followed by one (a line broken at "Non- Proliferation").
    """
    if not names:
        return re.compile(r"(?!)")  # no instruments: a pattern that never matches
    trie: dict = {}
    for name in names:
        node = trie
        for char in " ".join(name.split()):
            node = node.setdefault(char, {})
        node[""] = _LONGER_TITLE if name in open_ended else ""
    return re.compile(rf"(?<![\w-]){_trie_pattern(trie)}", re.IGNORECASE)


def _trie_pattern(node: dict) -> str:
    branches = []
    for char in sorted(k for k in node if k):
        step = r"\s+" if char == " " else r"-\s?" if char == "-" else re.escape(char)
        branches.append(step + _trie_pattern(node[char]))
    if "" in node:
        branches.append(r"(?![\w-])" + node[""])  # a name ends here (tried after every longer one)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def load_registry(path: Path) -> Registry:
    """Read an instrument registry file (an empty registry if there is none)."""
    if not path.exists():
        return Registry([])
    data = read_yaml(path, "the instrument registry") or []
    if not isinstance(data, list):
        raise InputError(Place(path, 1), "the instrument registry must be a list of instruments")
    instruments, seen = [], set()
    for n, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("title"):
            raise InputError(Place(path), f"instrument {n} needs at least an id and a title")
        unknown = set(entry) - _KEYS
        if unknown:
            raise InputError(Place(path), f"instrument {entry['id']!r} has unknown keys: {', '.join(sorted(unknown))}")
        if entry["id"] in seen or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(entry["id"])):
            raise InputError(Place(path), f"instrument id {entry['id']!r} is repeated or not lower-case-with-hyphens")
        seen.add(entry["id"])
        for name in [entry["title"], *entry.get("aliases", []), *entry.get("short_names", [])]:
            if len(str(name).split()) < 2 and not re.search(r"\d", str(name)):
                raise InputError(
                    Place(path),
                    f"instrument {entry['id']!r}: the name {name!r} is too short to recognise safely",
                    "a name with commas in a [flow, list] is split at each comma: write names as a block list",
                )
        instruments.append(
            Instrument(
                **{k: ([str(x) for x in v] if isinstance(v, list) else str(v)) for k, v in entry.items()}  # type: ignore[arg-type]
            )
        )
    return Registry(instruments)
