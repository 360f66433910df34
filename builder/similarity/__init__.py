"""Agreed language: where each paragraph's words come from, and documents compared.

- `text`: paragraphs as word tokens and hashed shingles (the unit every stage compares);
- `index`: MinHash signatures, LSH candidates and scored precedents over the corpus;
- `diff`: word-level changes between two paragraphs;
- `align`: two documents aligned paragraph by paragraph (kept, changed, inserted, deleted, moved);
- `relations`: drafts and the resolutions they became, and series across sessions.
"""
