"""Accounts of a school server: who may sign in, with which role, owning which learner's progress.

A personal Factdeck has no accounts: whoever opens it on their own computer studies as the
learner they pick. A school server (`factdeck serve --server`, `accounts.mode`) lets each learner
see only their own progress, so everyone signs in: `accounts.service` keeps the accounts in the
study database and checks passwords (`accounts.passwords`) under the database-counted limits of
`classroom.throttle`; `accounts.identity` maps a school identity provider's email to an account.
"""
