"""`wiretrace why` explains each signal in words, rules included."""

from wiretrace.present.trace import explain


def test_minhash_is_explained_as_the_copy_rule_not_a_weight():
    text = explain("minhash", 1.0, 0.0, [])
    assert "100%" in text and "rule" in text and "copies" in text


def test_a_negative_push_of_shared_people_is_explained():
    text = explain("persons", 1.0, -2.7, ["person:marochko"])
    assert "against" in text and "same lead speaker" in text


def test_conflicts_name_what_disagrees():
    assert "6.5, 7" in explain("number_conflict", 1.0, -4.6, ["6.5", "7"])
    assert "different people" in explain("lead_speaker_conflict", 1.0, -2.4, ["person:a", "person:b"])
    assert explain("number_conflict", 0.0, 0.0, []) == "no conflict of figures"


def test_a_long_shared_quote_says_the_rule_links():
    assert "rule links" in explain("quotes", 0.97, 2.4, [])
    assert "rule" not in explain("quotes", 0.5, 1.2, [])


def test_trace_prints_the_largest_families_and_counts_the_rest():
    import io

    from rich.console import Console

    from wiretrace.present.trace import print_families

    def family(i, size):
        members = [{"article_id": f"a{i}-{k}", "lag_hours": float(k), "site": "s.example", "lang": "en", "role": "rewrite",
                    "parent": None, "diff": None, "secondary": []} for k in range(size)]
        return {"id": f"fam-{i}", "origin": {"outlet": "TASS", "article_id": f"a{i}-0", "published": None, "in_corpus": True},
                "lead_speaker": None, "size": size, "languages": ["en"], "members": members}

    data = {"families": [family(i, 2 + i % 3) for i in range(30)]}
    buf = io.StringIO()
    print_families(Console(file=buf, width=200), data, limit=5)
    text = buf.getvalue()
    assert text.count("fam-") == 5 and "25 more (--all shows every one)" in text
    buf = io.StringIO()
    print_families(Console(file=buf, width=200), data)
    assert buf.getvalue().count("fam-") == 30


def test_trace_prints_long_site_names_whole():
    """Regression: site names were cut at 24 characters with no ellipsis, so two sites could print alike."""
    import io

    from rich.console import Console

    from wiretrace.present.trace import print_families

    sites = ["synthetic-news-22.example.org", "synthetic-news-22.example.net", "tass.ru"]
    members = [{"article_id": f"a{k}", "lag_hours": float(k), "site": site, "lang": "en", "role": "rewrite",
                "parent": None, "diff": None, "secondary": []} for k, site in enumerate(sites)]
    data = {"families": [{"id": "fam-1", "origin": {"outlet": "TASS", "article_id": "a0", "published": None,
                                                    "in_corpus": True},
                          "lead_speaker": None, "size": 3, "languages": ["en"], "members": members}]}
    buf = io.StringIO()
    print_families(Console(file=buf, width=250), data)
    lines = buf.getvalue().splitlines()
    for site in sites:
        assert sum(f" {site} " in line for line in lines) == 1, site
    columns = {line.index(" en ") for line in lines if " en " in line}
    assert len(columns) == 1  # the columns after the site stay aligned


def test_trace_lists_undated_members_last_as_date_unknown():
    import io

    from rich.console import Console

    from wiretrace.present.trace import print_families

    members = [{"article_id": aid, "lag_hours": lag, "site": site, "lang": "en", "role": "rewrite", "parent": None,
                "diff": None, "secondary": []}
               for aid, lag, site in (("a0", 0.0, "tass.com"), ("a1", None, "undated.example"), ("a2", 3.5, "later.example"))]
    data = {"families": [{"id": "fam-1", "origin": {"outlet": "TASS", "article_id": "a0", "published": None, "in_corpus": True},
                          "lead_speaker": None, "size": 3, "languages": ["en"], "members": members}]}
    buf = io.StringIO()
    print_families(Console(file=buf, width=200), data)
    lines = [line for line in buf.getvalue().splitlines() if ".example" in line or "tass.com" in line]
    assert "undated.example" in lines[-1] and "date unknown" in lines[-1]
    assert "None" not in buf.getvalue() and "date ?" not in buf.getvalue()
