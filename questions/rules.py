"""The teacher's rubric as checks on text: what makes a student-facing sentence unfit.

Each function answers one question about one text and returns the reason it fails, or None.
Generators call them to skip a bad item before it is made; `gate.check` calls them again on the
finished bank, so a generator that forgets a rule still fails the build. The word lists are
per language, each entry a pattern on casefolded text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from decks.model import DateSpec, Fact, Precision
from questions.dates import MONTHS_EN, MONTHS_RU_GEN
from questions.morphology import morph

if TYPE_CHECKING:
    from questions.parts import Part

DANGLING_START = {
    "en": (
        "also",
        "too",
        "and",
        "but",
        "however",
        "then",
        "this",
        "these",
        "thus",
        "therefore",
        "meanwhile",
        "moreover",
        "furthermore",
        "in addition",
        "as a result",
        "he added",
        "she added",
        "it added",
        "added",
    ),
    "ru": (
        "также",
        "тоже",
        "и",
        "но",
        "а",
        "однако",
        "этот",
        "эта",
        "это",
        "эти",
        "тогда",
        "поэтому",
        "при этом",
        "кроме того",
        "в результате",
        "к тому же",
        "добавил",
        "добавила",
        "добавило",
        "он добавил",
    ),
}
"""Words that tie a sentence to one the student never sees, when they open it."""

DANGLING_ANYWHERE = {
    "en": (
        r"(?<!but )\balso\b",
        r"\blikewise\b",
        r"\bas well\b(?! as)",
        r"\b(?:he|she|it|they) added\b",
        r"\badded that\b",
        r"\beven [a-z]+ed\b",
    ),
    "ru": (
        r"(?<!\w)также(?!\w)",
        r"(?<!\w)тоже(?!\w)",
        r"(?<!\w)добавил\w*",
        r"(?<!\w)добавив(?!\w)",
        r"(?<!\w)в то время(?! как)(?!\w)",
    ),
}
"""Links to a neighbouring sentence wherever they stand: «был также», "he added"."""

DANGLING_END = {
    "en": (r"\b(?:and|but|or|as well|too|also)[.!?]?$",),
    "ru": (r"(?<!\w)(?:и|но|а|или|также|тоже)[.!?]?$",),
}

EDITORIAL = {
    "en": (r"\(the text has", r"\(sic\b", r"\bocr\b", r"\[", r"\(text:", r"the text reads"),
    "ru": (r"\(в тексте", r"\(sic\b", r"\bocr\b", r"\[", r"в оригинале стоит"),
}
"""Curators' notes that belong in a comment or a quote, never in front of a student."""

STYLE = {
    "en": (
        (r"\bborder war at lake khasan\b", "write 'the fighting at Lake Khasan'"),
        (r"\bin the terms of\b", "say what is meant"),
    ),
    "ru": (
        (r"(?<!\w)вош(?:ёл|ел|ла|ло|ли) в силу", "«вступил в силу», not «вошёл в силу»"),
        (r"пограничн\w+ войн\w+ у озера хасан", "«бои у озера Хасан»"),
        (r"(?<!\w)имел\w* место(?!\w)", "a calque: say what happened"),
        (r"(?<!\w)на базе(?!\w)", "«на основе»"),
        (r"(?<!\w)в терминах(?!\w)", "a calque of 'in terms of'"),
        (r"(?<!\w)сделал\w* заявление о том, что", "«заявил, что»"),
        (r"(?<!\w)номонхан", "«бои на Халхин-Голе»"),
    ),
}
"""Calques and wrong collocations a Russian or English historian would not write."""

FIRST = {
    "en": r"\bfor the first time\b|\bthe first (?:\w+ ){0,2}(?:to|who)\b",
    "ru": (
        r"(?<!\w)впервые(?!\w)"
        r"|(?<!\w)перв(?:ым|ой|ыми) (?:из|выступ\w*|предлож\w*|заяв\w*|призв\w*|начал\w*)"
        r"|(?<!\w)(?:был\w?|стал\w*) перв(?:ым|ой|ыми)(?=[,.!?]| из| кто)"
        r"|(?<!\w)перв(?:ым|ой|ыми) [^.,;]*, (?:который|которая|которые|кто)(?!\w)"
    ),
}
""""The first to", «впервые»: a claim of priority the quoted passage must make itself."""
FIRST_IN_QUOTE = r"\bfirst\b|(?<!\w)(?:впервые|перв\w+)"

PRECISION_WORDS = {
    "en": {
        Precision.YEAR: r"\b(?:which|what) years?\b",
        Precision.MONTH: r"\b(?:which|what) months?\b",
        Precision.DAY: r"\b(?:what|which) (?:date|day)\b|\bon what date\b",
    },
    "ru": {
        Precision.YEAR: r"(?<!\w)(?:в каком году|какого года|какой год|в какие годы|каких годов)",
        Precision.MONTH: (
            r"(?<!\w)(?:в каком месяце|какой месяц|какого месяца|в какие месяцы|каких месяцев)"
        ),
        Precision.DAY: (
            r"(?<!\w)(?:какого числа|какой день|в какой день|какую дату|дат[ау]\b|какое число)"
        ),
    },
}
"""How a stem announces the precision of the date it asks for."""

ORDER_HINTS = {
    "en": r"\b(?:at last|finally|eventually|later|again|resumed|renewed|then|preliminary)\b",
    "ru": (
        r"(?<!\w)(?:наконец|затем|позднее|позже|впоследствии|вновь|снова|возобнов\w*"
        r"|предварительн\w*)(?!\w)"
    ),
}
"""Words that tell where an event falls in a sequence ("began at last", «возобновились»,
"preliminary talks", which a reader orders before the talks themselves by logic alone)."""

LIST_SEPARATORS = re.compile(r"[;(]|\s[—–]\s")
SECOND_CLAUSE = re.compile(r",\s+(?:and|but|и|а|но)\s", re.IGNORECASE)
"""A comma then "and"/«и» starts a second clause: «…, и Антонов с этим согласился» (round 11)."""
SECOND_QUESTION = {
    "en": re.compile(r"\b(?:and|or)\s+(?:what|who|whom|whose|which|when|where|why|how)\b", re.I),
    "ru": re.compile(
        r"(?:,\s*|\s)(?:и|а|или)\s+(?:что|кто|как\w*|когда|где|почему|зачем|чем|кого|кому|кем|чей|чь\w+)\b",
        re.I,
    ),
}
"""A question word after "and"/«и» starts a second question: "Whose plan …, and what did
Moscow …?" (round 19)."""
MAX_CLAIM = 200
MAX_LABEL = 150
"""An event in an ordering or matching item is read four or five times over: keep it short."""
TYPABLE_TYPES = ("person", "place")
"""Entities a student can be asked to type or fill in: a name, not a document's title."""
MAX_TYPED_WORDS = 3


UNANSWERED_REPLY = {
    "en": (r"\breplied,? that\b", r"\b(?:to|in reply|in response|answering)\b"),
    "ru": (r"(?<!\w)ответил\w*,? что(?!\w)", r"(?<!\w)(?:на|в ответ)\s"),
}
"""A reply whose question the sentence never gives ("The government replied that ...")."""


def dangling(text: str, lang: str) -> str | None:
    """A connective left over from the source sentence: "also", «добавил», "However, ..."."""
    folded = text.strip().casefold()
    reply, answered = _UNANSWERED_REPLY.get(lang, (None, None))
    if reply and answered and reply.search(folded) and not answered.search(folded):
        return "gives a reply without saying to what"
    words = _LEADING_PUNCTUATION.sub("", folded)
    start = _DANGLING_START.get(lang)
    found = start.match(words) if start else None
    if found:
        return f"starts with the dangling '{found.group(1)}'"
    for pattern in _DANGLING_ANYWHERE.get(lang, ()):
        found = pattern.search(folded)
        if found:
            return f"leans on a sentence the student never sees ('{found.group(0)}')"
    for pattern in _DANGLING_END.get(lang, ()):
        found = pattern.search(folded)
        if found:
            return f"ends with the dangling '{found.group(0)}'"
    return None


_UNANSWERED_REPLY = {
    lang: (re.compile(reply), re.compile(answered))
    for lang, (reply, answered) in UNANSWERED_REPLY.items()
}
_LEADING_PUNCTUATION = re.compile(r"^[\W_]+")
_DANGLING_START = {
    lang: re.compile("(" + "|".join(map(re.escape, starts)) + r")(?!\w)")
    for lang, starts in DANGLING_START.items()
    if starts
}
"""The starts of a language in one pattern: the alternatives are tried in the list's order, so
the start it finds is the first of the list that the text opens with, as trying them one by
one found (the gate reads thousands of texts, and compiling per text cost most of its time)."""
_DANGLING_ANYWHERE = {
    lang: tuple(map(re.compile, patterns)) for lang, patterns in DANGLING_ANYWHERE.items()
}
_DANGLING_END = {lang: tuple(map(re.compile, patterns)) for lang, patterns in DANGLING_END.items()}


def editorial(text: str, lang: str) -> str | None:
    """A curator's note ("(the text has ...)", "[sic]") left in student-facing text."""
    found = _search(((p, "") for p in EDITORIAL.get(lang, ())), text)
    return f"holds an editorial note ('{found[0]}')" if found else None


def style(text: str, lang: str) -> str | None:
    """A calque or wrong collocation from the style list."""
    found = _search(STYLE.get(lang, ()), text)
    return f"'{found[0]}': {found[1]}" if found else None


def _search(patterns: Iterable[tuple[str, str]], text: str) -> tuple[str, str] | None:
    """The first (matched text, advice) of `(pattern, advice)` pairs found in `text`."""
    folded = text.casefold()
    for pattern, advice in patterns:
        found = _compiled(pattern).search(folded)
        if found:
            return found.group(0), advice
    return None


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern of the rubric's lists, compiled once (the re module's own cache is shared by
    every caller and can drop them)."""
    return re.compile(pattern)


Finding = tuple[str, str]
"""A broken rule as the gate reports it: (rule name, what is wrong)."""


def text_findings(text: str, lang: str) -> list[Finding]:
    """Rubric sections 4 and 8 on one student-facing text, each under its gate rule."""
    return list(_text_findings(text, lang))


@lru_cache(maxsize=65536)
def _text_findings(text: str, lang: str) -> tuple[Finding, ...]:
    """`text_findings`, once per text: a fact's statement is the explanation of each of its
    items and is read again for every one."""
    found = []
    for rule, reason in (
        ("standalone", dangling(text, lang) or editorial(text, lang)),
        ("style", style(text, lang)),
    ):
        if reason:
            found.append((rule, reason))
    return tuple(found)


def stands_alone(text: str, lang: str) -> str | None:
    """The first reason the text fails rubric sections 4 and 8, or None."""
    found = text_findings(text, lang)
    return found[0][1] if found else None


def one_claim(text: str, limit: int = MAX_CLAIM) -> str | None:
    """A true/false statement or an event label makes one claim: no list, no glued clause."""
    if LIST_SEPARATORS.search(text):
        return "glues a second claim on with ';', a parenthesis or a dash"
    if SECOND_CLAUSE.search(text):
        return "joins a second clause on with a comma and a conjunction"
    if text.count(",") >= 3:
        return "reads as a list (three commas or more)"
    if len(text) > limit:
        return f"is longer than {limit} characters"
    return None


def two_questions(prompt: str, lang: str) -> str | None:
    """Why a stem asks two things at once ("Whose plan …, and what did Moscow …?"): a reader
    cannot tell which half a short answer must give, and a card that tests two facts is
    graded as one (rubric section 4)."""
    pattern = SECOND_QUESTION.get(lang)
    found = pattern.search(prompt) if pattern else None
    if found:
        return f"asks two questions at once ('{found.group().strip(', ')}'): ask one"
    return None


DAY_IN_TEXT = re.compile(
    r"\b\d{1,2} (?:" + "|".join(MONTHS_EN + MONTHS_RU_GEN) + r") \d{4}", re.IGNORECASE
)


def dated_step(prompt: str) -> str | None:
    """Why a stem that asks for a date gives it away: it dates another step to the day ("… his
    counter-proposals to the draft of 27 December 1924?"), and the answer is the next date a
    reader would guess (rubric section 2)."""
    found = DAY_IN_TEXT.search(prompt)
    if found:
        return f"asks for a date but dates another step to the day ('{found.group()}')"
    return None


def order_hint(label: str, lang: str) -> str | None:
    """A word in an event label that gives away its place in an ordering."""
    found = re.search(ORDER_HINTS.get(lang, r"(?!x)x"), label.casefold())
    return f"'{found.group(0)}' hints at where the event falls" if found else None


def typable(entity_type: str, name: str) -> str | None:
    """Why a name is no fair typed or fill-in answer (a document's long title), or None."""
    if entity_type not in TYPABLE_TYPES:
        return f"a {entity_type}'s name is not something a student types from memory"
    if len(name.split()) > MAX_TYPED_WORDS:
        return f"'{name}' is longer than {MAX_TYPED_WORDS} words"
    return None


def unsupported_first(text: str, fact: Fact, lang: str) -> str | None:
    """ "The first" / «впервые» where none of the fact's quotes says so (rubric section 9)."""
    pattern = FIRST.get(lang)
    if pattern is None or not re.search(pattern, text.casefold()):
        return None
    quotes = [c.quote for c in fact.sources]
    if fact.contested:
        quotes += [v.citation.quote for v in fact.contested.versions]
    if any(re.search(FIRST_IN_QUOTE, q.casefold()) for q in quotes):
        return None
    return "claims a 'first' that no quoted passage makes"


def announced_precision(prompt: str, lang: str) -> Precision | None:
    """The precision a date stem asks for ("In which year ..."), or None if it names none;
    the finest it names, so "In which month and year" asks for the month."""
    folded = prompt.casefold()
    for precision in (Precision.DAY, Precision.MONTH, Precision.YEAR):  # "month and year": month
        if re.search(PRECISION_WORDS.get(lang, {}).get(precision, r"(?!x)x"), folded):
            return precision
    return None


def statement_findings(fact: Fact, lang: str) -> list[Finding]:
    """A statement shown to be judged true or false: it stands alone, makes one claim, and
    claims no "first" its quotes do not make."""
    text = fact.statement[lang]
    found = text_findings(text, lang)
    for rule, reason in (
        ("one-claim", one_claim(text)),
        ("faithful", unsupported_first(text, fact, lang)),
    ):
        if reason:
            found.append((rule, reason))
    return found


def stem_findings(fact: Fact, part: Part, prompt: str, lang: str) -> list[Finding]:
    """What is wrong with a curated stem for a recall item.

    It must stand alone, ask one question, claim no unsupported "first", and, when it asks for a
    date, ask it of an event worth dating, and announce the precision it wants ("In which year
    ...") no finer than the sources give.
    """
    found = text_findings(prompt, lang)
    first = unsupported_first(prompt, fact, lang)
    if first:
        found.append(("faithful", first))
    double = two_questions(prompt, lang)
    if double:
        found.append(("one-claim", double))
    if part.date is not None:
        reason = minor_date(fact, part.date) or _announced(fact, part, prompt, lang)
        if reason:
            found.append(("precision", reason))
        given = dated_step(prompt)
        if given:
            found.append(("predictable", given))
    return found


def stem_problem(fact: Fact, part: Part, prompt: str, lang: str) -> str | None:
    """The first reason a stem fails (`stem_findings`), or None."""
    found = stem_findings(fact, part, prompt, lang)
    return found[0][1] if found else None


def minor_date(fact: Fact, date: DateSpec) -> str | None:
    """Why the fact's date is not worth recalling: the date of a position, demand or letter,
    or the exact day of a step that is not a core event (rubric section 1)."""
    if fact.kind not in KEY_DAY_KINDS:
        return f"asks the date of a {fact.kind}, not of an event, agreement or outcome"
    return minor_day(fact, date)


def minor_day(fact: Fact, date: DateSpec) -> str | None:
    """Why the exact day is not worth asking: the fact is not a core event (`key_day`)."""
    if date.end is None and date.start.precision is Precision.DAY and not key_day(fact):
        return "asks for the exact date of a step that is not a core event"
    return None


def _announced(fact: Fact, part: Part, prompt: str, lang: str) -> str | None:
    assert part.date is not None
    if part.date.end is not None:
        return None
    announced = announced_precision(prompt, lang)
    if announced is None:
        return "asks for a date without saying at what precision (day, month or year)"
    if fact.date is not None and _FINER[announced] < _FINER[fact.date.start.precision]:
        given = fact.date.start.precision.value
        return f"asks for the {announced.value} of a date the sources give to the {given}"
    return None


_FINER = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}
KEY_DAY_KINDS = ("event", "agreement", "outcome", "negotiation")
"""Kinds of fact whose exact day a teacher asks: what happened, was signed, opened or ended;
not the day a position was stated, a letter written or a proposal made."""


def key_day(fact: Fact) -> bool:
    """Whether the exact day of the fact is worth a test item: a core event, agreement,
    outcome or negotiation."""
    return fact.significance == "core" and fact.kind in KEY_DAY_KINDS


OBLIQUE_WORDS = frozenset(
    "кому кем ком чему чем чём кого чего какого какому каким каком каких какими какую"
    " которого которому которым котором которых которыми которую чьего чьему чьим чьём".split()
)
PREPOSITIONS_RU = frozenset(
    "с со в во на о об обо к ко по у для против от из за при между перед после до через".split()
)
_INTERROGATIVE = re.compile(
    r"^(?:кто|что|как\w*|котор\w*|чь\w*|чем|чём|чему|чего|кого|кому|кем|ком)$"
)


def question_words(prompt: str) -> tuple[str, str, str] | None:
    """The first Russian question word of a stem with the preposition before it and the word
    after it («В каком городе…» gives `("в", "каком", "городе")`), or None."""
    words = re.findall(r"[а-яё]+", prompt.lower())
    for i, word in enumerate(words):
        if _INTERROGATIVE.match(word) and word not in ("как", "когда"):
            before = words[i - 1] if i and words[i - 1] in PREPOSITIONS_RU else ""
            return before, word, words[i + 1] if i + 1 < len(words) else ""
    return None


def oblique_question(prompt: str, lang: str) -> str | None:
    """The question words of a Russian stem that ask for an answer in an oblique case
    («Кому…», «С каким государством…», «В каком городе…»), else None.

    A bare name in the nominative does not answer them as a Russian reader expects, so a
    card on such a stem needs its answer curated in the asked form.
    """
    found = question_words(prompt) if lang == "ru" else None
    if found is None:
        return None
    before, word, after = found
    if before:
        return f"{before.capitalize()} {word}"
    if word in OBLIQUE_WORDS:
        return word.capitalize()
    if word in ("какой", "которой", "чьей") and after and "nomn" not in _cases(after):
        return word.capitalize()  # «какой предшествующей конференции»
    return None


CASES_AFTER = {
    "в": ("loct", "accs"),
    "во": ("loct", "accs"),
    "на": ("loct", "accs"),
    "о": ("loct",),
    "об": ("loct",),
    "обо": ("loct",),
    "при": ("loct",),
    "к": ("datv",),
    "ко": ("datv",),
    "по": ("datv",),
    "с": ("gent", "ablt"),
    "со": ("gent", "ablt"),
    "из": ("gent",),
    "от": ("gent",),
    "до": ("gent",),
    "у": ("gent",),
    "для": ("gent",),
    "против": ("gent",),
    "после": ("gent",),
    "за": ("ablt", "accs"),
    "через": ("accs",),
    "между": ("ablt",),
    "перед": ("ablt",),
}
"""The cases a Russian preposition governs, the likelier first."""


def asked_with_preposition(prompt: str) -> tuple[str, str] | None:
    """The preposition and grammatical case a Russian stem asks its answer in
    («Из какого края…» gives `("из", "gent")`), or None when it asks without a preposition."""
    found = question_words(prompt)
    if found is None or not found[0]:
        return None
    before, word, after = found
    cases = _cases(word)
    if word in ("какой", "которой", "чьей", "какие", "которые") and after:
        cases &= _cases(after)
    for case in CASES_AFTER.get(before, ()):
        if case in cases:
            return before, case
    return None


def _cases(word: str) -> set[str]:
    return {str(parse.tag.case) for parse in morph().parse(word) if parse.tag.case}
