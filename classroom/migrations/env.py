"""Alembic environment for the classroom tables, run on the connection `classroom.database`
hands over. Its own version table keeps it apart from study's migrations in the same database.
"""

from alembic import context

from classroom.database import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True, version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
