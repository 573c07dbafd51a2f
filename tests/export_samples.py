"""A small deck and hand-made questions of every kind, for the exporter tests.

The questions are built here rather than by the bank so each test controls every character that
reaches Anki, including hostile text.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from decks.model import Deck, Source, Topic
from questions.model import Cited, Kind, Question, question_id

NOW = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2025, 3, 2, 12, 0, tzinfo=dt.UTC)
HOSTILE = "<script>alert('x')</script> & \"quoted\" [sound:boom.mp3] {{c2::leak}} 1 < 2"


def sample_deck(title: str = "Soviet–Japanese diplomacy") -> Deck:
    return Deck(
        id="sample",
        title={"en": title, "ru": "Советско-японская дипломатия"},
        description={"en": "A <b>sample</b> deck & more", "ru": "Пример колоды"},
        languages=("en", "ru"),
        topics=(
            Topic("intervention", {"en": "The intervention", "ru": "Интервенция"}),
            Topic(
                "nikolaevsk",
                {"en": "The Nikolaevsk incident", "ru": "Николаевский инцидент"},
                parent="intervention",
            ),
            Topic("dairen", {"en": "The Dairen Conference", "ru": "Дайренская конференция"}),
        ),
        sides=(),
        sources=(
            Source(
                id="dairen-history",
                file="dairen.txt",
                title={"en": "The Dairen Conference", "ru": "Дайренская конференция"},
                language="ru",
                kind="history-narrative",
                reliability={"en": "-", "ru": "-"},
            ),
            Source(
                id="gse",
                file="gse.txt",
                title={"en": "Great Soviet Encyclopedia", "ru": "БСЭ"},
                language="en",
                kind="encyclopedia-entry",
                reliability={"en": "-", "ru": "-"},
            ),
        ),
        entities=(),
        facts=(),
    )


def _question(kind: Kind, lang: str, topic: str, fact: str, **fields) -> Question:
    fields.setdefault("template", "t")
    return Question(
        id=question_id("sample", (fact,), kind, lang, fields["template"]),
        kind=kind,
        lang=lang,
        topic=topic,
        fact_ids=(fact,),
        difficulty=0.5,
        **fields,
    )


_CITE = Cited(
    "dairen-history",
    "26 августа 1921 г. открылись переговоры в японской гавани Дайрене.",
    "The Dairen Conference",
)
_STATEMENT = {
    "en": "Talks between the FER and Japan opened in Dairen on 26 August 1921.",
    "ru": "26 августа 1921 г. в Дайрене открылись переговоры между ДВР и Японией.",
}


def sample_questions(lang: str = "en") -> list[Question]:
    """One question of every kind in `lang`, each in the dairen or nikolaevsk topic."""
    ru = lang == "ru"
    statement = _STATEMENT[lang]
    common = {"sources": (_CITE,), "explanation": statement}
    return [
        _question(
            Kind.FLASHCARD,
            lang,
            "dairen",
            "opens",
            prompt="Когда открылась Дайренская конференция?" if ru else "When did Dairen open?",
            answer="26 августа 1921 г." if ru else "26 August 1921",
            **common,
        ),
        _question(
            Kind.MULTIPLE_CHOICE,
            lang,
            "dairen",
            "opens",
            prompt="В какой гавани?" if ru else "In which port did the talks open?",
            options=("Владивосток", "Дайрен", "Чанчунь", "Харбин")
            if ru
            else ("Vladivostok", "Dairen", "Changchun", "Harbin"),
            answer="Дайрен" if ru else "Dairen",
            **common,
        ),
        _question(
            Kind.TRUE_FALSE,
            lang,
            "dairen",
            "opens",
            prompt="Переговоры открылись в 1922 г." if ru else "The talks opened in 1922.",
            options=("Верно", "Неверно") if ru else ("True", "False"),
            answer=False,
            **common,
        ),
        _question(
            Kind.TYPED,
            lang,
            "dairen",
            "opens",
            prompt="В каком порту?" if ru else "Which port?",
            answer="Дайрен" if ru else "Dairen",
            accepted=("Дайрен", "Далянь") if ru else ("Dairen", "Dalian", "Dalny"),
            **common,
        ),
        _question(
            Kind.CLOZE,
            lang,
            "dairen",
            "opens",
            prompt="Переговоры открылись в _____ 26 августа 1921 г."
            if ru
            else "Talks opened in _____ on 26 August 1921.",
            answer="Дайрене" if ru else "Dairen",
            **common,
        ),
        _question(
            Kind.ORDERING,
            lang,
            "dairen",
            "opens",
            prompt="Расположите по порядку" if ru else "Put in order",
            options=("B", "C", "A"),
            answer=("A", "B", "C"),
            **common,
        ),
        _question(
            Kind.MATCHING,
            lang,
            "dairen",
            "opens",
            prompt="Сопоставьте" if ru else "Match",
            options=("2", "1"),
            answer={"a": "1", "b": "2"},
            **common,
        ),
        _question(
            Kind.SOURCES_DIFFER,
            lang,
            "nikolaevsk",
            "attack",
            prompt="Когда?" if ru else "On which day did the attack begin?",
            options=("11 March", "12 March", "The sources differ: 11 or 12 March", "13 March"),
            answer="The sources differ: 11 or 12 March",
            sources=(_CITE, Cited("gse", "In the early morning of Mar. 12, 1920", "", page="77")),
            explanation=statement,
            dispute="11 марта по одному источнику, 12 марта по другому."
            if ru
            else "One source says 11 March, another 12 March.",
        ),
    ]


def with_text(question: Question, text: str) -> Question:
    """The same question (same id) with hostile text in every text field it shows."""
    return replace(
        question,
        prompt=question.prompt + text,
        explanation=text,
        dispute=text,
        sources=(Cited("gse", text, text, page=text),),
    )


def import_package(collection: Collection, path: Path, *, merge_notetypes: bool = False):
    """Import an .apkg with the options Anki's import dialog starts with; return the log."""
    request = ImportAnkiPackageRequest(
        package_path=str(path),
        options=ImportAnkiPackageOptions(merge_notetypes=merge_notetypes),
    )
    return collection.import_anki_package(request).log


def fresh_collection(directory: Path) -> Collection:
    return Collection(str(Path(tempfile.mkdtemp(dir=directory)) / "collection.anki2"))
