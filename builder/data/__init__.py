"""Open data: every document as JSON and as Akoma Ntoso (AKN4UN), and the corpus as downloads.

Everything here reads the data model (`builder.model`) and the linking result
(`builder.linking.corpus.Links`), never the Markdown pages: the data say what
the pages say because both come from the same model.

- `ids`: AKN4UN element ids (eIds) for every anchored paragraph, heading, note;
- `document`: the `document.json` of one document (schema `document.schema.json`);
- `akn`: the `akn.xml` of one document (Akoma Ntoso 3.0, AKN4UN conventions);
- `corpus`: `data/documents.json`, `data/paragraphs.csv`, `data/documents.zip`;
- `zipped`: `documents.zip` from entries deflated once each;
- `menu`: the page's Download menu; `files`: all of it, once per build (cached per document).

This module imports nothing, so `builder.render.page` can use `menu` without a cycle.
"""
