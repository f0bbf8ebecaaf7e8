"""Datasette plugin: wiretrace's table labels, facets and canned queries (datasette/metadata.json) for every
database file Datasette opens, whatever its name.  `--metadata` keys them by database name ("wiretrace" for
wiretrace.db); this plugin applies them to `datasette corpus-2025.db --plugins-dir datasette/plugins` too."""

from __future__ import annotations

import json
from pathlib import Path

from datasette import hookimpl

_METADATA = json.loads((Path(__file__).resolve().parents[1] / "metadata.json").read_text(encoding="utf-8"))
_TEMPLATE = _METADATA["databases"]["wiretrace"]


@hookimpl
def get_metadata(datasette, key, database, table):
    names = [name for name, db in datasette.databases.items() if not db.is_memory and name != "_internal"]
    return {"title": _METADATA["title"], "description": _METADATA["description"],
            "databases": {name: _TEMPLATE for name in names}}
