"""The few fixed phrases a generated item adds around curated deck text, per language."""

from __future__ import annotations

from questions.errors import QuestionError

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "true": "True",
        "false": "False",
        "true_false": "True or false? {statement}",
        "cloze": "Fill in the blank: {text}",
        "cloze_day": "Fill in the blank with the date (day, month and year): {text}",
        "cloze_month": "Fill in the blank with the month and year: {text}",
        "cloze_year": "Fill in the blank with the year: {text}",
        "ordering": "Put these events in chronological order, earliest first.",
        "matching_dates": "Match each event with its date.",
        "matching_deeds": "Match each name with what the sources say of it.",
        "differ_question": "{question} What do {sources} each say?",
        "and": "{first} and {last}",
        "differ_one_source": "{question} How does {source} answer this?",
        "according": "{title}: {value}",
    },
    "ru": {
        "true": "Верно",
        "false": "Неверно",
        "true_false": "Верно ли утверждение? {statement}",
        "cloze": "Заполните пропуск: {text}",
        "cloze_day": "Заполните пропуск датой (число, месяц и год): {text}",
        "cloze_month": "Заполните пропуск (месяц и год): {text}",
        "cloze_year": "Заполните пропуск (год): {text}",
        "ordering": "Расположите события в хронологическом порядке, начиная с самого раннего.",
        "matching_dates": "Сопоставьте каждое событие с его датой.",
        "matching_deeds": "Сопоставьте каждое имя с тем, что о нём сообщают источники.",
        "differ_question": "{question} Что сообщают об этом {sources}?",
        "and": "{first} и {last}",
        "differ_one_source": "{question} Как отвечает на этот вопрос {source}?",
        "according": "{title}: {value}",
    },
}


def without_stop(text: str) -> str:
    """`text` without its closing full stop, unless that stop ends an abbreviation ("1921 г.")."""
    text = text.strip()
    words = text[:-1].split()
    last = words[-1] if words else ""
    if text.endswith(".") and not text.endswith("..") and not (last.isalpha() and len(last) <= 3):
        return text[:-1]
    return text


def phrase(lang: str, name: str, **values: str) -> str:
    """A fixed phrase in `lang` with its slots filled."""
    table = PHRASES.get(lang)
    if table is None:
        raise QuestionError(
            f"no question phrasing for language '{lang}'; "
            f"questions can be built in: {', '.join(PHRASES)}"
        )
    return table[name].format(**values)
