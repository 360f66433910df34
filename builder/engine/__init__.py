"""Optional glue between the builder's output and a site engine (MkDocs hooks).

Nothing here is needed for a correct site: with every hook switched off, MkDocs
renders the same pages from the Markdown the builder wrote. The hooks only make
that faster (`raw_html_hook`, `static_hook`) or live (`serve_hook`, with `watcher`). They import no MkDocs
module: MkDocs calls them by name.
"""
