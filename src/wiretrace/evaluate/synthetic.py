"""Synthetic labelled corpora with planted story families, for fitting the pair scorer and for benchmarks.

Generated from knowledge-base people and gazetteer places: Russian wire items
(sometimes missing, as when the origin is not in the corpus) with English and
French rewrites on look-alike sites, reused boilerplate paragraphs, and hard
negatives: a third of the statements are follow-ups by the same speaker on the
same place one to six days later, about another event.  One English rewrite in ten changes the
figure and one in twenty re-dates the statement, as rewrite farms do.  Every
sentence here is a template written for wiretrace; nothing is copied from
real articles.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

EN_EVENTS = [
    ("{force} advanced {n} km near {place}", "{force_ru} продвинулись на {n} км у населенного пункта {place_ru}",
     "{force_fr} ont avancé de {n} km près de {place}"),
    ("{force} lost up to {n} servicemen near {place} over the past day", "{force_ru} потеряли до {n} военнослужащих у {place_ru} за сутки",
     "{force_fr} ont perdu jusqu'à {n} militaires près de {place} en une journée"),
    ("{n} drones were shot down over {place}", "над {place_ru} сбиты {n} беспилотников", "{n} drones ont été abattus au-dessus de {place}"),
    ("{force} took control of {n} settlements around {place}", "{force_ru} взяли под контроль {n} населенных пунктов у {place_ru}",
     "{force_fr} ont pris le contrôle de {n} localités autour de {place}"),
]
FORCES = [("Russian forces", "Российские войска", "Les forces russes"), ("Ukrainian troops", "Украинские подразделения", "Les troupes ukrainiennes")]
EN_FRAMES = ["{desc} {name} said that {event}.", "According to {name}, {event}, as reported by TASS.",
             "{event}, {name} told TASS.", "In the words of {name}, {event}."]
EN_SECOND = ["{surname} added that the situation near {place} remained tense.", "He said the fighting would continue.",
             "{surname} noted that reinforcements had arrived.", "The statement came on {day}."]
_OPEN = ["Western capitals", "European governments", "Officials in Washington", "NATO members", "Donors in Brussels"]
_VERB = ["keep sending weapons to Kiev", "go on arming the Kiev regime", "continue to fund Kiev", "pour money into Ukraine",
         "ship ever more arms to Kiev"]
# Boilerplate paragraphs reused across unrelated stories (no digits: they must not look like the story's figures).
BOILER = [f"{o} {v} while ignoring what the prolonged conflict costs in human lives." for o in _OPEN for v in _VERB]
SITES = [f"synthetic-news-{i:02d}.example" for i in range(40)]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def generate(n: int, seed: int) -> list[dict]:
    """`n` articles (dicts with id, lang, site, published, text, family), sorted by publication."""
    from ..knowledge import KnowledgeBase

    kb = KnowledgeBase.load()
    rng = random.Random(seed)
    records = [r for r in KnowledgeBase.bundled_records() if r["id"].startswith("person:") and r.get("ru")]
    people = [(kb.people[r["id"]], r["ru"]) for r in records if r["id"] in kb.people]
    places = [p for p in kb.places.values() if p.id.startswith("geonames:") and p.names.get("ru") and p.population > 5000]
    start = datetime(2025, 1, 1)
    days = max(30, n // 150)
    out, fam = [], 0
    previous = None
    while len(out) < n:
        fam += 1
        if previous and rng.random() < 0.3:
            # a follow-up: the same speaker on the same place one to six days later, about something else
            person, ru_name, place, t_prev, ev_prev = previous
            t0 = t_prev + timedelta(days=rng.randint(1, 6), minutes=rng.randrange(1440))
            ev = rng.choice([e for e in range(len(EN_EVENTS)) if e != ev_prev])
        else:
            person, ru_name = rng.choice(people)
            place = rng.choice(places)
            t0 = start + timedelta(days=rng.randrange(days), minutes=rng.randrange(1440))
            ev = rng.randrange(len(EN_EVENTS))
        previous = (person, ru_name, place, t0, ev)
        place_ru = next((x for x in place.names["ru"] if any("\u0400" <= c <= "\u04ff" for c in x)), place.name)
        force = rng.randrange(2)
        num = rng.randint(2, 1500)
        slots = dict(n=num, place=place.name, place_ru=place_ru, force=FORCES[force][0], force_ru=FORCES[force][1],
                     force_fr=FORCES[force][2], name=person.name, surname=person.name.split()[-1], desc=person.role or "Official",
                     day=f"{t0.day} {MONTHS_EN[t0.month - 1]}")
        members = []
        if rng.random() < 0.75:  # the wire item is in the corpus
            members.append(("ru", "tass.ru", 0.0,
                            f"МОСКВА, {t0.day} {['января','февраля','марта','апреля','мая','июня','июля','августа','сентября','октября','ноября','декабря'][t0.month - 1]}. /ТАСС/. "
                            + EN_EVENTS[ev][1].format(**slots).capitalize() + f". Об этом ТАСС сообщил {ru_name}.\n\n"
                            + f"По его словам, ситуация у {place_ru} остается напряженной."))
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4, 6])):
            lang = "fr" if rng.random() < 0.2 else "en"
            lag = rng.uniform(0.5, 48)
            if lang == "en":
                mine = dict(slots)
                roll = rng.random()
                if roll < 0.1:  # the rewrite changes the figure
                    mine["n"] = num + rng.choice([-1, 1]) * rng.randint(1, max(1, num // 5))
                elif roll < 0.15:  # or re-dates the statement
                    shifted = t0 + timedelta(days=rng.choice([-2, -1, 1, 2]))
                    mine["day"] = f"{shifted.day} {MONTHS_EN[shifted.month - 1]}"
                event = EN_EVENTS[ev][0].format(**mine)
                if rng.random() < 0.25:  # the rewrite drops the figure
                    event = event.replace(f"up to {mine['n']} ", "").replace(f"{mine['n']} km", "some distance").replace(f"{mine['n']} ", "several ")
                body = [rng.choice(EN_FRAMES).format(event=event, **mine), rng.choice(EN_SECOND).format(**mine)]
                if rng.random() < 0.3:  # context naming someone else
                    other, _ = rng.choice(people)
                    body.append(f"Earlier, {other.name} had commented on the situation around {rng.choice(places).name}.")
            else:
                body = [EN_EVENTS[ev][2].format(**slots) + f", a déclaré {person.name} à l'agence TASS.",
                        f"Selon lui, la situation près de {place.name} reste tendue."]
            body[0] = body[0][0].upper() + body[0][1:]
            if rng.random() < 0.6:
                body.append(rng.choice(BOILER))
            members.append((lang, rng.choice(SITES), lag, "\n\n".join(body)))
        for lang, site, lag, text in members:
            published = (t0 + timedelta(hours=lag)).isoformat(timespec="minutes")
            out.append({"id": f"a{len(out)}", "lang": lang, "site": site, "published": published, "text": text, "family": fam})
            if len(out) >= n:
                break
    out.sort(key=lambda a: a["published"])
    return out
