""" "Sources differ" items, from contested facts: which option says what each source gives.

The stem is the disputed question as curated ("On what date did ... attack?"); each option
names the sources as a historian would (Ismailov; Fujimoto; the Great Soviet Encyclopedia) and
gives what each says. The right option attributes every version to its source; the wrong ones
swap the attributions. Nothing here takes a side: the dispute itself is what is asked. Built
only where each version has its own source and reads differently.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from decks.model import Contested, DateSpec, Deck, Fact, Version
from questions.context import Context
from questions.dates import capitalized, format_date, nearby, overlaps
from questions.difficulty import estimate
from questions.errors import QuestionError
from questions.model import Kind, Question
from questions.numbers import format_quantity, format_value
from questions.parts import parse_iso
from questions.phrases import phrase, without_stop
from questions.rules import stands_alone

OPTIONS = 4
DECOY = "decoy"
"""In a claim, the curated answer no source gives (`contested.decoy`)."""

Claim = list[str | int]
"""`[source id, version index]`, `[source id, DECOY]` or `[source id, "ISO date"]`: a list,
as it is stored in `Question.extra` and read back from JSON."""


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


def claims_text(ctx: Context, fact: Fact, claims: list[Claim], lang: str) -> str:
    """One option from its claims: `[[source, version index], ...]`, or `[source, "ISO"]` for
    a date no source gives (a distractor of a dispute about a date)."""
    assert fact.contested is not None
    versions = fact.contested.versions
    parts = []
    for number, (source, said) in enumerate(claims):
        if not isinstance(source, str):
            raise QuestionError(f"a claim names its source by id, not by {source!r}")
        if said == DECOY:
            value = without_stop((fact.contested.decoy or {})[lang])
        elif isinstance(said, str):
            value = format_date(parse_iso(said), lang)
        else:
            value = version_text(ctx.deck, fact, versions[said], lang)
        label = ctx.sources[source].short_name(lang)
        label = capitalized(label) if number == 0 else label  # "…; the Great Soviet Encyclopedia"
        parts.append(phrase(lang, "according", title=label, value=continued(value)))
    return "; ".join(parts)


LOWER_STARTS = {
    "as", "he", "she", "it", "they", "in", "by", "on", "yes", "no", "the", "a", "an",
    "в", "как", "он", "она", "они", "да", "нет", "посол", "посланник", "временный",
}  # fmt: skip
"""First words that read in lower case after "Fujimoto: " (names keep their capital)."""


def continued(value: str) -> str:
    """A claim as it reads after a source's label and a colon: "Fujimoto: as an observer"."""
    first = value.split(" ", 1)[0]
    if first.casefold() in LOWER_STARTS and first[:1].isupper():
        return value[:1].lower() + value[1:]
    return value


def option_claims(contested: Contested) -> list[list[Claim]]:
    """The right attribution first, then every other assignment of the versions to the sources.

    No option says that every source gives one version: the stem asks a disputed question, so
    such an option is ruled out before it is read. A dispute between two sources about a date
    adds a pair of near dates that no source gives, once in each order, so that every date
    stands once beside each source: an option made by changing one side of the right one would
    leave the right value the most frequent for each source, an answer found by counting.
    """
    sources = [v.citation.source for v in contested.versions]
    count = len(sources)
    right: list[Claim] = [[sources[i], i] for i in range(count)]
    others: list[list[Claim]] = [
        [[sources[i], order[i]] for i in range(count)]
        for order in itertools.permutations(range(count))
        if list(order) != list(range(count))
    ]
    options = [right, *others][:OPTIONS]
    if count == 2 and contested.decoy:
        for which in (0, 1):
            claim: list[Claim] = [list(c) for c in right]
            claim[which] = [sources[which], DECOY]
            options.append(claim)
    elif count == 2 and all(v.date is not None for v in contested.versions):
        taken = [v.date for v in contested.versions if v.date is not None]
        first = _nearest_free(taken[0], taken)
        second = first and _nearest_free(first, [*taken, first])
        if first and second:
            options.append([[sources[0], first.iso()], [sources[1], second.iso()]])
            options.append([[sources[0], second.iso()], [sources[1], first.iso()]])
    return options[:OPTIONS]


def _nearest_free(date: DateSpec, taken: list[DateSpec]) -> DateSpec | None:
    """The date nearest `date`, at its precision, that overlaps none of `taken`."""
    for spec, _ in sorted(nearby(date), key=lambda found: found[1]):
        if not any(overlaps(spec, t) for t in taken):
            return spec
    return None


def usable(ctx: Context, fact: Fact) -> bool:
    """A testable contested fact whose versions each have a source of their own, read
    differently, and can be joined into one option."""
    contested = fact.contested
    if contested is None or not contested.question or not fact.testable:
        return False
    if not contested.exclusive:
        return False  # differing emphases are shown on cards, never asked as a dispute
    sources = [v.citation.source for v in contested.versions]
    if len(set(sources)) != len(sources) or any(s not in ctx.sources for s in sources):
        return False
    for lang in ctx.deck.languages:
        texts = [version_text(ctx.deck, fact, v, lang) for v in contested.versions]
        labels = [ctx.sources[s].short_name(lang) for s in sources]
        if len(set(texts)) != len(texts) or not all(texts) or len(set(labels)) != len(labels):
            return False
        if any(stands_alone(t, lang) for t in [contested.question[lang], *texts]):
            return False
        if contested.decoy:
            texts.append(without_stop(contested.decoy[lang]))
            if len(set(texts)) != len(texts):
                return False
        if any(";" in t for t in texts):
            return False  # the options join what each source says with ";"
    return True


def stem(ctx: Context, fact: Fact, lang: str, source: str | None = None) -> str:
    """The disputed question itself, as curated, and what the student is to choose: what each
    source says, or how one named source answers it."""
    assert fact.contested is not None
    question = fact.contested.question[lang]
    if source is None:
        labels = [ctx.sources[v.citation.source].short_name(lang) for v in fact.contested.versions]
        named = phrase(lang, "and", first=", ".join(labels[:-1]), last=labels[-1])
        return phrase(lang, "differ_question", question=question, sources=named)
    label = ctx.sources[source].short_name(lang)
    return phrase(lang, "differ_one_source", question=question, source=label)


def one_source_claims(contested: Contested, source: str) -> list[list[Claim]]:
    """Options for "how does this source answer": its own version first, then the other
    versions, the decoy, or near dates that no source gives."""
    sources = [v.citation.source for v in contested.versions]
    own = sources.index(source)
    options: list[list[Claim]] = [[[source, own]]]
    options += [[[source, i]] for i in range(len(sources)) if i != own]
    if contested.decoy:
        options.append([[source, DECOY]])
    elif all(v.date is not None for v in contested.versions):
        given = [v.date for v in contested.versions if v.date is not None]
        for spec, _ in sorted(nearby(given[own]), key=lambda found: found[1]):
            if len(options) == OPTIONS:
                break
            if not any(
                overlaps(spec, g)
                for g in given + [parse_iso(o[0][1]) for o in options if isinstance(o[0][1], str)]
            ):
                options.append([[source, spec.iso()]])
    return options[:OPTIONS]


def one_source_text(ctx: Context, fact: Fact, claim: list[Claim], lang: str) -> str:
    """An option of a one-source item: the claim alone, the source being named in the stem."""
    assert fact.contested is not None
    _, said = claim[0]
    if said == DECOY:
        return capitalized(without_stop((fact.contested.decoy or {})[lang]))
    if isinstance(said, str):
        return format_date(parse_iso(said), lang)
    return capitalized(version_text(ctx.deck, fact, fact.contested.versions[said], lang))


def generate(ctx: Context) -> Iterator[Question]:
    for fact in ctx.deck.facts:
        if not usable(ctx, fact):
            continue
        contested = fact.contested
        assert contested is not None
        yield from _items(ctx, fact, option_claims(contested), None)
        for source in [v.citation.source for v in contested.versions]:
            claims = one_source_claims(contested, source)
            if len(claims) >= 3:  # two options are a coin toss
                yield from _items(ctx, fact, claims, source)


def _items(
    ctx: Context, fact: Fact, claims: list[list[Claim]], source: str | None
) -> Iterator[Question]:
    """One item per language: what each source says, or (with `source`) what that one says."""
    contested = fact.contested
    assert contested is not None
    template = f"differ:{contested.about}" + (f":{source}" if source else "")
    extra: dict[str, object] = {"part": contested.about, "claims": claims}
    if source:
        extra["source"] = source
    for lang in ctx.langs:
        if source:
            options = tuple(one_source_text(ctx, fact, c, lang) for c in claims)
        else:
            options = tuple(claims_text(ctx, fact, c, lang) for c in claims)
        yield ctx.question(
            kind=Kind.SOURCES_DIFFER,
            lang=lang,
            facts=(fact,),
            template=template,
            prompt=stem(ctx, fact, lang, source),
            answer=options[0],
            options=options,
            difficulty=estimate(Kind.SOURCES_DIFFER, contested.versions[0].date),
            versions=True,
            extra=extra,
        )
