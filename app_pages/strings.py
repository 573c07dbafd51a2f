"""Interface text in every language the app speaks (deck content brings its own languages).

Pages never hold literal interface text: they ask `text(key, lang)`, so a missing translation is
one dictionary entry, and the tests check that every key exists in every language.
"""

from __future__ import annotations

from datetime import timedelta

LANGUAGES = ("en", "ru")
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}

TEXTS: dict[str, dict[str, str]] = {
    # Navigation
    "nav.today": {"en": "Today", "ru": "Сегодня"},
    "nav.study": {"en": "Study", "ru": "Учить"},
    "nav.practice": {"en": "Practice", "ru": "Практика"},
    "nav.browse": {"en": "Browse", "ru": "Обзор"},
    "nav.stats": {"en": "Stats", "ru": "Статистика"},
    "nav.settings": {"en": "Settings", "ru": "Настройки"},
    "nav.decks": {"en": "Decks", "ru": "Колоды"},
    # Learner profiles
    "profile.learner": {"en": "Learner", "ru": "Ученик"},
    "profile.new": {"en": "➕ New learner…", "ru": "➕ Новый ученик…"},
    "profile.name": {"en": "Your name", "ru": "Ваше имя"},
    "profile.create": {"en": "Create learner", "ru": "Создать ученика"},
    "error.busy": {
        "en": "The database is busy, so nothing was saved just now. Try again in a moment;"
        " what was saved before is kept.",
        "ru": "База данных занята, поэтому сейчас ничего не сохранено. Попробуйте ещё раз"
        " чуть позже; всё, что было сохранено раньше, на месте.",
    },
    "profile.who": {
        "en": "Who is studying? Pick your name in the sidebar or create a new learner.",
        "ru": "Кто занимается? Выберите своё имя слева или создайте нового ученика.",
    },
    "profile.created": {"en": "Welcome, {name}!", "ru": "Добро пожаловать, {name}!"},
    "profile.current": {"en": "Studying as **{name}**.", "ru": "Вы занимаетесь как **{name}**."},
    # Shared
    "deck": {"en": "Deck", "ru": "Колода"},
    "topic": {"en": "Topic", "ru": "Тема"},
    "topics": {"en": "Topics", "ru": "Темы"},
    "all_topics": {"en": "All topics", "ru": "Все темы"},
    "no_decks": {
        "en": "No deck could be loaded: see the Decks page.",
        "ru": "Не удалось загрузить ни одной колоды: см. страницу «Колоды».",
    },
    "sources": {"en": "Sources", "ru": "Источники"},
    # Decks
    "catalogue.unavailable": {
        "en": "The deck in the folder “{folder}” cannot be used. Ask your teacher: a teacher"
        " signed in on a teacher page sees what is wrong with it here.",
        "ru": "Колодой из папки «{folder}» пока нельзя пользоваться. Обратитесь к учителю:"
        " после входа на учительскую страницу он увидит здесь, что с ней не так.",
    },
    "catalogue.problems": {
        "en": "The deck in the folder “{folder}” could not be loaded (problems: {n}):",
        "ru": "Колоду из папки «{folder}» не удалось загрузить (ошибок: {n}):",
    },
    "disputed": {"en": "The sources disagree", "ru": "Источники расходятся"},
    "answer": {"en": "Answer", "ru": "Ответ"},
    "state.0": {"en": "new", "ru": "новая"},
    "state.1": {"en": "learning", "ru": "изучается"},
    "state.2": {"en": "review", "ru": "повторение"},
    "state.3": {"en": "relearning", "ru": "переучивается"},
    "due_on": {"en": "due {date}", "ru": "повторить {date}"},
    "suspended": {"en": "suspended", "ru": "приостановлена"},
    "suspend": {"en": "Suspend", "ru": "Приостановить"},
    "unsuspend": {"en": "Unsuspend", "ru": "Вернуть в учёбу"},
    # Today
    "today.title": {"en": "Today", "ru": "Сегодня"},
    "today.done": {
        "en": "Today so far: {new} of {new_limit} new cards and {reviews} of {review_limit}"
        " reviews.",
        "ru": "Сегодня: {new} из {new_limit} новых карточек и {reviews} из {review_limit}"
        " повторений.",
    },
    "today.new": {"en": "New", "ru": "Новые"},
    "today.learning": {"en": "Learning", "ru": "Изучаемые"},
    "today.due": {"en": "Due", "ru": "К повторению"},
    "today.cards": {"en": "Cards", "ru": "Карточек"},
    "today.left": {
        "en": "Left for today: {new} new · {learning} learning · {review} to review",
        "ru": "Осталось на сегодня: новых {new} · изучаемых {learning} · повторений {review}",
    },
    "today.study_deck": {"en": "Study this deck", "ru": "Учить эту колоду"},
    "today.study_topic": {"en": "Study", "ru": "Учить"},
    # Study
    "study.title": {"en": "Study", "ru": "Учить"},
    "study.scope": {"en": "What to study", "ru": "Что учить"},
    "study.counts": {
        "en": "New {new} · Learning {learning} · Review {review}",
        "ru": "Новые {new} · Изучаемые {learning} · Повторение {review}",
    },
    "study.show": {"en": "Show answer", "ru": "Показать ответ"},
    "study.rating.1": {"en": "Again", "ru": "Снова"},
    "study.rating.2": {"en": "Hard", "ru": "Трудно"},
    "study.rating.3": {"en": "Good", "ru": "Хорошо"},
    "study.rating.4": {"en": "Easy", "ru": "Легко"},
    "study.undo": {"en": "Undo last review", "ru": "Отменить последний ответ"},
    "study.undone": {"en": "Undone: {prompt}", "ru": "Отменено: {prompt}"},
    "study.bury": {"en": "Bury until tomorrow", "ru": "Отложить до завтра"},
    "study.done": {
        "en": "Nothing more to study now. Come back later!",
        "ru": "На сейчас всё. Возвращайтесь позже!",
    },
    "study.next_learning": {
        "en": "The next learning card is due at {time}.",
        "ru": "Следующая изучаемая карточка — в {time}.",
    },
    "study.keys": {
        "en": "Keys: Space shows the answer; 1 Again, 2 Hard, 3 Good, 4 Easy.",
        "ru": "Клавиши: пробел — показать ответ; 1 Снова, 2 Трудно, 3 Хорошо, 4 Легко.",
    },
    "study.missing": {
        "en": "A card is no longer in the deck; it has been set aside.",
        "ru": "Карточки больше нет в колоде; она отложена.",
    },
    # Practice
    "practice.title": {"en": "Practice", "ru": "Практика"},
    "practice.kinds": {"en": "Kinds of question", "ru": "Типы вопросов"},
    "practice.length": {"en": "Number of questions", "ru": "Число вопросов"},
    "practice.start": {"en": "Start practice", "ru": "Начать"},
    "practice.none": {
        "en": "No questions match: choose other topics or kinds.",
        "ru": "Нет подходящих вопросов: выберите другие темы или типы.",
    },
    "practice.progress": {"en": "Question {n} of {total}", "ru": "Вопрос {n} из {total}"},
    "practice.check": {"en": "Check", "ru": "Проверить"},
    "practice.next": {"en": "Next question", "ru": "Следующий вопрос"},
    "practice.finish": {"en": "See the result", "ru": "Посмотреть итог"},
    "practice.correct": {"en": "Correct!", "ru": "Верно!"},
    "practice.wrong": {"en": "Not quite.", "ru": "Не совсем."},
    "practice.expected": {"en": "The answer: {answer}", "ru": "Ответ: {answer}"},
    "practice.your_answer": {"en": "Your answer", "ru": "Ваш ответ"},
    "practice.order_hint": {
        "en": "Pick every item, in order",
        "ru": "Выберите все пункты по порядку",
    },
    "practice.choose": {"en": "Choose one", "ru": "Выберите ответ"},
    "practice.score": {
        "en": "You got {right} of {total} right.",
        "ru": "Верных ответов: {right} из {total}.",
    },
    "practice.again": {"en": "Practise again", "ru": "Ещё раз"},
    "practice.recorded": {
        "en": "Counted as a review of {count} flashcard(s).",
        "ru": "Засчитано как повторение карточек: {count}.",
    },
    "practice.busy": {
        "en": "The database was busy: this answer may not count as a review of its"
        " flashcards. Your earlier progress is kept.",
        "ru": "База данных была занята: этот ответ мог не засчитаться как повторение"
        " карточек. Прежний прогресс сохранён.",
    },
    "practice.true": {"en": "True", "ru": "Верно"},
    "practice.false": {"en": "False", "ru": "Неверно"},
    "kind.multiple_choice": {"en": "Multiple choice", "ru": "Выбор ответа"},
    "kind.true_false": {"en": "True or false", "ru": "Верно или неверно"},
    "kind.typed": {"en": "Typed answer", "ru": "Ввод ответа"},
    "kind.cloze": {"en": "Fill the gap", "ru": "Пропуск в тексте"},
    "kind.ordering": {"en": "Ordering", "ru": "Порядок событий"},
    "kind.matching": {"en": "Matching", "ru": "Сопоставление"},
    "kind.sources_differ": {"en": "Where sources differ", "ru": "Расхождения источников"},
    "kind.flashcard": {"en": "Flashcard", "ru": "Карточка"},
    # Browse
    "browse.title": {"en": "Browse", "ru": "Обзор"},
    "browse.search": {"en": "Search", "ru": "Поиск"},
    "browse.view": {"en": "Show", "ru": "Показать"},
    "browse.facts": {"en": "Facts", "ru": "Факты"},
    "browse.questions": {"en": "Questions", "ru": "Вопросы"},
    "browse.source": {"en": "Source", "ru": "Источник"},
    "browse.any_source": {"en": "Any source", "ru": "Любой источник"},
    "browse.contested": {
        "en": "Only where the sources disagree",
        "ru": "Только где источники расходятся",
    },
    "browse.found": {"en": "{count} found", "ru": "Найдено: {count}"},
    "browse.page": {"en": "Page", "ru": "Страница"},
    "browse.date": {"en": "Date", "ru": "Дата"},
    "browse.options": {"en": "Options", "ru": "Варианты"},
    "browse.explanation": {"en": "Explanation", "ru": "Пояснение"},
    # Stats
    "stats.title": {"en": "Stats", "ru": "Статистика"},
    "stats.today": {"en": "Reviews today", "ru": "Ответов сегодня"},
    "stats.month": {"en": "Reviews, 30 days", "ru": "Ответов за 30 дней"},
    "stats.retention": {"en": "True retention, 30 days", "ru": "Удержание за 30 дней"},
    "stats.studied": {"en": "Cards studied", "ru": "Изучено карточек"},
    "stats.per_day": {"en": "Reviews per day", "ru": "Ответов в день"},
    "stats.forecast": {"en": "Due in the next 30 days", "ru": "К повторению за 30 дней"},
    "stats.mastery": {"en": "Mastery by topic", "ru": "Освоение по темам"},
    "stats.mastery_help": {
        "en": "fsrs's probability that you recall a card now, averaged over the topic's cards"
        " (a card never studied counts as 0).",
        "ru": "Вероятность вспомнить карточку сейчас по модели FSRS, в среднем по карточкам"
        " темы (неизученная карточка считается за 0).",
    },
    "stats.calendar": {"en": "The last 12 months", "ru": "Последние 12 месяцев"},
    "stats.none": {"en": "No reviews yet.", "ru": "Ответов пока нет."},
    "stats.day": {"en": "Day", "ru": "День"},
    "stats.reviews": {"en": "Reviews", "ru": "Ответы"},
    "stats.again": {"en": "Again", "ru": "Снова"},
    "stats.cards": {"en": "Cards", "ru": "Карточки"},
    "stats.recall": {"en": "Recall now", "ru": "Вспомните сейчас"},
    "stats.forecast_summary": {
        "en": "Due today: {today} · next 7 days: {week} · next 30 days: {month}",
        "ru": "Сегодня: {today} · за 7 дней: {week} · за 30 дней: {month}",
    },
    "stats.week": {"en": "Week", "ru": "Неделя"},
    "stats.weekdays": {"en": "Mon Tue Wed Thu Fri Sat Sun", "ru": "Пн Вт Ср Чт Пт Сб Вс"},
    "stats.weekday": {"en": "Weekday", "ru": "День недели"},
    # Settings
    "settings.title": {"en": "Settings", "ru": "Настройки"},
    "settings.profile": {"en": "Profile", "ru": "Профиль"},
    "settings.languages": {"en": "Languages", "ru": "Языки"},
    "settings.interface": {"en": "Interface language", "ru": "Язык интерфейса"},
    "settings.content": {"en": "Study the content in", "ru": "Материал на языках"},
    "settings.schedule": {"en": "Schedule", "ru": "Расписание"},
    "settings.retention": {"en": "Desired retention", "ru": "Желаемое удержание"},
    "settings.learning_steps": {
        "en": "Learning steps (like 1m 10m)",
        "ru": "Шаги изучения (например, 1m 10m)",
    },
    "settings.relearning_steps": {
        "en": "Relearning steps (like 10m)",
        "ru": "Шаги переучивания (например, 10m)",
    },
    "settings.new_per_day": {"en": "New cards per day", "ru": "Новых карточек в день"},
    "settings.reviews_per_day": {"en": "Reviews per day", "ru": "Повторений в день"},
    "settings.day_starts_at": {
        "en": "A new day starts at (hour)",
        "ru": "Новый день начинается в (час)",
    },
    "settings.timezone": {"en": "Time zone", "ru": "Часовой пояс"},
    "settings.save": {"en": "Save settings", "ru": "Сохранить настройки"},
    "settings.saved": {"en": "Settings saved.", "ru": "Настройки сохранены."},
    "settings.storage": {
        "en": "Your progress is stored in `{where}`.",
        "ru": "Ваш прогресс хранится в `{where}`.",
    },
    # Export
    "nav.export": {"en": "Export", "ru": "Экспорт"},
    "export.title": {"en": "Export", "ru": "Экспорт"},
    "export.intro": {
        "en": "Take the deck to Anki or a spreadsheet. Importing a newer Anki export updates"
        " the notes you already have instead of adding copies.",
        "ru": "Перенесите колоду в Anki или в таблицу. Импорт более нового файла Anki обновит"
        " уже имеющиеся заметки, а не добавит копии.",
    },
    "export.format": {"en": "Format", "ru": "Формат"},
    "export.anki": {"en": "Anki package (.apkg)", "ru": "Пакет Anki (.apkg)"},
    "export.csv": {"en": "Spreadsheet (.csv)", "ru": "Таблица (.csv)"},
    "export.language": {"en": "Language", "ru": "Язык"},
    "export.both": {"en": "All languages", "ru": "Все языки"},
    "export.kinds": {"en": "Question kinds", "ru": "Виды вопросов"},
    "export.all_kinds": {"en": "All kinds", "ru": "Все виды"},
    "export.count": {"en": "{n} questions chosen.", "ru": "Выбрано вопросов: {n}."},
    "export.held_back": {
        "en": "{n} questions are held back because the quality gate flags them.",
        "ru": "Вопросов не включено, так как их отклонила проверка качества: {n}.",
    },
    "export.nothing": {
        "en": "No question matches these choices.",
        "ru": "Ни один вопрос не подходит под этот выбор.",
    },
    "export.prepare": {"en": "Prepare the file", "ru": "Подготовить файл"},
    "export.preparing": {"en": "Writing {n} questions…", "ru": "Записываем вопросы: {n}…"},
    "export.anki_ready": {
        "en": "{notes} notes, {cards} cards in {decks} subdecks.",
        "ru": "Заметок: {notes}, карточек: {cards}, подколод: {decks}.",
    },
    "export.csv_ready": {"en": "{n} rows.", "ru": "Строк: {n}."},
    "export.subdeck": {"en": "Subdeck", "ru": "Подколода"},
    "export.notes": {"en": "Notes", "ru": "Заметки"},
    "export.download": {"en": "Download {name}", "ru": "Скачать {name}"},
    # Closed-book quizzes
    "closed_book.note": {
        "en": "A class quiz on this deck is running: the material it asks about is held back"
        " until the quiz closes.",
        "ru": "По этой колоде идёт тест в классе: материал, о котором он спрашивает, скрыт"
        " до закрытия теста.",
    },
    "closed_book.teacher": {
        "en": "You are signed in as the teacher, so you also see the material a running"
        " closed-book quiz holds back from learners.",
        "ru": "Вы вошли как учитель, поэтому видите и материал, который идущий тест"
        " скрывает от учеников.",
    },
    # Intervals on the rating buttons, as Anki shows them
    "unit.m": {"en": "{n}m", "ru": "{n} мин"},
    "unit.h": {"en": "{n}h", "ru": "{n} ч"},
    "unit.d": {"en": "{n}d", "ru": "{n} дн"},
    "unit.mo": {"en": "{n}mo", "ru": "{n} мес"},
    "unit.y": {"en": "{n}y", "ru": "{n} г"},
}


def text(key: str, lang: str, **values: object) -> str:
    """The interface text for `key` in `lang` (English when the language is not offered)."""
    entry = TEXTS[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template


def interval(span: timedelta, lang: str) -> str:
    """A span as short as Anki writes it on its buttons: 1m, 6m, 10m, 4d, 1.5mo, 2y."""
    minutes = span.total_seconds() / 60
    if minutes < 59.5:
        return text("unit.m", lang, n=max(1, round(minutes)))
    hours = minutes / 60
    if hours < 23.5:
        return text("unit.h", lang, n=round(hours))
    days = hours / 24
    if days < 30:
        return text("unit.d", lang, n=round(days))
    if days < 365:
        return text("unit.mo", lang, n=_one_decimal(days / 30, lang))
    return text("unit.y", lang, n=_one_decimal(days / 365, lang))


def _one_decimal(value: float, lang: str) -> str:
    shown = f"{value:.1f}".removesuffix(".0")
    return shown.replace(".", ",") if lang == "ru" else shown
