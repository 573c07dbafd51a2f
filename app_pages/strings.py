"""Interface text in every language the app speaks (deck content brings its own languages).

One table for every page, study and classroom alike: pages never hold literal interface text
but ask `tr(key)` (app_pages/common.py, the session's language) or `text(key, lang)`, so a
missing translation is one dictionary entry, and the tests check that every key exists in every
language with the same placeholders, that every key a page asks for exists, and that none is
left unused. Keys are namespaced by the page or idea they belong to (`quiz.…`, `teacher.…`,
`results.…`, `error.…` for refusals carrying a message key, `problem.…` for located problems,
`kind.…` for the one name of each question kind).
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
    "nav.quiz": {"en": "Take a quiz", "ru": "Пройти тест"},
    "nav.teacher_quizzes": {"en": "Quizzes", "ru": "Тесты"},
    "nav.teacher_results": {"en": "Results", "ru": "Результаты"},
    "nav.teacher_projector": {"en": "Join code on screen", "ru": "Код на экран"},
    "nav.teacher_sign_in": {"en": "Teacher sign-in", "ru": "Вход для учителя"},
    "nav.teacher_accounts": {"en": "Accounts", "ru": "Учётные записи"},
    "nav.teacher_review": {"en": "Review questions", "ru": "Проверка вопросов"},
    "nav.home": {"en": "Home", "ru": "Главная"},
    "nav.learn": {"en": "Learn", "ru": "Учёба"},
    "nav.teach": {"en": "Teach", "ru": "Преподавание"},
    "nav.tools": {"en": "Tools", "ru": "Инструменты"},
    # Home and the first visit
    "home.intro": {
        "en": "Factdeck turns a curated deck of sourced facts into flashcards, practice"
        " questions and class quizzes, every answer backed by a quotation. Cards come back on"
        " the day you are about to forget them, as in Anki.",
        "ru": "Factdeck превращает выверенную колоду фактов с источниками в карточки,"
        " упражнения и тесты для класса, и каждый ответ подкреплён цитатой. Карточки"
        " возвращаются в тот день, когда вы вот-вот их забудете, как в Anki.",
    },
    "home.first_time": {
        "en": "New here? Start in one step",
        "ru": "Впервые здесь? Начните за один шаг",
    },
    "home.card_languages": {"en": "Cards in", "ru": "Карточки на языках"},
    "home.timezone": {
        "en": "Your days follow the time zone {zone} (change it in Settings).",
        "ru": "Ваши дни считаются по часовому поясу {zone} (его можно сменить в настройках).",
    },
    "home.start": {"en": "Start studying", "ru": "Начать занятия"},
    "home.welcome_back": {"en": "Welcome back, {name}", "ru": "С возвращением, {name}"},
    "home.other_learner": {
        "en": "Someone else? Pick or create a learner in the sidebar.",
        "ru": "Занимается кто-то другой? Выберите или создайте ученика слева.",
    },
    # The join code on a projector
    "projector.title": {"en": "Join code", "ru": "Код теста"},
    "projector.none": {
        "en": "No quiz yet: set one on the Quizzes page.",
        "ru": "Тестов пока нет: создайте тест на странице «Тесты».",
    },
    "projector.code": {"en": "Join code", "ru": "Код для входа"},
    "projector.link": {
        "en": "Or open this link (the code is filled in):",
        "ru": "Или откройте ссылку (код уже подставлен):",
    },
    "projector.scan": {"en": "Scan to join", "ru": "Наведите камеру, чтобы войти"},
    # Learner profiles
    "profile.learner": {"en": "Learner", "ru": "Ученик"},
    "profile.new": {"en": "➕ New learner…", "ru": "➕ Новый ученик…"},
    "profile.name": {"en": "Your name", "ru": "Ваше имя"},
    "profile.create": {"en": "Create learner", "ru": "Создать ученика"},
    "profile.who": {
        "en": "Who is studying? Pick your name in the sidebar or create a new learner.",
        "ru": "Кто занимается? Выберите своё имя слева или создайте нового ученика.",
    },
    "profile.first": {
        "en": "Who is studying? No learner yet: type your name below to start, or begin on the"
        " Home page, where you also choose your card languages.",
        "ru": "Кто занимается? Учеников пока нет: введите своё имя ниже, чтобы начать, или"
        " начните с главной страницы — там же выбираются языки карточек.",
    },
    "profile.to_home": {"en": "Begin on the Home page", "ru": "Начать с главной страницы"},
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
    # Decks
    "catalogue.title": {"en": "Decks", "ru": "Колоды"},
    "catalogue.none": {
        "en": "No decks found. Add a folder holding a deck.yaml to the folders named in"
        " FACTDECK_DECKS (the deck format: docs/deck-format.md).",
        "ru": "Колод не найдено. Добавьте папку с файлом deck.yaml в одну из папок,"
        " перечисленных в FACTDECK_DECKS (формат колоды — в docs/deck-format.md).",
    },
    "catalogue.facts": {"en": "Facts", "ru": "Факты"},
    "catalogue.entities": {"en": "Entities", "ru": "Сущности"},
    "catalogue.sources": {"en": "Sources", "ru": "Источники"},
    "catalogue.contested": {"en": "Contested", "ru": "Спорные"},
    "catalogue.languages": {"en": "Languages", "ru": "Языки"},
    "catalogue.no_author": {"en": "Author not named", "ru": "Автор не указан"},
    "catalogue.source": {
        "en": "{byline} · {kind} · language: {language}",
        "ru": "{byline} · {kind} · язык: {language}",
    },
    "catalogue.reliability": {"en": "Reliability:", "ru": "Надёжность:"},
    "source_kind.history-narrative": {"en": "history narrative", "ru": "историческое изложение"},
    "source_kind.journal-article": {"en": "journal article", "ru": "журнальная статья"},
    "source_kind.research-paper": {"en": "research paper", "ru": "научная работа"},
    "source_kind.encyclopedia-entry": {"en": "encyclopedia entry", "ru": "статья энциклопедии"},
    "source_kind.primary-document": {"en": "primary document", "ru": "первичный документ"},
    "source_kind.textbook": {"en": "textbook", "ru": "учебник"},
    "source_kind.other": {"en": "other", "ru": "другое"},
    "problem.catalogue.duplicate": {
        "en": "deck id '{id}' is already the id of the deck in {kept}, which comes first in the"
        " search order, so this deck is left out — rename the id in this deck.yaml, and its"
        " folder to match",
        "ru": "идентификатор колоды «{id}» уже занят колодой из {kept}, которая стоит раньше в"
        " порядке поиска, поэтому эта колода не используется — переименуйте id в этом"
        " deck.yaml и её папку так, чтобы они совпадали",
    },
    "problem.catalogue.load_failed": {
        "en": "the deck could not be loaded ({error}) — run `factdeck validate` on it to see where",
        "ru": "колоду не удалось загрузить ({error}) — запустите для неё `factdeck validate`,"
        " чтобы увидеть, где ошибка",
    },
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
    "sources.fold": {"en": "Sources: {count}", "ru": "Источники: {count}"},
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
    "study.sitting_cards": {"en": "Cards this sitting", "ru": "Карточек за занятие"},
    "study.sitting_remembered": {"en": "Remembered", "ru": "Вспомнили"},
    "study.sitting_minutes": {"en": "Minutes", "ru": "Минут"},
    "study.today_figures": {
        "en": "Today in all: new cards {new}, reviews {reviews}.",
        "ru": "Всего за сегодня: новых карточек — {new}, повторений — {reviews}.",
    },
    "study.more": {
        "en": "Study more (new cards: {count})",
        "ru": "Учить ещё (новых карточек: {count})",
    },
    "study.more_help": {
        "en": "Today's limit of new cards is reached. This adds new cards past it for today"
        " only; tomorrow starts from your usual limit.",
        "ru": "Дневной лимит новых карточек исчерпан. Кнопка добавит новые карточки сверх него"
        " только на сегодня; завтра всё начнётся с обычного лимита.",
    },
    "study.missing": {
        "en": "A card is no longer in the deck; it has been set aside.",
        "ru": "Карточки больше нет в колоде; она отложена.",
    },
    # Practice
    "practice.title": {"en": "Practice", "ru": "Практика"},
    "practice.length": {"en": "Number of questions", "ru": "Число вопросов"},
    "practice.start": {"en": "Start practice", "ru": "Начать"},
    "practice.none": {
        "en": "No questions match: choose other topics or kinds.",
        "ru": "Нет подходящих вопросов: выберите другие темы или виды.",
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
        "en": "Move the items with the arrows, then check.",
        "ru": "Переставьте пункты стрелками и нажмите «Проверить».",
    },
    "practice.move_up": {"en": "Move up", "ru": "Выше"},
    "practice.move_down": {"en": "Move down", "ru": "Ниже"},
    "practice.belongs_here": {"en": "Belongs here: {answer}", "ru": "Здесь должно быть: {answer}"},
    "practice.incomplete": {
        "en": "Answer first: type an answer or choose an option for every line.",
        "ru": "Сначала ответьте: впишите ответ или выберите вариант в каждой строке.",
    },
    "practice.you_typed": {"en": "You typed: {answer}", "ru": "Вы ввели: {answer}"},
    "practice.kept_new": {
        "en": "{count} flashcard(s) stay new: today's new cards are used up, so practice does"
        " not add them to your study.",
        "ru": "Карточек осталось новыми: {count}. Лимит новых карточек на сегодня исчерпан,"
        " поэтому практика не добавляет их в изучение.",
    },
    "practice.missed": {"en": "To go over again", "ru": "Стоит повторить"},
    "practice.missed_again": {"en": "Practise these again", "ru": "Повторить эти вопросы"},
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
    # Question kinds: one name for them all and one for each, wherever a kind is shown
    "kinds": {"en": "Question kinds", "ru": "Виды вопросов"},
    "kind.multiple_choice": {"en": "Multiple choice", "ru": "Выбор ответа"},
    "kind.true_false": {"en": "True or false", "ru": "Верно или неверно"},
    "kind.typed": {"en": "Typed answer", "ru": "Ввод ответа"},
    "kind.cloze": {"en": "Fill in the blank", "ru": "Заполните пропуск"},
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
        "en": "The probability you recall a card now, as the scheduler (FSRS) estimates it,"
        " averaged over the topic's cards (a card never studied counts as 0).",
        "ru": "Вероятность, что вы вспомните карточку сейчас, по оценке планировщика (FSRS),"
        " в среднем по карточкам темы (неизученная карточка считается за 0).",
    },
    "stats.calendar": {"en": "The last 12 months", "ru": "Последние 12 месяцев"},
    "stats.none": {"en": "No reviews yet.", "ru": "Ответов пока нет."},
    "stats.day": {"en": "Day", "ru": "День"},
    "stats.reviews": {"en": "Reviews", "ru": "Ответы"},
    "stats.cards": {"en": "Cards", "ru": "Карточки"},
    "stats.recall": {"en": "Chance you recall it now", "ru": "Вероятность вспомнить сейчас"},
    "stats.forecast_summary": {
        "en": "Due today: {today} · next 7 days: {week} · next 30 days: {month}",
        "ru": "Сегодня: {today} · за 7 дней: {week} · за 30 дней: {month}",
    },
    "stats.months": {
        "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        "ru": "янв фев мар апр мая июн июл авг сен окт ноя дек",
    },
    "stats.weekdays": {"en": "Mon Tue Wed Thu Fri Sat Sun", "ru": "Пн Вт Ср Чт Пт Сб Вс"},
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
    # Personal scheduler parameters (on Settings)
    "optimise.title": {"en": "Your own scheduler", "ru": "Планировщик под вас"},
    "optimise.default": {
        "en": "Your cards are scheduled with FSRS's standard parameters, fitted to many learners.",
        "ru": "Карточки планируются по стандартным параметрам FSRS, подобранным на многих"
        " учениках.",
    },
    "optimise.personal": {
        "en": "Your cards are scheduled with parameters fitted to your own reviews.",
        "ru": "Карточки планируются по параметрам, подобранным по вашим собственным ответам.",
    },
    "optimise.intro": {
        "en": "With at least {needed} reviews, FSRS can be fitted to how you remember. The new"
        " parameters are kept only if they predict your latest reviews better than the current"
        " ones (lower log loss).",
        "ru": "Когда ответов наберётся не меньше {needed}, FSRS можно подстроить под вашу память."
        " Новые параметры сохраняются, только если они лучше нынешних предсказывают ваши"
        " последние ответы (логарифмическая функция потерь ниже).",
    },
    "optimise.wait": {
        "en": "You have {count} reviews; optimising needs {needed}.",
        "ru": "Ответов у вас: {count}; для подстройки нужно {needed}.",
    },
    "optimise.start": {"en": "Optimise my scheduler", "ru": "Подстроить планировщик"},
    "optimise.working": {
        "en": "Fitting FSRS to your {count} reviews…",
        "ru": "Подбираем параметры FSRS по вашим ответам ({count})…",
    },
    "optimise.adopted": {
        "en": "Adopted: on your latest reviews, which the fit did not see, the log loss falls"
        " from {current} to {fitted}.",
        "ru": "Новые параметры приняты: на ваших последних ответах, которых подбор не видел,"
        " функция потерь снизилась с {current} до {fitted}.",
    },
    "optimise.kept": {
        "en": "Kept your current parameters: on your latest reviews the fitted ones score"
        " {fitted}, no better than the current {current}.",
        "ru": "Оставлены нынешние параметры: на ваших последних ответах подобранные дают"
        " {fitted} — не лучше нынешних {current}.",
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
    "export.progress": {
        "en": "Include my progress ({name})",
        "ru": "Включить мой прогресс ({name})",
    },
    "export.progress_help": {
        "en": "Every card you have studied goes to Anki with its schedule, memory state and"
        " review history; the cards you have not studied arrive new.",
        "ru": "Каждая изученная карточка попадёт в Anki со своим расписанием, состоянием памяти"
        " и историей повторений; карточки, которые вы ещё не учили, придут новыми.",
    },
    "export.progress_ready": {
        "en": "Your progress goes with it: {cards} studied cards, {reviews} reviews.",
        "ru": "Ваш прогресс тоже в файле: изученных карточек — {cards}, повторений — {reviews}.",
    },
    "export.import_guide": {"en": "Importing into Anki", "ru": "Как импортировать в Anki"},
    "export.import_steps": {
        "en": "1. In Anki, choose *File → Import* and pick the file.\n"
        "2. To keep your progress, tick *Import any learning progress* (it is off by default):"
        " without it every card arrives new. Tick *Import any deck presets* as well to bring"
        " your desired retention and FSRS parameters (the preset *Factdeck: your name*), and turn"
        " FSRS on in the deck options; a collection that stays on SM-2 goes on from the ease"
        " and interval each card carries.\n"
        "3. Anki applies imported progress only to cards it adds. Notes from this deck that are"
        " already in your collection keep Anki's own progress, and yours is not applied to"
        " them. To bring it in all the same, either\n"
        "    - import into a new Anki profile (*File → Switch Profile → Add*): everything"
        " arrives, but the profile is a collection of its own, apart from your other decks,"
        " and syncing it takes a second AnkiWeb account; or\n"
        "    - delete those notes first (in *Browse*, search `tag:deck::{deck}`), then import:"
        " your progress replaces theirs, but the reviews you made of them in Anki are lost.",
        "ru": "1. В Anki выберите *File → Import* (Файл → Импорт) и укажите файл.\n"
        "2. Чтобы сохранить прогресс, отметьте *Import any learning progress* (по умолчанию"
        " флажок снят): без него все карточки придут новыми. Отметьте и *Import any deck"
        " presets* — так придут ваши целевая доля запоминания и параметры FSRS (набор настроек"
        " *Factdeck: ваше имя*), — и включите FSRS в настройках колоды; коллекция, оставшаяся"
        " на SM-2, продолжит с лёгкости и интервала, записанных в каждой карточке.\n"
        "3. Anki переносит прогресс только на карточки, которые добавляет. Заметки этой колоды,"
        " которые уже есть в вашей коллекции, сохранят прогресс из Anki, и ваш к ним не"
        " применится. Чтобы всё же перенести его, можно\n"
        "    - импортировать в новый профиль Anki (*File → Switch Profile → Add*): придёт всё,"
        " но профиль — отдельная коллекция, без остальных ваших колод, и для синхронизации ему"
        " нужна вторая учётная запись AnkiWeb; или\n"
        "    - сначала удалить эти заметки (в *Browse* найдите `tag:deck::{deck}`), а затем"
        " импортировать: ваш прогресс заменит их собственный, но повторения, сделанные в Anki,"
        " пропадут.",
    },
    "import.title": {"en": "Import from Anki", "ru": "Импорт из Anki"},
    "import.intro": {
        "en": "Studied a Factdeck deck in Anki? In Anki choose File > Export, *Anki Collection"
        " Package* or *Anki Deck Package* with scheduling information, and bring the file here:"
        " its reviews join your review log (once, however often you import it) and your cards"
        " are rescheduled from the whole history.",
        "ru": "Занимались колодой Factdeck в Anki? В Anki выберите «Файл > Экспорт», пакет"
        " коллекции или колоды вместе с данными планирования, и загрузите файл сюда: ответы"
        " из Anki добавятся в ваш журнал (один раз, сколько бы вы ни импортировали файл),"
        " а карточки будут запланированы заново по всей истории.",
    },
    "import.no_learner": {
        "en": "Progress belongs to a learner: create one on the Study page first.",
        "ru": "Прогресс принадлежит ученику: сначала создайте его на странице «Занятия».",
    },
    "import.file": {"en": "Anki package (.apkg, .colpkg)", "ru": "Пакет Anki (.apkg, .colpkg)"},
    "import.learner": {"en": "Whose progress", "ru": "Чей прогресс"},
    "import.start": {"en": "Import the reviews", "ru": "Импортировать ответы"},
    "import.working": {"en": "Reading the review log…", "ru": "Читаем журнал ответов…"},
    "import.done": {
        "en": "{added} reviews added to {name}'s log ({known} were there already);"
        " {cards} cards rescheduled.",
        "ru": "В журнал ученика {name} добавлено ответов: {added} (уже были в нём: {known});"
        " карточек запланировано заново: {cards}.",
    },
    "import.notes": {
        "en": "Factdeck notes in the file: {n}.",
        "ru": "Заметок Factdeck в файле: {n}.",
    },
    "import.other_notes": {
        "en": "Notes from other decks, left alone: {n}.",
        "ru": "Заметок из других колод (пропущены): {n}.",
    },
    "import.unscheduled": {
        "en": "Answers to notes other than flashcards, which Factdeck does not schedule: {n}.",
        "ru": "Ответов на заметки, которые не являются карточками и не планируются Factdeck: {n}.",
    },
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
    # Shared by the quiz and teacher pages
    "none": {"en": "none", "ru": "нет"},
    "minutes": {"en": "{n} min", "ru": "{n} мин"},
    "seconds": {"en": "{n} s", "ru": "{n} с"},
    # Refusals that carry a message key (classroom.errors.MESSAGE_KEYS)
    "error.busy": {
        "en": "The database is busy, so nothing was saved just now. Try again in a moment;"
        " what was saved before is kept.",
        "ru": "База данных занята, поэтому сейчас ничего не сохранено. Попробуйте ещё раз"
        " чуть позже; всё, что было сохранено раньше, на месте.",
    },
    # Refusals of accounts.errors.MESSAGE_KEYS
    "error.mode_unknown": {
        "en": "FACTDECK_MODE is {value}: set it to personal or server and restart.",
        "ru": "FACTDECK_MODE равно {value}: укажите personal или server и перезапустите.",
    },
    "error.account_exists": {
        "en": "There is already an account called {name}.",
        "ru": "Учётная запись {name} уже есть.",
    },
    "error.account_unknown": {
        "en": "There is no account {name}.",
        "ru": "Учётной записи {name} нет.",
    },
    "error.password_too_short": {
        "en": "A password needs at least {limit} characters.",
        "ru": "В пароле должно быть не меньше {limit} символов.",
    },
    "error.password_too_long": {
        "en": "A password can be at most {limit} characters long.",
        "ru": "Пароль может быть не длиннее {limit} символов.",
    },
    "error.sign_in_wrong": {
        "en": "Wrong name or password.",
        "ru": "Неверное имя или пароль.",
    },
    "error.current_password_wrong": {
        "en": "The current password is wrong, so nothing was changed.",
        "ru": "Текущий пароль введён неверно, поэтому ничего не изменено.",
    },
    "error.identity_no_email": {
        "en": "The school's sign-in sent no email address, so no account can be found for it.",
        "ru": "Школьный вход не передал адрес почты, поэтому учётную запись найти нельзя.",
    },
    "error.throttled": {
        "en": "Too many wrong passwords. Wait {wait}, then try again.",
        "ru": "Слишком много неверных паролей. Подождите {wait} и попробуйте снова.",
    },
    "error.joins_throttled": {
        "en": "Too many attempts have been started from your network in the last minute."
        " Wait {wait}, then try again.",
        "ru": "С вашего адреса за последнюю минуту начато слишком много попыток. Подождите"
        " {wait} и попробуйте снова.",
    },
    "error.no_question": {
        "en": "There is no question {number} in this attempt: nothing was saved. Reload the page.",
        "ru": "В этой попытке нет вопроса {number}: ничего не сохранено. Обновите страницу.",
    },
    "error.no_join_code": {
        "en": "No quiz has this join code: check it against the one your teacher gave.",
        "ru": "Нет теста с таким кодом: сверьте его с кодом, который дал учитель.",
    },
    "error.no_resume_code": {
        "en": "No attempt has this resume code: check it, or join the quiz with its join code.",
        "ru": "Нет попытки с таким кодом продолжения: проверьте его или войдите в тест по"
        " коду теста.",
    },
    "error.not_open_yet": {
        "en": "This quiz opens at {time}: come back then.",
        "ru": "Тест откроется в {time}: приходите тогда.",
    },
    "error.closed": {
        "en": "This quiz closed at {time}.",
        "ru": "Тест закрылся в {time}.",
    },
    "error.name_empty": {
        "en": "Type your name as your teacher knows it.",
        "ru": "Введите своё имя так, как его знает учитель.",
    },
    "error.name_too_long": {
        "en": "A name can be at most {limit} characters long.",
        "ru": "Имя может быть не длиннее {limit} символов.",
    },
    "error.in_progress": {
        "en": "{name} already has an attempt in progress: continue it with its resume code,"
        " or ask your teacher for a new code.",
        "ru": "У ученика {name} уже есть незавершённая попытка: продолжите её по коду"
        " продолжения или попросите у учителя новый код.",
    },
    "error.attempts_used": {
        "en": "{name} has used every attempt this quiz allows ({n}).",
        "ru": "{name}: все попытки, которые даёт этот тест, использованы ({n}).",
    },
    "error.joined_twice": {
        "en": "{name} joined twice at the same moment: continue with the first resume code.",
        "ru": "{name}: вход выполнен дважды в один момент — продолжите по первому коду"
        " продолжения.",
    },
    "error.handed_in": {
        "en": "This attempt was handed in at {time}; answers can no longer change.",
        "ru": "Эта попытка сдана в {time}; ответы больше нельзя изменить.",
    },
    "error.time_up": {
        "en": "Time is up: answers were accepted until {time}. This one was not saved.",
        "ru": "Время вышло: ответы принимались до {time}. Этот ответ не сохранён.",
    },
    "error.answer_too_long": {
        "en": "An answer can be at most {limit} characters long.",
        "ru": "Ответ может быть не длиннее {limit} символов.",
    },
    "error.wrong_password": {
        "en": "The quiz password is wrong: ask your teacher for it.",
        "ru": "Неверный пароль теста: спросите его у учителя.",
    },
    "error.quiz_locked": {
        "en": "Attempts started: {n}, so the questions and points are fixed (changed: {changed})."
        " Set a new quiz instead.",
        "ru": "Начато попыток: {n}, поэтому вопросы и баллы уже не меняются (изменено:"
        " {changed}). Создайте новый тест.",
    },
    "error.teacher_password_missing": {
        "en": "Set the environment variable FACTDECK_TEACHER_PASSWORD before starting Factdeck"
        ' (e.g. `FACTDECK_TEACHER_PASSWORD=... make run`), or add `teacher_password = "..."`'
        " to .streamlit/secrets.toml, then restart the app.",
        "ru": "Задайте переменную окружения FACTDECK_TEACHER_PASSWORD перед запуском Factdeck"
        " (например, `FACTDECK_TEACHER_PASSWORD=... make run`) или добавьте"
        ' `teacher_password = "..."` в .streamlit/secrets.toml, затем перезапустите'
        " приложение.",
    },
    # Refusals of the progress store (study/errors.py)
    "error.learner_name_empty": {
        "en": "Type a name for the new learner.",
        "ru": "Введите имя нового ученика.",
    },
    "error.learner_name_too_long": {
        "en": "A learner's name can be at most {limit} characters long.",
        "ru": "Имя ученика может быть не длиннее {limit} символов.",
    },
    "error.learner_name_taken": {
        "en": "The name “{name}” is taken: pick it from the list or choose another.",
        "ru": "Имя «{name}» уже занято: выберите его из списка или придумайте другое.",
    },
    "error.anki_not_a_package": {
        "en": "This file is not an Anki package, or it is damaged: export it again from Anki"
        " (File > Export, .apkg or .colpkg).",
        "ru": "Это не пакет Anki, или файл повреждён: экспортируйте его из Anki ещё раз"
        " («Файл > Экспорт», .apkg или .colpkg).",
    },
    "error.anki_too_new": {
        "en": "This package comes from a newer Anki than Factdeck can read: export it again"
        " with *Support older Anki versions* ticked.",
        "ru": "Этот пакет записан более новой версией Anki, чем умеет читать Factdeck:"
        " экспортируйте его ещё раз, отметив «Поддержка старых версий Anki».",
    },
    "error.anki_no_factdeck_notes": {
        "en": "None of the {notes} notes in this package comes from a Factdeck deck, so there"
        " is nothing to import. Nothing was changed.",
        "ru": "Ни одна из заметок в этом пакете (всего {notes}) не взята из колоды Factdeck:"
        " импортировать нечего. Ничего не изменено.",
    },
    "error.no_learner": {
        "en": "There is no learner number {number}: pick one from the list.",
        "ru": "Ученика номер {number} нет: выберите ученика из списка.",
    },
    "error.card_rated_meanwhile": {
        "en": "This card was rated meanwhile (a second click or another tab); this rating is"
        " ignored.",
        "ru": "Эту карточку уже оценили (повторный щелчок или другая вкладка); эта оценка не"
        " учтена.",
    },
    "error.nothing_to_undo": {
        "en": "There is no review to undo.",
        "ru": "Отменять нечего: повторений нет.",
    },
    "error.undone_already": {
        "en": "That review was already undone.",
        "ru": "Это повторение уже отменено.",
    },
    "error.card_not_in_collection": {
        "en": "This card is not in your collection: open its deck to add it.",
        "ru": "Этой карточки нет среди ваших: откройте её колоду, чтобы добавить её.",
    },
    "error.settings_retention": {
        "en": "Desired retention must be between 0.70 and 0.99.",
        "ru": "Желаемое запоминание должно быть от 0,70 до 0,99.",
    },
    "error.settings_maximum_interval": {
        "en": "The maximum interval must be between 1 and 36500 days.",
        "ru": "Наибольший интервал должен быть от 1 до 36500 дней.",
    },
    "error.settings_new_per_day": {
        "en": "New cards per day must be between 0 and 9999.",
        "ru": "Новых карточек в день может быть от 0 до 9999.",
    },
    "error.settings_reviews_per_day": {
        "en": "Reviews per day must be between 0 and 99999.",
        "ru": "Повторений в день может быть от 0 до 99999.",
    },
    "error.settings_day_start": {
        "en": "The day must start at an hour between 0 and 23.",
        "ru": "День должен начинаться в час от 0 до 23.",
    },
    "error.settings_steps_zero": {
        "en": "Learning and relearning steps must be longer than zero.",
        "ru": "Шаги изучения и переучивания должны быть длиннее нуля.",
    },
    "error.settings_time_zone": {
        "en": "Unknown time zone “{zone}”: use an IANA name such as Europe/Moscow.",
        "ru": "Неизвестный часовой пояс «{zone}»: укажите имя IANA, например Europe/Moscow.",
    },
    "error.settings_interface_language": {
        "en": "The interface language must be a two-letter code such as en.",
        "ru": "Язык интерфейса должен быть двухбуквенным кодом, например ru.",
    },
    "error.settings_no_content_language": {
        "en": "Choose at least one language for your cards.",
        "ru": "Выберите хотя бы один язык карточек.",
    },
    "error.settings_content_language": {
        "en": "The card language “{language}” is not a two-letter code.",
        "ru": "Язык карточек «{language}» — не двухбуквенный код.",
    },
    "error.settings_step_unreadable": {
        "en": "Cannot read the step “{step}”: write numbers with s, m, h or d, like 1m 10m.",
        "ru": "Не удалось прочитать шаг «{step}»: пишите числа с s, m, h или d, например 1m 10m.",
    },
    "error.database_url": {
        "en": "Factdeck cannot read the address of its database: write FACTDECK_DATABASE_URL"
        " like sqlite:///path/to/file.sqlite3 or postgresql://user@host/dbname.",
        "ru": "Factdeck не может разобрать адрес своей базы данных: запишите"
        " FACTDECK_DATABASE_URL в виде sqlite:///путь/к/файлу.sqlite3 или"
        " postgresql://пользователь@сервер/база.",
    },
    "error.database_unusable": {
        "en": "Factdeck cannot use the database {database} ({detail}).",
        "ru": "Factdeck не может работать с базой данных {database} ({detail}).",
    },
    "error.database_folder": {
        "en": "Factdeck cannot create the folder for the database {database} ({detail}): set"
        " FACTDECK_DATABASE_URL to a place it may write to.",
        "ru": "Factdeck не может создать папку для базы данных {database} ({detail}): укажите"
        " в FACTDECK_DATABASE_URL место, куда разрешена запись.",
    },
    "error.database_no_migrations": {
        "en": "This Factdeck is missing its database scripts ({folder}): install it again.",
        "ru": "В этой установке Factdeck нет сценариев базы данных ({folder}): установите"
        " его заново.",
    },
    "error.database_newer": {
        "en": "The database {database} was written by a newer Factdeck (schema revision"
        " {revision}): update Factdeck to open it.",
        "ru": "База данных {database} записана более новой версией Factdeck (версия схемы"
        " {revision}): обновите Factdeck, чтобы её открыть.",
    },
    "error.database_unreadable": {
        "en": "Factdeck cannot open the database {database} ({detail}): check the file, or set"
        " FACTDECK_DATABASE_URL to another place.",
        "ru": "Factdeck не может открыть базу данных {database} ({detail}): проверьте файл или"
        " укажите в FACTDECK_DATABASE_URL другое место.",
    },
    "error.settings_parameters": {
        "en": "FSRS takes {count} parameters: the saved ones are not a set of them.",
        "ru": "Число параметров FSRS — {count}: сохранённые параметры не подходят.",
    },
    "error.optimise_too_few": {
        "en": "You have {count} reviews: fitting your own parameters needs at least {needed}.",
        "ru": "Ответов у вас: {count}, а для подбора своих параметров нужно не меньше {needed}.",
    },
    # Refusals of the exporters (exporters/errors.py)
    "error.nothing_to_export": {
        "en": "Nothing to export: no questions match the chosen languages, topics and kinds.",
        "ru": "Выгружать нечего: нет вопросов выбранных языков, тем и видов.",
    },
    "error.gift_arrow": {
        "en": "Question {question}: the accepted answer “{answer}” holds “->”, which GIFT cannot"
        " escape and Moodle would read as a matching pair. Take Moodle XML instead.",
        "ru": "Вопрос {question}: допустимый ответ «{answer}» содержит «->», которое GIFT не"
        " может экранировать, а Moodle прочтёт как пару для сопоставления. Возьмите Moodle XML.",
    },
    "error.no_chromium": {
        "en": "Making a PDF needs Chromium on the server, and none was found: open the HTML"
        " sheet and print it instead.",
        "ru": "Для PDF на сервере нужен Chromium, а он не найден: откройте HTML-лист и"
        " распечатайте его.",
    },
    "error.pdf_timeout": {
        "en": "Chromium did not finish printing the PDF within {seconds} s: open the HTML sheet"
        " and print it instead.",
        "ru": "Chromium не успел напечатать PDF за {seconds} с: откройте HTML-лист и"
        " распечатайте его.",
    },
    "error.pdf_failed": {
        "en": "Chromium could not print the PDF ({detail}): open the HTML sheet and print it"
        " instead.",
        "ru": "Chromium не смог напечатать PDF ({detail}): откройте HTML-лист и распечатайте его.",
    },
    "state.not_open": {"en": "not open yet", "ru": "ещё не открыт"},
    "state.open": {"en": "open", "ru": "открыт"},
    "state.closed": {"en": "closed", "ru": "закрыт"},
    "selection.same-for-all": {
        "en": "The same questions for everyone",
        "ru": "Одни и те же вопросы для всех",
    },
    "selection.per-student": {
        "en": "A draw per student, unseen questions first",
        "ru": "Свой набор каждому, сначала невиданные вопросы",
    },
    "review.score-only": {
        "en": "Score only, after the quiz closes",
        "ru": "Только балл, после закрытия теста",
    },
    "review.after-submit": {
        "en": "Answers right after handing in",
        "ru": "Ответы сразу после сдачи",
    },
    "review.after-close": {
        "en": "Answers after the quiz closes",
        "ru": "Ответы после закрытия теста",
    },
    "flag.too_easy": {"en": "too easy", "ru": "слишком лёгкий"},
    "flag.too_hard": {"en": "too hard", "ru": "слишком трудный"},
    "flag.not_discriminating": {
        "en": "does not tell strong from weak",
        "ru": "не отличает сильных от слабых",
    },
    "flag.unused_distractor": {
        "en": "distractor nobody chose",
        "ru": "неверный вариант, который никто не выбрал",
    },
    "flag.likely_wrong_key": {"en": "likely wrong key", "ru": "вероятно, ошибка в ключе"},
    # Taking a quiz
    "quiz.title": {"en": "Take a quiz", "ru": "Пройти тест"},
    "quiz.join_tab": {"en": "Join", "ru": "Начать"},
    "quiz.resume_tab": {"en": "Continue", "ru": "Продолжить"},
    "quiz.join_code": {"en": "Join code", "ru": "Код теста"},
    "quiz.your_name": {"en": "Your name", "ru": "Ваше имя"},
    "quiz.password": {
        "en": "Quiz password (if your teacher gave one)",
        "ru": "Пароль теста (если учитель его дал)",
    },
    "quiz.start": {"en": "Start the quiz", "ru": "Начать тест"},
    "quiz.next": {"en": "Next", "ru": "Далее"},
    "quiz.back": {"en": "Back", "ru": "Назад"},
    "quiz.rules": {
        "en": "{questions} questions · time limit: {limit} · attempts allowed: {attempts}. The"
        " time starts when you press *Start the quiz*; each answer is saved as you give it.",
        "ru": "Вопросов: {questions} · ограничение времени: {limit} · попыток: {attempts}."
        " Время пойдёт, когда вы нажмёте «Начать тест»; каждый ответ сохраняется сразу.",
    },
    "quiz.closes": {"en": "The quiz closes at {time}.", "ru": "Тест закрывается в {time}."},
    "quiz.review_held": {
        "en": "This answer is held back while a class quiz on the same material is running.",
        "ru": "Этот ответ скрыт, пока идёт тест в классе по тому же материалу.",
    },
    "quiz.note.score_only": {
        "en": "Your teacher shows the score only for this quiz, once it has closed.",
        "ru": "В этом тесте учитель показывает только балл — после закрытия теста.",
    },
    "quiz.note.score_only_at": {
        "en": "Your teacher shows the score only for this quiz, after it closes, from {time}.",
        "ru": "В этом тесте учитель показывает только балл — после закрытия теста, с {time}.",
    },
    "quiz.note.held": {
        "en": "Your score and some answers are held back while a class quiz on the same"
        " material is running.",
        "ru": "Балл и часть ответов скрыты, пока идёт тест в классе по тому же материалу.",
    },
    "quiz.note.after_close_at": {
        "en": "Your score and the answers will be shown after the quiz closes, from {time}.",
        "ru": "Балл и ответы будут видны после закрытия теста, с {time}.",
    },
    "quiz.note.after_teacher_closes": {
        "en": "Your score and the answers will be shown once your teacher has closed the quiz.",
        "ru": "Балл и ответы будут видны, когда учитель закроет тест.",
    },
    "quiz.review.score-only": {
        "en": "Your score will be shown once the quiz has closed.",
        "ru": "Балл будет виден после закрытия теста.",
    },
    "quiz.review.after-submit": {
        "en": "After handing in you will see your score and the right answers.",
        "ru": "После сдачи вы увидите свой балл и правильные ответы.",
    },
    "quiz.review.after-close": {
        "en": "Your score and the right answers will be shown once the quiz has closed.",
        "ru": "Балл и правильные ответы будут видны после закрытия теста.",
    },
    "quiz.resume_code": {"en": "Resume code", "ru": "Код продолжения"},
    "quiz.resume": {"en": "Continue my attempt", "ru": "Продолжить попытку"},
    "quiz.who": {
        "en": "{name} · attempt {number} of {allowed}",
        "ru": "{name} · попытка {number} из {allowed}",
    },
    "quiz.resume_code_is": {"en": "Resume code: {code}", "ru": "Код продолжения: {code}"},
    "quiz.resume_note": {
        "en": "Write this code down. With it you can continue this attempt after a reload, a"
        " crash or on another device (Take a quiz → Continue).",
        "ru": "Запишите этот код. С ним можно продолжить попытку после перезагрузки, сбоя или"
        " на другом устройстве (Пройти тест → Продолжить).",
    },
    "quiz.type_answer": {
        "en": "Type your answer and press Enter",
        "ru": "Введите ответ и нажмите Enter",
    },
    "quiz.saved": {"en": "✓ Saved at {time}", "ru": "✓ Сохранено в {time}"},
    "quiz.not_saved": {"en": "Not saved: {reason}", "ru": "Не сохранено: {reason}"},
    "quiz.see_result": {"en": "See my result", "ru": "Посмотреть результат"},
    "quiz.no_limit": {"en": "No time limit.", "ru": "Без ограничения времени."},
    "quiz.time_left": {
        "en": "**{left}** left · time is up at {time}",
        "ru": "Осталось **{left}** · время истекает в {time}",
    },
    "quiz.time_up": {
        "en": "Time is up: answers are no longer taken, the saved ones are being handed in.",
        "ru": "Время вышло: ответы больше не принимаются, сохранённые сдаются.",
    },
    "quiz.hand_in": {"en": "Hand in", "ru": "Сдать"},
    "quiz.confirm": {
        "en": "You have answered {answered} of {total} questions. Hand in now? Answers cannot"
        " be changed afterwards.",
        "ru": "Вы ответили на {answered} из {total} вопросов. Сдать сейчас? Потом ответы"
        " изменить нельзя.",
    },
    "quiz.confirm_yes": {"en": "Yes, hand in", "ru": "Да, сдать"},
    "quiz.confirm_no": {"en": "Not yet", "ru": "Ещё нет"},
    "quiz.handed_in": {"en": "Handed in at {time}.", "ru": "Сдано в {time}."},
    "quiz.time_was_up": {
        "en": "Time was up at {time}; your saved answers were handed in.",
        "ru": "Время истекло в {time}; сохранённые ответы сданы.",
    },
    "quiz.score": {"en": "Score", "ru": "Баллы"},
    "quiz.answers": {"en": "Answers", "ru": "Ответы"},
    "quiz.your_answer": {"en": "Your answer", "ru": "Ваш ответ"},
    "quiz.right_answer": {"en": "Right answer", "ru": "Правильный ответ"},
    "quiz.no_answer": {"en": "no answer", "ru": "нет ответа"},
    "quiz.leave": {"en": "Leave this quiz", "ru": "Выйти из теста"},
    # Teacher: login
    "teacher.no_password": {
        "en": "The teacher pages are closed: no teacher password is set.",
        "ru": "Страницы учителя закрыты: пароль учителя не задан.",
    },
    "teacher.login_title": {"en": "Teacher login", "ru": "Вход для учителя"},
    "teacher.password": {"en": "Teacher password", "ru": "Пароль учителя"},
    "teacher.login": {"en": "Log in", "ru": "Войти"},
    "teacher.logout": {"en": "Log out (teacher)", "ru": "Выйти (учитель)"},
    "teacher.wrong_password": {"en": "Wrong password.", "ru": "Неверный пароль."},
    # Accounts on a school server (`factdeck serve --server`)
    "account.sign_in_title": {"en": "Sign in", "ru": "Вход"},
    "account.sign_in_intro": {
        "en": "This Factdeck is a school server: sign in with the name and password your"
        " teacher gave you. Taking a quiz needs no account: open Take a quiz.",
        "ru": "Этот Factdeck работает как школьный сервер: войдите под именем и паролем,"
        " которые дал учитель. Для теста учётная запись не нужна: откройте «Пройти тест».",
    },
    "account.name": {"en": "Name", "ru": "Имя"},
    "account.password": {"en": "Password", "ru": "Пароль"},
    "account.sign_in": {"en": "Sign in", "ru": "Войти"},
    "account.identity_provider": {
        "en": "Sign in with the school account",
        "ru": "Войти через школьную учётную запись",
    },
    "account.signed_in_as": {"en": "Signed in as {name}", "ru": "Вы вошли как {name}"},
    "account.sign_out": {"en": "Sign out", "ru": "Выйти"},
    "account.teachers_only": {
        "en": "Only a teacher's account opens the Teach pages.",
        "ru": "Раздел для учителя открывается только с учётной записью учителя.",
    },
    "account.change_password": {"en": "Password", "ru": "Пароль"},
    "account.current_password": {"en": "Current password", "ru": "Текущий пароль"},
    "account.new_password": {"en": "New password", "ru": "Новый пароль"},
    "account.repeat_password": {"en": "New password again", "ru": "Новый пароль ещё раз"},
    "account.save_password": {"en": "Change password", "ru": "Сменить пароль"},
    "account.passwords_differ": {
        "en": "The two new passwords differ: type the same one twice.",
        "ru": "Новые пароли не совпадают: введите один и тот же дважды.",
    },
    "account.password_changed": {
        "en": "Password changed. Other browsers signed in to this account are signed out.",
        "ru": "Пароль изменён. В других браузерах, где был выполнен вход, нужно войти заново.",
    },
    "accounts.title": {"en": "Accounts", "ru": "Учётные записи"},
    "accounts.intro": {
        "en": "Everyone signs in to this server with their own account. Passwords are never"
        " shown: you can only set a new one.",
        "ru": "Каждый входит на этот сервер под своей учётной записью. Пароли нигде не"
        " показываются: можно только задать новый.",
    },
    "accounts.add": {"en": "New learner account", "ru": "Новая учётная запись ученика"},
    "accounts.first_password": {"en": "First password", "ru": "Начальный пароль"},
    "accounts.add_button": {"en": "Add account", "ru": "Добавить"},
    "accounts.added": {"en": "Account {name} added.", "ru": "Учётная запись {name} добавлена."},
    "accounts.col_name": {"en": "Name", "ru": "Имя"},
    "accounts.col_role": {"en": "Role", "ru": "Роль"},
    "accounts.col_email": {"en": "Email", "ru": "Эл. почта"},
    "accounts.teacher": {"en": "teacher", "ru": "учитель"},
    "accounts.learner": {"en": "learner", "ru": "ученик"},
    "accounts.reset": {"en": "Forgotten password", "ru": "Забытый пароль"},
    "accounts.no_learners": {
        "en": "No learner has an account yet.",
        "ru": "Ни у одного ученика пока нет учётной записи.",
    },
    "accounts.whose": {"en": "Learner", "ru": "Ученик"},
    "accounts.reset_button": {"en": "Set the new password", "ru": "Задать новый пароль"},
    "accounts.reset_done": {
        "en": "{name} has a new password; their browsers are signed out.",
        "ru": "У ученика {name} новый пароль; во всех его браузерах нужно войти заново.",
    },
    # Teacher: quizzes
    "teacher.quizzes_title": {"en": "Quizzes", "ru": "Тесты"},
    "teacher.col_title": {"en": "Quiz", "ru": "Тест"},
    "teacher.col_code": {"en": "Join code", "ru": "Код"},
    "teacher.col_deck": {"en": "Deck", "ru": "Колода"},
    "teacher.col_state": {"en": "State", "ru": "Состояние"},
    "teacher.col_running": {"en": "In progress", "ru": "Идут"},
    "teacher.col_finished": {"en": "Finished", "ru": "Завершены"},
    "teacher.new_quiz": {"en": "➕ New quiz…", "ru": "➕ Новый тест…"},
    "teacher.pick_quiz": {"en": "Quiz", "ru": "Тест"},
    "teacher.tab_form": {"en": "Set a quiz", "ru": "Создать тест"},
    "teacher.tab_import": {"en": "Import YAML", "ru": "Импорт YAML"},
    "teacher.tab_settings": {"en": "Settings", "ru": "Настройки"},
    "teacher.tab_points": {"en": "Questions and points", "ru": "Вопросы и баллы"},
    "teacher.tab_yaml": {"en": "YAML", "ru": "YAML"},
    "teacher.no_deck": {
        "en": "The deck '{deck}' is not available: see the Decks page.",
        "ru": "Колода «{deck}» недоступна: см. страницу «Колоды».",
    },
    "teacher.deck": {"en": "Deck", "ru": "Колода"},
    "teacher.language": {"en": "Language of the questions", "ru": "Язык вопросов"},
    "teacher.quiz_title": {"en": "Title", "ru": "Название"},
    "teacher.topics": {"en": "Topics", "ru": "Темы"},
    "teacher.all_topics": {"en": "All topics", "ru": "Все темы"},
    "teacher.count": {"en": "Number of questions", "ru": "Число вопросов"},
    "teacher.seed": {
        "en": "Seed (the same seed draws the same questions)",
        "ru": "Зерно (то же зерно — те же вопросы)",
    },
    "teacher.selection": {"en": "Questions", "ru": "Вопросы"},
    "teacher.shuffle_questions": {
        "en": "Shuffle the questions per student",
        "ru": "Перемешать вопросы для каждого",
    },
    "teacher.shuffle_options": {
        "en": "Shuffle the options per student",
        "ru": "Перемешать варианты для каждого",
    },
    "teacher.when": {"en": "When", "ru": "Когда"},
    "teacher.opens": {"en": "Opens at a set time", "ru": "Открывается в заданное время"},
    "teacher.closes": {"en": "Closes at a set time", "ru": "Закрывается в заданное время"},
    "teacher.date": {"en": "Date", "ru": "Дата"},
    "teacher.time": {"en": "Time ({zone})", "ru": "Время ({zone})"},
    "teacher.time_limit": {"en": "Time limit, minutes (0: none)", "ru": "Лимит, минут (0 — нет)"},
    "teacher.grace": {"en": "Grace period, seconds", "ru": "Запас, секунд"},
    "teacher.attempts": {"en": "Attempts allowed", "ru": "Попыток"},
    "teacher.quiz_password": {
        "en": "Quiz password (optional)",
        "ru": "Пароль теста (необязательно)",
    },
    "teacher.points": {"en": "Points per question", "ru": "Баллов за вопрос"},
    "teacher.review": {"en": "Students see", "ru": "Ученики видят"},
    "teacher.review_warning": {
        "en": "Right after handing in lets the answer key out while others are still"
        " answering: the first student to hand in can pass the answers on, even from a blank"
        " attempt under a made-up name. Choose it only when everyone hands in at once.",
        "ru": "Если показывать ответы сразу после сдачи, ключ уходит в класс, пока другие"
        " ещё отвечают: первый сдавший может передать ответы остальным — даже сдав пустую"
        " попытку под выдуманным именем. Выбирайте это, только если все сдают одновременно.",
    },
    "teacher.open_book": {
        "en": "Open book: learners keep the quiz's material while it runs",
        "ru": "С открытыми материалами: ученикам доступен материал теста, пока он идёт",
    },
    "teacher.open_book_help": {
        "en": "A quiz is closed book unless you tick this: from the moment it is saved until"
        " it closes (plus the grace period), Browse, Practice, Study and Export show learners"
        " nothing about the facts it asks about, in any language. A quiz with no close time"
        " stays closed book until you close it. You see everything while signed in.",
        "ru": "Без этой отметки тест проходит без материалов: с момента сохранения и до"
        " закрытия (плюс запас) «Обзор», «Практика», «Учить» и «Экспорт» не показывают ученикам"
        " ничего о фактах, о которых он спрашивает, ни на одном языке. Тест без времени"
        " закрытия остаётся таким, пока вы его не закроете. Вы, войдя как учитель, видите всё.",
    },
    "teacher.create": {"en": "Create the quiz", "ru": "Создать тест"},
    "teacher.save": {"en": "Save changes", "ru": "Сохранить"},
    "teacher.created": {
        "en": "Quiz created. Its join code is {code}.",
        "ru": "Тест создан. Его код: {code}.",
    },
    "teacher.updated": {"en": "Changes saved.", "ru": "Изменения сохранены."},
    "teacher.closed": {"en": "The quiz is closed.", "ru": "Тест закрыт."},
    "teacher.join_code_is": {
        "en": "Students join with this code (page *Take a quiz*):",
        "ru": "Ученики входят по этому коду (страница «Пройти тест»):",
    },
    "teacher.summary": {
        "en": "Opens: {opens} · closes: {closes} · attempts started: {attempts}",
        "ru": "Открыт: {opens} · закрывается: {closes} · начато попыток: {attempts}",
    },
    "teacher.now": {"en": "now", "ru": "сейчас"},
    "teacher.never": {"en": "never", "ru": "никогда"},
    "teacher.close_now": {"en": "Close now", "ru": "Закрыть сейчас"},
    "teacher.started_note": {
        "en": "{n} attempts have started: the questions and points are fixed; times,"
        " attempts, password and review can still change.",
        "ru": "Начато попыток: {n}. Вопросы и баллы закреплены; время, попытки, пароль и"
        " показ ответов ещё можно менять.",
    },
    "teacher.questions_same-for-all": {
        "en": "Every student answers these {n} questions.",
        "ru": "Все ученики отвечают на эти {n} вопросов.",
    },
    "teacher.questions_per-student": {
        "en": "Each attempt draws from these {n} questions.",
        "ru": "Каждая попытка выбирает из этих {n} вопросов.",
    },
    "teacher.col_question": {"en": "Question", "ru": "Вопрос"},
    "teacher.col_kind": {"en": "Kind", "ru": "Вид"},
    "teacher.col_answer": {"en": "Answer", "ru": "Ответ"},
    "teacher.col_points": {"en": "Points", "ru": "Баллы"},
    "teacher.points_locked": {
        "en": "Points are fixed once students have started.",
        "ru": "Баллы закреплены, когда ученики начали тест.",
    },
    "teacher.save_points": {"en": "Save points", "ru": "Сохранить баллы"},
    "teacher.yaml_file": {"en": "A quiz spec (.yaml)", "ru": "Описание теста (.yaml)"},
    "teacher.yaml_too_big": {
        "en": "The file is over {size} bytes: a quiz spec is a page of settings.",
        "ru": "Файл больше {size} байт: описание теста — это страница настроек.",
    },
    "teacher.yaml_not_utf8": {
        "en": "{name} is not UTF-8 text: save it as UTF-8.",
        "ru": "{name} — не текст UTF-8: сохраните его в UTF-8.",
    },
    "problem.yaml.syntax": {
        "en": "YAML syntax error: {detail} — check indentation, colons and quotes around this spot",
        "ru": "ошибка синтаксиса YAML ({detail}) — проверьте отступы, двоеточия и кавычки"
        " в этом месте",
    },
    "problem.yaml.tag": {
        "en": "the YAML tag '{tag}' is not allowed — remove it and write plain text, numbers,"
        " lists and mappings",
        "ru": "тег YAML «{tag}» не допускается — уберите его и пишите простой текст, числа,"
        " списки и словари",
    },
    "problem.yaml.merge_key": {
        "en": "YAML merge keys (<<) are not allowed — write the keys out in full",
        "ru": "ключи слияния YAML (<<) не допускаются — напишите все ключи полностью",
    },
    "problem.yaml.key_not_text": {
        "en": "the key {name} is not text — use a plain word as the key",
        "ru": "ключ {name} — не текст: ключом должно быть обычное слово",
    },
    "problem.yaml.duplicate_key": {
        "en": "the key '{name}' appears twice in the same mapping — keep one of them",
        "ru": "ключ «{name}» встречается дважды в одном словаре — оставьте один из них",
    },
    "problem.yaml.not_a_mapping": {
        "en": "this must be a mapping, not {found} — write it as `key: value` lines",
        "ru": "здесь нужен словарь, а не {found} — запишите его строками `ключ: значение`",
    },
    "problem.yaml.unknown_key": {
        "en": "unknown key '{name}' — use one of: {choices}",
        "ru": "неизвестный ключ «{name}» — используйте один из этих: {choices}",
    },
    "problem.yaml.misspelt_key": {
        "en": "unknown key '{name}' — did you mean '{guess}'?",
        "ru": "неизвестный ключ «{name}» — может быть, имелся в виду «{guess}»?",
    },
    "problem.yaml.missing_key": {
        "en": "the key '{name}' is missing — add `{name}:`",
        "ru": "не хватает ключа «{name}» — добавьте `{name}:`",
    },
    "problem.yaml.not_text": {
        "en": "'{field}' must be text, not {found} — write `{field}: some text`",
        "ru": "в «{field}» нужен текст, а не {found} — напишите `{field}: текст`",
    },
    "problem.yaml.empty": {
        "en": "'{field}' is empty — fill it in",
        "ru": "поле «{field}» пустое — заполните его",
    },
    "problem.yaml.not_a_whole_number": {
        "en": "'{field}' must be a whole number, not {found} — write e.g. `{field}: 10`",
        "ru": "в «{field}» нужно целое число, а не {found} — напишите, например, `{field}: 10`",
    },
    "problem.yaml.not_a_list": {
        "en": "'{field}' must be a list, not {found} — write each item on a line starting"
        " with '- '",
        "ru": "в «{field}» нужен список, а не {found} — пишите каждый элемент на отдельной"
        " строке, начиная с «- »",
    },
    "yaml_type.nothing": {"en": "nothing", "ru": "пустое значение"},
    "yaml_type.flag": {"en": "true or false", "ru": "логическое значение (true или false)"},
    "yaml_type.mapping": {"en": "a mapping", "ru": "словарь"},
    "yaml_type.list": {"en": "a list", "ru": "список"},
    "yaml_type.text": {"en": "text", "ru": "текст"},
    "yaml_type.whole-number": {"en": "a whole number", "ru": "целое число"},
    "yaml_type.number": {"en": "a decimal number", "ru": "дробное число"},
    "problem.yaml.alias": {
        "en": "YAML anchors and aliases (&name / *name) are not allowed — write the value out"
        " in full",
        "ru": "Якоря и ссылки YAML (&name / *name) не допускаются — напишите значение целиком",
    },
    "problem.yaml.nodes": {
        "en": "the file has more than {limit:,} YAML nodes — a quiz spec is a page of settings",
        "ru": "в файле больше {limit} узлов YAML — описание теста умещается на одной странице",
    },
    "problem.yaml.depth": {
        "en": "lists and mappings are nested more than {limit} deep here — write each setting"
        " as `key: value`",
        "ru": "списки и словари вложены здесь глубже {limit} уровней — пишите каждую настройку"
        " как `ключ: значение`",
    },
    "problem.yaml.long_number": {
        "en": "the number is {chars:,} characters long; a number may have at most {limit} —"
        " write the number the setting needs",
        "ru": "в числе {chars} знаков, а допускается не больше {limit} — напишите число,"
        " которое нужно настройке",
    },
    "problem.spec.not_finite": {
        "en": "'{setting}' must be a finite number, not {value} — write e.g. `{setting}: 5`",
        "ru": "«{setting}» должно быть конечным числом, а не {value} — напишите, например,"
        " `{setting}: 5`",
    },
    "problem.spec.too_large": {
        "en": "'{setting}' is far too large: {value} — write a smaller number",
        "ru": "«{setting}» слишком велико: {value} — напишите число поменьше",
    },
    "problem.spec.time_range": {
        "en": "'{value}': quiz times run from the year 2000 to 2999 — write a time within"
        " them, e.g. 2025-11-24T09:00:00Z",
        "ru": "«{value}»: время теста должно быть между 2000 и 2999 годами — напишите,"
        " например, 2025-11-24T09:00:00Z",
    },
    "problem.spec.no_title": {
        "en": "the quiz has no title — give it a title students will recognise",
        "ru": "у теста нет названия — дайте ему название, по которому его узнают ученики",
    },
    "problem.spec.title_too_long": {
        "en": "the title is longer than {limit} characters — shorten it",
        "ru": "название длиннее {limit} символов — сократите его",
    },
    "problem.spec.not_a_deck": {
        "en": "'{deck}' is not a deck id — use the deck's folder name",
        "ru": "«{deck}» — не идентификатор колоды — укажите имя папки колоды",
    },
    "problem.spec.not_a_language": {
        "en": "'{language}' is not a language code — write e.g. en or ru",
        "ru": "«{language}» — не код языка — напишите, например, en или ru",
    },
    "problem.spec.count_range": {
        "en": "a quiz has 1 to {limit} questions, not {count} — change the number of questions",
        "ru": "в тесте может быть от 1 до {limit} вопросов, а не {count} — измените число вопросов",
    },
    "problem.spec.not_a_topic": {
        "en": "'{topic}' is not a topic id — use the topic ids of the deck",
        "ru": "«{topic}» — не идентификатор темы — укажите идентификаторы тем колоды",
    },
    "problem.spec.no_kinds": {
        "en": "no question kinds are chosen — choose at least one kind",
        "ru": "не выбран ни один вид вопросов — выберите хотя бы один",
    },
    "problem.spec.kind_not_in_quiz": {
        "en": "“{kind}” questions cannot be set in a quiz — use {kinds}",
        "ru": "вопросы вида «{kind}» нельзя включить в тест — используйте виды: {kinds}",
    },
    "problem.spec.unknown_choice": {
        "en": "unknown {setting} '{value}' — use one of: {choices}",
        "ru": "неизвестное значение «{value}» в «{setting}» — используйте одно из: {choices}",
    },
    "problem.spec.seed_range": {
        "en": "the seed runs from 0 to {limit} — use a whole number in that range",
        "ru": "зерно — целое число от 0 до {limit} — укажите число в этих пределах",
    },
    "problem.spec.time_no_zone": {
        "en": "'{value}' has no time zone — add one, e.g. 2025-11-24T09:00:00+03:00",
        "ru": "у «{value}» не указан часовой пояс — добавьте его, например"
        " 2025-11-24T09:00:00+03:00",
    },
    "problem.spec.closes_before_opens": {
        "en": "the quiz closes before it opens — set the close time after the open",
        "ru": "тест закрывается раньше, чем открывается — поставьте закрытие позже открытия",
    },
    "problem.spec.time_limit_range": {
        "en": "a time limit runs from 1 to 1440 minutes — change it, or remove it",
        "ru": "лимит времени — от 1 до 1440 минут — измените его или уберите",
    },
    "problem.spec.grace_range": {
        "en": "the grace period runs from 0 to 3600 seconds — change it",
        "ru": "запас — от 0 до 3600 секунд — измените его",
    },
    "problem.spec.attempts_range": {
        "en": "attempts run from 1 to {limit} — change the number of attempts",
        "ru": "попыток может быть от 1 до {limit} — измените число попыток",
    },
    "problem.spec.password_blank": {
        "en": "the quiz password is blank — remove it, or give a real one",
        "ru": "пароль теста пуст — уберите его или задайте настоящий",
    },
    "problem.spec.password_too_long": {
        "en": "the quiz password is over {limit} characters — shorten it",
        "ru": "пароль теста длиннее {limit} символов — сократите его",
    },
    "problem.spec.points_range": {
        "en": "points must be above 0 and at most 1000 — change the points",
        "ru": "баллы должны быть больше 0 и не больше 1000 — измените их",
    },
    "problem.spec.question_points_range": {
        "en": "the points for {question} must be above 0 and at most 1000 — change them",
        "ru": "баллы за {question} должны быть больше 0 и не больше 1000 — измените их",
    },
    "problem.spec.other_deck": {
        "en": "the quiz is set on deck '{deck}', not '{bank}'",
        "ru": "тест составлен по колоде «{deck}», а не «{bank}»",
    },
    "problem.spec.not_in_deck": {
        "en": "the deck '{deck}' has no {setting} '{value}' — choose from what the deck has",
        "ru": "в колоде «{deck}» нет «{value}» ({setting}) — выберите из того, что в ней есть",
    },
    "problem.spec.too_few_questions": {
        "en": "the deck has {found} questions in '{language}' of the chosen topics and kinds, fewer"
        " than the {count} asked for — ask for at most {found}, or choose more topics or kinds",
        "ru": "в колоде по выбранным темам и видам на языке «{language}» вопросов: {found}, а"
        " запрошено {count} — запросите не больше {found} или выберите больше тем или видов",
    },
    "problem.spec.too_few_approved": {
        "en": "the deck has {found} approved questions in '{language}' of the chosen topics and"
        " kinds, fewer than the {count} asked for — approve more, ask for at most {found}, or"
        " let the quiz draw unreviewed questions too",
        "ru": "в колоде по выбранным темам и видам на языке «{language}» одобренных вопросов:"
        " {found}, а запрошено {count} — одобрите ещё, запросите не больше {found} или"
        " разрешите брать и непроверенные вопросы",
    },
    "problem.spec.pool_too_small": {
        "en": "the quiz asks for {count} questions but its pool has {found}",
        "ru": "тест просит вопросов: {count}, а в его наборе их {found}",
    },
    "problem.spec.pool_repeats": {
        "en": "the same question is given twice",
        "ru": "один и тот же вопрос дан дважды",
    },
    "problem.spec.pool_misfit": {
        "en": "question {question} ({kind}, {language}) does not fit the quiz",
        "ru": "вопрос {question} ({kind}, {language}) не подходит к тесту",
    },
    "problem.spec.points_not_in_pool": {
        "en": "question_points names {question}, which is not in this quiz",
        "ru": "в question_points указан вопрос {question}, которого нет в этом тесте",
    },
    "problem.spec.pool_changes": {
        "en": "the pool changes with these settings — give the new pool",
        "ru": "с этими настройками меняется набор вопросов — передайте новый набор",
    },
    "problem.spec.not_a_number": {
        "en": "'{setting}' must be a number, not {value} — write e.g. `{setting}: 5`",
        "ru": "«{setting}» должно быть числом, а не {value} — напишите, например, `{setting}: 5`",
    },
    "problem.spec.not_a_flag": {
        "en": "'{setting}' must be true or false — write `{setting}: {default}`",
        "ru": "«{setting}» должно быть true или false — напишите `{setting}: {default}`",
    },
    "problem.spec.not_an_id": {
        "en": "'{setting}' holds {value}, not an id — write ids",
        "ru": "в «{setting}» записано {value}, а не идентификатор — напишите идентификаторы",
    },
    "problem.spec.not_a_time": {
        "en": "'{value}' is not a date and time — write e.g. 2025-11-24T09:00:00Z",
        "ru": "«{value}» — не дата и время — напишите, например, 2025-11-24T09:00:00Z",
    },
    "problem.spec.points_not_a_map": {
        "en": "'question_points' must map question ids to points — write each id with its"
        " points below it, e.g. `q-0123456789abcdef: 2`",
        "ru": "«question_points» должно сопоставлять вопросам баллы — напишите под ним каждый"
        " идентификатор с баллами, например `q-0123456789abcdef: 2`",
    },
    "problem.spec.points_not_a_number": {
        "en": "the points for {question} must be a number, not {value} — write a number",
        "ru": "баллы за {question} должны быть числом, а не {value} — напишите число",
    },
    "teacher.yaml_problems": {
        "en": "The quiz spec has problems:",
        "ru": "В описании теста есть ошибки:",
    },
    "teacher.create_from_yaml": {"en": "Create this quiz", "ru": "Создать этот тест"},
    "teacher.download_yaml": {"en": "Download YAML", "ru": "Скачать YAML"},
    # Teacher: a quiz's class paper for Moodle, GIFT or print
    "quiz_export.title": {
        "en": "Take this quiz elsewhere",
        "ru": "Перенести тест в другую систему",
    },
    "quiz_export.about": {
        "en": "The questions the class gets, in the class order, with their points: import them"
        " into Moodle (Question bank → Import) or any LMS that reads GIFT, or print the sheet;"
        " its answer key starts on a new page.",
        "ru": "Вопросы, которые получает класс, в том же порядке и с баллами: импортируйте их в"
        " Moodle (Банк вопросов → Импорт) или в любую СДО, читающую GIFT, либо распечатайте"
        " лист; ответы начинаются с новой страницы.",
    },
    "quiz_export.per_student": {
        "en": "Each student draws their own questions here; these files hold one draw.",
        "ru": "Здесь каждый ученик получает свои вопросы; в файлах — один набор.",
    },
    "quiz_export.paper": {"en": "Paper", "ru": "Бумага"},
    "quiz_export.moodle": {"en": "Moodle XML", "ru": "Moodle XML"},
    "quiz_export.gift": {"en": "GIFT", "ru": "GIFT"},
    "quiz_export.html": {"en": "Printable sheet (HTML)", "ru": "Лист для печати (HTML)"},
    "quiz_export.pdf": {"en": "Make a PDF", "ru": "Сделать PDF"},
    "quiz_export.pdf_ready": {"en": "Download the PDF", "ru": "Скачать PDF"},
    "quiz_export.no_pdf": {
        "en": "PDF needs Chromium on the server; open the HTML sheet and print it instead.",
        "ru": "Для PDF на сервере нужен Chromium; откройте HTML-лист и распечатайте его.",
    },
    "quiz_export.no_deck": {
        "en": "The deck of this quiz, {deck}, is not available, so it cannot be exported.",
        "ru": "Колода этого теста, {deck}, недоступна, поэтому его нельзя выгрузить.",
    },
    # Teacher: reviewing the question bank
    "vet.title": {"en": "Review the questions", "ru": "Проверка вопросов"},
    "vet.read_only": {
        "en": "This deck's folder cannot be written to, so decisions cannot be saved: {folder}."
        " Copy the deck to a folder you can write to and name it in FACTDECK_DECKS.",
        "ru": "В папку этой колоды нельзя записывать, поэтому решения не сохранить: {folder}."
        " Скопируйте колоду в папку, доступную для записи, и укажите её в FACTDECK_DECKS.",
    },
    "vet.not_written": {
        "en": "The decision could not be written to the deck folder {folder}; nothing was changed.",
        "ru": "Не удалось записать решение в папку колоды {folder}; ничего не изменено.",
    },
    "vet.progress": {
        "en": "{done:,} of {n:,} reviewed",
        "ru": "Проверено {done} из {n}",
    },
    "vet.topic": {"en": "Topic", "ru": "Тема"},
    "vet.kind": {"en": "Kind", "ru": "Тип"},
    "vet.language": {"en": "Language", "ru": "Язык"},
    "vet.status": {"en": "Status", "ru": "Состояние"},
    "vet.all": {"en": "All", "ru": "Все"},
    "vet.status_not_reviewed": {"en": "Not yet reviewed", "ru": "Ещё не проверен"},
    "vet.status_approved": {"en": "Approved", "ru": "Одобрен"},
    "vet.status_edited": {"en": "Edited", "ru": "Исправлен"},
    "vet.status_retired": {"en": "Retired", "ru": "Снят"},
    "vet.flagged": {
        "en": "Flagged by class results",
        "ru": "Отмечен по результатам класса",
    },
    "vet.none_match": {
        "en": "No question matches these filters.",
        "ru": "Под эти фильтры не подходит ни один вопрос.",
    },
    "teacher.approved_only": {
        "en": "Only questions a teacher has approved",
        "ru": "Только вопросы, одобренные учителем",
    },
    "teacher.approved_only_help": {
        "en": "This deck has reviewed questions: tick this to draw only from those approved or"
        " edited on the Review questions page, untick it to draw from the whole bank.",
        "ru": "В колоде есть проверенные вопросы: с этим флажком в тест попадут только одобренные"
        " или исправленные на странице «Проверка вопросов», без него — любые вопросы банка.",
    },
    "vet.matching": {"en": "Matching questions: {n:,}", "ru": "Подходящих вопросов: {n}"},
    "vet.next": {"en": "Next", "ru": "Следующий"},
    "vet.keys": {
        "en": "Keys: A approve · R retire · E edit · N next (not while typing in a field).",
        "ru": "Клавиши: A — одобрить, R — снять, E — исправить, N — следующий"
        " (кроме набора текста в поле).",
    },
    "vet.key": {"en": "Answer", "ru": "Ответ"},
    "vet.accepted": {"en": "Also accepted", "ru": "Засчитывается также"},
    "vet.retired_because": {
        "en": "Retired: {reason}",
        "ru": "Снят с использования: {reason}",
    },
    "vet.edit_refused": {
        "en": "The saved edit is not applied [{rule}]: {message}",
        "ru": "Сохранённая правка не применена [{rule}]: {message}",
    },
    "vet.flagged_in": {
        "en": "Flagged by class results ({n} closed quizzes):",
        "ru": "Отмечен по результатам класса (закрытых тестов: {n}):",
    },
    "vet.facts": {"en": "Facts", "ru": "Факты"},
    "vet.approve": {"en": "Approve", "ru": "Одобрить"},
    "vet.approved": {"en": "Approved.", "ru": "Вопрос одобрен."},
    "vet.retire_reason": {"en": "Why retire it", "ru": "Причина снятия"},
    "vet.retire": {"en": "Retire", "ru": "Снять"},
    "vet.reason_needed": {
        "en": "Say why the question is retired first.",
        "ru": "Сначала укажите, почему вопрос снимается.",
    },
    "vet.retired": {
        "en": "Retired: it leaves the bank, new quizzes and exports.",
        "ru": "Вопрос снят: его больше не будет в банке, новых тестах и экспорте.",
    },
    "vet.edit": {"en": "Edit", "ru": "Исправить"},
    "vet.stem": {"en": "Question", "ru": "Текст вопроса"},
    "vet.options": {"en": "Options, one a line", "ru": "Варианты, по одному в строке"},
    "vet.accepted_forms": {
        "en": "Accepted answers, one a line",
        "ru": "Принимаемые ответы, по одному в строке",
    },
    "vet.no_change": {
        "en": "Change the text above to see the edited question.",
        "ru": "Измените текст выше, чтобы увидеть исправленный вопрос.",
    },
    "vet.preview": {"en": "Preview", "ru": "Как будет выглядеть"},
    "vet.violation": {
        "en": "The quality check refuses this edit [{rule}]: {message}",
        "ru": "Проверка качества не пропускает эту правку [{rule}]: {message}",
    },
    "vet.save_edit": {"en": "Save the edit", "ru": "Сохранить правку"},
    "vet.saved": {"en": "Edit saved.", "ru": "Правка сохранена."},
    # Teacher: results
    "results.title": {"en": "Results", "ru": "Результаты"},
    "results.no_quizzes": {
        "en": "No quizzes yet: set one on the page Teacher: quizzes.",
        "ru": "Тестов ещё нет: создайте тест на странице «Учитель: тесты».",
    },
    "results.pick_quiz": {"en": "Quiz", "ru": "Тест"},
    "results.refresh": {"en": "Refresh", "ru": "Обновить"},
    "results.joined": {"en": "Attempts", "ru": "Попыток"},
    "results.in_progress": {"en": "In progress", "ru": "Идут"},
    "results.finished": {"en": "Finished", "ru": "Завершены"},
    "results.mean": {"en": "Mean score", "ru": "Средний балл"},
    "results.running": {"en": "In progress ({n})", "ru": "Идут ({n})"},
    "results.col_student": {"en": "Student", "ru": "Ученик"},
    "results.col_started": {"en": "Started", "ru": "Начало"},
    "results.col_deadline": {"en": "Time is up", "ru": "Время истекает"},
    "results.col_answered": {"en": "Answered", "ru": "Отвечено"},
    "results.col_look_alike": {"en": "Name to check", "ru": "Проверить имя"},
    "results.col_attempt": {"en": "Attempt", "ru": "Попытка"},
    "results.col_status": {"en": "State", "ru": "Состояние"},
    "results.col_finished": {"en": "Finished", "ru": "Завершена"},
    "results.col_score": {"en": "Score", "ru": "Баллы"},
    "results.col_kind": {"en": "Kind", "ru": "Вид вопроса"},
    "results.col_responses": {"en": "Answers", "ru": "Ответов"},
    "results.col_flags": {"en": "Flags", "ru": "Пометки"},
    "results.col_difficulty": {"en": "Difficulty", "ru": "Трудность"},
    "results.col_difficulty_from": {"en": "Difficulty from", "ru": "Откуда трудность"},
    "results.difficulty_rasch": {"en": "class results", "ru": "результаты классов"},
    "results.difficulty_heuristic": {"en": "estimate", "ru": "предварительная оценка"},
    "results.status_running": {"en": "in progress", "ru": "идёт"},
    "results.status_submitted": {"en": "handed in", "ru": "сдана"},
    "results.status_time_up": {"en": "time was up", "ru": "время вышло"},
    "results.new_code": {
        "en": "A student lost their resume code",
        "ru": "Ученик потерял код продолжения",
    },
    "results.issue_code": {"en": "Issue a new code", "ru": "Выдать новый код"},
    "results.code_issued": {
        "en": "New resume code for {name} (the old one no longer works):",
        "ru": "Новый код продолжения для {name} (старый больше не действует):",
    },
    "results.table": {"en": "All attempts", "ru": "Все попытки"},
    "results.download_csv": {"en": "Download CSV", "ru": "Скачать CSV"},
    "results.download_items_csv": {
        "en": "Download item analysis (CSV)",
        "ru": "Скачать анализ вопросов (CSV)",
    },
    "results.look_alikes": {
        "en": "Names to look at twice: {n}. Each reads the same as another name, or holds"
        " invisible characters, letters of two alphabets or styled letters; the column"
        " “look-alike name” says which. Names that read the same count as one student.",
        "ru": "Имена, которые стоит проверить: {n}. Каждое читается так же, как другое имя,"
        " или содержит невидимые символы, буквы двух алфавитов либо стилизованные буквы;"
        " что именно — в столбце «look-alike name». Одинаково читаемые имена считаются"
        " одним учеником.",
    },
    "results.name_flag.same-as-other": {
        "en": "reads the same as {others}",
        "ru": "читается так же, как {others}",
    },
    "results.name_flag.invisible": {
        "en": "invisible characters {hidden}",
        "ru": "невидимые символы {hidden}",
    },
    "results.name_flag.mixed-scripts": {
        "en": "mixes alphabets: {scripts}",
        "ru": "смешаны алфавиты: {scripts}",
    },
    "results.name_flag.unusual-forms": {
        "en": "full-width or styled letters",
        "ru": "широкие или стилизованные буквы",
    },
    "results.name_flag.accents-only": {
        "en": "differs only in accents from {accented}",
        "ru": "отличается только диакритикой от {accented}",
    },
    "results.percent": {"en": "Score, %", "ru": "Результат, %"},
    "results.attempts": {"en": "Attempts", "ru": "Попыток"},
    "results.items": {"en": "Item analysis", "ru": "Анализ вопросов"},
    "results.no_items": {
        "en": "Item analysis appears once attempts are finished.",
        "ru": "Анализ вопросов появится после завершения попыток.",
    },
    "results.items_note": {
        "en": "Facility: the share of the points earned (0 to 1). Discrimination: how well the"
        " item separates students who do well on the rest of the quiz from those who do not"
        " (-1 to 1; below 0.2 is weak). Flags need at least 5 finished attempts; a likely"
        " wrong key at least 10. Difficulty: the chance that a typical student of your classes"
        " misses the item (0 to 1), from every finished attempt on the deck once the item has"
        " 30 answers (a Rasch model), until then estimated from the question kind.",
        "ru": "Лёгкость: доля набранных баллов (от 0 до 1). Различающая сила: насколько вопрос"
        " отделяет тех, кто хорошо справился с остальным тестом, от остальных (от -1 до 1;"
        " ниже 0,2 — слабо). Пометки — при 5 и более завершённых попытках, ошибка в ключе —"
        " при 10 и более. Трудность: вероятность того, что типичный ученик ваших классов"
        " ошибётся в этом вопросе (от 0 до 1); считается по всем завершённым попыткам с этой"
        " колодой, когда у вопроса наберётся 30 ответов (модель Раша), а до тех пор"
        " оценивается по виду вопроса.",
    },
    "results.item": {"en": "Question", "ru": "Вопрос"},
    "results.facility": {"en": "facility", "ru": "лёгкость"},
    "results.discrimination": {"en": "discrimination", "ru": "различающая сила"},
    "results.flagged": {"en": "Flagged items: {n}", "ru": "Помеченные вопросы: {n}"},
    "results.why_too_easy": {
        "en": "too easy: facility {facility}, above {bound}",
        "ru": "слишком лёгкий: лёгкость {facility}, выше {bound}",
    },
    "results.why_too_hard": {
        "en": "too hard: facility {facility}, below {bound}",
        "ru": "слишком трудный: лёгкость {facility}, ниже {bound}",
    },
    "results.why_not_discriminating": {
        "en": "does not tell strong from weak: discrimination {value}, below {bound}",
        "ru": "не отличает сильных от слабых: различающая сила {value}, ниже {bound}",
    },
    "results.why_unused_distractor": {
        "en": "nobody chose {options}",
        "ru": "никто не выбрал {options}",
    },
    "results.why_wrong_key_rival": {
        "en": "likely wrong key: students who did better on the rest of the quiz missed it more"
        " often (discrimination {value} on {n} answers) and agreed on {option} instead (its"
        " discrimination {rival}, above {bound}); check which option is marked right",
        "ru": "вероятно, ошибка в ключе: те, кто лучше справился с остальным тестом, ошибались"
        " здесь чаще (различающая сила {value} при {n} ответах) и дружно выбирали {option}"
        " (его различающая сила {rival}, выше {bound}); проверьте, какой вариант отмечен"
        " верным",
    },
    "results.why_wrong_key": {
        "en": "likely wrong key: students who did better on the rest of the quiz missed it more"
        " often (discrimination {value} on {n} answers, below {bound}); check which option is"
        " marked right",
        "ru": "вероятно, ошибка в ключе: те, кто лучше справился с остальным тестом, ошибались"
        " здесь чаще (различающая сила {value} при {n} ответах, ниже {bound}); проверьте,"
        " какой вариант отмечен верным",
    },
    "results.chosen": {"en": "Times chosen", "ru": "Сколько раз выбран"},
    "results.unanswered": {"en": "Left unanswered {n} times.", "ru": "Без ответа: {n}."},
}


def text(key: str, lang: str, **values: object) -> str:
    """The interface text for `key` in `lang` (English when the language is not offered), its
    placeholders filled from `values` (`str.format`, so `{limit:,}` may carry a format spec)."""
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
