"""Languages as plug-ins, after spaCy's `spacy/lang/*`: one module per language bundles its model loading,
attribution extractor, and cue and hedge lexicons, and `LANGUAGES` lists them (dates are read for every
language by `analyze.handles`, from dateparser's locale data).

- `en`: spaCy's en_core_web_sm and the dependency-based extractor (lang/en/extractor.py);
- `ru`: Natasha's bundled news models and the wire-form extractor (lang/ru/extractor.py);
- `fr`: spaCy's fr_core_news_sm (sentences, person names) and the cue-lexicon extractor (lang/cues.py);
- every other listed language: the cue-lexicon extractor over knowledge-base names in any script, with
  the language's reporting verbs, "according to" forms and hedges (lang/de.py, lang/ja.py, ...);
- a language not listed: places and knowledge-base names only, no claims.

Adding a language touches its own module and the table below, nothing else.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

from .base import Language

# ISO 639-1 code -> module under wiretrace.analyze.lang
LANGUAGES: dict[str, str] = {
    "en": "en", "ru": "ru", "fr": "fr",
    "de": "de", "it": "it", "es": "es", "pt": "pt", "pl": "pl", "uk": "uk", "bg": "bg", "sr": "sr",
    "hu": "hu", "tr": "tr", "ar": "ar", "ur": "ur", "hi": "hi", "bn": "bn", "ja": "ja", "ko": "ko",
    "el": "el", "fi": "fi", "sw": "sw", "ka": "ka", "hy": "hy", "nl": "nl", "ro": "ro", "cs": "cs",
}


@lru_cache(maxsize=None)
def get_language(code: str | None) -> Language:
    """The plug-in for a language code; languages not listed get names and places only."""
    module = LANGUAGES.get(code or "")
    if module is None:
        from .cues import CueLanguage

        return CueLanguage(code or "xx")
    return import_module(f"{__name__}.{module}").LANGUAGE


__all__ = ["LANGUAGES", "Language", "get_language"]
