"""Exporters: the question bank written out for other tools (Anki, spreadsheets, ...).

Each exporter maps `questions.model.Question` objects to its format and never builds or
grades questions itself; the shared selection, escaping and file handling live beside them.
"""
