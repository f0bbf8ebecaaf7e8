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


@lru_cache(maxsize=2)
def _detector(low_accuracy: bool = False):
    builder = LanguageDetectorBuilder.from_languages(*_LANGUAGES)
    # lingua's low-accuracy mode (trigrams only) is as reliable as the full mode on
    # paragraph-length text and several times faster; short snippets get the full mode.
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def detect_language(text: str, *, sample: int = 1000) -> str:
    """ISO 639-1 code of the text's language, or 'und' when lingua is not confident.

    Only the first `sample` characters are read: enough for lingua, and it keeps
    detection a small share of analysis time.
    """
    snippet = text[:sample].strip()
    if len(snippet) < 20:
        return "und"
    result = _detector(len(snippet) >= 300).detect_language_of(snippet)
    if result is None:
        return "und"
    return result.iso_code_639_1.name.lower()
