"""Optional glue between the builder's output and a site engine (MkDocs hooks).

Nothing here is needed for a correct site: with every hook switched off, MkDocs
renders the same pages from the Markdown the builder wrote. The hooks only make
that faster (`raw_html_hook`, `static_hook`, and `nav_hook` and `language_hook`, which the theme
overrides ask for page-independent HTML when they are on) or live (`serve_hook`, with `watcher` and
`config_parse`). MkDocs calls them by name; only the serve helpers touch MkDocs' own objects (its
live-reload server's watcher, its YAML loader's default), and each leaves them as they were when
anything does not fit.
"""
