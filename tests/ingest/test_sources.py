"""Readers: every input kind, and every kind of bad input reported on one line with file (and line)."""

import json

from wiretrace.errors import InputError
from wiretrace.ingest import expand_paths, prepare, read_source

MB = 5 * 1024 * 1024


def _items(path, **kw):
    return list(read_source(str(path), max_bytes=kw.pop("max_bytes", MB), **kw))


def test_read_jsonl_keeps_unknown_fields_and_external_id(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text(json.dumps({"id": "a-1", "url": "https://site.test/2025/11/24/x", "text": "Peskov said talks were over.",
                             "lang": "en", "feed": "tg"}) + "\n", encoding="utf-8")
    (raw,) = _items(f)
    art = prepare(raw)
    assert art.external_id == "a-1" and art.metadata == {"feed": "tg"}
    assert art.site == "site.test" and art.published == "2025-11-24" and art.published_source == "url"


def test_read_jsonl_bad_line_is_reported_with_line_number_and_rest_is_read(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text('{"text": "first article text here"}\n{not json\n{"title": "no body"}\n{"text": "last one"}\n')
    items = _items(f)
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.line for e in errors] == [2, 3]
    assert "W005" in str(errors[0]) and str(f) in str(errors[0]) and "W006" in str(errors[1])
    assert len(items) - len(errors) == 2


def test_read_csv_rows(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text('id,url,title,text,site\n1,https://a.test/x,T,"Zakharova said that, in her view, talks failed.",a.test\n2,,,,\n')
    items = _items(f)
    assert not isinstance(items[0], InputError) and "Zakharova" in items[0].text
    assert isinstance(items[1], InputError) and items[1].line == 3


def test_read_feed_gives_one_article_per_entry(tmp_path):
    from pathlib import Path

    items = _items(Path(__file__).parents[2] / "examples/corpus/syn_feed.xml")
    assert len(items) == 2 and all(not isinstance(i, InputError) for i in items)
    assert items[0].title.startswith("Kupiansk") and items[0].url.endswith("kupiansk-station")
    assert "Syniehubov" in items[0].text and "<p>" not in items[0].text


def test_read_html_extracts_main_text_title_date_and_canonical_url():
    from pathlib import Path

    (raw,) = _items(Path(__file__).parents[2] / "examples/corpus/syn_page.html")
    art = prepare(raw)
    assert art.url == "https://eastern-herald.test/news/2025/11/28/lyman-front-update"
    assert art.published.startswith("2025-11-28T14:20") and art.published_source == "html"
    assert "Trehubov" in art.text and "About" not in art.text and art.title.startswith("Lyman")


def test_malformed_html_and_feed_are_errors(tmp_path):
    (tmp_path / "broken.html").write_text("just words, no markup at all")
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>x</title>")
    assert all(isinstance(i, InputError) for i in _items(tmp_path / "broken.html"))
    assert all(isinstance(i, InputError) for i in _items(tmp_path / "broken.rss"))


def test_empty_binary_and_oversized_files_are_refused(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"   \n")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "big.txt").write_text("war " * 100)
    (e1,), (e2,), (e3,) = _items(tmp_path / "empty.txt"), _items(tmp_path / "bin.txt"), _items(tmp_path / "big.txt", max_bytes=100)
    assert "W001" in str(e1) and "W002" in str(e2) and "W003" in str(e3) and "big.txt" in str(e3)


def test_stdin_and_directories(tmp_path):
    (tmp_path / "a.txt").write_text("Belousov said the city was key.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Peskov said nothing.")
    (tmp_path / ".hidden.txt").write_text("skip me")
    (tmp_path / "notes.bin").write_text("skip me too")
    assert [p.split("/")[-1] for p in expand_paths([str(tmp_path)])] == ["a.txt", "b.txt"]
    (raw,) = list(read_source("-", max_bytes=MB, stdin="Lavrov said so.".encode()))
    assert raw.text == "Lavrov said so."


def test_a_feed_cut_off_is_reported_as_cut_and_its_partial_entry_not_read(tmp_path):
    """Regression: a feed cut off in transfer was reported as "W001 empty input", or its last entry stored with half
    its text."""
    from pathlib import Path

    feed = (Path(__file__).parents[2] / "examples/corpus/syn_feed.xml").read_text(encoding="utf-8")
    in_second_text = feed.index("lost external power")
    cuts = {"in-text.rss": feed[:in_second_text], "in-tags.rss": feed[:feed.index("<pubDate>", feed.index("syn-rss-2"))],
            "after-entries.rss": feed[:feed.rindex("</item>") + len("</item>")],
            "in-head.rss": feed[:feed.index("<item>")], "whole.rss": feed + "\n<!-- cached copy -->\n"}
    read = {}
    for name, text in cuts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        read[name] = _items(tmp_path / name)
    for name in ("in-text.rss", "in-tags.rss"):
        first, problem = read[name]
        assert not isinstance(first, InputError) and "Syniehubov" in first.text
        assert isinstance(problem, InputError) and f"{name}#entry2: W007" in str(problem) and "cut off" in str(problem)
    *entries, problem = read["after-entries.rss"]
    assert [e.external_id for e in entries] == ["syn-rss-1", "syn-rss-2"] and "Grossi" in entries[1].text
    assert isinstance(problem, InputError) and "W007" in str(problem) and "cut off" in str(problem)
    (problem,) = read["in-head.rss"]
    assert isinstance(problem, InputError) and "W007" in str(problem) and "W001" not in str(problem)
    assert not any(isinstance(i, InputError) for i in read["whole.rss"]) and len(read["whole.rss"]) == 2


# --- files of records of any size: streamed, the limit applies to each record (synthetic records) -----------------

def _wire_record(i: int, words: int = 40) -> dict:
    body = " ".join(["Marochko said the front near Siversk held."] + ["The brigade reported calm."] * (words // 4))
    return {"id": f"r-{i}", "text": f"{body} Item {i}.", "site": "site.test", "published": "2025-11-24"}


def test_a_jsonl_file_over_the_limit_is_read_record_by_record(tmp_path):
    f = tmp_path / "big.jsonl"
    lines = [json.dumps(_wire_record(i)) for i in range(40)]
    lines[17] = json.dumps({"id": "huge", "text": "Lavrov said so. " * 400})  # one record over the limit
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert f.stat().st_size > 10_000
    items = _items(f, max_bytes=2000)
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(items) == 40 and len(errors) == 1
    assert errors[0].line == 18 and "W003" in str(errors[0]) and "big.jsonl:18" in str(errors[0])
    assert [i.external_id for i in items if not isinstance(i, InputError)][16:18] == ["r-16", "r-18"]


def test_a_csv_file_over_the_limit_streams_with_bad_rows_reported_by_line(tmp_path):
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "text", "site"])
    for i in range(30):
        w.writerow([f"r-{i}", _wire_record(i)["text"] + "\nA second paragraph.", "site.test"])
    text = buf.getvalue().replace('"r-5"', "r-5").replace("r-7,", 'r-7,"stray ', 1)
    f = tmp_path / "big.csv"
    f.write_text(text, encoding="utf-8")
    items = _items(f, max_bytes=1500)
    ok = [i.external_id for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert errors and all("W009" in str(e) for e in errors)
    assert "r-0" in ok and "r-29" in ok and "r-6" in ok and "r-8" in ok and "r-7" not in ok
    assert len(ok) + 1 >= 30 - 1  # a stray quote costs its own row, never the rows after it


def test_a_csv_line_over_the_limit_is_reported_and_its_row_refused(tmp_path):
    f = tmp_path / "c.csv"
    rows = ["id,text"] + [f"r-{i},Pushilin said the water supply would resume. Item {i}." for i in range(5)]
    rows[3] = "huge," + "Pushilin said so. " * 200
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = _items(f, max_bytes=1000)
    errors = [i for i in items if isinstance(i, InputError)]
    assert [i.external_id for i in items if not isinstance(i, InputError)] == ["r-0", "r-1", "r-3", "r-4"]
    assert any("W003" in str(e) and e.line == 4 for e in errors)


def test_parquet_rows_are_articles_and_a_row_over_the_limit_is_refused(tmp_path):
    from datetime import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = [_wire_record(i) for i in range(6)]
    recs[2]["text"] = "Peskov said the talks were over. " * 100
    table = pa.table({"id": [r["id"] for r in recs], "text": [r["text"] for r in recs], "site": [r["site"] for r in recs],
                      "published": [datetime(2025, 11, 24, 9, i) for i in range(6)], "feed": ["tg"] * 6})
    f = tmp_path / "c.parquet"
    pq.write_table(table, f, row_group_size=4)
    items = _items(f, max_bytes=2000)
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and errors[0].line == 3 and "W003" in str(errors[0])
    arts = [prepare(i) for i in items if not isinstance(i, InputError)]
    assert [a.external_id for a in arts] == ["r-0", "r-1", "r-3", "r-4", "r-5"]
    assert arts[0].published.startswith("2025-11-24T09:00") and arts[0].metadata == {"feed": "tg"} and arts[0].site == "site.test"
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    (bad,) = _items(tmp_path / "broken.parquet")
    assert "W005" in str(bad) and "broken.parquet" in str(bad)


def test_a_200_mb_jsonl_file_streams_in_bounded_memory(tmp_path):
    import subprocess
    import sys

    f = tmp_path / "huge.jsonl"
    record = _wire_record(0, words=1600)
    with f.open("w", encoding="utf-8") as out:
        n = 0
        while out.tell() < 200 * 1024 * 1024:
            record["id"] = f"r-{n}"
            out.write(json.dumps(record) + "\n")
            n += 1
    probe = (
        "import resource, sys\n"
        "from wiretrace.ingest import read_source\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "count = sum(1 for _ in read_source(sys.argv[1], max_bytes=100_000))\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(count, (after - before) // 1024)\n")
    out = subprocess.run([sys.executable, "-c", probe, str(f)], capture_output=True, text=True, check=True).stdout.split()
    count, grown_mb = int(out[0]), int(out[1])
    assert count == n
    assert grown_mb < 60, f"reading a 200 MB file grew the process by {grown_mb} MB"


def test_the_read_meter_counts_bytes_through_a_file_of_records_up_to_the_inputs_size(tmp_path):
    """What analyze's progress bar shows: the bytes read so far, moving within a big file of records (not only
    when it is done), never backwards, and ending at the size of every input."""
    from wiretrace.ingest.sources import ReadMeter, input_bytes
    from wiretrace.jobs import RunReport, iter_prepared
    from wiretrace.settings import Settings

    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as fh:  # synthetic records, ~1.5 MB
        for i in range(3000):
            fh.write(json.dumps({"id": f"m{i}", "text": f"Synthetic record {i}. Pushilin said repairs would end "
                                                         f"on day {i % 30 + 1}. " + "More words here. " * 20}) + "\n")
    small = tmp_path / "note.txt"
    small.write_text("Synthetic note. Peskov said the talks were over.", encoding="utf-8")
    total = input_bytes([str(tmp_path)])
    assert total == big.stat().st_size + small.stat().st_size
    meter, seen = ReadMeter(), []
    for _ in iter_prepared([str(big), str(small)], settings=Settings.load(), report=RunReport(), meter=meter):
        seen.append(meter.position())
    assert len(seen) == 3001 and seen == sorted(seen)
    assert len({p for p in seen[:3000]}) > 50  # moved through the big file, block by block
    assert seen[2999] <= big.stat().st_size and meter.position() == total
