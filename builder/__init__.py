"""Builder: turns raw UN documents into anchored, cross-linked Markdown pages.

The builder reads `source_docs/` (or any folder), writes Markdown pages and
navigation data to a build folder, and leaves rendering to MkDocs. It never
imports MkDocs: what it hands over is plain files.
"""

__version__ = "0.1.0"
