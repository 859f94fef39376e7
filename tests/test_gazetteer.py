"""The gazetteer shipped with the package: it loads, names its sources, holds valid terms."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from importlib import resources
from pathlib import Path

from oic_tui.ingest.gazetteer import DATA, gazetteer

_BOUND = re.compile(r"\d{4}(-\d{2}-\d{2})?")


def test_it_loads_from_the_package_and_ships_in_the_wheel() -> None:
    assert resources.files("oic_tui.ingest").joinpath(DATA).is_file()
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
    # Hatch puts every file under a listed package into the wheel, data included.
    assert "oic_tui" in project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert len(gazetteer()) > 100


def test_every_entry_names_a_public_source_and_a_type() -> None:
    for entry in gazetteer().values():
        assert entry.source and "." in entry.source, entry.id
        assert entry.type in {"country", "city", "region", "organisation", "person"}, entry.id
        assert entry.names and entry.title == entry.names[0]


def test_ids_are_unique_and_no_name_names_two_entries() -> None:
    entries = gazetteer()
    assert all(entry_id.startswith("entity.") for entry_id in entries)
    names = Counter(n for e in entries.values() for n in e.names)
    assert [n for n, count in names.items() if count > 1] == []


def test_the_oic_has_57_members_and_terms_are_valid_dates() -> None:
    members = [e for e in gazetteer().values() if e.text.startswith("A member state of the Org")]
    assert len(members) == 57
    for entry in gazetteer().values():
        for term in entry.terms:
            assert _BOUND.fullmatch(term.start), entry.id
            assert not term.until or _BOUND.fullmatch(term.until), entry.id
            assert not term.until or term.start[:4] <= term.until[:4], entry.id


def test_office_holders_carry_their_terms() -> None:
    tokayev = gazetteer()["entity.kassym-jomart-tokayev"]
    assert tokayev.terms[0].covers("2020-01-01") and not tokayev.terms[0].covers("2018")
    assert gazetteer()["entity.kairat-abdrakhmanov"].terms[0].covers("2017-05")
    assert "Nur-Sultan" in gazetteer()["entity.astana"].names


def test_a_dated_name_the_corpus_lacks_is_noted_with_its_scope() -> None:
    from oic_tui.ingest.drafts import draft_annotations
    from oic_tui.store.mentions import AliasIndex

    # TEST DATA: a fictional sentence naming the capital by its 2019-2022 name.
    index = AliasIndex([("c.astana", ["Astana"])])
    body = draft_annotations("d", "Talks in Nur-Sultan ended.", "2019-05-06", index)
    note = body.files["entities.toml"]
    assert '#   { name = "Nur-Sultan", from = "2019-03-23", until = "2022-09-17" }' in note
