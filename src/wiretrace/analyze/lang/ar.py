"""Arabic: the cue-lexicon extractor (lang/cues.py) with Arabic's reporting verbs, "according to" forms and hedges.

Written from the forms Arabic-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "ar", "Arabic",
    Cues(
        verbs=(r"[وف]?قال\b", r"[وف]?صرح", r"[وف]?أعلن", r"[وف]?أكد", r"[وف]?أضاف", r"[وف]?أشار", r"[وف]?أوضح", r"[وف]?ذكر", r"[وف]?كتب", r"يكتب", r"[وف]?حذر", r"[وف]?قالت", r"[وف]?زعم",
               r"[وف]?أفاد", r"[وف]?شدد", r"[وف]?اعتبر", r"[وف]?لفت", r"[وف]?نفى", r"[وف]?تابع", r"[وف]?أبلغ",
               r"[وف]?رأى"),
        according=(r"وفق[اًا]?", r"بحسب", r"حسب", r"نقلا عن", r"نقلاً عن"),
        back=(r"هذا ما (?:صرح|قاله|أعلنه|ذكره|كتبه)",),
        callsign=(r"يحمل نداء", r"الملقب", r"الاسم الحركي", r"نداء"),
    ),
    hedges=(r"مزعوم\w*", r"يزعم", r"لم يتسن التحقق", r"لم يتم التحقق", r"على ما يبدو", r"المزعوم"),
)
