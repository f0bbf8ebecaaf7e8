"""The person-matching threshold is chosen for precision: every generated spelling of a person links to that
person, and no KB surname reaches the threshold against another person's surname (so near-misses stay unlinked)."""

from itertools import combinations

from rapidfuzz import fuzz

from wiretrace.knowledge import fold
from wiretrace.settings import Settings


def test_generated_spellings_link_back(kb):
    for person in kb.people.values():
        for alias in person.aliases:
            if len(alias.split()) >= 2:
                found = kb.person(alias)
                assert found is not None and found.id == person.id, (alias, person.id, found and found.id)


def test_confusable_surnames_link_only_when_the_spelling_decides(kb):
    """Podolyak (Ukrainian presidential adviser) and Podolyaka (Russian blogger) differ by one letter."""
    threshold = Settings().person_match_threshold
    a, b = fold("Podolyak"), fold("Podolyaka")
    assert fuzz.ratio(a, b) >= threshold  # the pair is confusable at the threshold...
    assert kb.person("Mykhailo Podolyak").id == "person:podolyak"
    assert kb.person("Yuri Podolyaka").id == "person:podolyaka"
    # ...so a spelling about as close to both stays unlinked
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    edits = {w[:i] + c + w[i + 1:] for w in (a, b) for i in range(len(w)) for c in alphabet}
    edits |= {w[:i] + c + w[i:] for w in (a, b) for i in range(len(w) + 1) for c in alphabet}
    between = [e for e in sorted(edits) if e not in (a, b) and min(fuzz.ratio(e, a), fuzz.ratio(e, b)) >= threshold
               and abs(fuzz.ratio(e, a) - fuzz.ratio(e, b)) < 6 and e not in kb._person_surname]
    assert between, "expected at least one equidistant spelling"
    for spelling in between[:20]:
        assert kb.person(spelling.capitalize()) is None, spelling


def test_unrelated_kb_surnames_are_far_apart(kb):
    threshold = Settings().person_match_threshold
    surnames = {}
    for person in kb.people.values():
        for alias in person.aliases:
            words = fold(alias).split()
            if len(words) >= 2 and len(words[-1]) >= 6:
                surnames.setdefault(words[-1], set()).add(person.id)
    known_pairs = {frozenset({"person:podolyak", "person:podolyaka"}), frozenset({"person:kiselyov_v", "person:kiselyov_d"})}
    clashes = [(a, b) for a, b in combinations(surnames, 2)
               if surnames[a].isdisjoint(surnames[b]) and fuzz.ratio(a, b) >= threshold
               and frozenset(surnames[a] | surnames[b]) not in known_pairs]
    assert clashes == []
