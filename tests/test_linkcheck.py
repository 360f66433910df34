"""Every internal link checked by the builder: a note marker in a heading keeps a working backlink
and a clean heading id; a dangling link, fragment, backlink or search address fails the build,
naming the page file and line."""

from __future__ import annotations

import json

import pytest
from conftest import SOURCES, build_site

from builder import linkcheck
from builder.build import build
from builder.cli import main
from builder.render import page

# Shaped like a Second Committee draft decision (A/C.2/80/L.60) whose title carries a note
# ("Draft programme of work¹"), and a section heading with a note of its own.
HEADING_NOTES = """United Nations
A/C.2/99/L.60

General Assembly
Distr.: Limited
19 November 2099
Original: English

Ninety-ninth session
Second Committee
Agenda item 121
Revitalization of the work of the General Assembly


Draft decision submitted by the Bureau


 Draft programme of work1


The General Assembly:

(a)
Approves the draft programme of work of the Second Committee for the
one hundredth session of the Assembly as set out below;

(b)
Invites the Bureau of the Second Committee to take into account the
provisional programme of work.


Programme of work of the Second Committee for the one hundredth session

I.
Organization of work2

1.
Information and communications technologies for sustainable development.
2.
Macroeconomic policy questions.
__________________

1  The final list of items and sub-items to be considered will be based on the resolutions and
decisions adopted by the General Assembly.
2  Meetings will be held in the mornings.
"""
PAGE = "A/C.2/99/L.60.md"


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "A_C.2_99_L.60.txt").write_text(HEADING_NOTES, encoding="utf-8")
    return folder


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_note_marker_in_a_heading_has_a_working_backlink_and_a_clean_id(sources, tmp_path):
    result = build(sources, tmp_path / "build")
    assert result.errors == [] and result.links_checked > 0
    markdown = result.pages[PAGE]
    title = next(line for line in markdown.splitlines() if line.startswith("# "))
    assert title.startswith('# Draft programme of work<sup id="fnref:1">')
    assert title.endswith("{#draft-programme-of-work}")  # the id of the words, not of "work1"
    assert 'href="#fnref:1"' in markdown and 'href="#fnref:2"' in markdown
    html = (build_site(sources, tmp_path) / "A/C.2/99/L.60/index.html").read_text(encoding="utf-8")
    assert '<h1 id="draft-programme-of-work">Draft programme of work<sup id="fnref:1">' in html
    assert 'id="sec-i">I. Organization of work<sup id="fnref:2">' in html


def test_a_missing_site_settings_file_is_an_error(sources, tmp_path, capsys):
    missing = tmp_path / "nowhere/mkdocs.yml"
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "out"), "--config", str(missing)]) == 1
    assert f"{missing}: error: no site settings file" in capsys.readouterr().err


def _no_id(label: str, note_id: str, ref_id: str) -> str:
    """A marker as the bug wrote it: a link to its note, but no id for the note to link back to."""
    return f'<sup><a class="footnote-ref" href="#{note_id}">{label}</a></sup>'


def test_a_heading_marker_without_its_id_fails_the_build_naming_page_and_line(sources, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(page, "note_ref_html", _no_id)  # headings' and titles' markers only
    result = build(sources, tmp_path / "build")
    messages = [e.render() for e in result.errors]
    markdown = result.pages[PAGE]
    docs = tmp_path / "build/docs"
    line = _line(markdown, 'href="#fnref:1"')
    assert messages[0].startswith(f"{docs / PAGE}:{line}: error: dangling link #fnref:1: no id fnref:1 on this page")
    assert f"built from {sources / 'A_C.2_99_L.60.txt'}" in messages[0]
    assert any("dangling link #fnref:2" in m for m in messages)
    assert len(messages) == 2, messages  # the paragraphs' markers still have their ids
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "cli"), "--quiet"]) == 1
    assert "dangling link #fnref:1" in capsys.readouterr().err


@pytest.fixture(scope="module")
def seed_pages_built(tmp_path_factory):
    result = build(SOURCES, tmp_path_factory.mktemp("linkcheck"))
    assert result.errors == []
    return result.pages | dict.fromkeys(result.data, "")  # the open-data files exist too


def test_the_seed_site_has_no_dangling_link(seed_pages_built):
    found, checked = linkcheck.dangling(seed_pages_built)
    assert found == [] and checked > 800


def _planted(pages: dict[str, str], page_name: str, line: str) -> dict[str, str]:
    text = pages[page_name].replace("\n\n", f"\n\n{line}\n\n", 1)
    return pages | {page_name: text}


@pytest.mark.parametrize(
    ("where", "planted", "link", "why"),
    [
        ("A/C.3/61/L.7/Rev.1.md", '<a href="#op99">x</a>', "#op99", "no id op99 on this page"),
        (
            "A/C.3/61/L.7/Rev.1.md",
            '<a href="../../../../../glossary/#no-such-instrument">x</a>',
            "../../../../../glossary/#no-such-instrument",
            "no id no-such-instrument on glossary/index.md",
        ),
        (
            "A/C.3/61/L.7/Rev.1.md",
            '<a href="../../../../../A/RES/99/999/#op1">x</a>',
            "../../../../../A/RES/99/999/#op1",
            "no page A/RES/99/999/ in the build",
        ),
        (
            "glossary/index.md",
            '<a href="../A/C.3/61/L.7/Rev.1/#pp99">x</a>',
            "../A/C.3/61/L.7/Rev.1/#pp99",
            "no id pp99 on A/C.3/61/L.7/Rev.1.md",
        ),
        ("index.md", "| [A/RES/99/1](A/RES/99/1.md) | x | y |", "A/RES/99/1.md", "no page A/RES/99/1.md in the build"),
        (
            "index.md",
            '<a href="/glossary/">x</a>',
            "/glossary/",
            "an absolute path breaks a site served from a sub-path",
        ),
    ],
)
def test_a_planted_dangling_link_is_named_with_page_and_line(seed_pages_built, tmp_path, where, planted, link, why):
    pages = _planted(seed_pages_built, where, planted)
    errors, _ = linkcheck.check(pages, tmp_path / "docs", {})
    line = _line(pages[where], planted)
    assert [e.render() for e in errors] == [f"{tmp_path / 'docs' / where}:{line}: error: dangling link {link}: {why}"]


def test_contents_and_search_addresses_are_checked(seed_pages_built, tmp_path):
    doc = "A/C.3/61/L.7/Rev.1.md"
    pages = seed_pages_built | {doc: seed_pages_built[doc].replace("url: '#pp1'", "url: '#pp0'", 1)}
    name = next(n for n in sorted(pages) if n.startswith("search/r/") and '"A/C.3/61/L.7/Rev.1/"' in pages[n])
    chunk = json.loads(pages[name])
    record = next(r for r in chunk["records"] if r[0] == 1 and chunk["docs"][str(r[1])][0] == "A/C.3/61/L.7/Rev.1/")
    record[2] = "op77"  # a paragraph record whose anchor is not on its page
    pages[name] = json.dumps(chunk)
    found, _ = linkcheck.dangling(pages)
    assert [(d.page, d.link, d.why) for d in found] == [
        (doc, "#pp0", "no id pp0 on this page"),
        (name, "A/C.3/61/L.7/Rev.1/#op77", "no id op77 on A/C.3/61/L.7/Rev.1.md"),
    ]


def test_a_kept_memo_reads_only_pages_that_changed_and_still_finds_what_broke():
    """`make serve` keeps what the check read of each page: an unchanged page is not read again,
    yet a link to an id that a changed page no longer has is still dangling."""
    target = '<p id="op1">One</p>\n<p id="op2">Two</p>\n'
    citing = '<p><a href="../b/#op2">b, paragraph 2</a> <a href="#own">self</a></p>\n<p id="own">x</p>\n'
    pages = {"a.md": citing, "b.md": target}
    memo = linkcheck.Memo()
    assert linkcheck.dangling(pages, memo) == ([], 2)
    assert memo.scans["a.md"].text is citing and memo.scans["b.md"].ids == {"op1", "op2"}
    kept = memo.scans["a.md"]
    renumbered = {"a.md": citing, "b.md": '<p id="op1">One</p>\n'}
    found, checked = linkcheck.dangling(renumbered, memo)
    assert memo.scans["a.md"] is kept, "the unchanged page is not read again"
    assert [(d.page, d.link, d.why) for d in found] == [("a.md", "../b/#op2", "no id op2 on b.md")]
    assert (found, checked) == linkcheck.dangling(renumbered), "the same verdict as without a memo"
    del renumbered["b.md"]
    assert [d.why for d in linkcheck.dangling(renumbered, memo)[0]] == ["no page b/ in the build"]
    assert set(memo.scans) == {"a.md"}, "a page gone is forgotten"


def test_a_kept_memo_checks_again_only_the_pages_an_edit_can_break():
    """Under `make serve` an edit re-checks the edited page and the pages linking to it; the other
    pages' verdicts stand, and every verdict is the one a whole check gives."""
    pages = {
        "a.md": '<p><a href="../b/#op2">b</a></p>\n',
        "b.md": '<p id="op1">One</p>\n<p id="op2">Two</p>\n',
        "c.md": '<p><a href="../d/#op1">d</a> <a href="../e/">e</a></p>\n',
        "d.md": '<p id="op1">One</p>\n',
        "e.md": "<p>E</p>\n",
    }
    memo = linkcheck.Memo()
    assert linkcheck.dangling(pages, memo) == ([], 3)
    reworded = {**pages, "b.md": '<p id="op1">One</p>\n<p id="op2">Two, reworded</p>\n'}
    first = memo.scans["a.md"].verdicts
    assert linkcheck.dangling(reworded, memo) == ([], 3)
    assert memo.scans["a.md"].verdicts is first, "a page linking to an edited page whose ids hold is not checked again"
    stands = memo.scans["c.md"].verdicts
    edited = {**pages, "b.md": '<p id="op1">One, edited</p>\n'}  # op2 gone: a.md now dangles
    found, checked = linkcheck.dangling(edited, memo)
    assert memo.scans["c.md"].verdicts is stands, "a page linking only to unchanged pages is not checked again"
    assert memo.scans["a.md"].verdicts is not stands
    assert (found, checked) == linkcheck.dangling(edited) and [d.page for d in found] == ["a.md"]
    same_again = {**edited, "d.md": "".join(['<p id="op1">', "One</p>\n"])}  # equal text, another object
    assert linkcheck.dangling(same_again, memo) == (found, checked)
    assert memo.scans["c.md"].verdicts is stands, "a page made again with the same text is unchanged"
    fewer = {p: t for p, t in edited.items() if p != "e.md"}
    assert [d.link for d in linkcheck.dangling(fewer, memo)[0]] == ["../b/#op2", "../e/"], "a file removed: all again"


def test_each_link_is_judged_once_yet_every_dangling_one_is_named_at_its_line(tmp_path):
    """The check judges a page's distinct links (its own fragments all at once); where one dangles,
    every occurrence is named, in order, with its line, and an escaped or quoted fragment is
    decoded as a browser decodes it."""
    text = (
        '<p id="op1">One <a href="#op1">again</a> <a href="#op%31">quoted</a></p>\n'
        '<p id="a&amp;b"><a href="#a&amp;b">escaped</a> <a href="#op2">missing</a></p>\n'
        '<p><a href="#op2">missing again</a> <a href="../b/#x">b</a> <a href="../b/#y">b</a></p>\n'
        '<p><a href="../b/#x">b again</a> <a href="https://undocs.org/A/RES/1">elsewhere</a></p>\n'
    )
    pages = {"a.md": text, "b.md": '<p id="x">X</p>\n'}
    errors, checked = linkcheck.check(pages, tmp_path, {})
    assert checked == 9
    assert [e.render() for e in errors] == [
        f"{tmp_path / 'a.md'}:2: error: dangling link #op2: no id op2 on this page",
        f"{tmp_path / 'a.md'}:3: error: dangling link #op2: no id op2 on this page",
        f"{tmp_path / 'a.md'}:3: error: dangling link ../b/#y: no id y on b.md",
    ]
    only_own = {**pages, "a.md": text.replace("#y", "#x")}  # dangling only within the page
    assert [(d.link, d.why) for d in linkcheck.dangling(only_own)[0]] == [("#op2", "no id op2 on this page")] * 2
    fixed = {**pages, "a.md": text.replace("#op2", "#op1").replace("#y", "#x")}
    assert linkcheck.dangling(fixed) == ([], 9)


def test_a_one_off_check_on_workers_gives_the_verdicts_of_one_process():
    """A one-off build checks on forked workers when there are pages enough to share
    (`workers.pool`); its verdicts, in their order, and its count of links are those of the
    one-process check (a kept memo)."""
    pages = {}
    for n in range(400):
        nxt = (n + 1) % 400
        pages[f"d{n}.md"] = (
            f'<p id="op1"><a href="#op1">self</a> <a href="../d{nxt}/#op{1 + n % 3}">next</a></p>\n'
            f'<p id="op2"><a href="../d{nxt}/">next page</a> <a href="#op{3 + n % 2}">own</a></p>\n'
        )
    found, checked = linkcheck.dangling(pages)
    assert (found, checked) == linkcheck.dangling(pages, linkcheck.Memo())
    assert checked == 1600
    expected = []
    for n in range(400):
        if n % 3 == 2:
            expected.append((f"d{n}.md", f"../d{(n + 1) % 400}/#op3", f"no id op3 on d{(n + 1) % 400}.md"))
        expected.append((f"d{n}.md", f"#op{3 + n % 2}", f"no id op{3 + n % 2} on this page"))
    assert [(d.page, d.link, d.why) for d in found] == expected
