"""Exports: articles as JSON lines (the JSON contract), and every table as CSV, JSON lines or Parquet rows.
Never capped: rows stream from the database, Parquet in row groups."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from ..model import Article
from ..store import tables

CLAIM_COLUMNS = ("article_id", "url", "site", "published", "lang", "seq", "kind", "speaker", "speaker_kb_id",
                 "speaker_descriptor", "speaker_side", "relay", "cue", "hedged", "hedges", "claim", "start", "end")


def article_json(art: Article) -> str:
    return json.dumps(art.to_dict(), ensure_ascii=False)


def write_jsonl(articles: Iterable[Article], out: TextIO) -> int:
    n = 0
    for art in articles:
        out.write(article_json(art) + "\n")
        n += 1
    return n


def claim_rows(articles: Iterable[Article]) -> Iterable[dict]:
    """One flat row per claim (CLAIM_COLUMNS)."""
    for art in articles:
        for seq, c in enumerate(art.claims):
            sp = c.speaker
            yield dict(zip(CLAIM_COLUMNS, (
                art.id, art.url or "", art.site or "", art.published or "", art.lang, seq, c.kind,
                (sp.name if sp else "") or "", (sp.kb_id if sp else "") or "", (sp.descriptor if sp else "") or "",
                (sp.side if sp else "") or "", "; ".join(r.name for r in c.relays), c.cue.text if c.cue else "",
                int(c.hedged), "; ".join(c.hedges), c.text, c.start, c.end)))


def write_claims_csv(articles: Iterable[Article], out: TextIO) -> int:
    return write_rows(claim_rows(articles), out, "csv")


# ---------------------------------------------------------------------- other tables
def write_rows(rows: Iterable[dict], out: TextIO, fmt: str) -> int:
    """Rows of dicts as CSV (columns from the first row) or JSON lines."""
    n = 0
    writer = None
    for row in rows:
        if fmt == "jsonl":
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row))
                writer.writeheader()
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()})
        n += 1
    return n


def write_parquet(rows: Iterable[dict], path, batch_size: int = 20_000) -> int:
    """Rows of dicts as a Parquet file (pyarrow), written in row groups so that memory stays flat.  Column types
    come from the first batch; columns that are empty there are strings; lists and dicts become JSON text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def flat(row: dict) -> dict:
        return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}

    writer, schema, batch, n = None, None, [], 0

    def flush():
        nonlocal writer, schema
        if schema is None:
            inferred = pa.Table.from_pylist(batch).schema
            schema = pa.schema([pa.field(f.name, pa.string() if pa.types.is_null(f.type) else f.type) for f in inferred])
            writer = pq.ParquetWriter(str(path), schema)
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        batch.clear()

    try:
        for row in rows:
            batch.append(flat(row))
            n += 1
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
    finally:
        if writer is not None:
            writer.close()
    if n == 0:
        pq.write_table(pa.table({}), str(path))
    return n


def family_rows(store) -> Iterable[dict]:
    """One row per family member, with its family's origin (CSV); see families_json for the nested contract."""
    yield from tables.family_member_rows(store.conn)


def place_features(store) -> list[dict]:
    """Every mentioned place with its mention counts by spelling variant and by speaker side: GeoJSON features."""
    places: dict[str, dict] = {}
    for r in tables.place_variant_counts(store.conn):
        f = places.setdefault(r["place_id"], {"type": "Feature", "geometry": None, "properties": {
            "place_id": r["place_id"], "name": r["name"], "admin1": r["admin1"], "country": r["country"],
            "mentions": 0, "articles": 0, "variants": {}}})
        if r["lat"] is not None and r["lon"] is not None:
            f["geometry"] = {"type": "Point", "coordinates": [r["lon"], r["lat"]]}
        f["properties"]["mentions"] += r["n"]
        f["properties"]["articles"] += r["articles"]
        f["properties"]["variants"][r["variant"]] = r["n"]
    return sorted(places.values(), key=lambda f: -f["properties"]["mentions"])


def event_features(store) -> list[dict]:
    """Every claimed event at a place with coordinates, as a GeoJSON point with its day (for time-aware maps)."""
    out = []
    for r in tables.event_rows(store.conn):
        if r["lat"] is None or r["lon"] is None:
            continue
        props = {k: v for k, v in r.items() if k not in ("lat", "lon")}
        out.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                    "properties": props})
    return out


def write_geojson(features: list[dict], out: TextIO) -> int:
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
