"""Alembic migrations, shipped inside the package and applied when a database is opened."""

# The newest revision; tests check it equals Alembic's head so a new migration cannot be forgotten here.
HEAD_REVISION = "0010"
