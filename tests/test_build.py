"""The build as a maintainer runs it: pages, navigation, errors, determinism, safety."""

from __future__ import annotations

import shutil

import pytest
from conftest import SOURCES, build_site, tree_digest

from builder.build import build
from builder.cli import main
from builder.render.engine_config import load


def test_pages_live_at_symbol_or_slug(tmp_path):
    result = build(SOURCES, tmp_path)
    assert not result.errors
    docs = tmp_path / "docs"
    assert (docs / "A/C.3/61/L.7/Rev.1.md").is_file()
    assert (docs / "ga-58-note-ecosoc-2003-20.md").is_file()
    assert (docs / "ccpcj-12-note-sg-trafficking-human-beings.md").is_file()
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "[A/C\\.3/61/L\\.7/Rev\\.1](A/C.3/61/L.7/Rev.1.md)" in home
    assert home.count(".md)") >= 5


def test_navigation_is_grouped_by_body_then_session(tmp_path):
    build(SOURCES, tmp_path)
    nav = load(tmp_path / "mkdocs.yml")["nav"]  # the engine config the builder wrote
    assert nav[:4] == [
        {"Home": "index.md"},
        {"Glossary": "glossary/index.md"},
        {"Mandates": "mandates/index.md"},
        {"Open data": "data/index.md"},
    ]
    bodies = {next(iter(entry)): next(iter(entry.values())) for entry in nav[4:]}
    assert sorted(bodies) == ["Economic and Social Council", "General Assembly"]
    ga = bodies["General Assembly"]
    assert ga[0] == "browse/general-assembly/index.md"
    sessions = [next(iter(y)) for y in ga[1:]]
    assert sessions == ["67th session (2012)", "61st session (2006)", "58th session (2003)"]
    entry = {"A/C.3/61/L.7/Rev.1 · Improving the coordination of efforts…": "A/C.3/61/L.7/Rev.1.md"}
    assert entry in ga[2]["61st session (2006)"]
    ecosoc = [next(iter(y)) for y in bodies["Economic and Social Council"][1:]]
    assert ecosoc[0] == "Commission on Crime Prevention and Criminal Justice, 27th session (2018)"


def test_builder_output_is_deterministic_and_stale_pages_go(tmp_path):
    build(SOURCES, tmp_path / "a")
    build(SOURCES, tmp_path / "b")
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    stale = tmp_path / "a/docs/old/page.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    build(SOURCES, tmp_path / "a")
    assert not stale.exists() and not stale.parent.exists()


def test_two_site_builds_are_byte_identical(tmp_path):
    first = build_site(SOURCES, tmp_path / "one")
    second = build_site(SOURCES, tmp_path / "two")
    assert tree_digest(first) == tree_digest(second)


def test_site_has_no_third_party_requests(site_dir):
    for html in site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html
        assert '<script src="http' not in text and '<link href="http' not in text, html


def _folder(tmp_path, docs: dict[str, str]):
    folder = tmp_path / "src"
    folder.mkdir()
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


GOOD = "United Nations A/C.3/99/L.1\n\nThe General Assembly,\n\nRecalling its resolution 1/1,\n\n1. Decides to act.\n"


def test_one_bad_document_does_not_take_its_neighbours_down(tmp_path, capsys):
    folder = _folder(tmp_path, {"good.txt": GOOD, "empty.txt": "", "dup.txt": GOOD})
    assert main(["build", "--sources", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: error: the file is empty" in err
    assert "good.txt: error: A/C.3/99/L.1 is already the address of" in err and err.rstrip().count("dup.txt") >= 1
    assert main(["build", "--sources", str(folder), "--out", str(tmp_path / "out"), "--keep-going", "--quiet"]) == 0
    assert (tmp_path / "out/docs/A/C.3/99/L.1.md").is_file()


def test_malformed_metadata_names_file_and_line(tmp_path, capsys):
    folder = _folder(tmp_path, {"doc.txt": GOOD, "doc.yml": "title: ok\nsymbol: [unclosed\n"})
    assert main(["build", "--sources", str(folder), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "doc.yml:3:1: error: metadata is not valid YAML" in err


def test_unsafe_symbol_is_refused(tmp_path, capsys):
    folder = _folder(tmp_path, {"doc.txt": GOOD, "doc.yml": "symbol: ../../etc/passwd\n"})
    assert main(["build", "--sources", str(folder), "--out", str(tmp_path / "out")]) == 1
    assert "unsafe in a web address" in capsys.readouterr().err


def test_document_text_is_shown_never_interpreted(tmp_path):
    hostile = (
        "The General Assembly,\n\nRecalling <script>alert(1)</script> and <img src=x onerror=alert(2)> and "
        "[click](javascript:alert(3)) {#evil} {{ config }} **bold** & more,\n\n1. Decides.\n"
    )
    folder = _folder(tmp_path, {"x.txt": hostile})
    site = build_site(folder, tmp_path)
    html = (site / "x/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[click](javascript:alert(3))" in html and 'href="javascript' not in html
    assert "{#evil} {{ config }}" in html
    shutil.rmtree(site)


def test_unchanged_documents_come_from_the_cache(tmp_path):
    folder = tmp_path / "src"
    shutil.copytree(SOURCES, folder)
    first = build(folder, tmp_path / "out")
    assert first.cache_hits == 0
    pages = dict(first.pages)
    second = build(folder, tmp_path / "out")
    assert second.cache_hits == 5 and second.pages == pages
    edited = folder / "002_619dcdd89ffd3792.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Underlines", "Stresses"), encoding="utf-8")
    third = build(folder, tmp_path / "out")
    assert third.cache_hits == 4, "only the edited document is read again"
    assert "Stresses" in third.pages["A/C.3/61/L.7/Rev.1.md"]


def test_parallel_reading_gives_the_same_pages_in_the_same_order(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    base = (SOURCES / "002_619dcdd89ffd3792.txt").read_text(encoding="utf-8")
    for n in range(40):  # enough documents for the process pool
        (folder / f"d{n:02}.txt").write_text(
            base.replace("A/C.3/61/L.7/Rev.1", f"A/C.3/61/L.{n + 10}"), encoding="utf-8"
        )
    parallel = build(folder, tmp_path / "p", use_cache=False)
    assert [d.meta.symbol for d in parallel.documents] == [f"A/C.3/61/L.{n + 10}" for n in range(40)]
    from builder import build as build_module

    sequential = build_module.BuildResult()
    for source in sorted(folder.glob("*.txt")):
        outcome = build_module.read_source(build_module.Source(source, None))
        sequential.documents.append(outcome.doc)
    assert [d.paragraphs()[3].content.text for d in parallel.documents] == [
        d.paragraphs()[3].content.text for d in sequential.documents
    ]


def test_titles_and_metadata_cannot_break_out_of_the_templates(tmp_path):
    folder = _folder(
        tmp_path,
        {
            "x.txt": "United Nations A/C.3/99/L.77\n\nIraq: draft resolution\n\n"
            'A &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; </title><script>alert(2)</script> " onload="x\n\n'
            "The General Assembly,\n\n1. Decides.\n",
            "x.yml": 'body: "Body </title><script>alert(3)</script>"\n',
        },
    )
    site = build_site(folder, tmp_path)
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>alert" not in text, html
        assert "</title><" not in text.replace("</title>\n", ""), html
    page = (site / "A/C.3/99/L.77/index.html").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page, "the page body shows the exact text"


def test_a_large_session_is_grouped_by_series_in_runs_so_each_page_carries_a_short_nav():
    from pathlib import Path

    from builder.model import Document, Metadata
    from builder.render.site import RUN_SIZE, SECTION_SIZE, browse_pages, group, home_page, nav

    def doc(symbol: str, date: str = "1 May 2025") -> Document:
        meta = Metadata(
            Path(symbol.replace("/", "_") + ".txt"),
            symbol=symbol,
            body="General Assembly",
            date=date,
            title=f"Title of {symbol}",
            agenda_item="68",
        )
        return Document(meta, [], [], path=symbol + ".md")

    # session 79 spans 2024 and 2025: one session, not two years
    docs = [doc(f"A/RES/79/{n}", "10 December 2024" if n < 60 else "1 May 2025") for n in range(1, 131)]
    docs += [doc(f"A/C.3/79/L.{n}", "1 November 2024") for n in range(1, 21)]
    session = nav(group(docs))[1]["General Assembly"][1]["79th session (2024–2025)"]
    assert session[0] == "browse/general-assembly/session-79/index.md"
    names = [next(iter(entry)) for entry in session[1:]]
    assert names == [
        "Resolutions (A/RES/79)",
        "Third Committee drafts (A/C.3/79/L)",
        "By agenda item",
    ]
    resolutions = session[1]["Resolutions (A/RES/79)"]
    assert resolutions[0] == "browse/general-assembly/session-79/a-res-79/index.md"
    runs = [next(iter(entry.items())) for entry in resolutions[1:]]
    assert [name for name, _ in runs] == ["A/RES/79/1–44", "A/RES/79/45–88", "A/RES/79/89–130"]
    assert runs[0][1][0] == "browse/general-assembly/session-79/a-res-79/a-res-79-1-44/index.md"
    assert runs[0][1][1] == {"A/RES/79/1 · Title of A/RES/79/1": "A/RES/79/1.md"}
    assert all(len(r) - 1 <= RUN_SIZE for _, r in runs)
    # index pages list at most SECTION_SIZE documents, each with its title
    tree = group(docs)
    home = home_page(docs, tree)
    assert "A/RES/79/50" not in home and "130 resolutions, 20 drafts" in home
    pages = browse_pages(tree)
    run = pages["browse/general-assembly/session-79/a-res-79/a-res-79-45-88/index.md"]
    assert run.count("](../../../../../") == 44 and "Title of A/RES/79/50" in run
    for where, text in pages.items():
        assert "/agenda/item-" in where or text.count("\n| [") <= SECTION_SIZE, where
    assert "Title of A/C\\.3/79/L\\.5" in pages["browse/general-assembly/session-79/a-c-3-79-l/index.md"]
    agenda = pages["browse/general-assembly/session-79/agenda/item-68/index.md"]
    assert agenda.count(".md) |") == 150  # an agenda item lists all its documents


def test_linking_rendering_and_search_on_workers_match_one_process(tmp_path, monkeypatch):
    """The forked workers (at 128+ documents) write exactly what one process writes."""
    from contextlib import contextmanager

    from conftest import corpus_files

    from builder import workers

    sample = corpus_files(step=9)[:130]
    if len(sample) < 128:
        pytest.skip("needs ../shared/corpus beside the project")
    folder = tmp_path / "src"
    folder.mkdir()
    for path in sample:
        shutil.copy(path, folder / path.name)
    on_workers = build(folder, tmp_path / "workers", use_cache=False, keep_going=True)

    @contextmanager
    def no_workers(count, most=None):
        yield None

    monkeypatch.setattr(workers, "pool", no_workers)
    one_process = build(folder, tmp_path / "one", use_cache=False, keep_going=True)
    assert len(on_workers.documents) >= 128 and on_workers.pages.keys() == one_process.pages.keys()
    assert tree_digest(tmp_path / "workers" / "docs") == tree_digest(tmp_path / "one" / "docs")
    assert on_workers.links.counts == one_process.links.counts
