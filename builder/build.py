"""The build: every source to a page, checked, written to the build folder.

One bad document never takes its neighbours down: each is read, rendered and
checked on its own, and its problems are collected. The build folder gets
`docs/` (the Markdown MkDocs renders) and `nav.yml` (the navigation).
Files are rewritten only when their content changes, and files no longer
produced are removed, so the folder is always exactly this build's output.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder import conservation
from builder.errors import Diagnostics, InputError, Place, Warning_
from builder.linking.corpus import Links, link_corpus
from builder.linking.instruments import REGISTRY_FILE, Registry, load_registry
from builder.model import Document
from builder.reading import read_document
from builder.render import page, site
from builder.render.glossary import glossary_page
from builder.render.html import GLOSSARY_PAGE
from builder.sources import discover, load_metadata, page_path


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)
    links: Links | None = None
    seconds: float = 0.0


def read_one(source, result: BuildResult) -> tuple[Document, str, list[str]] | None:
    """Read, render and check one document; record its problems, never raise.

    Returns the document, its page (before cross-links) and the source's words.
    """
    diagnostics = Diagnostics(source.path)
    try:
        meta = load_metadata(source, diagnostics)
        doc, state = read_document(source.path, source.path.read_bytes(), meta, diagnostics)
        doc.path = page_path(doc.meta)
        markdown = page.render_page(doc)
        lost = conservation.first_difference(state.source_words, conservation.page_words(markdown))
        if lost:
            raise InputError(
                Place(source.path),
                f"conservation check failed, the page would not say what the source says: {lost}",
                "this is a builder bug or an unhandled quirk of the text; please report it with the file",
            )
    except InputError as exc:
        result.errors.append(exc)
        result.warnings.extend(diagnostics.warnings)
        return None
    result.warnings.extend(diagnostics.warnings)
    return doc, markdown, state.source_words


def build(sources: Path, out: Path, keep_going: bool = False, instruments: Path | None = None) -> BuildResult:
    """Build every document of `sources` into `out`; see the module docstring."""
    started = time.perf_counter()
    result = BuildResult()
    try:
        found = discover(sources)
    except InputError as exc:
        result.errors.append(exc)
        return result
    owners: dict[str, Path] = {}
    words: dict[str, list[str]] = {}
    for source in found:
        read = read_one(source, result)
        if read is None:
            continue
        doc, markdown, words[doc.path] = read
        if doc.path in owners:
            result.errors.append(
                InputError(
                    Place(source.path),
                    f"{doc.path.removesuffix('.md')} is already the address of {owners[doc.path]}",
                    "two documents cannot share a symbol or slug; fix the symbol in one metadata file",
                )
            )
            continue
        owners[doc.path] = source.path
        result.documents.append(doc)
        result.pages[doc.path] = markdown
    if not found:
        result.errors.append(InputError(Place(sources), "no source documents (*.txt) found"))
    if result.errors and not keep_going:
        result.seconds = time.perf_counter() - started
        return result
    try:
        registry = load_registry(instruments or sources / REGISTRY_FILE)
    except InputError as exc:
        result.errors.append(exc)
        registry = Registry([])
    links = link_corpus(result.documents, registry)
    result.links = links
    titles = {doc.path: page.cite_name(doc) for doc in result.documents}
    for doc in result.documents:
        markdown = page.render_page(doc, links.cited_by.get(doc.path), titles)
        lost = conservation.first_difference(words[doc.path], conservation.page_words(markdown))
        if lost:
            result.errors.append(InputError(Place(doc.meta.source), f"conservation check failed after linking: {lost}"))
        result.pages[doc.path] = markdown
    if registry.instruments:
        result.pages[GLOSSARY_PAGE] = glossary_page(links, titles)
    tree = site.group(result.documents)
    result.pages["index.md"] = site.home_page(result.documents, tree)
    result.pages.update(site.browse_pages(tree))
    write_tree(out / "docs", result.pages)
    nav = yaml.safe_dump(
        {"nav": site.nav(tree, glossary=bool(registry.instruments))}, allow_unicode=True, sort_keys=False, width=10_000
    )
    write_file(out / "nav.yml", nav)
    result.seconds = time.perf_counter() - started
    return result


def write_file(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_tree(root: Path, pages: dict[str, str]) -> None:
    """Write `pages` under `root`, removing any file this build did not produce."""
    for rel, text in pages.items():
        write_file(root / rel, text)
    if root.exists():
        wanted = {root / rel for rel in pages}
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
