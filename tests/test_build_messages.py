"""Build errors and warnings name their file and record; status and history agree by rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SEED_ID, append_record, build_problems

from oic_tui.corpus.extensions import STATUS_RULE
from oic_tui.corpus.folder import compile_corpus

ENTITIES = "annotations/entities.toml"
INITIATIVES = "annotations/initiatives.toml"
FACTS = f"documents/{SEED_ID}/facts.toml"
EVENTS = f"documents/{SEED_ID}/events.toml"
STEPS = f"documents/{SEED_ID}/steps.toml"
# Verbatim in the seed article, with the verb of the status "held".
HELD = "Mr. A.Musinov held bilateral meetings"
# A range starting after the IOFS record's own step (within 27-28 May 2015).
LATER = 'date = "2015-05-28"\ndate_end = "2015-05-29"\nprecision = "within"\n'


def write_steps(data: Path, *rows: str) -> None:
    """A steps.toml of `kind = "step"` rows in the seed document's folder (TEST DATA)."""
    body = "".join(f"\n[[record]]\n{row}" for row in rows)
    (data / STEPS).write_text(f'# TEST DATA\nkind = "step"\n{body}', encoding="utf-8")


def step(initiative: str, status: str, quote: str = HELD, extra: str = "") -> str:
    return f'initiative = "{initiative}"\nstatus = "{status}"\nquote = "{quote}"\n{extra}'


def status_of(data: Path, record_id: str) -> str:
    records = compile_corpus(data).store["records"].values()
    (record,) = [r for r in records if r["id"] == record_id]
    return str(record["status"])


def test_a_bad_status_names_its_file_and_record(data_copy: Path) -> None:
    append_record(
        data_copy,
        "initiatives",
        '[[record]]\nid = "initiative.test"\ntitle = "T"\ntext = "T."\nstatus = "bogus"\n'
        f'quotes = ["{HELD}"]\n',
    )
    (problem,) = build_problems(data_copy)
    assert problem.startswith(f"{INITIATIVES}: initiative initiative.test: status 'bogus' is not")


def test_a_quote_not_verbatim_names_its_file_and_record(data_copy: Path) -> None:
    append_record(
        data_copy,
        "facts",
        '[[record]]\nid = "fact.test"\ntitle = "T"\ntext = "T."\nquotes = ["not in the article"]\n',
    )
    assert build_problems(data_copy) == [
        f"{FACTS}: fact fact.test quote 1: quote is not verbatim in document {SEED_ID}: "
        "'not in the article'"
    ]


def test_an_unscoped_alias_names_its_file_and_record(data_copy: Path) -> None:
    append_record(
        data_copy,
        "entities",
        '[[record]]\nid = "entity.test"\ntitle = "T"\ntext = "T."\ntype = "organisation"\n'
        'quotes = ["this universal organization"]\naliases = ["this universal organization"]\n',
    )
    (problem,) = build_problems(data_copy)
    assert problem.startswith(f"{ENTITIES}: entity entity.test: alias 'this universal organ")


def test_a_step_with_a_bad_status_names_its_file_initiative_document_and_status(
    data_copy: Path,
) -> None:
    write_steps(data_copy, step("initiative.iofs", "bogus"))
    (problem,) = build_problems(data_copy)
    assert problem.startswith(
        f"{STEPS}: initiative.iofs step ({SEED_ID}, bogus): status 'bogus' is not one of "
    )


def test_a_step_of_an_unknown_initiative_names_its_file_and_step(data_copy: Path) -> None:
    write_steps(data_copy, step("initiative.nowhere", "held"))
    assert build_problems(data_copy) == [
        f"{STEPS}: initiative.nowhere step ({SEED_ID}, held): initiative must name an "
        "initiative of the corpus, not 'initiative.nowhere'"
    ]


def test_a_step_quote_not_verbatim_names_the_step(data_copy: Path) -> None:
    write_steps(data_copy, step("initiative.iofs", "held", quote="held nothing at all"))
    (problem,) = build_problems(data_copy)
    assert problem.startswith(f"{STEPS}: initiative.iofs step ({SEED_ID}, held) quote: ")


def test_a_step_whose_date_is_not_in_its_quote_names_the_step(data_copy: Path) -> None:
    write_steps(
        data_copy, step("initiative.iofs", "held", extra='date = "2016"\nprecision = "year"')
    )
    assert build_problems(data_copy) == [
        f"{STEPS}: initiative.iofs step ({SEED_ID}, held): precision 'year' needs 2016 in a quote"
    ]


def test_an_undated_step_never_sets_the_status(data_copy: Path) -> None:
    # The IOFS's only dated step says "supported in the resolutions"; the undated one comes
    # last in its history but cannot say it is the latest.
    write_steps(data_copy, step("initiative.iofs", "held"))
    assert status_of(data_copy, "initiative.iofs") == "supported in the resolutions"


def test_a_records_own_status_stands_beside_undated_steps(data_copy: Path) -> None:
    write_steps(data_copy, step("initiative.vision", "held"))
    assert status_of(data_copy, "initiative.vision") == "vision presented"


def test_the_latest_dated_step_sets_the_status(data_copy: Path) -> None:
    write_steps(data_copy, step("initiative.iofs", "held", extra=LATER))
    assert status_of(data_copy, "initiative.iofs") == "held"


def test_a_draft_step_never_sets_the_status(data_copy: Path) -> None:
    write_steps(data_copy, step("initiative.iofs", "held", extra=LATER + "draft = true\n"))
    assert status_of(data_copy, "initiative.iofs") == "supported in the resolutions"


def test_a_step_contradicting_the_records_own_status_is_a_problem_of_the_step(
    data_copy: Path,
) -> None:
    write_steps(data_copy, step("initiative.vision", "held", extra=LATER))
    assert build_problems(data_copy) == [
        f"{STEPS}: initiative.vision step ({SEED_ID}, held): status 'held' is the latest dated "
        "step of initiative.vision, whose own status is 'vision presented' "
        f"({INITIATIVES}): {STATUS_RULE}"
    ]


def test_the_records_own_status_agreeing_with_its_latest_step_stands(data_copy: Path) -> None:
    write_steps(
        data_copy,
        step(
            "initiative.vision",
            "vision presented",
            quote="Mr. A. Musinov presented Kazakhstan's vision",
            extra=LATER,
        ),
    )
    assert status_of(data_copy, "initiative.vision") == "vision presented"


def test_a_draft_records_warnings_name_its_file_and_record(data_copy: Path) -> None:
    append_record(
        data_copy,
        "events",
        '[[record]]\nid = "event.test"\ntitle = "T"\ntext = "T."\nphase = "session"\n'
        f'date = "2016"\nprecision = "year"\nquotes = ["{HELD}"]\ndraft = true\n',
    )
    warnings = compile_corpus(data_copy).warnings
    assert f"{EVENTS}: draft event event.test: precision 'year' needs 2016 in a quote" in warnings


@pytest.mark.parametrize(
    ("block", "wanted"),
    [
        (
            'related = ["fact.nowhere"]\n',
            f"{FACTS}: fact fact.test: related -> fact.nowhere dangles",
        ),
        ('entities = ["fact.members"]\n', f"{FACTS}: fact fact.test: entities -> fact.members is"),
    ],
)
def test_link_problems_name_their_file_and_record(data_copy: Path, block: str, wanted: str) -> None:
    append_record(
        data_copy,
        "facts",
        f'[[record]]\nid = "fact.test"\ntitle = "T"\ntext = "T."\nquotes = ["{HELD}"]\n{block}',
    )
    (problem,) = build_problems(data_copy)
    assert problem.startswith(wanted)


def test_every_problem_starts_with_a_file(data_copy: Path) -> None:
    write_steps(
        data_copy,
        step("initiative.nowhere", "held"),
        step("initiative.iofs", "bogus", extra='date = "May 2015"\nprecision = "month"'),
        'initiative = "initiative.iofs"\nquote = "Astana"\n',
    )
    problems = build_problems(data_copy)
    assert len(problems) >= 3
    assert all(p.startswith(f"{STEPS}: initiative.") for p in problems), problems
