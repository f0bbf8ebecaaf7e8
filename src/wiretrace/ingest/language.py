"""Language identification with lingua (statistical n-gram models shipped in its wheel)."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetectorBuilder

# Languages a Pravda-network corpus is published in; a closed set keeps lingua fast and sure.
_LANGUAGES = (
    Language.ENGLISH, Language.RUSSIAN, Language.UKRAINIAN, Language.FRENCH, Language.GERMAN,
    Language.SPANISH, Language.PORTUGUESE, Language.ITALIAN, Language.POLISH, Language.CZECH,
    Language.SLOVAK, Language.SERBIAN, Language.BULGARIAN, Language.BELARUSIAN, Language.ROMANIAN,
    Language.HUNGARIAN, Language.DUTCH, Language.SWEDISH, Language.FINNISH, Language.DANISH,
    Language.BOKMAL, Language.GREEK, Language.TURKISH, Language.ARABIC, Language.JAPANESE,
    Language.CHINESE, Language.KOREAN, Language.SWAHILI, Language.GEORGIAN, Language.ARMENIAN,
    Language.KAZAKH, Language.AZERBAIJANI, Language.ESTONIAN, Language.LATVIAN, Language.LITHUANIAN,
    Language.SLOVENE, Language.CROATIAN, Language.BOSNIAN, Language.HEBREW, Language.HINDI,
    Language.INDONESIAN, Language.VIETNAMESE, Language.THAI, Language.PERSIAN,
)


@lru_cache(maxsize=1)
def _detector():
    return LanguageDetectorBuilder.from_languages(*_LANGUAGES).build()


def detect_language(text: str, *, sample: int = 2000) -> str:
    """ISO 639-1 code of the text's language, or 'und' when lingua is not confident.

    Only the first `sample` characters are read: enough for lingua, and it keeps
    detection a small share of analysis time.
    """
    snippet = text[:sample].strip()
    if len(snippet) < 20:
        return "und"
    result = _detector().detect_language_of(snippet)
    if result is None:
        return "und"
    return result.iso_code_639_1.name.lower()
