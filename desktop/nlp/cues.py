"""The lexicon of speech cues: verbs of saying (and of stating a view) in all their forms.

Forms are generated here rather than taken from spaCy's lemmatizer, so that attribution
works the same whether or not a pipeline has a lemmatizer (and the lemmatizer can be left
out for speed).
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The white-space separated words of a lexicon written as a block of text."""
    return frozenset(text.split())


# Verbs that introduce what someone said or wrote. Each may take a clause ("said that ..."),
# stand after a quotation ("..., she said") or introduce one ("he added: ...").
SPEECH_VERBS = words(
    """
    say tell add insist claim argue state explain note warn announce report write declare
    suggest acknowledge admit deny assert contend maintain predict promise vow pledge urge
    ask respond reply answer comment remark observe reveal disclose confirm emphasize
    emphasise stress complain concede recall testify tweet post joke quip boast brag
    allege estimate conclude agree disagree caution counter retort shout yell scream whisper
    mutter demand propose recommend mention repeat reiterate proclaim hint imply assure
    tout lament concur speculate wonder question inform advise reason posit
    grumble snap scoff gush marvel muse acknowledge affirm aver attest blurt chime
    clarify command concur confess declare dispute divulge exclaim fret guarantee
    inquire instruct interject lecture mumble murmur narrate object opine plead preach
    profess protest rant reassure recount reflect reject relate remind reckon rule
    sneer stammer swear threaten underline underscore venture volunteer wail
    acknowledge announce apologize apologise accuse criticize criticise describe call
    praise charge blast slam dismiss condemn
    """
)

# Verbs that attribute only a quotation in marks ("...," he continued), never a clause.
DIRECT_ONLY_VERBS = words("continue laugh smile sigh shrug chuckle nod read put")

# Verbs of belief and perception ("thinks that", "video shows that") are left out on
# purpose: what they report was not said, and the reader's quote list is for speech.

# Verbs that take a clause only with a particle: "pointed out that ...".
PARTICLE_VERBS = {"point": "out", "spell": "out", "lay": "out", "sound": "off", "put": "it"}

# "Say"-like verbs: a long noun phrase after them is a misparsed clause ("said all parties to
# the conflict bear responsibility").
SAY_VERBS = words("say state insist argue explain note tell")

# Verbs whose infinitive is what was said: "vowed to fight", "urged voters to stay home".
# (Measured on PolNeAR train, "refused to", "threatened to", "declined to" were mostly
# not attributions at all, so they are left out.)
XCOMP_VERBS = words(
    """
    promise vow pledge urge ask demand warn tell encourage propose call plead beg
    instruct advise challenge
    """
)

# Verbs whose prepositional object is what was said: "called for X", "likened Y to X".
PREPOSITION_CUES: dict[str, tuple[str, ...]] = {
    "call": ("for",),
    "warn": ("against", "of", "about"),
    "brag": ("about",),
    "boast": ("about", "of"),
    "complain": ("about", "of"),
    "liken": ("to",),
    "describe": ("as",),
    "accuse": ("of",),
    "criticize": ("for",),
    "criticise": ("for",),
    "praise": ("for",),
    "credit": ("with", "for"),
    "laud": ("for",),
    "joke": ("about",),
    "testify": ("about", "that"),
    "argue": ("for", "against"),
    "plead": ("for",),
    "apologize": ("for",),
    "apologise": ("for",),
}

# Verbs whose object (not only a clause) is what was said: "called the plan a disaster",
# "denied the report", "urged voters to ...".
OBJECT_VERBS = words(
    """
    call describe accuse criticize criticise praise charge blast slam dismiss condemn deny
    confirm announce reveal propose urge ask question tout promise demand recommend
    dispute concede acknowledge
    """
)

# Verbs whose object is the person spoken to, which alone is no content ("told reporters").
TELL_VERBS = words("tell inform remind assure reassure advise")

_IRREGULAR = {
    "say": ("said", "says", "saying"),
    "tell": ("told", "tells", "telling"),
    "write": ("wrote", "written", "writes", "writing"),
    "swear": ("swore", "sworn", "swears", "swearing"),
    "think": ("thought", "thinks", "thinking"),
    "feel": ("felt", "feels", "feeling"),
    "know": ("knew", "known", "knows", "knowing"),
    "find": ("found", "finds", "finding"),
    "show": ("showed", "shown", "shows", "showing"),
    "understand": ("understood", "understands", "understanding"),
    "learn": ("learned", "learnt", "learns", "learning"),
    "forecast": ("forecasts", "forecasting"),
    "quip": ("quipped", "quips", "quipping"),
    "snap": ("snapped", "snaps", "snapping"),
    "blurt": ("blurted", "blurts", "blurting"),
    "admit": ("admitted", "admits", "admitting"),
    "regret": ("regretted", "regrets", "regretting"),
    "rebut": ("rebutted", "rebuts", "rebutting"),
    "plead": ("pleaded", "pled", "pleads", "pleading"),
    "prefer": ("preferred", "prefers", "preferring"),
    "refer": ("referred", "refers", "referring"),
    "concur": ("concurred", "concurs", "concurring"),
    "aver": ("averred", "avers", "averring"),
    "brag": ("bragged", "brags", "bragging"),
    "slam": ("slammed", "slams", "slamming"),
    "chime": ("chimed", "chimes", "chiming"),
    "read": ("reads", "reading"),
    "put": ("puts", "putting"),
    "speak": ("spoke", "spoken", "speaks", "speaking"),
    "lay": ("laid", "lays", "laying"),
    "beg": ("begged", "begs", "begging"),
}

_VOWELS = "aeiou"


def _regular_forms(lemma: str) -> tuple[str, ...]:
    if lemma.endswith("e"):
        return (lemma + "d", lemma + "s", lemma[:-1] + "ing")
    if lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        return (lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing")
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return (lemma + "ed", lemma + "es", lemma + "ing")
    return (lemma + "ed", lemma + "s", lemma + "ing")


def _build_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    lexicon = SPEECH_VERBS | DIRECT_ONLY_VERBS | OBJECT_VERBS | XCOMP_VERBS | set(PREPOSITION_CUES)
    for lemma in sorted(lexicon | set(PARTICLE_VERBS)):
        forms[lemma] = lemma
        for form in _IRREGULAR.get(lemma) or _regular_forms(lemma):
            forms.setdefault(form, lemma)
    return forms


FORMS: dict[str, str] = _build_forms()


def cue_lemma(lower: str) -> str | None:
    """The lexicon lemma of a lower-cased word form, or ``None`` if it is no cue."""
    return FORMS.get(lower)
