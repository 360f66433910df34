"""Recognising references to other UN documents in text.

Two forms: document symbols (`A/67/156`, `E/2002/68/Add.1`, `E/CN.4/2006/62
and Add.1-3`) and resolutions or decisions in prose ("resolution 55/25",
"its resolution 64/178 of 18 December 2009", "Economic and Social Council
resolution 2006/27", "resolutions 55/67, 58/137 and 63/194"). Each becomes a
`Reference` with the official symbol it maps to: General Assembly
`A/RES/n/m`, Economic and Social Council `E/RES/yyyy/n`, Human Rights Council
`A/HRC/RES/n/m`, Security Council `S/RES/n(yyyy)`. Where the mapping is not
certain (a decision, a lettered or old-style resolution, a Commission's own
resolution) the reference has no symbol and is not linked: no link rather
than a wrong one.

Hand-written: no library knows UN document symbols.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.reading.patterns import MONTHS

GA, ECOSOC, HRC, SC = "General Assembly", "Economic and Social Council", "Human Rights Council", "Security Council"

_PREFIXES = (
    "A|E|S|ST|TD|UNEP|CTOC|CRC|CEDAW|CCPR|CAT|CERD|CMW|CRPD|DP|ECE|ESCAP|HRC|UNW|ICEF|FCCC|IDB|PBC|ISBA|SPLOS|"
    "APLC|CCW|BWC|NPT|CD|DC|CCPCJ|UNODC|JIU|IOM"
)
_SEGMENT = r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*(?:-\d+)?"
SYMBOL = re.compile(rf"(?<![\w/.])(?:{_PREFIXES})(?:/{_SEGMENT}){{2,}}")
_ADDENDA = re.compile(r"\s+and\s+(Add|Corr|Rev)\.(\d+)(?:-(\d+))?\b")

_DATE = rf"(?:\s+of\s+\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}})?"
_ITEM = (
    r"(?:\d{4}/\d{1,3}|\d{1,3}/\d{1,4}(?:\s?[A-Z](?![\w/]))?|\d{1,4}\s?\(\d{4}\)"
    r"|\d{1,4}(?:\s[A-Z])?\s?\([IVXLC]+\))"
)
_BODY = rf"(?P<body>{GA}|{ECOSOC}|{HRC}|{SC}|Council|Assembly|its)"
PROSE = re.compile(
    rf"(?:\b{_BODY}\s+)?\b(?P<word>[Rr]esolutions?|[Dd]ecisions?)\s+"
    rf"(?P<list>{_ITEM}{_DATE}(?:(?:,\s*(?:and\s+)?|\s+and\s+){_ITEM}{_DATE})*)"
    r"(?P<tail>\s+(?:of|by)\s+the\s+(?P<after>Commission|Conference|Human Rights Council|Economic and Social Council|"
    r"General Assembly|Security Council|Council|Assembly|Board|Committee|Sub-Commission|World Health Assembly))?"
)
_ITEM_RE = re.compile(_ITEM)
_PARAGRAPH_OF = re.compile(r"\bparagraphs?\s+(\d{1,3})(?:\s?\(([a-z])\))?\s+of\s+(?:its\s+|the\s+)?(?:[A-Z][\w ]+\s)?$")
_FORMULA_BODY = re.compile(rf"^[“\"]?The ({GA}|{ECOSOC}|{HRC}|{SC})(?:,|[”\"]?$)")


@dataclass(frozen=True)
class Reference:
    """A mention of a document at text[start:end]; symbol "" when not certain."""

    start: int
    end: int
    symbol: str
    anchor: str = ""


def own_body(formula: str, fallback: str) -> str:
    """Whose resolutions "its resolution" means: the enacting formula's body, else the masthead's."""
    m = _FORMULA_BODY.match(formula)
    return m.group(1) if m else fallback


def resolution_symbol(item: str, body: str, word: str = "resolution") -> str:
    """The official symbol of a resolution number, or "" when not certain."""
    item = " ".join(item.split())
    if word.lower().startswith("decision"):
        return ""
    if re.fullmatch(r"\d{4}/\d{1,3}", item):
        # Only the Economic and Social Council numbers its resolutions year/number.
        return f"E/RES/{item}" if body not in (HRC, SC) and "Commission" not in body else ""
    m = re.fullmatch(r"(\d{1,4}) ?\((\d{4})\)", item)
    if m:
        return f"S/RES/{m.group(1)}({m.group(2)})" if body in (SC, "", "Council") else ""
    if not re.fullmatch(r"\d{1,3}/\d{1,4}", item):
        return ""  # lettered (69/274 A) or old style (217 A (III)): not certain
    if body in (GA, "Assembly"):
        # The Assembly numbers session/number only from its 31st session (1976):
        # "8/12" is some other body's resolution.
        return f"A/RES/{item}" if int(item.split("/")[0]) >= 31 else ""
    if body == HRC:
        return f"A/HRC/RES/{item}"
    return ""


def find_references(text: str, body: str) -> list[Reference]:
    """Every document reference in `text`; `body` is whose "its" and bare numbers are."""
    refs: list[Reference] = []
    taken: list[tuple[int, int]] = []
    # Each pattern is tried only on texts holding its one literal: most paragraphs hold neither,
    # and a pattern opening with a look-behind or an optional group is tried at every position.
    for m in SYMBOL.finditer(text) if "/" in text else ():
        if text[m.end() : m.end() + 1] == "/" or not re.search(r"\d", m.group(0)):
            continue  # incomplete (CTOC/COP/2012/__) or not a symbol
        refs.append(Reference(m.start(), m.end(), m.group(0)))
        taken.append((m.start(), m.end()))
        extra = _ADDENDA.match(text, m.end())
        if extra:
            base = re.sub(r"/(?:Add|Corr|Rev)\.\d+$", "", m.group(0))
            refs.append(Reference(extra.start(1), extra.end(), f"{base}/{extra.group(1)}.{extra.group(2)}"))
    for m in PROSE.finditer(text) if "esolution" in text or "ecision" in text else ():
        named = m.group("body") or ""
        if m.group("after"):
            named = {"General Assembly": GA, "Assembly": GA, "Economic and Social Council": ECOSOC}.get(
                m.group("after"), m.group("after")
            )
        if named == "its" or (not named and not m.group("after")):
            named = body if named == "its" else _bare_body(body)
        anchor = ""
        para = _PARAGRAPH_OF.search(text[: m.start()])
        if para and m.start() - para.end() < 3:
            anchor = f"op{para.group(1)}" + (f"-{para.group(2)}" if para.group(2) else "")
        for item in _ITEM_RE.finditer(m.group("list")):
            start, end = m.start("list") + item.start(), m.start("list") + item.end()
            if any(s <= start < e for s, e in taken):
                continue
            symbol = resolution_symbol(item.group(0), named, m.group("word"))
            refs.append(Reference(start, end, symbol, anchor))
    return sorted(refs, key=lambda r: r.start)


def _bare_body(body: str) -> str:
    """A bare "resolution 55/25": the General Assembly's in GA and ECOSOC documents."""
    return GA if body in (GA, ECOSOC) else ""
