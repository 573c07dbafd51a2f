"""Interface text of the quiz and teacher pages, in every language the app speaks.

Kept beside `strings.py` (the study pages' text) with the same rules: pages ask `qt(key)`, every
key exists in every language with the same placeholders, and the tests check both.
"""

from __future__ import annotations

from app_pages.strings import LANGUAGES

QUIZ_TEXTS: dict[str, dict[str, str]] = {
    # Navigation
    "nav.quiz": {"en": "Take a quiz", "ru": "Пройти тест"},
    "nav.teacher_quizzes": {"en": "Teacher: quizzes", "ru": "Учитель: тесты"},
    "nav.teacher_results": {"en": "Teacher: results", "ru": "Учитель: результаты"},
    # Shared
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
    "kind.multiple_choice": {"en": "Multiple choice", "ru": "Выбор ответа"},
    "kind.true_false": {"en": "True or false", "ru": "Верно или неверно"},
    "kind.sources_differ": {"en": "Where sources differ", "ru": "Расхождения источников"},
    "kind.typed": {"en": "Typed answer", "ru": "Ввод ответа"},
    "kind.cloze": {"en": "Fill in the blank", "ru": "Заполнить пропуск"},
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
    "quiz.name_needed": {
        "en": "Type your name as your teacher knows it.",
        "ru": "Введите своё имя так, как его знает учитель.",
    },
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
        "en": "Time is up at {time} (about {minutes} min left).",
        "ru": "Время истекает в {time} (осталось около {minutes} мин).",
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
    "teacher.no_decks": {
        "en": "No deck could be loaded: see the Decks page.",
        "ru": "Не удалось загрузить ни одной колоды: см. страницу «Колоды».",
    },
    "teacher.no_deck": {
        "en": "The deck '{deck}' is not available: see the Decks page.",
        "ru": "Колода «{deck}» недоступна: см. страницу «Колоды».",
    },
    "teacher.deck": {"en": "Deck", "ru": "Колода"},
    "teacher.language": {"en": "Language of the questions", "ru": "Язык вопросов"},
    "teacher.quiz_title": {"en": "Title", "ru": "Название"},
    "teacher.topics": {"en": "Topics", "ru": "Темы"},
    "teacher.all_topics": {"en": "All topics", "ru": "Все темы"},
    "teacher.kinds": {"en": "Question kinds", "ru": "Виды вопросов"},
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
    "teacher.yaml_problems": {
        "en": "The quiz spec has problems:",
        "ru": "В описании теста есть ошибки:",
    },
    "teacher.create_from_yaml": {"en": "Create this quiz", "ru": "Создать этот тест"},
    "teacher.download_yaml": {"en": "Download YAML", "ru": "Скачать YAML"},
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
        " (-1 to 1; below 0.2 is weak). Flags need at least 5 finished attempts.",
        "ru": "Лёгкость: доля набранных баллов (от 0 до 1). Различающая сила: насколько вопрос"
        " отделяет тех, кто хорошо справился с остальным тестом, от остальных (от -1 до 1;"
        " ниже 0,2 — слабо). Пометки — при 5 и более завершённых попытках.",
    },
    "results.item": {"en": "Question", "ru": "Вопрос"},
    "results.facility": {"en": "facility", "ru": "лёгкость"},
    "results.discrimination": {"en": "discrimination", "ru": "различающая сила"},
    "results.flagged": {"en": "Flagged items: {n}", "ru": "Помеченные вопросы: {n}"},
    "results.chosen": {"en": "Times chosen", "ru": "Сколько раз выбран"},
    "results.unanswered": {"en": "Left unanswered {n} times.", "ru": "Без ответа: {n}."},
}


def quiz_text(key: str, lang: str, **values: object) -> str:
    entry = QUIZ_TEXTS[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template


__all__ = ["LANGUAGES", "QUIZ_TEXTS", "quiz_text"]
