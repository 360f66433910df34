"""Paragraph-level search, built ahead of time: records, terms, lunr indexes, files."""
