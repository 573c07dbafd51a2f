"""The shipped deck loads cleanly and every quote is found in its source text."""

from conftest import REAL_DECK

from decks.loader import check_deck


def test_real_deck_loads_with_every_quote_verified(sources_dir):
    result = check_deck(REAL_DECK, sources_dir)
    assert [str(p) for p in result.problems] == []
    assert result.quotes.unverifiable_sources == []
    assert result.quotes.total > 0
    assert result.quotes.verified == result.quotes.total


def test_every_fact_and_entity_has_both_languages(sources_dir):
    deck = check_deck(REAL_DECK, sources_dir).deck
    for fact in deck.facts:
        assert set(fact.statement) == {"en", "ru"}, fact.id
    for entity in deck.entities:
        assert set(entity.name) == {"en", "ru"}, entity.id
        assert set(entity.description) == {"en", "ru"}, entity.id


def test_contested_dates_keep_both_versions(sources_dir):
    deck = check_deck(REAL_DECK, sources_dir).deck
    attack = next(
        f
        for f in deck.facts
        if f.contested
        and f.contested.about == "date"
        and "nikolaevsk" in f.entities.get("where", ())
    )
    dates = {v.date.iso() for v in attack.contested.versions}
    assert {"1920-03-11", "1920-03-12"} <= dates
