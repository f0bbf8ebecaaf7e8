"""Japanese: the cue-lexicon extractor (lang/cues.py) with Japanese's reporting verbs, "according to" forms and hedges.

Written from the forms Japanese-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "ja", "Japanese",
    Cues(
        verbs=(r"と述べ", r"述べた", r"と語", r"語った", r"と話し", r"と指摘", r"と強調", r"と説明", r"と明らかに", r"と発表", r"と書", r"書きます", r"と報じ", r"は述べ", r"と主張", r"との見方", r"と警告", r"と付け加え", r"と伝え",
               r"と報告", r"と発言", r"との見解を示", r"と明言", r"と断言", r"と表明", r"と認め", r"と予測", r"と予想",
               # "Xが強調したように" (as X stressed): the claim follows the cue
               r"が強調したように", r"が指摘したように", r"が述べたように", r"が語ったように", r"が説明したように",
               r"が報じたように"),
        according=(r"によると", r"によれば"),
        back=(),
        callsign=(r"コールサイン", r"通称"),
        unspaced=True,
        verb_final=True,
    ),
    hedges=(r"とされる", r"とみられる", r"未確認"),
)
