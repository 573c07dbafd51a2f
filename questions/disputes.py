""" "Sources differ" items, from contested facts: which option says what each source gives.

The right option attributes every version to its source; the wrong ones swap the attributions
or claim that every source gives one version. Nothing here takes a side: the dispute itself is
what is asked. Built only where each version has its own source and reads differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from decks.model import Contested, Deck, Fact, Version
from questions.context import Context
from questions.dates import format_date
from questions.difficulty import estimate
from questions.model import Kind, Question
from questions.numbers import format_quantity, format_value
from questions.phrases import phrase, without_stop

OPTIONS = 4


def version_text(deck: Deck, fact: Fact, version: Version, lang: str) -> str:
    """What one version says, in `lang`, without a closing full stop."""
    if version.date is not None:
        return format_date(version.date, lang)
    if version.value is not None:
        assert fact.contested is not None
        quantity = fact.number(fact.contested.about)
        if quantity is None:
            return format_value(version.value, lang)
        return format_quantity(quantity, lang, version.value)
    if version.entity is not None:
        return deck.entity(version.entity).name[lang]
    return without_stop((version.text or {}).get(lang, ""))


def claims_text(ctx: Context, fact: Fact, claims: list[list], lang: str) -> str:
    """One option from its claims: `[[source, version index], ...]`, or `[["*", index]]` for
    "every source gives this version"."""
    assert fact.contested is not None
    versions = fact.contested.versions
    if claims and claims[0][0] == "*":
        value = version_text(ctx.deck, fact, versions[claims[0][1]], lang)
        return phrase(lang, "all_sources", value=value)
    return "; ".join(
        phrase(
            lang,
            "according",
            title=ctx.sources[source].title[lang],
            value=version_text(ctx.deck, fact, versions[index], lang),
        )
        for source, index in claims
    )


def option_claims(contested: Contested) -> list[list[list]]:
    """The right attribution first, then rotations of it, then "every source says X"."""
    sources = [v.citation.source for v in contested.versions]
    count = len(sources)
    right = [[sources[i], i] for i in range(count)]
    rotated = [[[sources[i], (i + k) % count] for i in range(count)] for k in range(1, count)]
    unanimous = [[["*", i]] for i in range(count)]
    return [right, *rotated, *unanimous][:OPTIONS]


def usable(ctx: Context, fact: Fact) -> bool:
    contested = fact.contested
    if contested is None:
        return False
    sources = [v.citation.source for v in contested.versions]
    if len(set(sources)) != len(sources) or any(s not in ctx.sources for s in sources):
        return False
    for lang in ctx.deck.languages:
        texts = [version_text(ctx.deck, fact, v, lang) for v in contested.versions]
        titles = [ctx.sources[s].title[lang] for s in sources]
        if len(set(texts)) != len(texts) or not all(texts) or len(set(titles)) != len(titles):
            return False
    return True


def attributes(ctx: Context, fact: Fact) -> bool:
    """Whether the statement already says which source gives which version (then it cannot be
    the stem). Judged on the English statement: "according to", a source's author or title."""
    text = fact.statement.get("en", "").casefold()
    if "according to" in text:
        return True
    assert fact.contested is not None
    for version in fact.contested.versions:
        source = ctx.sources[version.citation.source]
        cues = [re.sub(r"^the ", "", source.title.get("en", "").casefold())]
        if source.author:
            author = source.author.split(",")[0].casefold()
            cues += [author, author.split()[-1], re.sub(r"^the ", "", author)]
            cues.append("".join(w[0] for w in re.sub(r"^the ", "", author).split()))
        if any(cue and re.search(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", text) for cue in cues):
            return True
    return False


def stem(ctx: Context, fact: Fact, lang: str) -> str | None:
    """The curated phrasing of the disputed part; else the statement, if it names no source;
    else, for a dispute of interpretation (whose versions read on their own), the topic."""
    contested = fact.contested
    assert contested is not None
    ask = next((a for a in fact.ask if a.about == contested.about), None)
    if ask is not None:
        return phrase(lang, "differ_asked", prompt=ask.prompt[lang])
    if not attributes(ctx, fact):
        part = phrase(lang, _part_name(contested, fact))
        return phrase(lang, "differ_stated", part=part, statement=fact.statement[lang])
    if contested.about == "interpretation":
        return phrase(lang, "differ_topic", topic=ctx.deck.topic(fact.topic).title[lang])
    return None


def _part_name(contested: Contested, fact: Fact) -> str:
    if contested.about == "date":
        return "part_date"
    if contested.about == "interpretation":
        return "part_interpretation"
    return "part_number" if fact.number(contested.about) else "part_entity"


def generate(ctx: Context) -> Iterator[Question]:
    for fact in ctx.deck.facts:
        if not usable(ctx, fact) or stem(ctx, fact, ctx.deck.languages[0]) is None:
            continue
        contested = fact.contested
        assert contested is not None
        claims = option_claims(contested)
        date = contested.versions[0].date
        for lang in ctx.langs:
            options = tuple(claims_text(ctx, fact, c, lang) for c in claims)
            yield ctx.question(
                kind=Kind.SOURCES_DIFFER,
                lang=lang,
                facts=(fact,),
                template=f"differ:{contested.about}",
                prompt=stem(ctx, fact, lang) or "",
                answer=options[0],
                options=options,
                difficulty=estimate(Kind.SOURCES_DIFFER, date),
                versions=True,
                extra={"part": contested.about, "claims": claims},
            )
