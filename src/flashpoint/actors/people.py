"""People with dated roles (people.tsv): the event's date decides whether a leader is in office.

    name  aliases  actor  role  start  end  note
One row per term of office. `actor` is an ISO-3166 alpha-3 code or an organisation code (IGOUNO).
`role` is HOS (head of state), HOG (head of government), FM (foreign minister), DM (defence
minister), or LDR (leader of an organisation). `end` is empty while the person is in office.
In office on the date -> sector GOV; out of office after a term -> ELI (former leader); before the
first term -> the country alone.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from flashpoint.actors.lexicon import norm, read_rows
from flashpoint.errors import LexiconError

ROLES = frozenset({"HOS", "HOG", "FM", "DM", "LDR"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ACTOR = re.compile(r"^[A-Z]{3}[A-Z0-9]*$")
FILE = "people.tsv"


@dataclass(frozen=True)
class Role:
    actor: str
    role: str
    start: str
    end: str | None
    source: str

    def active(self, date: str) -> bool:
        return self.start <= date and (self.end is None or date < self.end)


@dataclass
class Person:
    name: str
    roles: list[Role] = field(default_factory=list)

    def at(self, date: str) -> tuple[Role, str | None]:
        """The role that explains the person on `date` and the sector it implies (GOV, ELI or None)."""
        active = [r for r in self.roles if r.active(date)]
        if active:
            return min(active, key=lambda r: ("HOS", "HOG", "LDR", "FM", "DM").index(r.role)), "GOV"
        past = [r for r in self.roles if r.end is not None and r.end <= date]
        if past:
            return max(past, key=lambda r: r.end or ""), "ELI"
        return min(self.roles, key=lambda r: r.start), None


def today() -> str:
    return dt.date.today().isoformat()


def event_date(date: str | None) -> str:
    """ISO date (YYYY-MM-DD) from an ISO date/datetime string; today when absent or unreadable."""
    if date and re.match(r"^\d{4}-\d{2}-\d{2}", date):
        return date[:10]
    if date and re.match(r"^\d{4}$", date):
        return f"{date}-07-01"
    return today()


def _validate(n: int, cols: list[str]) -> None:
    name, _, actor, role, start, end = cols[:6]
    why = None
    if not name:
        why = "empty name"
    elif not _ACTOR.match(actor):
        why = f"bad actor code {actor!r}"
    elif role not in ROLES:
        why = f"unknown role {role!r} (expected one of {sorted(ROLES)})"
    elif not _DATE.match(start) or (end and not _DATE.match(end)):
        why = f"dates must be YYYY-MM-DD, got {start!r} / {end!r}"
    elif end and end < start:
        why = f"term ends ({end}) before it starts ({start})"
    if why:
        raise LexiconError(f"{FILE} line {n}: {why}")


class PeopleIndex:
    """Name phrase -> Person, from people.tsv.

    A name listed for two people of the same country (a family name: "Assad", "Bush") maps to a
    merged person holding all their terms, so it gives the country and, on a date, GOV/ELI from
    whoever of them held office. A name shared by people of different countries is an error.
    """

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.names: dict[str, Person] = {}
        claims: dict[str, list[tuple[int, Person]]] = {}
        for n, cols in read_rows(FILE, 6):
            if cols[0] == "name":
                continue
            _validate(n, cols)
            person = self.people.setdefault(cols[0], Person(cols[0]))
            person.roles.append(Role(cols[2], cols[3], cols[4], cols[5] or None, f"{FILE}:{n}"))
            for phrase in [cols[0], *[a for a in cols[1].split("|") if a]]:
                owners = claims.setdefault(norm(phrase), [])
                if all(p is not person for _, p in owners):
                    owners.append((n, person))
        for phrase, owners in claims.items():
            self.names[phrase] = owners[0][1] if len(owners) == 1 else self._family(phrase, owners)

    @staticmethod
    def _family(phrase: str, owners: list[tuple[int, Person]]) -> Person:
        countries = {r.actor for _, p in owners for r in p.roles}
        if len(countries) != 1:
            n, p = owners[-1]
            raise LexiconError(f"{FILE} line {n}: name {phrase!r} already used for {owners[0][1].name} "
                               f"(a shared name must belong to people of one country, got {sorted(countries)})")
        return Person(f"{phrase} ({' / '.join(p.name for _, p in owners)})",
                      [r for _, p in owners for r in p.roles])

    def lookup(self, phrase: str) -> Person | None:
        return self.names.get(norm(phrase))

    def fuzzy(self, phrase: str, roles: frozenset[str]) -> tuple[Person, str] | None:
        """A misspelt name after a title ("President Bouteflicka"): the one person holding one of
        `roles` whose name is a close spelling (same first letter, similarity >= 0.88), else None."""
        key = norm(phrase)
        if len(key) < 6:
            return None
        pool = [k for k, p in self.names.items() if k[:1] == key[:1] and abs(len(k) - len(key)) <= 2
                and any(r.role in roles for r in p.roles)]
        close = difflib.get_close_matches(key, pool, n=3, cutoff=0.88)
        found = {id(self.names[k]): (self.names[k], k) for k in close}
        return next(iter(found.values())) if len(found) == 1 else None
