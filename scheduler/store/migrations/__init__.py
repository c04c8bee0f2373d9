"""Alembic migrations of the department database, shipped inside the package (see database.py)."""
