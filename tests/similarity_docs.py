"""Made-up documents shaped like the corpus's (masthead, enacting formula, numbered paragraphs),
sessions 98 and 99, for the agreed-language tests: a resolution series, a plenary draft and the
resolution that names it, a committee draft replaced by a facilitator's, and paragraphs that share
only a boilerplate opening."""

from __future__ import annotations

from pathlib import Path

ORDINAL = {98: "Ninety-eighth", 99: "Ninety-ninth"}


def draft(
    symbol: str, session: int, date: str, title: str, paras: list[str], who: str = "Ruritania", committee: str = ""
) -> str:
    head = [
        "United Nations ",
        symbol,
        " ",
        "General Assembly ",
        "Distr.: Limited ",
        f"{date} ",
        "Original: English ",
        " ",
        f"{ORDINAL[session]} session ",
        *([f"{committee} "] if committee else []),
        "Agenda item 74 (a) ",
        "Oceans and the law of the sea ",
        " ",
        f"{who}: draft resolution ",
        " ",
        f" {title} ",
        " ",
        "The General Assembly, ",
        " ",
    ]
    return "\n".join(head + _body(paras)) + "\n"


def resolution(symbol: str, session: int, date: str, title: str, paras: list[str], origin: str) -> str:
    number = symbol.split("/RES/")[1]
    head = [
        "United Nations ",
        symbol,
        " ",
        "General Assembly ",
        "Distr.: General ",
        f"{date} ",
        " ",
        f"{ORDINAL[session]} session ",
        "Agenda item 74 (a) ",
        "Oceans and the law of the sea ",
        " ",
        "Resolution adopted by the General Assembly ",
        f"on {date} ",
        " ",
        f"[{origin}] ",
        " ",
        f"{number}. {title} ",
        " ",
        "The General Assembly, ",
        " ",
    ]
    return "\n".join(head + _body(paras)) + "\n"


def _body(paras: list[str]) -> list[str]:
    out = []
    n = 0
    for text in paras:
        if text.startswith(("Recalling", "Noting", "Reaffirming", "Recognizing")):
            out += [text, " "]
        else:
            n += 1
            out += [f"{n}. {text}", " "]
    return out


PRE = [
    "Recalling its resolutions on the conservation of the marine living resources of the Southern Ocean and on the protection of the vulnerable ecosystems of the deep seabed,",
    "Noting with concern the continuing decline of coral reefs in the tropical waters of small island developing States and the loss of livelihoods of coastal fishing communities,",
]
OPS = [
    "Calls upon all States to become parties to the Agreement on port State measures to prevent, deter and eliminate illegal, unreported and unregulated fishing;",
    "Encourages States to strengthen the monitoring, control and surveillance of fishing vessels flying their flag, in particular on the high seas, and to share information on vessels engaged in illegal fishing;",
    "Invites regional fisheries management organizations to adopt precautionary catch limits for deep-sea species that are slow to recover from overexploitation;",
    "Stresses the importance of marine scientific research for the understanding of ocean acidification and its effects on shellfish, plankton and the food webs that depend on them;",
    "Requests the Secretary-General to report to the General Assembly at its hundredth session on the implementation of the present resolution, including on the steps taken to protect seamounts and hydrothermal vents;",
]
# One word changed ("strengthen" → "enhance") in the second operative paragraph.
OPS_99 = [OPS[0], OPS[1].replace("strengthen", "enhance"), OPS[2], OPS[3], OPS[4]]
NEW_OP = "Decides to convene a high-level dialogue on the recovery of migratory whale populations in the polar regions during its hundred and first session;"

# Boilerplate: the same opening, unrelated subjects.
BOILERPLATE = [
    "Requests the Secretary-General to report to the General Assembly at its hundredth session on the implementation of the present resolution, including on the situation of refugees displaced by drought in the Sahel;",
    "Requests the Secretary-General to report to the General Assembly at its hundredth session on the implementation of the present resolution, including on the safety of journalists covering armed conflicts;",
    "Requests the Secretary-General to report to the General Assembly at its hundredth session on the implementation of the present resolution, including on the financing of rural electrification programmes;",
    "Requests the Secretary-General to report to the General Assembly at its hundredth session on the implementation of the present resolution, including on literacy programmes for adult women in rural areas;",
    "Requests the Secretary-General to report to the General Assembly at its hundredth session on the implementation of the present resolution, including on the prevention of cyberattacks on hospitals;",
]
TOPICS = [
    "Refugees of the Sahel",
    "Safety of journalists",
    "Rural electrification",
    "Adult literacy",
    "Cybersecurity of hospitals",
]
OTHER = [
    [
        "Welcomes the work of humanitarian agencies delivering water to displaced families in the Sahel;",
        "Urges donors to fund the regional response plan for drought-affected populations;",
    ],
    [
        "Condemns all attacks on journalists and media workers in situations of armed conflict;",
        "Calls upon parties to armed conflicts to respect the professional independence of the press;",
    ],
    [
        "Recognizes that access to electricity in rural areas is essential for health and education services;",
        "Encourages partnerships with the private sector to expand off-grid solar power in villages;",
    ],
    [
        "Notes that illiteracy among adult women remains high in many rural areas of developing countries;",
        "Invites Member States to support community learning centres that offer evening classes to women;",
    ],
    [
        "Expresses alarm at ransomware attacks that disrupt the care of patients in public hospitals;",
        "Encourages States to share information on threats against the information systems of health facilities;",
    ],
]

OCEANS = "Sustainable fisheries and the protection of the deep seabed"
TRAFFICKING = "Trafficking in women and girls at sea"
TRAFFIC_OPS = [
    "Urges Governments to criminalize trafficking in women and girls on board fishing vessels and to prosecute offenders;",
    "Calls upon flag States to inspect the working conditions of crews on fishing vessels on the high seas;",
    "Encourages port States to provide shelter, medical care and legal aid to victims rescued from vessels;",
]


def documents() -> dict[str, str]:
    """File name → text of every made-up document."""
    docs = {
        "A_RES_98_50.txt": resolution(
            "A/RES/98/50",
            98,
            "10 December 2023",
            OCEANS,
            PRE + OPS,
            "on the report of the Second Committee (A/98/400, para. 12)",
        ),
        # Plenary draft of session 99: the 98/50 text, one word changed, paragraphs reordered, one new.
        "A_99_L.11.txt": draft(
            "A/99/L.11",
            99,
            "1 December 2024",
            OCEANS,
            [PRE[1], PRE[0], OPS_99[2], OPS_99[0], OPS_99[1], NEW_OP, OPS_99[3], OPS_99[4]],
        ),
        "A_RES_99_60.txt": resolution(
            "A/RES/99/60",
            99,
            "12 December 2024",
            OCEANS,
            [PRE[1], PRE[0], OPS_99[2], OPS_99[0], OPS_99[1], NEW_OP, OPS_99[3], OPS_99[4]],
            "without reference to a Main Committee (A/99/L.11)",
        ),
        # A committee draft replaced by the facilitator's; the resolution is the facilitator's text.
        "A_C.3_99_L.5.txt": draft(
            "A/C.3/99/L.5", 99, "14 October 2024", TRAFFICKING, TRAFFIC_OPS, committee="Third Committee"
        ),
        "A_C.3_99_L.40.txt": draft(
            "A/C.3/99/L.40",
            99,
            "20 November 2024",
            TRAFFICKING,
            [
                *TRAFFIC_OPS[:2],
                TRAFFIC_OPS[2].replace("shelter,", "safe shelter,"),
                "Requests the Secretary-General to include information on victims rescued at sea in his next report;",
            ],
            who="Draft resolution submitted by the Vice-Chair of the Committee, Jane Doe (Ruritania), on the basis of informal consultations on draft resolution A/C.3/99/L.5",
            committee="Third Committee",
        ),
        "A_RES_99_150.txt": resolution(
            "A/RES/99/150",
            99,
            "17 December 2024",
            TRAFFICKING,
            [
                *TRAFFIC_OPS[:2],
                TRAFFIC_OPS[2].replace("shelter,", "safe shelter,"),
                "Requests the Secretary-General to include information on victims rescued at sea in his next report;",
            ],
            "on the report of the Third Committee (A/99/500, para. 10)",
        ),
    }
    for n, (topic, own, boiler) in enumerate(zip(TOPICS, OTHER, BOILERPLATE, strict=True)):
        symbol = f"A/RES/99/{200 + n}"
        docs[symbol.replace("/", "_") + ".txt"] = resolution(
            symbol, 99, "19 December 2024", topic, [*own, boiler], "without reference to a Main Committee"
        )
    return docs


def write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents().items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
