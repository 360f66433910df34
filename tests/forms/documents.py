"""The canonical descriptions of the test documents of `tests/forms/` (invented text, session 99).

Every fixture file is one of these documents in one form; `make_forms.py` writes the files
from here and `tests/test_forms.py` holds each form to what is written here. Inline markup is
`tests/pdfmaker.py`'s: `*italic*`, `^3` a note marker, a newline a forced line break.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pdfmaker import Para, UNDoc


@dataclass
class BodyText:
    """A body-only text: no masthead, starting at the enacting formula; plain text file."""

    name: str  # file name
    symbol: str  # what the builder should find ("" when the page must live at a slug)
    blocks: list[Para]
    notes: dict[str, str] = field(default_factory=dict)


GA_RESOLUTION = UNDoc(
    symbol="A/RES/99/17",
    title="International cooperation on the stewardship of deep-sea observation data",
    short_title="Deep-sea observation data",
    number="99/17.",
    date="14 December 2099",
    job="99-41327 (E) 171299",
    agenda=["Agenda item 74 (a)", "Oceans and the law of the sea"],
    preface=[
        "Resolution adopted by the General Assembly on 10 December 2099",
        "[without reference to a Main Committee (A/99/L.31)]",
    ],
    blocks=[
        Para("The General Assembly,", "formula"),
        Para(
            "*Recalling* its resolution 97/212 of 21 December 2097 on sustainable fisheries and its resolution "
            "98/45 of 9 December 2098 on oceans and the law of the sea, and all its previous resolutions on the "
            "stewardship of marine scientific data,",
            "preamble",
        ),
        Para(
            "*Reaffirming* the Framework Convention on Deep-Sea Observation,^1 and recalling the Declaration of "
            "Port Meridian on Shared Ocean Knowledge^2 and the commitments made therein to open, timely and "
            "affordable access to observation data for all States,",
            "preamble",
        ),
        Para(
            "*Noting with concern* that gaps in the coverage of the southern basins have persisted since March "
            "2091^3 and that the number of functioning deep-sea moorings has fallen by one third over the past "
            "decade, owing in part to the cost of their maintenance and replacement,",
            "preamble",
        ),
        Para(
            "*Taking note with appreciation* of the report of the Secretary-General on the stewardship of deep-sea "
            "observation data^4 and of the recommendations contained therein,",
            "preamble",
        ),
        Para(
            "*Welcomes* the progress made by Member States in sharing deep-sea observation data through open and "
            "interoperable repositories, and encourages further efforts in this regard;",
            "operative",
            "1.",
        ),
        Para(
            "*Encourages* States, in cooperation with the relevant international organizations and scientific "
            "institutions:",
            "operative",
            "2.",
        ),
        Para(
            "To strengthen national capacities for the collection, quality control, archiving and exchange of "
            "observation data, in particular in developing countries;",
            "sub",
            "(a)",
        ),
        Para("To share observation data in a timely manner, including through:", "sub", "(b)"),
        Para("Regional data centres and their networks of national focal points;", "subsub", "(i)"),
        Para("Open repositories maintained by universities and other scientific institutions;", "subsub", "(ii)"),
        Para(
            "To take fully into account the particular needs of small island developing States and of the least "
            "developed countries;",
            "sub",
            "(c)",
        ),
        Para(
            "*Calls upon* all States to apply the voluntary guidelines on the exchange of deep-sea observation "
            "data^5 when planning, funding and carrying out observation programmes in areas within and beyond "
            "national jurisdiction, to publish the metadata of every observation programme within six months of "
            "its completion, to make the underlying data available for scientific use without charge and without "
            "undue delay, to cooperate in the calibration and maintenance of shared instruments, and to report "
            "on the measures taken to that end in their national reports to the Intergovernmental Panel on Ocean "
            "Observation, with a view to improving the comparability of the data collected by different States, "
            "reducing the duplication of effort among observation programmes and strengthening the trust of the "
            "public in the results of marine scientific research;",
            "operative",
            "3.",
        ),
        Para(
            "*Requests* the Secretary-General, within existing resources, to support Member States, upon their "
            "request, in the development of national strategies for the stewardship of observation data, and to "
            "facilitate the exchange of experience and good practices among them;",
            "operative",
            "4.",
        ),
        Para(
            "*Invites* the relevant organizations of the United Nations system, the international financial "
            "institutions and other donors to provide technical and financial assistance to developing countries "
            "for the acquisition, deployment and maintenance of deep-sea observation instruments, and to "
            "coordinate that assistance in order to avoid duplication;",
            "operative",
            "5.",
        ),
        Para(
            "*Decides* to convene, within existing resources, a one-day high-level meeting on the stewardship of "
            "deep-sea observation data during its one hundred and first session, and requests the President of "
            "the General Assembly to organize the meeting in consultation with Member States;",
            "operative",
            "6.",
        ),
        Para(
            "*Also decides* to include in the provisional agenda of its one hundred and first session, under the "
            'item entitled "Oceans and the law of the sea", a sub-item entitled "Stewardship of deep-sea '
            'observation data", and requests the Secretary-General to submit to it at that session a report on '
            "the implementation of the present resolution.",
            "operative",
            "7.",
        ),
    ],
    notes={
        "1": "United Nations, *Treaty Series*, vol. 9901, No. 99001.",
        "2": "A/98/301, annex.",
        "3": "See the report of the Intergovernmental Panel on Ocean Observation on its twelfth session, held in "
        "Port Meridian from 29 September to\n2 October 2099, affirming the baseline figures for the southern "
        "basins (A/99/95, annex).",
        "4": "A/99/210.",
        "5": "A/99/210, annex II.",
    },
)

C3_DRAFT = UNDoc(
    symbol="A/C.3/99/L.5",
    title="Access to public archives and the right to know",
    distribution="Limited",
    date="8 October 2099",
    job="99-38861 (E) 091099",
    agenda=["Third Committee", "Agenda item 68 (b)", "Promotion and protection of human rights: access to archives"],
    preface=["Xland, Yland and Zland: draft resolution"],
    blocks=[
        Para("The General Assembly,", "formula"),
        Para(
            "*Guided* by the purposes and principles of the Charter of the United Nations, and recalling its "
            "resolution 98/120 of 16 December 2098 on access to public archives,",
            "preamble",
        ),
        Para(
            "*Recognizing* that well-kept public archives are essential to accountability, to the writing of "
            "history and to the exercise of the right to know,^1",
            "preamble",
        ),
        Para(
            "*Concerned* that in many States archives remain closed, scattered or at risk of loss owing to "
            "conflict, disaster or neglect,",
            "preamble",
        ),
        Para(
            "*Calls upon* States to adopt or revise legislation on public archives so as to provide for timely "
            "access to them;",
            "operative",
            "1.",
        ),
        Para("*Encourages* States:", "operative", "2."),
        Para("To digitize archives at risk of loss and to keep copies in more than one place;", "sub", "(a)"),
        Para(
            "To cooperate in the return of archives removed from their country of origin, in accordance with the "
            "principles set out in the relevant guidelines;^2",
            "sub",
            "(b)",
        ),
        Para(
            "*Requests* the Secretary-General to report to it at its one hundredth session on the implementation "
            "of the present resolution;",
            "operative",
            "3.",
        ),
        Para(
            "*Decides* to continue its consideration of the question at its one hundredth session.", "operative", "4."
        ),
    ],
    notes={
        "1": "See A/HRC/98/44.",
        "2": "A/98/77, annex.",
    },
)

SECURITY_COUNCIL = BodyText(
    name="S_RES_9999.txt",
    symbol="S/RES/9999",
    blocks=[
        Para("The Security Council,", "formula"),
        Para(
            "*Recalling* its resolutions 9990 (2098) and 9995 (2098) and the statement of its President S/PRST/2098/3,",
            "preamble",
        ),
        Para(
            "*Welcoming* the report of the Secretary-General (S/2099/123) and the recommendations contained therein,",
            "preamble",
        ),
        Para(
            "*Reaffirming* its strong commitment to the sovereignty, independence, unity and territorial integrity "
            "of Xland,",
            "preamble",
        ),
        Para(
            "*Decides* to extend the mandate of the United Nations Observer Mission in Xland until 31 March 2100;",
            "operative",
            "1.",
        ),
        Para("*Requests* the Mission to give priority to the following tasks:", "operative", "2."),
        Para("Monitoring the ceasefire along the northern line of contact;", "sub", "(a)"),
        Para("Supporting the return of displaced persons to their homes in safety and dignity;", "sub", "(b)"),
        Para(
            "*Requests* the Secretary-General to report to the Council every ninety days on the situation in Xland;",
            "operative",
            "3.",
        ),
        Para("*Decides* to remain actively seized of the matter.", "operative", "4."),
    ],
)

COUNCIL_TEXT = BodyText(name="council-text.txt", symbol="", blocks=SECURITY_COUNCIL.blocks)

ECOSOC = BodyText(
    name="ecosoc-body.txt",
    symbol="",
    blocks=[
        Para("The Economic and Social Council,", "formula"),
        Para("*Recalling* its resolution 2098/14 of 22 July 2098 on statistical cooperation,", "preamble"),
        Para("*Noting* the report of the Statistical Commission on its one hundred and first session,", "preamble"),
        Para(
            "*Requests* the regional commissions to assist Member States in strengthening their statistical systems;",
            "operative",
            "1.",
        ),
        Para("*Decides* to consider the question at its substantive session of 2100.", "operative", "2."),
    ],
)

COMMISSION = BodyText(
    name="ccpcj-body.txt",
    symbol="",
    blocks=[
        Para("The Commission on Crime Prevention and Criminal Justice,", "formula"),
        Para("*Recalling* its resolution 97/3 of 20 May 2098 on the protection of witnesses,", "preamble"),
        Para(
            "*Invites* Member States to share with the United Nations Office on Crime Prevention their experience "
            "in the protection of witnesses:",
            "operative",
            "1.",
        ),
        Para("Through the exchange of good practices;", "sub", "(a)"),
        Para("Through training programmes for judges and prosecutors;", "sub", "(b)"),
        Para("*Requests* the Executive Director to report to it at its one hundredth session.", "operative", "2."),
    ],
)

PDF_DOCUMENTS = {"ga-resolution": GA_RESOLUTION, "c3-draft": C3_DRAFT}
BODY_TEXTS = [SECURITY_COUNCIL, COUNCIL_TEXT, ECOSOC, COMMISSION]


def paragraph_ids(blocks: list[Para]) -> list[tuple[str, Para]]:
    """The id each paragraph should get: pp1.., op1.., op2-a, op2-b-i; the formula has none ("")."""
    out: list[tuple[str, Para]] = []
    pp = op = 0
    sub = ""
    for para in blocks:
        if para.kind == "formula":
            out.append(("", para))
        elif para.kind == "preamble":
            pp += 1
            out.append((f"pp{pp}", para))
        elif para.kind == "operative":
            op += 1
            out.append((f"op{op}", para))
        elif para.kind == "sub":
            sub = f"op{op}-{para.label.strip('()')}"
            out.append((sub, para))
        elif para.kind == "subsub":
            out.append((f"{sub}-{para.label.strip('()')}", para))
        else:
            raise ValueError(f"no id rule for a {para.kind!r} paragraph")
    return out
