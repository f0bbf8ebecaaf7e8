"""Spelling variants of names across scripts and romanisation systems.

A rewrite farm spells the same person Kiselyov, Kiselev or Kiselyev and the same
town Konstantinovka or Kostiantynivka.  This module generates those variants from
a Cyrillic form with the published romanisation schemes (iuliia for Russian,
translitua for Ukrainian's official KMU 2010 system) and adds the regular
Ukrainian/Russian toponym correspondences (-ivka <-> -ovka) that no library
implements: the rules below encode how Ukrainian place-name endings map to the
Russian-form spellings used by Russian media.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import iuliia
from anyascii import anyascii
from translitua import UkrainianKMU, translit

# Schemes actually met in English-language copy of Russian names.
_RU_SCHEMES = ("wikipedia", "bgn_pcgn", "icao_doc_9303", "mosmetro", "mvd_782", "yandex_maps", "gost_7034")

_UK_ONLY = set("ієїґ")
_RU_ONLY = set("ыэёъ")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")

# Ukrainian-form ending -> Russian-form ending, most specific first.  These are
# the productive correspondences of settlement names in eastern Ukraine
# (Kostiantynivka/Konstantinovka, Horlivka/Gorlovka, Myrnohrad/Mirnograd).
_UK_TO_RU_ENDINGS = (
    ("iivka", "eyevka"),
    ("yivka", "yevka"),
    ("ivka", "ovka"),
    ("ivske", "ovskoye"),
    ("ivske", "ovskoe"),
    ("yske", "skoye"),
    ("ske", "skoye"),
    ("ske", "skoe"),
    ("tske", "tskoye"),
    ("ivsk", "ovsk"),
    ("ove", "ovo"),
    ("ne", "noye"),
    ("ne", "noe"),
    ("e", "oye"),
    ("hrad", "grad"),
    ("horod", "gorod"),
    ("yi", "y"),
    ("skyi", "sky"),
    ("skyi", "skiy"),
)


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower-case, strip accents and typographic apostrophes; ё -> е.

    The key under which every alias is indexed, so that 'Kiselyov', 'KISELYOV'
    and 'Kiselyóv' meet, and Cyrillic 'Киселёв' meets 'Киселев'.
    """
    text = text.replace("ё", "е").replace("Ё", "Е").replace("й", "\x00").replace("Й", "\x01")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("\x00", "й").replace("\x01", "Й")
    stripped = re.sub(r"[’'`ʼʹ′‘]", "", stripped)
    stripped = re.sub(r"[\s\-‐–—]+", " ", stripped)
    return stripped.strip().lower()


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def cyrillic_language(text: str) -> str | None:
    """'uk' or 'ru' when the letters decide it, else None."""
    lower = text.lower()
    letters = set(lower)
    # Ukrainian writes the adjectival -ськ/-цьк where Russian writes -ск/-цк.
    if letters & _UK_ONLY or re.search(r"[сц]ьк(?:\b|$)", lower):
        return "uk"
    if letters & _RU_ONLY:
        return "ru"
    return None


def _ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ё", "yo"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ʹ", "").replace("’", "").replace("'", "")


@lru_cache(maxsize=65536)
def romanize_russian(cyrillic: str) -> tuple[str, ...]:
    """All common romanisations of a Russian Cyrillic name, most usual first."""
    out: list[str] = []
    for name in _RU_SCHEMES:
        schema = iuliia.schemas.get(name)
        latin = _ascii_fold(schema.translate(cyrillic))
        if latin and latin not in out:
            out.append(latin)
    return tuple(out)


@lru_cache(maxsize=65536)
def romanize_ukrainian(cyrillic: str) -> tuple[str, ...]:
    """The official KMU 2010 romanisation of a Ukrainian Cyrillic name (plus its apostrophe-free form)."""
    latin = translit(cyrillic, UkrainianKMU)
    forms = [latin]
    bare = _ascii_fold(latin)
    if bare not in forms:
        forms.append(bare)
    return tuple(forms)


def russian_forms_of_ukrainian_latin(name: str) -> list[str]:
    """Russian-form spellings generated from a Ukrainian romanisation by ending rules.

    Used when GeoNames carries no Russian Cyrillic name for a village.
    """
    out: list[str] = []
    words = name.split(" ")
    last = words[-1]
    lower = last.lower()
    for uk_end, ru_end in _UK_TO_RU_ENDINGS:
        if lower.endswith(uk_end) and len(lower) > len(uk_end) + 2:
            stem = last[: len(last) - len(uk_end)]
            candidate = " ".join(words[:-1] + [stem + ru_end])
            # Ukrainian h usually stands for Russian g (Horlivka/Gorlovka).
            candidate = re.sub(r"\bH", "G", candidate)
            candidate = re.sub(r"(?<=[aeiouy])h(?=[aeiouy])", "g", candidate)
            if candidate not in out:
                out.append(candidate)
    return out


def person_aliases(cyrillic: str) -> list[str]:
    """Latin spellings of a Russian-Cyrillic personal name under every common scheme."""
    return list(romanize_russian(cyrillic))


# Case endings of Ukrainian and Russian nouns, longest first, and what the nominative
# of a place name usually ends with instead ('Костянтинівки' -> 'Костянтинівка',
# 'Покровська' -> 'Покровськ').  A lookup aid for languages without a lemmatiser here.
_CASE_ENDINGS = ("ою", "ою", "ові", "ої", "ом", "ем", "ах", "ях", "ці", "и", "і", "у", "ю", "е", "а", "ы", "ой")
_NOMINATIVE_ENDINGS = ("", "а", "я", "е", "о")


def inflection_candidates(word: str, endings: tuple[str, ...] | None = None, nominative: tuple[str, ...] = ("",),
                          lengthened: tuple[tuple[str, str], ...] = ()) -> list[str]:
    """Nominative guesses for an inflected name, most likely first: each case ending the word has cut (longest
    first), a vowel the ending lengthened shortened again (`lengthened`: Hungarian "Kupjanszká-" -> "-a"), and each
    of the `nominative` endings put in its place.  Without tables: the Ukrainian and Russian endings of a Cyrillic
    word.  The gazetteer holds nominatives; a language's plug-in gives its own tables (analyze.lang.base.Inflection)."""
    if endings is None:
        if not is_cyrillic(word):
            return []
        endings, nominative = _CASE_ENDINGS, _NOMINATIVE_ENDINGS
    if len(word) < 5:
        return []
    out: list[str] = []
    lower = word.lower()
    for ending in sorted(endings, key=len, reverse=True):
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            stem = word[: len(word) - len(ending)]
            for long, short in lengthened:
                if stem.endswith(long):
                    stem = stem[: len(stem) - len(long)] + short
                    break
            for nom in nominative:
                cand = stem + nom
                if cand != word and cand not in out:
                    out.append(cand)
    return out


# ---------------------------------------------------------------- names in any script
# Names are compared across scripts through their consonant skeleton: anyascii romanises the script (Japanese
# katakana, Hangul, Arabic, Georgian, Devanagari ...) and the skeleton keeps the consonant classes that survive
# every transliteration, so that "Marochko", "Марочко", "マロチコ", "마로츠코" and "ماروتشكو" all give "nrtk".
# Hand-written: transliteration libraries go one way (script -> Latin); none compares two transliterations.
# Digraphs first (longest first), then single letters, to consonant classes that transliterations of one name
# share: affricates (ch, ts, tch, cz) meet t (Japanese writes "ti" as "chi"), sibilants (s, z, zh, sh, j) are one
# class, k/g/q/c/kh one, b/p one, l/r one (Korean and Japanese do not tell them apart), m/n one.
# Vowels, y, w-as-vowel and apostrophes (Georgian ejectives, Arabic 'ayn) carry no name information across scripts.
_DIGRAPHS = (("shch", "s"), ("tsch", "t"), ("tch", "t"), ("tsh", "t"), ("sch", "s"), ("ch", "t"), ("ts", "t"),
             ("cz", "t"), ("sz", "s"), ("zh", "s"), ("sh", "s"), ("kh", "k"), ("ph", ""), ("th", "t"), ("dzh", "t"))
# v/f/w are dropped with the vowels: German writes -owka, Arabic script has no v (و is o, u, w or v), Japanese
# writes v as "fu", Korean as a vowel: the "-ovka" of a place name survives in no consistent letter.
_CLASSES = str.maketrans({"b": "p", "p": "p", "f": "", "w": "", "v": "", "k": "k", "g": "k", "q": "k", "c": "k",
                          "h": "", "x": "k", "l": "r", "r": "r", "m": "n", "n": "n", "d": "t", "t": "t", "s": "s",
                          "z": "s", "j": "s", "y": "", "a": "", "e": "", "i": "", "o": "", "u": ""})
_NON_LETTER = re.compile(r"[^a-z]")
_REPEAT = re.compile(r"(.)\1+")
MIN_SKELETON = 4
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_DEVANAGARI_BENGALI = re.compile(r"[\u0900-\u09ff]")
_WIKI = iuliia.schemas.get("wikipedia")


@lru_cache(maxsize=262144)
def romanize(word: str) -> str:
    """A word in Latin letters, lower-cased: Cyrillic by the Wikipedia scheme, every other script by anyascii."""
    if is_cyrillic(word):
        return _WIKI.translate(word).lower()
    latin = anyascii(word).lower()
    if _HANGUL.search(word):
        latin = latin.replace("peu", "f")  # 프: Korean's usual spelling of a foreign f or v ("-ovka", "-ovsky")
    elif _DEVANAGARI_BENGALI.search(word):
        # anyascii writes च/চ (the "ch" of "Marochko") as c, and Bengali, which has no v, writes a foreign v with ভ
        # (bh): "मारोचको" -> "marocko", "কিমাকোভস্কি" -> "kimakobhski"
        latin = latin.replace("c", "ch").replace("bh", "v")
    return latin


@lru_cache(maxsize=262144)
def skeleton(word: str) -> str:
    """The consonant skeleton of a word in any script ('' when shorter than MIN_SKELETON): a name's key across
    transliterations."""
    w = _NON_LETTER.sub("", romanize(word))
    for digraph, cls in _DIGRAPHS:
        w = w.replace(digraph, cls)
    w = _REPEAT.sub(r"\1", w.translate(_CLASSES))
    return w if len(w) >= MIN_SKELETON else ""


# a word: letters, and in the Indic scripts (Devanagari to Sinhala) their vowel signs and viramas too, which are
# combining marks, not \w ("कुपियांस्क" would come apart into pieces of one or two letters); not their dandas
# and digits
_INDIC = "\u0900-\u0963\u0971-\u09e5\u09f0-\u0a65\u0a70-\u0ae5\u0af0-\u0b65\u0b70-\u0be5\u0bf0-\u0c65" \
         "\u0c70-\u0ce5\u0cf0-\u0d65\u0d70-\u0de5\u0df0-\u0dff"
_CASELESS_WORD = re.compile(rf"(?:[^\W\d_]|[{_INDIC}]){{3,}}", re.UNICODE)
_KATAKANA_RUN = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]{3,}")
# Hangul particles glued to a name ("코스티아티니우카를"): cut before the skeleton is taken
# Georgian case endings and postpositions glued to a name ("პოკროვსკთან", near Pokrovsk; "კუპიანსკში", in
# Kupiansk), cut when at least four letters stay
_GEORGIAN_ENDINGS = re.compile(r"(?<=[\u10d0-\u10ff]{4})(?:ისთვის|იდან|თვის|თან|მდე|კენ|ში|ზე|ით|ის|სა|მა|მ)$")
_HANGUL_PARTICLES = re.compile(r"(에서|으로|에게|까지|부터|을|를|은|는|이|가|의|에|와|과|로|도)$")


def script_is_cased(word: str) -> bool:
    """Whether the word's script writes names with a capital: Latin, Cyrillic, Greek, Armenian.  Georgian has
    capitals in Unicode (Mtavruli) that its prose never uses for names, so it counts as caseless."""
    first = word[:1]
    return first.upper() != first.lower() and not ("\u10a0" <= first <= "\u10ff" or "\u1c90" <= first <= "\u1cbf")


def name_words(text: str) -> list[tuple[int, str]]:
    """(offset, word) of the name-like words of a text, in any script: capitalised words where the script has
    case, katakana runs in Japanese (no spaces there), every longer word of a caseless script (Arabic, Georgian,
    Hangul less its particles, Devanagari ...)."""
    out = []
    for m in _KATAKANA_RUN.finditer(text):
        out.append((m.start(), m.group(0)))
        if "・" in m.group(0):
            # the middle dot parts a foreign given name from the surname ("アンドレイ・マロチコ") and the names of a
            # list ("クラマトルスク・スラビャンスク"): each part is a name word too
            offset = m.start()
            for part in m.group(0).split("・"):
                if len(part) >= 3:
                    out.append((offset, part))
                offset += len(part) + 1
    for m in _CASELESS_WORD.finditer(text):
        w = m.group(0)
        if script_is_cased(w):
            if w[0].isupper() and not w.isupper():
                out.append((m.start(), w))
        elif not unicodedata.name(w[0], "").startswith(("CJK", "HIRAGANA", "KATAKANA")):
            out.append((m.start(), _GEORGIAN_ENDINGS.sub("", _HANGUL_PARTICLES.sub("", w))))
    out.sort()
    return out
