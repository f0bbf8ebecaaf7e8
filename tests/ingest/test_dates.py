"""Publication dates: a value that is no calendar date is refused with a warning, never stored as written."""

import pytest

from wiretrace.ingest import RawArticle, prepare
from wiretrace.ingest.dates import parse_datetime


@pytest.mark.parametrize("value", ["2025-02-30", "0000-00-00", "9999-99-99", "99999-01-01", "-2025-01-01",
                                   "+2025-01-01", "9999-12-31", "2025-11-24T25:00", "1.5", 1.5, True, ["2025-11-24"]])
def test_dates_parse_datetime_refuses_what_is_no_calendar_date(value):
    """Regression: 2025-02-30, 0000-00-00 and 9999-99-99 were stored as written, 99999-01-01 became 9999-...,
    and -2025-01-01 became 2025-01-01."""
    assert parse_datetime(value) is None


@pytest.mark.parametrize("value, expected", [("2025-11-24", "2025-11-24"), ("2025-1-5", "2025-01-05"),
                                             ("2025-11-23T09:30:00+00:00", "2025-11-23T09:30:00+00:00"),
                                             ("2025-11-24 08:00:00 GMT", "2025-11-24T08:00:00+00:00"),
                                             ("Tue, 25 Nov 2025 08:00:00 GMT", "2025-11-25T08:00:00+00:00"),
                                             (20251124, "2025-11-24T00:00:00")])
def test_dates_parse_datetime_reads_real_dates(value, expected):
    assert parse_datetime(value) == expected


def test_dates_prepare_warns_about_an_invalid_date_naming_the_record_and_stores_none():
    warnings = []
    art = prepare(RawArticle(text="Peskov said that talks were over.", source="c.jsonl:3", published="2025-02-30",
                             published_source="field"), on_warning=warnings.append)
    assert art.published is None and art.published_source is None
    (w,) = warnings
    assert str(w).startswith("c.jsonl:3: W014 invalid date '2025-02-30'") and "\n" not in str(w)
    # a date that is there is no warning
    quiet = []
    assert prepare(RawArticle(text="Peskov said so.", source="c.jsonl:4", published="2025-11-24"),
                   on_warning=quiet.append).published == "2025-11-24" and not quiet
