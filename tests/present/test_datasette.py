"""The Datasette metadata file works on a real wiretrace database: labelled tables, facets, canned queries."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
datasette_app = pytest.importorskip("datasette.app", reason="datasette is a test extra")


def test_canned_queries_and_facets_run(traced, tmp_path):
    db, ids, data = traced
    copy = tmp_path / "wiretrace.db"  # the metadata names the database "wiretrace", as `datasette wiretrace.db` does
    shutil.copy(db, copy)
    metadata = json.loads((ROOT / "datasette" / "metadata.json").read_text())
    ds = datasette_app.Datasette([str(copy)], metadata=metadata)

    async def get(path):
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        return response.json()

    async def run():
        speakers = await get("/wiretrace/claims_by_speaker.json?speaker=Kimakovsky&_shape=array")
        assert speakers and speakers[0]["speaker_name"] == "Igor Kimakovsky" and speakers[0]["sites"] >= 3
        outlets = await get("/wiretrace/families_by_origin_outlet.json?_shape=array")
        assert sum(o["families"] for o in outlets) == len(data["families"])
        suspects = await get("/wiretrace/fabricated_quote_suspects.json?_shape=array")
        assert len(suspects) >= 2
        fams = await get("/wiretrace/families.json?_facet=origin_outlet")
        assert "origin_outlet" in fams["facet_results"]
        page = await ds.client.get("/wiretrace/rewrite_changes")
        assert page.status_code == 200 and "fabricated-quote suspects" in page.text.lower()

    asyncio.run(run())


def test_the_plugin_gives_any_database_file_the_metadata(traced, tmp_path):
    db, ids, data = traced
    copy = tmp_path / "news_corpus.db"  # not named wiretrace.db
    shutil.copy(db, copy)
    ds = datasette_app.Datasette([str(copy)], plugins_dir=str(ROOT / "datasette" / "plugins"))
    name = next(n for n in ds.databases if n != "_internal")

    async def run():
        response = await ds.client.get(f"/{name}/families_by_origin_outlet.json?_shape=array")
        assert response.status_code == 200, response.text[:300]
        assert sum(o["families"] for o in response.json()) == len(data["families"])
        page = await ds.client.get(f"/{name}/rewrite_changes")
        assert "fabricated-quote suspects" in page.text.lower()

    asyncio.run(run())
