"""Alembic environment: migrations run on the connection `study.database` hands over.

There is no alembic.ini: Factdeck upgrades its database itself when it opens it.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
