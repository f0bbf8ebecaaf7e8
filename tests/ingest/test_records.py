"""Record files (JSON lines, JSON arrays, CSV): every record is read or reported on its own line; nothing else stops."""

import json
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wiretrace.errors import InputError
from wiretrace.ingest import prepare, read_source
from wiretrace.ingest.records import KNOWN_FIELDS
from wiretrace.jobs import RunReport, iter_prepared
from wiretrace.settings import Settings

MB = 5 * 1024 * 1024


def _items(path):
    return list(read_source(str(path), max_bytes=MB))


def _split(items):
    errors = {i.line: str(i) for i in items if isinstance(i, InputError)}
    return [i for i in items if not isinstance(i, InputError)], errors


def _lines(*records):
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_records_jsonl_field_of_the_wrong_type_is_one_error_and_the_rest_is_read(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text(_lines({"id": "a", "text": "Peskov said that talks were over."},
                        {"id": "b", "text": "Zakharova said the sanctions failed.", "title": ["x"]},
                        {"id": "c", "text": "Lavrov said nothing new.", "url": 42},
                        {"id": "d", "text": "Belousov said the city was key.", "lang": ["en"]},
                        {"id": 1.5, "text": "Shoigu said little."},
                        {"id": 7, "text": "Gerasimov said more.", "published": "2025-11-24"}), encoding="utf-8")
    articles, errors = _split(_items(f))
    assert sorted(errors) == [2, 3, 4, 5]
    assert all("W012" in e and str(f) in e and "\n" not in e for e in errors.values())
    assert "'title' should be a valid string, not list" in errors[2] and "'url'" in errors[3] and "'lang'" in errors[4]
    assert [prepare(a).external_id for a in articles] == ["a", "7"]


def test_records_jsonl_lone_surrogate_huge_number_and_deep_nesting_are_one_line_each(tmp_path):
    """Regression: each of these aborted the whole file (a traceback or exit 2) and stored none of its records."""
    f = tmp_path / "c.jsonl"
    f.write_text(_lines({"id": "a", "text": "Peskov said that talks were over."},
                        '{"id": "b", "text": "Zakharova \\ud800 said so."}',
                        '{"id": "c", "text": "Lavrov said so.", "note": "\\udfff"}',
                        '{"id": "d", "text": "Shoigu said so.", "n": ' + "9" * 5000 + "}",
                        "[" * 100_000,
                        {"id": "e", "text": "Belousov said the city was key."}), encoding="utf-8")
    articles, errors = _split(_items(f))
    assert sorted(errors) == [2, 3, 4, 5]
    assert "W012" in errors[2] and "surrogate" in errors[2] and "W012" in errors[3]
    assert "W005" in errors[4] and "digits" in errors[4] and "W005" in errors[5] and "nested" in errors[5]
    assert [a.external_id for a in articles] == ["a", "e"]


def test_records_jsonl_line_separator_inside_a_string_does_not_split_the_record(tmp_path):
    """Regression: str.splitlines cut a record at U+2028, U+2029, \\x1c or \\x85 written inside one of its strings."""
    f = tmp_path / "c.jsonl"
    f.write_text(_lines(json.dumps({"id": "a", "text": "Peskov said\u2028that talks\x85were over\u2029."}, ensure_ascii=False),
                        {"id": "b", "text": "Lavrov said so."}), encoding="utf-8")
    articles, errors = _split(_items(f))
    assert not errors and [a.source for a in articles] == [f"{f}:1", f"{f}:2"]


def test_records_json_array_is_read_record_by_record_with_lines(tmp_path):
    f = tmp_path / "c.json"
    f.write_text('[\n  {"id": "a", "text": "Peskov said that talks were over."},\n'
                 '  {"id": "b", "title": 5, "text": "Zakharova said so."},\n'
                 '  {\n    "id": "c",\n    "text": "Lavrov said so."\n  }\n]\n', encoding="utf-8")
    articles, errors = _split(_items(f))
    assert [a.source for a in articles] == [f"{f}:2", f"{f}:4"] and list(errors) == [3] and "W012" in errors[3]
    (tmp_path / "empty.json").write_text("[ ]")
    (e,) = _items(tmp_path / "empty.json")
    assert isinstance(e, InputError) and "W013" in str(e)
    (tmp_path / "one.json").write_text('{\n  "id": "x",\n  "text": "Peskov said so."\n}\n')
    (one,) = _items(tmp_path / "one.json")
    assert one.external_id == "x"
    (tmp_path / "broken.json").write_text('[{"id": "a", "text": "Peskov said so."},\n {"id": "b", "text": }]')
    ok, bad = _split(_items(tmp_path / "broken.json"))
    assert len(ok) == 1 and list(bad) == [2] and "W005" in bad[2]


def test_records_csv_unterminated_quote_is_reported_and_the_rows_after_it_read(tmp_path):
    """Regression: a quote never closed swallowed every following row into one cell, silently."""
    f = tmp_path / "c.csv"
    f.write_text('id,text\n1,"Peskov said that talks were over\n2,Lavrov said nothing new.\n'
                 '3,"Zakharova said, again, that it failed."\n4,"Shoigu said\n', encoding="utf-8")
    articles, errors = _split(_items(f))
    assert [a.external_id for a in articles] == ["2", "3"]
    assert sorted(errors) == [2, 5] and all("W009" in e for e in errors.values())
    assert "never closed" in errors[5]


def test_records_csv_header_only_says_so(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("id,url,text\n\n")
    (e,) = _items(f)
    assert isinstance(e, InputError) and "W013" in str(e) and str(f) in str(e)


def test_records_csv_row_is_named_by_its_first_line_and_long_cells_are_read(tmp_path):
    """Regression: a row was named by its last line, and a cell over csv's 128 KB limit stopped the file with an
    error naming the row before it."""
    f = tmp_path / "c.csv"
    long = "Peskov said that talks were over. " * 6000
    f.write_text(f'id,text\n1,"Lavrov said\nso."\n2,"{long}"\n3,\n4,Shoigu said so.\n', encoding="utf-8")
    articles, errors = _split(_items(f))
    assert [(a.external_id, a.source) for a in articles] == [("1", f"{f}:2"), ("2", f"{f}:4"), ("4", f"{f}:6")]
    assert list(errors) == [5] and "W006" in errors[5]
    assert len(articles[1].text) == len(long)


def test_records_nul_bytes_are_dropped_wherever_they_are(tmp_path):
    """Regression: a NUL in the first 8 KB made the file 'binary', one further on was stored."""
    body = "Peskov said that talks were over. " * 400
    early, late = tmp_path / "early.txt", tmp_path / "late.txt"
    early.write_bytes(b"Peskov\x00" + body[6:].encode())
    late.write_bytes(body[:9000].encode() + b"\x00" + body[9000:].encode())
    (tmp_path / "c.csv").write_bytes(b"id,title,text\n1,Ti\x00tle,Peskov said\x00 so.\n")
    (tmp_path / "c.jsonl").write_bytes(b'{"id": "1", "title": "Ti\\u0000tle", "text": "Peskov said\\u0000 so."}\n'
                                       b'{"id": "2", "text": "Lavrov said\x00 so."}\n')
    assert prepare(_items(early)[0]).text == prepare(_items(late)[0]).text == body.strip()
    rows = [prepare(r) for name in ("c.csv", "c.jsonl") for r in _items(tmp_path / name)]
    assert [r.text for r in rows] == ["Peskov said so.", "Peskov said so.", "Lavrov said so."]
    assert rows[0].title == rows[1].title == "Title"


# --- property: any record is stored or reported on its own line --------------------------------------------------

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                     st.text(alphabet=st.characters(exclude_categories=()), max_size=12))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                       max_leaves=6)
_sentences = st.sampled_from(["Peskov said that talks were over.", "Zakharova said the sanctions would fail.", " ", "",
                              "Лавров заявил, что переговоры окончены.", "<p>Shoigu said so.</p>"])
_dates = st.sampled_from(["2025-11-24", "2025-02-30", "0000-00-00", "9999-99-99", "99999-01-01", "-2025-01-01",
                          "Tue, 25 Nov 2025 08:00:00 GMT", "yesterday"])
_strings = st.one_of(st.text(max_size=12), st.text(max_size=12), st.none(), _values)  # mostly right, sometimes not
_field = {"text": st.one_of(_sentences, _sentences, _values), "html": st.one_of(_sentences, _values),
          "published": st.one_of(_dates, _values)}
_optional = {name: _field.get(name, _strings) for name in (*KNOWN_FIELDS, "feed")}
_records = st.one_of(st.fixed_dictionaries({"text": _sentences}, optional={k: v for k, v in _optional.items() if k != "text"}),
                     st.fixed_dictionaries({}, optional=_optional))
_garbage = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cf")), max_size=30)
_lines_ = st.lists(st.one_of(_records.map(json.dumps), _records.map(json.dumps), _garbage,
                             st.just('{"text": "Peskov said so.", "n": ' + "1" * 4400 + "}"), st.just("[" * 5000)),
                   min_size=1, max_size=8)


def test_records_any_jsonl_record_is_stored_or_reported_on_its_line(tmp_path, kb):
    from wiretrace.store import Store

    path = tmp_path / "p.jsonl"
    store = Store(tmp_path / "p.db")

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(lines=_lines_)
    def check(lines):
        text = "\n".join(lines) + "\n"
        path.write_text(text, encoding="utf-8")
        report, errors = RunReport(), []
        articles = {a.source_path: a for a in iter_prepared([str(path)], settings=Settings(), report=report,
                                                           on_error=errors.append)}
        for a in articles.values():
            store.write_article(a, kb)
        assert all("\n" not in e for e in errors)
        if not any(line.strip() for line in lines):
            assert len(errors) == 1 and "W001" in errors[0]
            return
        for n, line in enumerate(lines, 1):
            where = f"{path}:{n}"
            reported = [e for e in errors if e.startswith(f"{where}: W")]
            assert (where in articles) + len(reported) == (1 if line.strip() else 0), (line[:80], errors)
        assert len(articles) + len(errors) == sum(1 for line in lines if line.strip())

    try:
        check()
    finally:
        store.close()


def test_the_progress_total_counts_records_without_parsing(tmp_path):
    from wiretrace.ingest.sources import estimate_articles

    (tmp_path / "a.jsonl").write_text('{"text": "one"}\n\n{"text": "two"}\n{"text": "three"}\n')
    (tmp_path / "b.csv").write_text("id,text\n1,x\n2,y\n")
    (tmp_path / "c.txt").write_text("a plain article")
    assert estimate_articles([str(tmp_path)], max_bytes=10_000) == 3 + 2 + 1


def test_devices_and_pipes_are_refused_without_reading_them(tmp_path):
    import os

    from wiretrace.ingest.sources import read_source

    (problem,) = list(read_source("/dev/zero", max_bytes=1000))
    assert "W010" in str(problem) and "not a regular file" in str(problem)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (problem,) = list(read_source(str(fifo), max_bytes=1000))  # returns at once: no writer is waited for
    assert "not a regular file" in str(problem) and str(fifo) in str(problem)


def test_standard_input_is_read_only_up_to_the_limit():
    import io

    from wiretrace.ingest.sources import read_bounded

    endless = io.BytesIO(b"x" * 10_000)
    assert len(read_bounded(endless, 100)) == 101


_cells = st.one_of(st.sampled_from(["Peskov said so.", "", "2025-11-24", "2025-02-30", '"', '""', '"Lavrov said', "a,b",
                                    "line\nbreak", "x\x00y", "Лавров заявил."]),
                   st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=15))


def _csv_lines(text: str) -> list[str]:
    """The file's lines as the reader numbers them: "\r\n", a lone "\r" and "\n" each end one; NULs and byte-order
    marks are dropped when the file is decoded."""
    return re.split(r"\r\n|\r|\n", text.replace("\x00", "").replace("\ufeff", ""))


def test_records_any_csv_is_stored_or_reported_line_by_line(tmp_path, kb):
    """CSV cells of any content (quotes, commas, line breaks, NULs, other scripts): no traceback, and every data row
    is either stored, named by the line it starts on, or reported on one line naming the file and that line; none
    is lost, none is counted twice.  Written by hand (broken quoting and all), every line of the file is a row of
    its own, or a line of a row whose quoted cell runs on to it (and that quote is closed)."""
    import csv
    import io

    from wiretrace.errors import Errors
    from wiretrace.ingest.decode import looks_binary
    from wiretrace.store import Store

    path = tmp_path / "p.csv"
    store = Store(tmp_path / "p.db")

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rows=st.lists(st.lists(_cells, min_size=1, max_size=5), max_size=6), raw=st.booleans())
    @example(rows=[["1", "", '"Peskov said'], ["2", "", "Lavrov said so."], ["3", "", "Shoigu said so."]], raw=True)
    def check(rows, raw):
        buf = io.StringIO()
        starts = []  # the line each written row starts on
        if raw:  # written by hand: broken quoting and all
            buf.write("id,title,text,published\n" + "\n".join(",".join(r) for r in rows) + "\n")
        else:
            w = csv.writer(buf)
            w.writerow(["id", "title", "text", "published"])
            for r in rows:
                starts.append(len(_csv_lines(buf.getvalue())))
                w.writerow(r)
        path.write_text(buf.getvalue(), encoding="utf-8")
        lines = _csv_lines(buf.getvalue())
        report, errors = RunReport(), []
        articles = list(iter_prepared([str(path)], settings=Settings(), report=report, on_error=errors.append))
        if looks_binary(buf.getvalue().encode("utf-8")):  # over 5% control characters: refused whole, in one line
            assert not articles and errors == [f"{path}: {Errors.W002}"], errors
            return
        for a in articles:
            store.write_article(a, kb)
        stored = [int(a.source_path.rsplit(":", 1)[1]) for a in articles]
        assert all(a.source_path.rsplit(":", 1)[0] == str(path) for a in articles)
        reported = {}  # line -> the problem
        for e in errors:
            assert "\n" not in e and e.startswith(f"{path}:"), e
            where = re.match(rf"{re.escape(str(path))}:(\d+): (W\d\d\d .*)", e)
            if where:
                assert int(where.group(1)) not in reported, errors  # one line per row
                reported[int(where.group(1))] = where.group(2)
            else:  # only a file with no row at all is reported as a whole
                assert e.startswith(f"{path}: W013 ") and not any(line.strip() for line in lines[1:]), e
        begun = sorted([*stored, *reported])
        assert all(2 <= n <= len(lines) for n in begun), (stored, reported, len(lines))
        assert len(set(begun)) == len(begun), (stored, reported, errors)  # no row both stored and reported
        if not raw:  # every row, on the line it starts on: stored or reported, once
            assert begun == starts, (rows, stored, errors)
            return
        # By hand: a row runs on past its first line only when a quoted cell opens on it and closes later (a quote
        # never closed, or bad quoting, is W009 and reading goes on from the next line).  Every other line is a row.
        whole = set(stored) | {n for n, problem in reported.items() if "quot" not in problem}
        for n, line in enumerate(lines[1:], 2):
            if not line or n in begun:
                continue
            earlier = [b for b in begun if b < n]
            assert earlier and earlier[-1] in whole, (n, line, rows, stored, errors)
            assert re.search(r'(^|,)"', lines[earlier[-1] - 1]), (n, line, rows, stored, errors)
        for b in whole:  # and a row that runs on ends on the line its quote closes on
            span = lines[b - 1:min([n for n in begun if n > b] + [len(lines) + 1]) - 1]
            while span and not span[-1]:
                span.pop()
            assert len(span) == 1 or '"' in span[-1], (b, span, rows, errors)

    try:
        check()
    finally:
        store.close()
