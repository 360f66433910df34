"""`mkdocs build` with the serve hook on does not import the builder: the session is for `mkdocs serve` only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1])
config.plugins.on_startup(command="build", dirty=False)
build(config)
print("builder imported" if "builder.build" in sys.modules else "builder not imported")
"""


def test_a_site_build_leaves_the_builder_unimported(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    hook = ROOT / "builder/engine/serve_hook.py"
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\ntheme: {{name: mkdocs}}\nhooks: ['{hook}']\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(config)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "builder not imported"
    assert (tmp_path / "site/index.html").is_file()
