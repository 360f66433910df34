"""MkDocs hook: the files MkDocs only copies are hard-linked into the site instead.

Of the ~14,000 files in the build folder's docs/ at corpus scale, ~11,500
are open-data and search files that MkDocs copies byte for byte into the
site: each copy opens two files and moves the bytes through the kernel, about
a quarter of the CPU of `mkdocs build`. A hard link is one system call, and
the site holds the same bytes at the same paths. Where a link cannot be made
(the site on another file system, a file system without links, a permission)
that one file is copied as MkDocs copies it; files a plugin generates are left
to MkDocs. Without this hook the site is the same, only slower to make.

A linked file shares its content with the build folder's file until the
builder writes that file again: the builder replaces a file instead of
rewriting it (`builder.build.write_file`), so the site keeps the bytes it
was built with.
"""

from __future__ import annotations

import os
import types


def _link(file, dirty: bool = False) -> None:
    """`File.copy_file`, by a hard link where one can be made."""
    if dirty and not file.is_modified():
        return
    source, target = file.abs_src_path, file.abs_dest_path
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(source, target)
        except FileExistsError:  # a dirty build over an older copy
            os.unlink(target)
            os.link(source, target)
    except OSError:
        type(file).copy_file(file, dirty)


def on_files(files, config, **kwargs):
    for file in files:
        generated = getattr(file, "generated_by", None) or getattr(file, "_content", None) is not None
        if file.is_documentation_page() or generated or not file.abs_src_path:
            continue
        file.copy_file = types.MethodType(_link, file)
    return files
