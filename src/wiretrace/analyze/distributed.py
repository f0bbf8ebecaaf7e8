"""Analysis on a Ray cluster (Ray Data): `wiretrace analyze --engine ray`.

1. This process plans shards: each JSON-lines file is cut at line boundaries every
   `SHARD_LINES` lines (or `SHARD_BYTES`), each Parquet file into its row groups.  A shard is
   a few numbers (path, byte range or row group, first line), so the plan is small whatever the
   corpus; a line over the size limit is cut out of the plan as its own W003.
2. Ray Data runs `map_batches` over the shards with a pool of actors (`ShardAnalyser`), each
   holding the models: it reads its shard with wiretrace's own readers (the same records, the
   same one-line errors, the same line numbers as a local run), prepares and analyses the
   articles, and returns one row per article or error, with the article's JSON contract
   (claims included) and the analysed article itself for loading.
3. The rows come back here in input order as they are ready (Ray Data streams them, so the
   writes overlap the analysis), are staged as Parquet when asked (`--stage DIR`:
   `analysed.parquet`, the articles' JSON contract with their claims, and the articles as
   loaded) and loaded into the store through `jobs.ArticleWriter`: the same checks and one
   transaction per article as a local run.  The database equals a local run's.

Input files must be readable at the same path on every node (a shared file system).  `trace`
stays local (see the README's "Scale").
"""

from __future__ import annotations

import json
import pickle
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..ingest.decode import normalize_newlines, sniff_encoding
from ..ingest.prepare import prepare_all
from ..ingest.records import parquet_rows, read_jsonl_lines
from ..model import Article
from ..parallel import ray_session
from ..settings import Settings
from .pipeline import Analyzer

SHARD_LINES = 256
SHARD_BYTES = 32 * 1024 * 1024
RAY_SUFFIXES = (".jsonl", ".ndjson", ".parquet")
_NEWLINE = re.compile(rb"\n")


def plan_shards(paths: list[str], *, max_bytes: int) -> tuple[list[dict], list[str]]:
    """Shards of the files, in input order, and one error line for each file the engine cannot read."""
    shards: list[dict] = []
    errors: list[str] = []
    for path in paths:
        suffix = Path(path).suffix.lower()
        if suffix not in RAY_SUFFIXES:
            errors.append(str(InputError(Errors.W011.format(suffix=suffix or "(none)") + "; --engine ray reads JSON-lines "
                                         "and Parquet shards (run without --engine for other files)", source=path)))
            continue
        try:
            if suffix == ".parquet":
                import pyarrow.parquet as pq

                meta = pq.ParquetFile(path).metadata
                first = 1
                for group in range(meta.num_row_groups):
                    shards.append({"path": path, "kind": "parquet", "group": group, "first": first, "offset": 0,
                                   "length": 0, "encoding": "", "error": ""})
                    first += meta.row_group(group).num_rows
                continue
            shards.extend(_jsonl_shards(path, max_bytes))
        except InputError as exc:
            errors.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - an unreadable file is one line, the others go on
            errors.append(str(InputError(Errors.W010.format(detail=f"{type(exc).__name__}: {exc}"), source=path)))
    for k, shard in enumerate(shards):
        shard["shard"] = k
    return shards, errors


def _jsonl_shards(path: str, max_bytes: int) -> Iterator[dict]:
    """Byte ranges of whole lines; a line over `max_bytes` bytes is a shard of its own that only reports W003."""

    def lines(offset: int, end: int, first: int) -> dict:
        return {"path": path, "kind": "jsonl", "group": 0, "first": first, "offset": offset, "length": end - offset,
                "encoding": encoding, "error": ""}

    def too_long(line: int) -> dict:
        return {"path": path, "kind": "error", "group": 0, "first": line, "offset": 0, "length": 0, "encoding": "",
                "error": Errors.W003.format(size=f"line {line}: more than {max_bytes}", limit=max_bytes)}

    with open(path, "rb") as fh:
        encoding = sniff_encoding(fh.read(1 << 16), source=path)
        fh.seek(0)
        start = line_start = pos = 0  # where the shard, the current line and the block start (bytes)
        first = line = 1  # the shard's first line, the current line
        while block := fh.read(1 << 20):
            for m in _NEWLINE.finditer(block):
                end = pos + m.end()
                if end - line_start - 1 > max_bytes:
                    if line_start > start:
                        yield lines(start, line_start, first)
                    yield too_long(line)
                    start, first = end, line + 1
                elif line - first + 1 >= SHARD_LINES or end - start >= SHARD_BYTES:
                    yield lines(start, end, first)
                    start, first = end, line + 1
                line_start = end
                line += 1
            pos += len(block)
        if pos > start:  # the last line has no newline
            if pos - line_start > max_bytes:
                if line_start > start:
                    yield lines(start, line_start, first)
                yield too_long(line)
            else:
                yield lines(start, pos, first)


def read_shard(shard: dict, *, max_bytes: int):
    """The records (or errors) of one shard, read with wiretrace's own readers."""
    path = shard["path"]
    if shard["kind"] == "error":
        yield InputError(shard["error"], source=path, line=int(shard["first"]))
        return
    if shard["kind"] == "parquet":
        import pyarrow.parquet as pq

        rows = pq.ParquetFile(path).read_row_group(int(shard["group"])).to_pylist()
        yield from parquet_rows(rows, path=path, max_bytes=max_bytes, first_row=int(shard["first"]))
        return
    with open(path, "rb") as fh:
        fh.seek(int(shard["offset"]))
        data = fh.read(int(shard["length"]))
    encoding = shard["encoding"]
    if int(shard["offset"]) > 0 and encoding == "utf-8-sig":
        encoding = "utf-8"  # the mark is at the start of the file only
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        yield InputError(Errors.W004, source=path, line=int(shard["first"]))
        return
    text = normalize_newlines(text).replace("\x00", "")
    if text.endswith("\n"):
        text = text[:-1]
    yield from read_jsonl_lines(text.split("\n"), path=path, first_line=int(shard["first"]))


class ShardAnalyser:
    """A Ray Data actor: loads the models once, then reads, prepares and analyses whole shards."""

    def __init__(self, settings: Settings, fast: bool, contract: bool = False):
        """`contract`: also give each article's JSON contract (for the staged Parquet)."""
        self.settings = settings
        self.analyzer = Analyzer(settings, fast=fast)
        self.contract = contract

    def __call__(self, batch: dict) -> dict:
        out: dict[str, list] = {"shard": [], "seq": [], "kind": [], "message": [], "article_json": [], "article": []}

        def row(shard: int, kind: str, message: str = "", art: Article | None = None) -> None:
            out["shard"].append(shard)
            out["seq"].append(len(out["seq"]))
            out["kind"].append(kind)
            out["message"].append(message)
            out["article_json"].append(json.dumps(art.to_dict(), ensure_ascii=False) if art is not None and self.contract else "")
            # the analysed article as the loader writes it; staged by this run for this run (not untrusted input)
            out["article"].append(pickle.dumps(art, protocol=pickle.HIGHEST_PROTOCOL) if art is not None else b"")

        for i in range(len(batch["shard"])):
            shard = {key: batch[key][i] for key in batch}
            number = int(shard["shard"])
            items = read_shard(shard, max_bytes=self.settings.max_bytes)
            prepared = list(prepare_all(items, on_error=lambda msg: row(number, "error", msg),
                                        on_warning=lambda problem: row(number, "warning", str(problem))))
            failures: dict[int, str] = {}

            def failed(art: Article, exc: Exception) -> None:
                failures[id(art)] = f"{type(exc).__name__}: {exc}"

            done = {id(a) for a in self.analyzer.analyze(prepared, on_error=failed)}
            for art in prepared:
                if id(art) in done:
                    row(number, "article", art=art)
                else:
                    row(number, "failed", failures.get(id(art), "analysis failed"), art=art)
        return out


def analyse_on_ray(paths: list[str], *, settings: Settings, fast: bool, address: str | None, stage: str | None,
                   writer, workers: int | None = None) -> None:
    """Plan, analyse on Ray, stage as Parquet, load through `writer` (a jobs.ArticleWriter) in input order."""
    import pyarrow.parquet as pq
    import ray

    shards, errors = plan_shards(paths, max_bytes=settings.max_bytes)
    for msg in errors:
        writer.fail(msg)
    if not shards:
        return
    with ray_session(address, workers):
        _quiet(ray)
        ray.data.DataContext.get_current().execution_options.preserve_order = True
        size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))

        class Analyser(ShardAnalyser):  # the settings travel with the class: no constructor arguments to keep
            def __init__(self):
                super().__init__(settings, fast, contract=stage is not None)

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # max_restarts goes through Ray's deprecated ray_remote_args
            # one block per shard: a task returns its block whole, so a block of many shards held all their analysed
            # articles in the actor at once (4 blocks an actor made each actor's memory grow with the corpus: 388 MB
            # at 100,000 articles, 1.3 GB at 1,000,000)
            rows = (ray.data.from_items(shards, override_num_blocks=len(shards))
                    .map_batches(Analyser, batch_size=1, num_cpus=1, compute=ray.data.ActorPoolStrategy(size=size),
                                 max_restarts=0))  # a dead actor fails the run with its error; no restart state kept
        staged = None
        try:
            # Results come back in input order while later shards are still analysed: they are loaded (and staged)
            # as they come, so the store's writes overlap the analysis.
            for batch in rows.iter_batches(batch_size=None, batch_format="pyarrow"):
                if stage:
                    if staged is None:
                        Path(stage).mkdir(parents=True, exist_ok=True)
                        staged = pq.ParquetWriter(str(Path(stage) / "analysed.parquet"), batch.schema)
                    staged.write_table(batch)
                for rec in batch.to_pylist():
                    _load(rec, writer)
        finally:
            if staged is not None:
                staged.close()


def _quiet(ray) -> None:
    """Ray Data's progress bars and start-up notes off the terminal: wiretrace prints its own summary."""
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False


def _load(rec: dict, writer) -> None:
    kind = rec["kind"]
    if kind == "error":
        writer.fail(rec["message"])
    elif kind == "warning":
        writer.warn(rec["message"])
    elif kind == "failed":
        art = pickle.loads(rec["article"])  # noqa: S301 - written by this run's own actors
        writer.fail(str(InputError(f"E030 analysis failed: {rec['message']}".replace("\n", " "),
                                   source=art.source_path or art.id)))
    else:
        art = pickle.loads(rec["article"])  # noqa: S301 - written by this run's own actors
        if writer.admit(art):
            writer.write(art)
