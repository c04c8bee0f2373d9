"""One file per schema revision; Alembic reads them by path."""
