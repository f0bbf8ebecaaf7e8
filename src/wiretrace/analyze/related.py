"""Lists of links to other stories inside an article's text: "Read also", "Читайте также", "Lire aussi".

News sites put the headlines of other stories in the middle or at the end of an article, and a
page's extracted text keeps them as lines.  Each is another story's claim ("The Chief Rabbi of
Ukraine revealed how ..."), so its speakers, places and names are not the article's: analysis
reads the article with these lists blanked (analyze/pipeline.py).

Written here because trafilatura drops these lists only when it extracts the page itself; texts
given as JSON lines or CSV, or extracted by other tools, keep them.

A list opens with a line that is the marker alone (a colon after it allowed) or the marker and
one headline.  It goes on over the lines that are list items ("- ", "• ", "* ", "— ") or short
headline-like lines (no closing full stop, at most HEADLINE_WORDS words) and ends at the first
other line.
"""

from __future__ import annotations

import re

# The markers, per language (the codes are those of analyze/lang); any of them is looked for in every text, since
# a site may label its lists in another language than the article's.
MARKERS = {
    "en": ("read also", "also read", "read more", "see also", "related stories", "related articles", "related news",
           "more on this topic", "more on this story"),
    "ru": ("читайте также", "читайте еще", "читайте ещё", "смотрите также", "по теме", "также читайте"),
    "uk": ("читайте також", "дивіться також", "також читайте", "по темі"),
    "fr": ("lire aussi", "à lire aussi", "a lire aussi", "voir aussi", "lire également", "à lire également"),
    "de": ("lesen sie auch", "auch interessant", "mehr zum thema", "siehe auch", "das könnte sie auch interessieren"),
    "it": ("leggi anche", "vedi anche", "potrebbe interessarti anche"),
    "es": ("lee también", "leer también", "lea también", "te puede interesar", "ver también"),
    "pt": ("leia também", "veja também", "leia mais"),
    "pl": ("czytaj też", "czytaj także", "zobacz też", "zobacz także"),
    "bg": ("прочетете още", "вижте още", "още по темата"),
    "sr": ("прочитајте још", "pročitajte još", "прочитајте и", "pročitajte i"),
    "tr": ("ayrıca okuyun", "ilgili haberler", "bunu da okuyun"),
}
HEADLINE_WORDS = 25
_BULLET = re.compile(r"\s*(?:[-–—•*·▪►]|\d{1,2}[.)])\s+")
_MARKER_STARTS = tuple(m for ms in MARKERS.values() for m in ms)
_MARKER_LINE = re.compile(
    r"(?im)[ \t]*(?:" + "|".join(sorted(map(re.escape, _MARKER_STARTS), key=len, reverse=True))
    + r")[ \t]*(?::|\.{3}|…)?[ \t]*(?P<rest>[^\n]*)$")


def _marker_lines(text: str):
    """The marker lines' matches.  Every article passes here (the fast path too): a line's opening is compared with
    the markers by str.startswith first, three times faster than running the pattern over the whole text."""
    pos = 0
    for line in text.split("\n"):
        if line[:40].lstrip(" \t").lower().startswith(_MARKER_STARTS):
            m = _MARKER_LINE.match(text, pos)
            if m:
                yield m
        pos += len(line) + 1


def related_lists(text: str) -> list[tuple[int, int]]:
    """The character spans of the text's lists of other stories' headlines, marker line included."""
    spans: list[tuple[int, int]] = []
    for m in _marker_lines(text):
        rest = m.group("rest").strip()
        if rest and (len(rest.split()) > HEADLINE_WORDS or not rest[:1].isupper() and not _BULLET.match(rest)):
            continue  # "Read more about the offensive in our report": a sentence, not a list's marker
        if spans and m.start() < spans[-1][1]:
            continue
        end = m.end()
        pos = end + 1
        while pos < len(text):
            nl = text.find("\n", pos)
            line_end = len(text) if nl == -1 else nl
            line = text[pos:line_end]
            if not line.strip() or not (_BULLET.match(line) or _headline(line)):
                break
            end = line_end
            pos = line_end + 1
        spans.append((m.start(), end))
    return spans


def _headline(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= HEADLINE_WORDS and not line.rstrip().endswith((".", ":", ";")) and line.strip()[:1].isupper()


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans' characters but line breaks made spaces: same length, same offsets."""
    parts, last = [], 0
    for s, e in spans:
        parts.append(text[last:s])
        parts.append(re.sub(r"[^\n]", " ", text[s:e]))
        last = e
    parts.append(text[last:])
    return "".join(parts)
