"""The actor data files load, are consistent, and bad rows fail with file and line."""

from __future__ import annotations

import pytest

from flashpoint.actors import lexicon, people
from flashpoint.actors.lexicon import ActorDictionary
from flashpoint.actors.people import PeopleIndex
from flashpoint.errors import LexiconError


def test_every_iso_country_has_a_name() -> None:
    import pycountry

    d = ActorDictionary()
    assert {c.alpha_3 for c in pycountry.countries} <= set(d.country_names)


def test_generated_table_has_no_constituent_country_quirk() -> None:
    d = ActorDictionary()
    assert d.lookup("united kingdom").country == "GBR"  # type: ignore[union-attr]
    gbr = [line for _, line in lexicon.read_rows("countries.tsv", 6) if line[0] == "GBR"][0]
    assert "Wales" not in gbr[2].split("|") and gbr[3] == "British"


def test_people_terms_are_ordered_and_validated() -> None:
    idx = PeopleIndex()
    putin = idx.lookup("Vladimir Putin")
    assert putin is not None and len(putin.roles) >= 3
    assert putin.at("2010-01-01")[0].role == "HOG" and putin.at("2010-01-01")[1] == "GOV"
    assert idx.lookup("Putin") is putin


def test_bad_row_names_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [(7, ["Someone", "", "RUS", "KING", "2000-01-01", "", ""])]
    monkeypatch.setattr(people, "read_rows", lambda name, n: rows)
    with pytest.raises(LexiconError, match=r"people.tsv line 7: unknown role"):
        PeopleIndex()
    rows[0] = (9, ["Someone", "", "RUS", "HOS", "2000-01-01", "1999-01-01", ""])
    with pytest.raises(LexiconError, match=r"people.tsv line 9: term ends"):
        PeopleIndex()


def test_bad_alias_kind_names_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    real = lexicon.read_rows

    def fake(name: str, n: int) -> list[tuple[int, list[str]]]:
        if name == "aliases.tsv":
            return [(12, ["atlantis", "ATL", "", "", "continent"])]
        return real(name, n)

    monkeypatch.setattr(lexicon, "read_rows", fake)
    with pytest.raises(LexiconError, match=r"aliases.tsv line 12: unknown kind"):
        ActorDictionary()


def test_event_date_defaults_to_today() -> None:
    assert people.event_date(None) == people.today()
    assert people.event_date("2019-06-01T10:00:00Z") == "2019-06-01"
