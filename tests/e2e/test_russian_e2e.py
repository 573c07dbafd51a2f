"""End to end in Debian's Chromium: with the Russian interface, every page (a learner's, a
student's taking a quiz, a signed-in teacher's) shows no English interface text. The walk
compares each visible line with the English entries of the string table that Russian words
differently."""

import re

import pytest
from browser import chromium, set_quiz, settled
from playwright.sync_api import Page, expect, sync_playwright
from streamlit_server import fresh_app

from app_pages.strings import TEXTS

PASSWORD = "e2e teacher password"
LEARNER_PAGES = ("Главная", "Сегодня", "Учить", "Практика", "Обзор", "Статистика", "Колоды")
LEARNER_PAGES += ("Экспорт", "Настройки", "Пройти тест")
TEACHER_PAGES = ("Тесты", "Код на экран", "Результаты")


def english_patterns() -> list[re.Pattern[str]]:
    """One pattern per English entry whose Russian differs, matching a whole line: the fixed
    words as written (Markdown stars dropped), each placeholder as any text. Entries with
    fewer than four letters of their own (a bare "{n}") say nothing about the language."""
    patterns = []
    for entry in TEXTS.values():
        english = entry["en"].replace("**", "")
        if english == entry["ru"].replace("**", ""):
            continue
        for line in english.split("\n"):
            parts = re.split(r"\{[^}]*\}", line.strip())
            if sum(ch.isalpha() for ch in "".join(parts)) < 4:
                continue
            patterns.append(re.compile("^" + ".+".join(map(re.escape, parts)) + "$"))
    return patterns


ENGLISH = english_patterns()


def english_lines(page: Page) -> list[str]:
    shown = page.locator("body").inner_text().split("\n")
    lines = {line.strip() for line in shown if line.strip()}
    return sorted(line for line in lines if any(p.match(line) for p in ENGLISH))


def visit(page: Page, link: str, seen: dict[str, list[str]]) -> None:
    page.get_by_role("link", name=link, exact=True).click()
    expect(page.get_by_role("link", name=link, exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    settled(page)
    page.wait_for_timeout(500)
    settled(page)
    seen[link] = english_lines(page)


@pytest.fixture
def served(tmp_path):
    with fresh_app(tmp_path, {"FACTDECK_TEACHER_PASSWORD": PASSWORD}) as app:
        yield app


def test_every_page_in_russian_shows_no_english_interface_text(served):
    base, database_url = served
    code = set_quiz(database_url, "Дайрен", count=3, lang="ru")
    seen: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        # A browser that prefers Russian opens the app in Russian before any learner exists.
        learner = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow").new_page()
        learner.set_default_timeout(30_000)
        learner.goto(base)
        expect(learner.get_by_role("button", name="Начать занятия")).to_be_visible()
        seen["first visit"] = english_lines(learner)
        learner.get_by_label("Ваше имя").fill("Ева")
        learner.get_by_role("button", name="Начать занятия").click()
        expect(learner.get_by_role("link", name="Учить", exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        for link in LEARNER_PAGES:
            visit(learner, link, seen)

        # A student follows the join link in a fresh tab: joins, answers nothing, hands in.
        student = browser.new_context(locale="ru-RU").new_page()
        student.set_default_timeout(30_000)
        student.goto(f"{base}/quiz?join={code}")
        student.get_by_label("Ваше имя").fill("Борис")
        student.get_by_role("button", name="Далее").click()
        expect(student.get_by_role("button", name="Начать тест")).to_be_visible()
        seen["quiz rules"] = english_lines(student)
        student.get_by_role("button", name="Начать тест").click()
        expect(student.get_by_role("button", name="Сдать")).to_be_visible()
        settled(student)
        seen["quiz"] = english_lines(student)
        student.get_by_role("button", name="Сдать").click()
        student.get_by_role("button", name="Да, сдать").click()
        expect(student.get_by_text(re.compile(r"^Сдано в"))).to_be_visible()
        seen["quiz handed in"] = english_lines(student)

        # The teacher, in the same Russian session as the learner.
        learner.get_by_role("link", name="Вход для учителя").click()
        learner.get_by_label("Пароль учителя").fill(PASSWORD)
        learner.get_by_role("button", name="Войти").click()
        expect(learner.get_by_role("link", name="Результаты")).to_be_visible()
        for link in TEACHER_PAGES:
            visit(learner, link, seen)
        browser.close()
    assert {page: lines for page, lines in seen.items() if lines} == {}
    assert len(seen) == len(LEARNER_PAGES) + len(TEACHER_PAGES) + 4
