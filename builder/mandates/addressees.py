"""Who a mandate addresses: the names after the verb, normalized, one per addressee.

`addressees(text)` reads the start of a clause after its verb ("the Secretary-General, in
consultation with Member States, to submit …"; "Member States and relevant United Nations
entities to …") and returns the normalized names ("Secretary-General"; "Member States",
"United Nations entities"). Known names (`ENTITIES`, with their aliases and abbreviations)
are found first, longest first, so "the United Nations Office on Drugs and Crime" is one
addressee, not two split at "and". A qualifier ends the list ("in consultation with …",
"within existing resources", "including …", "that have not yet done so"). A name the table
lacks is kept, cleaned of articles and "relevant", only when it is short and reads as a
name or a plain plural noun; otherwise the clause yields no addressee (precision before
recall). Hand-written: no library knows the UN's addressees.
"""

from __future__ import annotations

import re

STATES, UN, OTHER = "States", "United Nations", "other"

# canonical name, kind, aliases (matched case-sensitively, after an optional "the")
ENTITIES: list[tuple[str, str, list[str]]] = [
    ("Secretary-General", UN, ["Secretary-General"]),
    ("Member States", STATES, ["Member States", "States Members of the United Nations", "States Members"]),
    ("States parties", STATES, ["States parties", "States Parties"]),
    ("States", STATES, ["States", "all States", "Governments", "national Governments"]),
    ("administering Powers", STATES, ["administering Powers", "administering Power"]),
    ("Secretariat", UN, ["Secretariat"]),
    ("President of the General Assembly", UN, ["President of the General Assembly"]),
    ("General Assembly", UN, ["General Assembly"]),
    ("Security Council", UN, ["Security Council"]),
    ("Economic and Social Council", UN, ["Economic and Social Council"]),
    ("Human Rights Council", UN, ["Human Rights Council"]),
    ("UNODC", UN, ["United Nations Office on Drugs and Crime", "UNODC"]),
    (
        "OHCHR",
        UN,
        ["Office of the United Nations High Commissioner for Human Rights", "OHCHR", "Office of the High Commissioner"],
    ),
    ("High Commissioner for Human Rights", UN, ["United Nations High Commissioner for Human Rights"]),
    ("UNHCR", UN, ["Office of the United Nations High Commissioner for Refugees", "UNHCR"]),
    ("High Commissioner for Refugees", UN, ["United Nations High Commissioner for Refugees"]),
    ("UNDP", UN, ["United Nations Development Programme", "UNDP"]),
    ("UNEP", UN, ["United Nations Environment Programme", "UNEP"]),
    ("UNICEF", UN, ["United Nations Children's Fund", "United Nations Children’s Fund", "UNICEF"]),
    ("UNFPA", UN, ["United Nations Population Fund", "UNFPA"]),
    (
        "UN-Women",
        UN,
        ["United Nations Entity for Gender Equality and the Empowerment of Women", "UN-Women"],
    ),
    ("UN-Habitat", UN, ["United Nations Human Settlements Programme", "UN-Habitat"]),
    ("UNCTAD", UN, ["United Nations Conference on Trade and Development", "UNCTAD"]),
    ("UNIDO", UN, ["United Nations Industrial Development Organization", "UNIDO"]),
    (
        "UNRWA",
        UN,
        ["United Nations Relief and Works Agency for Palestine Refugees in the Near East", "UNRWA", "Agency"],
    ),
    ("UNESCO", UN, ["United Nations Educational, Scientific and Cultural Organization", "UNESCO"]),
    ("FAO", UN, ["Food and Agriculture Organization of the United Nations", "FAO"]),
    ("WHO", UN, ["World Health Organization", "WHO"]),
    ("ILO", UN, ["International Labour Organization", "ILO"]),
    ("IAEA", UN, ["International Atomic Energy Agency", "IAEA"]),
    ("IOM", UN, ["International Organization for Migration", "IOM"]),
    ("UNITAR", UN, ["United Nations Institute for Training and Research", "UNITAR"]),
    ("UNCITRAL", UN, ["United Nations Commission on International Trade Law", "UNCITRAL"]),
    ("International Law Commission", UN, ["International Law Commission"]),
    ("Peacebuilding Commission", UN, ["Peacebuilding Commission"]),
    ("Office for Disarmament Affairs", UN, ["Office for Disarmament Affairs"]),
    ("Office for Outer Space Affairs", UN, ["Office for Outer Space Affairs"]),
    ("Department of Global Communications", UN, ["Department of Global Communications"]),
    ("Joint Inspection Unit", UN, ["Joint Inspection Unit"]),
    ("Board of Auditors", UN, ["Board of Auditors"]),
    ("Office of Internal Oversight Services", UN, ["Office of Internal Oversight Services"]),
    (
        "Advisory Committee on Administrative and Budgetary Questions",
        UN,
        ["Advisory Committee on Administrative and Budgetary Questions", "Advisory Committee"],
    ),
    ("Commission on the Status of Women", UN, ["Commission on the Status of Women"]),
    (
        "Commission on Crime Prevention and Criminal Justice",
        UN,
        ["Commission on Crime Prevention and Criminal Justice"],
    ),
    ("Commission on Narcotic Drugs", UN, ["Commission on Narcotic Drugs"]),
    ("United Nations", UN, ["United Nations", "Organization"]),
    ("United Nations system", UN, ["United Nations system", "organizations of the United Nations system"]),
    (
        "United Nations development system",
        UN,
        ["United Nations development system", "entities of the United Nations development system"],
    ),
    (
        "United Nations entities",
        UN,
        ["United Nations entities", "entities of the United Nations system", "United Nations agencies"],
    ),
    ("specialized agencies", UN, ["specialized agencies"]),
    ("United Nations funds and programmes", UN, ["funds and programmes", "United Nations funds and programmes"]),
    ("regional commissions", UN, ["regional commissions"]),
    ("international community", OTHER, ["international community"]),
    ("civil society", OTHER, ["civil society", "civil society organizations"]),
    ("private sector", OTHER, ["private sector"]),
    ("non-governmental organizations", OTHER, ["non-governmental organizations"]),
    ("international financial institutions", OTHER, ["international financial institutions"]),
    ("regional organizations", OTHER, ["regional organizations", "regional and subregional organizations"]),
    ("international organizations", OTHER, ["international organizations"]),
    ("stakeholders", OTHER, ["stakeholders", "all stakeholders"]),
    ("academia", OTHER, ["academia", "academic institutions", "the academic community", "academic community"]),
    ("business community", OTHER, ["business community", "business sector"]),
    ("scientific community", OTHER, ["scientific community"]),
    ("donors", OTHER, ["donors", "donor countries", "the donor community", "donor community"]),
]

KIND = {name: kind for name, kind, _ in ENTITIES}
ALIAS = {alias: name for name, _, aliases in ENTITIES for alias in aliases}
# Words dropped before a name: they qualify, they do not name ("all relevant United Nations entities").
_QUALIFIERS = (
    r"(?:the|all|those|these|relevant|other|concerned|interested|appropriate|competent|also|further|its|their|both"
    r"|each)"
)
_LEAD = re.compile(rf"^(?:{_QUALIFIERS}\s+)+")
_TRAIL = re.compile(r"\s+(?:concerned|that have not yet done so|which have not yet done so|as appropriate)$")
_NAMES = sorted(ALIAS, key=len, reverse=True)
# The first-letter lookahead lets the engine skip most positions before trying every name.
_FIRST = "".join(sorted({n[0] for n in _NAMES}))
NAME = re.compile(rf"(?<![\w-])(?=[{_FIRST}])(?:{'|'.join(re.escape(n) for n in _NAMES)})(?![\w-])")
_ASIDE = re.compile(r",\s+(?:where|as|if|when) (?:appropriate|applicable|necessary|relevant),|,\s+in particular,")
_SPAN = 400  # characters after a verb where its addressees are looked for
# Where the list of addressees ends: the infinitive, a qualifier, a relative clause.
_END = re.compile(
    r"(?<!\bwell)(?:,\s*|\s+)(?:to\s+(?=[a-z])"
    r"|in (?:consultation|cooperation|collaboration|coordination|close|accordance|line|"
    r"the|particular|order|their|its)\b|within\b|with\b|as\b(?! well as)|through\b|including\b|inter alia\b|"
    r"where\b|when\b|"
    r"that\b|which\b|who\b|whose\b|upon\b|under\b|at\b|during\b|from\b|if\b|by\b|in\s|while\b|"
    r"subject\b|pursuant\b|building\b|taking\b|bearing\b|consistent\b|drawing\b|using\b|together\b|"
    r"among\b|particularly\b|notably\b|especially\b|also\b|again\b|once\b|not\b)"
)
# A name the table lacks, kept when it reads as one: capitalised words ("the Special Rapporteur on …"),
# or a short plain plural ("national human rights institutions").
_PROPER = re.compile(r"^(?:[A-Z][\w’'-]*|of|on|for|and|the|to|in)(?:\s+(?:[A-Z][\w’'-]*|of|on|for|and|the|in))*$")
# Plain plurals that name agents, not things ("continued efforts to …" is no addressee).
_AGENTS = (
    "States|Governments|organizations|institutions|entities|agencies|parties|bodies|mechanisms|authorities|"
    "actors|stakeholders|partners|donors|members|countries|communities|leaders|defenders|offices|programmes|funds|"
    "commissions|committees|experts|groups|individuals|persons|banks|centres|operators|providers|companies|"
    "enterprises|businesses|associations|networks|parliaments|municipalities|governments|institutes|universities|"
    "schools|media|Powers|missions|forums|teams|coordinators|officials|professionals|workers|practitioners|"
    "observers|representatives|producers|users|owners|employers|unions|foundations"
)
# Words before the agent noun qualify it ("national human rights institutions"); a function word there
# means the phrase is about something else ("the collaboration of civil society organizations").
_FUNCTION = r"(?:of|in|for|from|with|between|among|by|on|to|the|at|into)\b"
_PLURAL = re.compile(
    rf"^(?:(?!{_FUNCTION})[A-Za-z][\w-]*\s+){{0,4}}(?:{_AGENTS})(?:\s+(?:of|in|from)\s+[^,;:]{{1,60}})?$"
)
# Titles whose lower-case remainder is part of the name ("the Special Rapporteur on the right to food").
_TITLED = re.compile(
    r"^(?:Special Rapporteur|Special Representative|Independent Expert|Special Envoy|Working Group|Special Adviser|"
    r"Expert Mechanism|Permanent Forum|Group of (?:Governmental )?Experts|High Representative|Ombudsperson)"
    r"(?: (?:on|for|of) [^,;:]{3,120})?$"
)
# One capitalised word alone ("the Office", "the Commission") names no one for certain out of context.
_BARE = re.compile(r"^[A-Z][a-z]+$")
_MAX_WORDS = 14
_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+|as well as\s+)?|\s+(?:and|or|as well as)\s+")
_OF_SYSTEM = re.compile(r"^[a-z][\w ,-]* of the United Nations(?: development)? system$")
_ADJECTIVE = re.compile(r"^[a-z][a-z-]*$")
# A known name and words that narrow it ("Member States of the Central Asian region", "all Member
# States requesting exemption"): the known name.
_QUALIFIED = re.compile(
    rf"^(?P<name>{NAME.pattern}) "
    r"(?:(?:of|in|from) (?:the )?[a-zA-Z]|[a-z]+ing\b|(?:that|which|who|whose)\b|members of\b)"
)
# A name where a request says "that …" ("Demands that Israel cease …"): capitalised words only.
PROPER_NAME = re.compile(
    r"(?P<the>the\s+)?(?P<name>[A-Z][\w’'-]*(?:\s+(?:of|on|for|the|and|[A-Z][\w’'-]*))*)(?<!\sof)(?<!\son)(?<!\sfor)"
    r"(?<!\sthe)(?<!\sand)(?=,|\s+[a-z])"
)


def kind_of(name: str) -> str:
    """ "States" for States of any kind, "United Nations" for its organs, offices and entities, else "other"."""
    return KIND.get(name, OTHER)


def _clean(piece: str) -> str:
    piece = re.sub(r"(?<=\w)- (?=[A-Z])", "-", " ".join(piece.split()))  # "Secretary- General" across lines
    piece = re.sub(r"\s+(?:and|or)$", "", piece.strip(" ,;:"))  # "States and, where appropriate, …"
    return _TRAIL.sub("", _LEAD.sub("", piece)).strip()


def _normalize(piece: str) -> str:
    """A piece of the list as its canonical name, "" when it cannot be trusted as a name."""
    piece = _clean(piece)
    if not piece:
        return ""
    if piece in ALIAS:
        return ALIAS[piece]
    if _OF_SYSTEM.match(piece):  # "funds and programmes of the United Nations system"
        return "United Nations development system" if "development" in piece else "United Nations system"
    known = _QUALIFIED.match(piece)  # "Member States of the Central Asian region" → Member States
    if known and known["name"] in ALIAS:
        return ALIAS[known["name"]]
    if len(piece.split()) > _MAX_WORDS or _BARE.match(piece):
        return ""
    if _TITLED.match(piece) or (_PROPER.match(piece) and piece[:1].isupper()):
        return piece
    if _PLURAL.match(piece):
        return piece
    return ""


def addressees(text: str) -> tuple[list[str], int]:
    """The normalized addressees at the start of `text` (the words after a verb), and where
    their list ends in `text`. ([], 0) when no addressee can be trusted."""
    text = text.lstrip()
    # Names first: their own "and", "of" and commas are not list separators.
    # Asides between commas are blanked, offsets kept: "States and, where appropriate, relevant …"
    text = _ASIDE.sub(lambda m: " " * len(m.group(0)), text[:_SPAN])
    names: list[tuple[int, int]] = [(m.start(), m.end()) for m in NAME.finditer(text)]
    end = len(text)
    pos = 0
    while True:
        m = _END.search(text, pos)
        if m is None:
            break
        inside = next((e for s, e in names if s < m.start() + 1 < e or s <= m.start() < e), None)
        if inside is not None:
            pos = inside
            continue
        end = m.start()
        break
    head = text[:end]
    # Split the list at commas and "and"/"or" that are not inside a known name.
    cuts = [0]
    for m in _SEPARATOR.finditer(head):
        if any(s <= m.start() < e for s, e in names):
            continue
        cuts += [m.start(), m.end()]
    cuts.append(len(head))
    pieces = [head[start:stop] for start, stop in zip(cuts[::2], cuts[1::2], strict=False)]
    seps = [head[stop:start] for stop, start in zip(cuts[1::2], cuts[2::2], strict=False)]
    merged: list[str] = []
    for i, piece in enumerate(pieces):
        # "international and regional organizations": an adjective alone goes with what follows
        last = _clean(merged[-1]) if merged else ""
        if last and _ADJECTIVE.match(last) and not _PLURAL.match(last) and "and" in seps[i - 1]:
            merged[-1] += seps[i - 1] + piece
        else:
            merged.append(piece)
    out: list[str] = []
    for i, piece in enumerate(merged):
        name = _normalize(piece)
        if not name and i == 0:  # the list must open with a name ("continued cooperation between …": none)
            return [], 0
        if name and name not in out:
            out.append(name)
    return out, end if out else 0
