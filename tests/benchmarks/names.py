"""Names for synthetic rosters, in the scripts a real department's roster holds (Latin with
diacritics, Greek, Cyrillic), with the ASCII form an email address gets."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Culture:
    """Names of one language, space-separated; a name outside Latin script is written
    `native:ascii`, the ASCII form going into the email address."""

    weight: int
    women: str
    men: str
    family: str  # the men's form where a language has two
    family_women: str = ""


CULTURES = (
    Culture(
        34,
        "Emily Sarah Jessica Ashley Megan Rachel Laura Keisha Brittany Amanda Nicole Heather Tamika "
        "Kimberly Lauren Danielle",
        "James Michael Robert David Daniel Kevin Brian Ryan Tyrone Sean Christopher Matthew Joshua "
        "Andrew Justin Marcus Eric Jason Patrick",
        "Smith Johnson Williams Brown Jones Davis Wilson Taylor Jackson Harris Walker O'Brien "
        "Washington McAllister Murphy Robinson",
    ),
    Culture(
        16,
        "María Lucía Sofía Ana Camila Verónica Gabriela",
        "José Carlos Andrés Javier Diego Luis Ramón",
        "García Rodríguez Martínez Hernández López González Pérez Núñez Ramírez",
    ),
    Culture(6, "Linh Thảo Hương Mai Ngọc", "Minh Tuấn Dũng Quang Huy", "Nguyễn Trần Lê Phạm Võ Đặng"),
    Culture(
        6,
        "Ayşe Elif Zeynep Gül Özlem",
        "Mehmet Mustafa Emre Can Barış",  # noqa: RUF001 (Turkish dotless i)
        "Yılmaz Kaya Demir Şahin Çelik Öztürk",  # noqa: RUF001
    ),
    Culture(
        6,
        "Anna Katrin Sabine Jördis Lena",
        "Jürgen Lukas Stefan Matthias Jörg",
        "Müller Schmidt Schäfer Weiß Becker Köhler",
    ),
    Culture(
        5,
        "Анна:anna Ольга:olga Наталья:natalya Екатерина:ekaterina",
        "Сергей:sergey Алексей:alexey Дмитрий:dmitry Иван:ivan",
        "Иванов:ivanov Петров:petrov Смирнов:smirnov Соколов:sokolov",
        "Иванова:ivanova Петрова:petrova Смирнова:smirnova Соколова:sokolova",
    ),
    Culture(
        4,
        "Μαρία:maria Ελένη:eleni Κατερίνα:katerina Σοφία:sofia",
        "Γιώργος:giorgos Νίκος:nikos Δημήτρης:dimitris Κώστας:kostas",
        "Παπαδόπουλος:papadopoulos Οικονόμου:oikonomou Γεωργίου:georgiou",
        "Παπαδοπούλου:papadopoulou Οικονόμου:oikonomou Γεωργίου:georgiou",
    ),
    Culture(
        4,
        "Agnieszka Małgorzata Joanna Zofia",
        "Łukasz Paweł Krzysztof Tomasz",
        "Kowalski Wiśniewski Wójcik Zieliński",
        "Kowalska Wiśniewska Wójcik Zielińska",
    ),
)
ASCII_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss"})  # noqa: RUF001


def _spelling(name: str) -> tuple[str, str]:
    """(name as printed, lower-case ASCII form for an email address)."""
    native, _, ascii_form = name.partition(":")
    if not ascii_form:
        decomposed = unicodedata.normalize("NFKD", native.translate(ASCII_LETTERS))
        ascii_form = "".join(c for c in decomposed if c.isascii() and c.isalpha())
    return native, ascii_form.lower()


def random_name(rng: random.Random, female: bool) -> tuple[str, str, str]:
    """(full name, first name in ASCII, family name in ASCII), both names from one culture."""
    culture = rng.choices(CULTURES, weights=[c.weight for c in CULTURES])[0]
    first, first_ascii = _spelling(rng.choice((culture.women if female else culture.men).split()))
    family = culture.family_women if female and culture.family_women else culture.family
    last, last_ascii = _spelling(rng.choice(family.split()))
    return f"{first} {last}", first_ascii, last_ascii
