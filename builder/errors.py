"""Diagnostics: the one error type for bad input, and warnings with a place.

Every problem a maintainer can fix in a source file is reported with the file,
line and column, so the message points at the spot to edit; in a PDF, which
has no lines to edit, with the page (`A_RES_80_9.pdf: page 3: warning ...`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Place:
    """A position in a source file (1-based line, column and page; 0 = unknown).

    A place with a page (a PDF source) renders as `file: page 3`; its line,
    the printed line's number counted through the document, stays for sorting.
    """

    path: Path
    line: int = 0
    column: int = 0
    page: int = 0

    def __str__(self) -> str:
        text = str(self.path)
        if self.page:
            return f"{text}: page {self.page}"
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        return text


class InputError(Exception):
    """A source document the builder cannot turn into a page."""

    def __init__(self, place: Place, message: str, hint: str = "") -> None:
        self.place = place
        self.message = message
        self.hint = hint
        super().__init__(self.render())

    def __reduce__(self):
        """Picklable with its fields, so errors cross process and cache boundaries."""
        return (InputError, (self.place, self.message, self.hint))

    def render(self) -> str:
        text = f"{self.place}: error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


@dataclass(frozen=True)
class Warning_:
    """Something odd in a source that does not stop the build unless --strict."""

    place: Place
    kind: str
    message: str

    def render(self) -> str:
        return f"{self.place}: warning [{self.kind}]: {self.message}"


@dataclass
class Diagnostics:
    """Warnings collected while reading one document.

    page_starts: for a paged source (PDF), the number of the first line of
    each page, ascending; a warning's line is then placed on its page.
    """

    path: Path
    warnings: list[Warning_] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)

    def page_of(self, line: int) -> int:
        """The 1-based page a line is printed on; 0 for a source without pages or an unknown line."""
        if not line or not self.page_starts:
            return 0
        return bisect_right(self.page_starts, line)

    def warn(self, kind: str, message: str, line: int = 0) -> None:
        self.warnings.append(Warning_(Place(self.path, line, 0, self.page_of(line)), kind, message))
