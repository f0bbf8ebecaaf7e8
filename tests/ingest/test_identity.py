from wiretrace.ingest.dates import date_from_dateline, date_from_url, parse_datetime
from wiretrace.ingest.identity import content_hash, normalize_url, site_of


def test_normalize_url_drops_tracking_fragment_and_www():
    a = normalize_url("http://WWW.Pravda-EN.com/world/2025/11/24/story/?utm_source=tg&b=2&a=1#top")
    b = normalize_url("https://pravda-en.com/world/2025/11/24/story?a=1&b=2")
    assert a == b == "https://pravda-en.com/world/2025/11/24/story?a=1&b=2"


def test_normalize_url_rejects_non_http():
    assert normalize_url("javascript:alert(1)") is None
    assert normalize_url("not a url") is None


def test_site_of_uses_the_registered_domain():
    assert site_of("https://news.pravda-de.com/x") == "pravda-de.com"
    assert site_of("https://www.bbc.co.uk/news/world") == "bbc.co.uk"


def test_content_hash_ignores_whitespace_changes():
    assert content_hash("Fighting  continued.\n") == content_hash("Fighting continued.")
    assert content_hash("Fighting continued.") != content_hash("Fighting stopped.")


def test_dates_from_url_dateline_and_fields():
    assert date_from_url("https://x.test/news/2025/11/24/slug") == "2025-11-24"
    assert date_from_url("https://x.test/20251124/slug.html") is None or date_from_url("https://x.test/20251124/") == "2025-11-24"
    assert date_from_dateline("KYIV, Nov 24, 2025 - Shelling resumed") == "2025-11-24"
    assert date_from_dateline("МОСКВА, 24 ноября 2025. /ТАСС/. Текст") == "2025-11-24"
    assert parse_datetime("Tue, 25 Nov 2025 08:00:00 GMT").startswith("2025-11-25T08:00:00")
    assert parse_datetime("yesterday-ish") is None
