"""Question banks generated from a deck's facts: kinds, distractors, ids, grading, the gate.

from questions import build_bank, check
bank = build_bank(deck, seed=0)       # pure and deterministic
assert check(bank) == []              # the quality gate
"""

from questions.bank import QuestionBank, build_bank
from questions.errors import QuestionError
from questions.gate import Violation, check
from questions.model import Cited, Kind, Question, question_id

__all__ = [
    "Cited",
    "Kind",
    "Question",
    "QuestionBank",
    "QuestionError",
    "Violation",
    "build_bank",
    "check",
    "question_id",
]
