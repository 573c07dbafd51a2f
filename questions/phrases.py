"""The few fixed phrases a generated item adds around curated deck text, per language."""

from __future__ import annotations

from questions.errors import QuestionError

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "true": "True",
        "false": "False",
        "true_false": "True or false? {statement}",
        "cloze": "Fill in the blank: {text}",
        "ordering": "Put these events in chronological order, earliest first.",
        "matching_dates": "Match each event with its date.",
        "matching_deeds": "Match each name with what the sources say of it.",
        "differ_asked": "{prompt} The sources disagree: which option gives what each source says?",
        "differ_stated": (
            "The sources disagree about {part} here: {statement} "
            "Which option gives what each source says?"
        ),
        "according": "“{title}”: {value}",
        "all_sources": "Every source: {value}",
        "differ_topic": (
            "The sources disagree about an event under “{topic}”. "
            "Which option gives what each source says?"
        ),
        "part_date": "the date",
        "part_number": "the figure",
        "part_entity": "who or where",
        "part_interpretation": "how to read the event",
    },
    "ru": {
        "true": "Верно",
        "false": "Неверно",
        "true_false": "Верно ли утверждение? {statement}",
        "cloze": "Заполните пропуск: {text}",
        "ordering": "Расположите события в хронологическом порядке, начиная с самого раннего.",
        "matching_dates": "Сопоставьте каждое событие с его датой.",
        "matching_deeds": "Сопоставьте каждое имя с тем, что о нём сообщают источники.",
        "differ_asked": (
            "{prompt} Источники расходятся: какой вариант передаёт, что говорит каждый?"
        ),
        "differ_stated": (
            "Источники расходятся в том, что касается {part}: {statement} "
            "Какой вариант передаёт, что говорит каждый источник?"
        ),
        "according": "«{title}»: {value}",
        "all_sources": "Все источники: {value}",
        "differ_topic": (
            "Источники расходятся в оценке одного из событий темы «{topic}». "
            "Какой вариант передаёт, что говорит каждый источник?"
        ),
        "part_date": "даты",
        "part_number": "числа",
        "part_entity": "участника или места",
        "part_interpretation": "толкования события",
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
