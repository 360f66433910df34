"""Mandates recognised in a document's operative paragraphs.

A mandate is a request or direction for action by the Secretariat or another implementing
entity (the working definition of the 2006 Mandate Review Registry). `recognize(doc)` reads
the document model only — the main text's operative paragraphs, their sub-paragraphs, their
opening verb — and guarantees to the renderers and the data files:

- one `Mandate` per (clause, addressee), in reading order: a paragraph "Takes note …, and
  requests the Secretary-General to …" has its mandate in its second clause;
- the verb is classed by `verbs.VERBS`; a `none` verb gives nothing, a `decision` only with a
  recognised action, a `request` only with a trusted addressee (`addressees.addressees`);
- a sub-paragraph of a paragraph whose clause ends in ":" ("Requests the Secretary-General:
  (a) to …") inherits its verb and addressees and is a mandate of its own, linked to its id;
- `due_session`, `due_date` and `due_text` follow `due.due` (the organ's own session, not
  earlier than the document's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.linking.references import own_body
from builder.mandates import verbs
from builder.mandates.addressees import ALIAS, NAME, PROPER_NAME, addressees, kind_of
from builder.mandates.due import Due, due
from builder.model import Document, Paragraph
from builder.render.html import page_address
from builder.render.page import date_parts
from builder.render.site import ordinal_number, symbol_session


@dataclass
class Mandate:
    """One addressee's mandate from one clause of one paragraph."""

    symbol: str
    page: str  # the document's page ("A/RES/80/1.md")
    paragraph_id: str
    citation: str  # "operative paragraph 5 (b)"
    verb: str  # as written, lower case, without "also"/"further"
    addressee: str
    addressee_kind: str  # "States", "United Nations", "other"
    kind: str  # one of verbs.KINDS
    due_session: int | None
    due_date: str
    due_text: list[str]
    text: str  # the clause (a sub-paragraph: its own text)
    action: str  # what is asked: the clause after the addressees
    series: list[str] = field(default_factory=list)  # earlier resolutions the document recalls
    repeats: list[dict] = field(default_factory=list)  # the same request in those resolutions

    @property
    def open_ended(self) -> bool:
        return self.due_session is None and not self.due_date and not self.due_text


_LEAD = re.compile(r"^[“\"‘\s]*")
# A later clause of the same paragraph: "…, and requests …", "…; and decides …", "…; requests …".
_VERBS = "|".join(re.escape(v) for v in sorted(verbs.CLASS, key=len, reverse=True))
_ASIDES = r"(?:in (?:this|that) (?:regard|context|respect),?\s+|to (?:this|that) end,?\s+)"
# One leading character class, so the regex engine skips quickly to each "," or ";".
_CLAUSE = re.compile(
    rf"(?P<sep>[,;])\s+(?P<and>and\s+)?(?:{_ASIDES})?(?={verbs.ADVERBS}(?P<verb>{_VERBS})\b(?P<next>\s+\S+)?)"
)
_REQUEST_SET = frozenset(v for v, cls, _ in verbs.VERBS if cls != verbs.NONE)
_NEXT_NAME = re.compile(r"\s+(?:the|all|relevant|those|to)\b|\s+[A-Z]")


def _clause_start(m: re.Match[str]) -> bool:
    """ "…; requests", "…, and requests" for any verb; "…, invites the President" for a request verb."""
    if m["sep"] == ";" or m["and"]:
        return True
    return m["verb"] in _REQUEST_SET and bool(m["next"] and _NEXT_NAME.match(m["next"]))


_REPORT = re.compile(
    r"(?<!how )\bto report\b|\breport (?:back|regularly|annually|biennially)\b"
    r"|\b(?:submit|present|prepare|produce|provide|transmit|issue)\w*\b[^;:]{0,150}?\breports?\b"
    r"|\binclude\b[^;:]{0,120}?\bin (?:his|her|its|their|the|a)\b[^;:]{0,60}?\breports?\b"
    r"|\bto keep\b[^;:]{0,80}?\binformed\b|\bto brief\b"
    r"|\bto (?:present|submit|transmit)\b[^;:]{0,120}?\bto the (?:General )?Assembly\b",
    re.I,
)
_MEETING = re.compile(
    r"^(?:to )?(?:continue to )?(?:convene|hold|organize|host|observe|commemorate|celebrate|mark)\b", re.I
)
# A clause ending in ":" leads its sub-paragraphs, unless they are its exceptions ("provided that … for:").
_EXCEPTIONS = re.compile(r"\b(?:provided that|except|exceptions?|as follows|reads|reading)\b[^:]*:\s*$")
_BODY = re.compile(
    r"^(?:to )?(?:(?:establish|create|set up)\b[^;:]{0,60}?\b(?:body|office|mechanism|group|committee|commission|fund"
    r"|centre|council|panel|forum|platform|network|unit|post|mission|task force|trust fund|board|secretariat)s?\b"
    r"|(?:extend|renew)\b[^;:]{0,40}?\bmandates?\b)",
    re.I,
)
_THAT_NAME = re.compile(r"^\s*(?:that|for)\s+")
_KNOWN = re.compile(rf"(?:(?:the|all)\s+)?(?P<name>{NAME.pattern})")
_ASIDE = re.compile(r"^,[^,]{1,80},\s*")  # "Encourages, in this regard, States to …"
_INFINITIVE = re.compile(r",\s+to\s+[a-z]|\bto\s+(?!do so\b)[a-z]+\b")
_ACTION = 240  # characters of the "what" a row keeps


_REPORT_WORDS = re.compile(r"report|informed|brief|Assembly", re.I)


def is_report(text: str) -> bool:
    """The text asks for a report (a cheap word test first: most clauses name none)."""
    return bool(_REPORT_WORDS.search(text) and _REPORT.search(text))


def action_kind(what: str) -> str:
    """Report, meeting or event, establishment or extension, or other action, from what is asked."""
    if is_report(what):
        return verbs.REPORT
    if _MEETING.search(what):
        return verbs.MEETING
    if _BODY.search(what):
        return verbs.BODY
    return verbs.OTHER


@dataclass
class _Context:
    doc: Document
    organ: str
    session: int | None
    date: tuple[int, ...]
    out: list[Mandate] = field(default_factory=list)


def doc_session(doc: Document) -> int | None:
    """The document's session number (A/RES/80/12 → 80; the masthead's "Eightieth session"), None if unknown."""
    found = symbol_session(doc.meta.symbol)
    if found.isdigit() and int(found) < 1000:
        return int(found)
    word = doc.meta.session.split()[0] if doc.meta.session else ""
    return ordinal_number(word) if word else None


def organ(doc: Document) -> str:
    formula = next((p.content.text for p in doc.paragraphs() if p.kind == "formula"), "")
    return own_body(formula, doc.meta.body or "General Assembly")


def clauses(text: str) -> list[tuple[str, str, str]]:
    """(verb as written lower case, clause text from the verb, the rest after the verb) for every
    clause of an operative paragraph that opens with a verb of the table."""
    out = []
    starts = [len(_LEAD.match(text).group(0))] + [m.end() for m in _CLAUSE.finditer(text) if _clause_start(m)]
    for i, start in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else len(text)
        clause = text[start:stop].rstrip(" ,;")
        m = verbs.VERB.match(clause)
        if m is None:
            continue
        out.append((" ".join(m["verb"].lower().split()), clause, clause[m.end() :]))
    return out


def _shorten(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:")
    if len(text) <= _ACTION:
        return text
    cut = text[: _ACTION - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _emit(
    ctx: _Context, para: Paragraph, verb: str, names: list[str], kind: str, text: str, what: str, when: Due
) -> None:
    for name in names:
        ctx.out.append(
            Mandate(
                symbol=ctx.doc.meta.symbol or page_address(ctx.doc.path),
                page=ctx.doc.path,
                paragraph_id=para.anchor,
                citation=para.citation,
                verb=verb,
                addressee=name,
                addressee_kind=kind_of(name),
                kind=kind,
                due_session=when.session,
                due_date=when.date,
                due_text=list(when.text or []),
                text=" ".join(text.split()),
                action=_shorten(what),
            )
        )


def _request(verb: str, rest: str) -> tuple[list[str], str]:
    """The addressees of a request verb and what it asks, ([], "") when not trusted."""
    rest = _ASIDE.sub("", rest.lstrip())
    if " its " in verb:  # "reiterates its request that / for / to the Secretary-General …"
        rest = re.sub(r"^(?:to|for|upon|on)\s+", "", rest)
    that = _THAT_NAME.match(rest)
    if that:  # "Recommends that the Secretary-General …", "Demands that Israel …": a name, not a phrase
        m = _KNOWN.match(rest, that.end())
        if m:
            return [ALIAS[m["name"]]], rest[m.end() :].lstrip(" ,")
        m = PROPER_NAME.match(rest, that.end())
        # "that the Commission …" names no one for certain out of context; "that Israel …" does
        if m and not (m["the"] and " " not in m["name"]) and len(m["name"].split()) <= 8:
            return [m["name"]], rest[m.end() :].lstrip(" ,")
        return [], ""
    names, end = addressees(rest)
    what = rest[end:].lstrip(" ,")
    if not names:
        return [], ""
    if what.startswith(("to ", ":")) or not what.strip(" .;:"):
        return names, what
    later = _INFINITIVE.search(what[:300])  # "…, in accordance with paragraph 3 …, to brief"
    return (names, what[later.start() + 1 :].lstrip(" ,")) if later else ([], "")


def _decision(verb: str, rest: str) -> str:
    """The kind of a decision's mandate, "" when the decision asks no action."""
    rest = rest.strip()
    for pattern, kind in verbs.DECISION_ACTIONS:
        if pattern.match(rest):
            return kind
    return verbs.BARE_DECISIONS.get(verb, "")


def _paragraph(ctx: _Context, para: Paragraph) -> None:
    """The mandates of one paragraph's clauses; sub-paragraphs with verbs of their own are read too."""
    if not _clauses(ctx, para):
        for child in para.children:
            if verbs.VERB.match(_LEAD.sub("", child.content.text)):  # "(e) Calls upon States …"
                _paragraph(ctx, child)


def _clauses(ctx: _Context, para: Paragraph) -> bool:
    """Mandates of the paragraph's clauses; True when its sub-paragraphs were read as their continuation."""
    led = False
    for verb, clause, rest in clauses(para.content.text):
        cls = verbs.verb_class(verb)
        if cls == verbs.REQUEST:
            names, what = _request(verb, rest)
            if not names:
                continue
            lead = not what.strip(" .;:") or (what.rstrip().endswith(":") and not _EXCEPTIONS.search(what))
            if lead and para.children:
                _children(ctx, para.children, verb, names, None, clause)
                led = True
                continue
            _emit(ctx, para, verb, names, action_kind(what), clause, what, due(clause, ctx.session, ctx.date))
        elif cls == verbs.DECISION:
            if rest.strip().endswith(":") and para.children and verb in ("decides", "resolves"):
                _children(ctx, para.children, verb, [ctx.organ], "decision", clause)
                led = True
                continue
            kind = _decision(verb, rest)
            if kind:
                what = rest.strip()
                what_kind = action_kind(what) if kind == verbs.OTHER and is_report(what) else kind
                _emit(ctx, para, verb, [ctx.organ], what_kind, clause, what, due(clause, ctx.session, ctx.date))
    return led


def _children(
    ctx: _Context, children: list[Paragraph], verb: str, names: list[str], decision: str | None, lead: str
) -> None:
    """Sub-paragraphs that go on with their parent's verb and addressees."""
    for child in children:
        text = child.content.text
        if clauses(text) and verbs.VERB.match(_LEAD.sub("", text)):  # "(a) Requests …": its own verbs
            _paragraph(ctx, child)
            continue
        if child.children and text.rstrip().endswith(":"):
            _children(ctx, child.children, verb, names, decision, lead + " " + text)
            continue
        when = due(lead + " " + text, ctx.session, ctx.date)
        if decision:
            kind = _decision(verb, re.sub(r"^\W+", "", text[:1].lower() + text[1:]))
            if not kind:
                continue
        else:
            kind = action_kind(text) if action_kind(text) != verbs.OTHER else action_kind(lead)
            if kind == verbs.REPORT and not is_report(text) and not is_report(lead.split(":")[-1] or lead):
                kind = verbs.OTHER
        _emit(ctx, child, verb, names, kind, text, text, when)


def recognize(doc: Document) -> list[Mandate]:
    """Every mandate of `doc`, in reading order (see the module docstring)."""
    ctx = _Context(doc, organ(doc), doc_session(doc), date_parts(doc.meta.date))
    for part in doc.parts:
        if part.prefix:  # an annex is not the resolution's own request
            continue
        for block in part.blocks:
            if isinstance(block, Paragraph) and block.kind == "operative":
                _paragraph(ctx, block)
    return ctx.out
