"""Teacher-set quizzes: specs, join and resume codes, attempts on the server's clock, grading,
item analysis, and the service that keeps it all in the Factdeck database.

    spec = QuizSpec(title="Dairen", deck="far-east-1920-1925", lang="en", count=10)
    classroom = Classroom.open()                       # FACTDECK_DATABASE_URL or the default
    quiz = classroom.create_quiz(spec, candidates(spec, bank), now)
    joined = classroom.join(quiz.join_code, "Ann", "", now)
    classroom.answer(joined.resume_code, 0, 2, now)    # committed before it returns

Nothing here knows about widgets: pages pass the clock in and get plain dataclasses back.
"""

from classroom.errors import (
    AnswerRefused,
    AttemptNotFound,
    ClassroomError,
    DatabaseBusy,
    NameRefused,
    NoAttemptsLeft,
    QuizLocked,
    QuizNotFound,
    QuizNotOpen,
    SpecError,
    TeacherPasswordMissing,
    Throttled,
    WrongPassword,
)
from classroom.selection import PaperItem, arrange, candidates, resolve
from classroom.service import Classroom
from classroom.spec import QUIZ_KINDS, QuizSpec, ReviewPolicy, Selection
from classroom.views import AttemptStatus, AttemptView, ItemView, Joined, QuizResults, Saved

__all__ = [
    "QUIZ_KINDS",
    "AnswerRefused",
    "AttemptNotFound",
    "AttemptStatus",
    "AttemptView",
    "Classroom",
    "ClassroomError",
    "DatabaseBusy",
    "ItemView",
    "Joined",
    "NameRefused",
    "NoAttemptsLeft",
    "PaperItem",
    "QuizLocked",
    "QuizNotFound",
    "QuizNotOpen",
    "QuizResults",
    "QuizSpec",
    "ReviewPolicy",
    "Saved",
    "Selection",
    "SpecError",
    "TeacherPasswordMissing",
    "Throttled",
    "WrongPassword",
    "arrange",
    "candidates",
    "resolve",
]
