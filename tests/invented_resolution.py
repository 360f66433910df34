"""A made-up General Assembly resolution, A/RES/99/7, shaped like the corpus's (masthead, preamble,
operative paragraphs with sub-paragraphs, emphasis, a note referenced twice, a citation of another
resolution), for the open-data tests (`test_data.py`, `test_akn.py`): each asks for the title, an
annex and the note marker its checks need."""

from __future__ import annotations

_HEAD = """United Nations A/RES/99/7

General Assembly Distr.: General
20 December 2099

Ninety-ninth session
Agenda item 12

Resolution adopted by the General Assembly on 18 December 2099

"""

_BODY = """
The General Assembly,

Recalling its resolution 98/5 of 1 January 2098,¹

Noting the report of the Secretary-General,

1. Welcomes the report;¹

2. Requests the Secretary-General:

(a) To report on the _implementation_ of the present resolution;

(b) To act, in particular:

(i) now;

(ii) later;

3. Decides to remain seized of the matter.

"""


def resolution(title: str = "Cooperation on data", annex: str = "", marker: str = "1") -> str:
    """The resolution's text: `annex` (its heading, title and paragraphs) after the operative part,
    then the note, numbered with `marker` ("1" as pdftotext often gives it, "¹" as printed)."""
    return f"{_HEAD}99/7. {title}\n{_BODY}{annex}_______________\n{marker} A/98/100.\n"
