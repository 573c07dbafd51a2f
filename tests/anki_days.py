"""Study days in a real Anki collection, one command per run, for the Anki import tests.

Anki takes "now" from the system clock (its day count, due days and review log ids), so each
simulated day is its own process started under libfaketime (`faketime`), and the collection is
created under the clock of the first day. Each command prints one JSON line.

    python anki_days.py create COLLECTION PACKAGE
    python anki_days.py study COLLECTION SEED
    python anki_days.py export COLLECTION OUT colpkg|apkg legacy|modern
    python anki_days.py state COLLECTION
"""

from __future__ import annotations

import json
import random
import sys
import time

from anki.collection import (
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.scheduler.v3 import CardAnswer

RATINGS = (CardAnswer.AGAIN, CardAnswer.HARD, CardAnswer.GOOD, CardAnswer.EASY)
WEIGHTS = (2, 1, 6, 1)
PER_DAY = 40


def create(path: str, package: str) -> dict[str, object]:
    """A new collection holding the package's notes, scheduled by FSRS as Factdeck is."""
    col = Collection(path)
    request = ImportAnkiPackageRequest(
        package_path=package, options=ImportAnkiPackageOptions(with_scheduling=True)
    )
    notes = len(col.import_anki_package(request).log.new)
    col.set_config("fsrs", True)
    top = [d for d in col.decks.all_names_and_ids() if "::" not in d.name and d.id != 1]
    col.decks.select(top[0].id)
    col.close()
    return {"notes": notes}


def study(path: str, seed: int) -> dict[str, object]:
    """Answer what Anki shows today, with seeded ratings, as a learner at the screen would."""
    col = Collection(path)
    rng = random.Random(seed)
    answered = 0
    while answered < PER_DAY:
        queued = col.sched.get_queued_cards(fetch_limit=1)
        if not queued.cards:
            break
        card = col.get_card(queued.cards[0].card.id)
        card.start_timer()
        time.sleep(0.01)
        rating = rng.choices(RATINGS, WEIGHTS)[0]
        states = queued.cards[0].states
        col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=rating))
        answered += 1
    col.close()
    return {"answered": answered}


def export(path: str, out: str, kind: str, legacy: str) -> dict[str, object]:
    col = Collection(path)
    if kind == "colpkg":
        col.export_collection_package(out, include_media=False, legacy=legacy == "legacy")
    else:
        options = ExportAnkiPackageOptions(
            with_scheduling=True,
            with_deck_configs=True,
            with_media=False,
            legacy=legacy == "legacy",
        )
        col.export_anki_package(out_path=out, options=options, limit=None)
        col.close()
    return {"written": out}


def state(path: str) -> dict[str, object]:
    """Every card's due moment as Anki schedules it (epoch seconds) and the review log."""
    col = Collection(path)
    today = col.sched.today
    cards = {}
    for guid, ord_, queue, due in col.db.all(
        "select n.guid, c.ord, c.queue, c.due from cards c join notes n on n.id = c.nid"
    ):
        if queue in (2, 3):  # due is a day number: the same clock time that many days on
            moment = time.time() + (due - today) * 86400
        elif queue == 1:  # due is a moment
            moment = due
        else:
            moment = None
        cards[f"{guid}/{ord_}"] = moment
    revlog = col.db.all(
        "select r.id, n.guid, c.ord, r.ease from revlog r join cards c on c.id = r.cid"
        " join notes n on n.id = c.nid order by r.id"
    )
    col.close()
    return {"today": today, "cards": cards, "revlog": revlog}


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    if command == "study":
        result = study(arguments[0], int(arguments[1]))
    else:
        result = {"create": create, "export": export, "state": state}[command](*arguments)
    print(json.dumps(result))
