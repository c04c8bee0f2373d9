"""What the app remembers between runs: window geometry, the last district, recent databases.

Declared once here, typed (Picard's options.py is the model), and kept apart from the district's
own settings, which live in the database. Always an INI file, so that tests can point Qt's user
scope at a temporary folder (`QSettings.setPath`) and never touch the user's real settings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Beatwalk"
APPLICATION = "Beatwalk"
MAX_RECENT = 8


class AppSettings:
    def __init__(self) -> None:
        self._store = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    @property
    def geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    def last_district(self, database: str) -> str | None:
        """The district last shown from this database (each database has its own districts)."""
        value = self._store.value(f"last_district/{_key(database)}")
        return value if isinstance(value, str) else None

    def set_last_district(self, database: str, name: str) -> None:
        self._store.setValue(f"last_district/{_key(database)}", name)

    @property
    def recent_databases(self) -> list[str]:
        value = self._store.value("recent_databases")
        if isinstance(value, str):  # QSettings gives a one-item list back as a plain string
            return [value]
        return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []

    def add_recent_database(self, url: str) -> None:
        recent = [url, *(item for item in self.recent_databases if item != url)][:MAX_RECENT]
        self._store.setValue("recent_databases", recent)

    def sync(self) -> None:
        self._store.sync()


def _key(database: str) -> str:
    """A settings key for a database URL: QSettings reads '/' as a group separator."""
    return database.replace("/", "|").replace("\\", "|")
