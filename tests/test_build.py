"""Compiling data/annotations/*.toml: the committed store is a fresh build; errors name records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    ARTICLE_SHA256,
    SHIPPED_DOC_ID,
    STORE_JSON,
    VENV_BIN,
    annotation_path,
    append_record,
    build_problems,
    replace_once,
    run_subprocess,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.corpus.build import BuildError, BuildResult, serialise, serialised, write_store
from oic_tui.corpus.folder import compile_corpus
from oic_tui.store.reader import Store, data_dir


@pytest.fixture(scope="module")
def fresh() -> BuildResult:
    return compile_corpus(data_dir())


def records_by_id(store: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in store["records"].values()}


# --- the shipped annotations -------------------------------------------------------------------


def test_data_dir_is_the_repository_data_folder() -> None:
    assert data_dir() == STORE_JSON.parent


def test_shipped_build_covers_every_sentence(fresh: BuildResult) -> None:
    assert fresh.sentence_count == 22
    assert fresh.covered == 22
    assert fresh.uncovered == []
    assert fresh.coverage == 1.0


def test_committed_store_equals_a_fresh_build(fresh: BuildResult) -> None:
    assert serialise(fresh.store) == STORE_JSON.read_text(encoding="utf-8")


def test_build_layout(fresh: BuildResult) -> None:
    store = fresh.store
    assert set(store) == {"meta", "documents", "records"}
    assert store["meta"]["1"]["schema_version"] == 2
    document = store["documents"]["1"]
    assert document["id"] == SHIPPED_DOC_ID
    assert document["sha256"] == ARTICLE_SHA256
    assert len(document["sentences"]) == 22
    assert list(store["records"]) == [str(n) for n in range(1, len(store["records"]) + 1)]
    assert len(store["records"]) == 85


def test_build_is_deterministic() -> None:
    first = serialise(compile_corpus(data_dir()).store)
    second = serialise(compile_corpus(data_dir()).store)
    assert first == second


def test_related_links_are_symmetric(fresh: BuildResult) -> None:
    rows = records_by_id(fresh.store)
    pairs = [(row["id"], target) for row in rows.values() for target in row["related"]]
    assert len(pairs) > 20
    for source, target in pairs:
        assert source in rows[target]["related"], f"{target} does not link back to {source}"


def test_build_adds_the_back_link(data_copy: Path) -> None:
    append_record(
        data_copy,
        "facts",
        '[[record]]\nid = "fact.test"\ntitle = "T"\ntext = "T."\n'
        'quotes = ["with a total population of 1.5 billion people"]\n'
        'related = ["event.oic-founded"]\n',
    )
    rows = records_by_id(compile_corpus(data_copy).store)
    assert rows["fact.test"]["related"] == ["event.oic-founded"]
    assert rows["event.oic-founded"]["related"][-1] == "fact.test"


def test_quotes_become_verbatim_spans(fresh: BuildResult) -> None:
    text = fresh.store["documents"]["1"]["text"]
    rows = records_by_id(fresh.store)
    aral = rows["initiative.aral-sea"]["sources"]
    assert [s["quote"] for s in aral] == [
        "participants supported Kazakhstan's proposals relating to",
        "restoration of the Aral Sea region",
    ]
    for source in aral:
        assert source["doc"] == SHIPPED_DOC_ID
        assert text[source["start"] : source["end"]] == source["quote"]


def test_dates_are_normalised(fresh: BuildResult) -> None:
    rows = records_by_id(fresh.store)
    assert rows["event.session"]["date"] == {
        "start": "2015-05-27",
        "end": "2015-05-28",
        "precision": "day-range",
    }
    assert rows["event.kazakhstan-joins"]["date"] == {
        "start": "1995-12",
        "end": "1995-12",
        "precision": "month",
    }
    assert rows["event.iofs-general-assembly"]["date"] == {
        "start": "",
        "end": "",
        "precision": "undated",
    }
    assert rows["fact.founded"]["date"] is None


# --- build errors name the record at fault ------------------------------------------------------

_FACT = '[[record]]\nid = "{id}"\ntitle = "T"\ntext = "T."\n'


def test_non_verbatim_quote(data_copy: Path) -> None:
    replace_once(
        annotation_path(data_copy, "entities"),
        'quotes = ["was held on May 27-28, 2015 in Kuwait"]',
        'quotes = ["was held on 27-28 May 2015 in Kuwait"]',
    )
    problems = build_problems(data_copy)
    assert len(problems) == 1
    assert "entity.kuwait" in problems[0]
    assert "not verbatim" in problems[0]
    assert "27-28 May 2015" in problems[0]


def test_quote_with_other_case_is_not_verbatim(data_copy: Path) -> None:
    append_record(
        data_copy,
        "facts",
        _FACT.format(id="fact.test") + 'quotes = ["kazakhstan became oic member"]\n',
    )
    problems = build_problems(data_copy)
    assert len(problems) == 1 and "fact.test" in problems[0] and "not verbatim" in problems[0]


def test_ambiguous_quote(data_copy: Path) -> None:
    append_record(data_copy, "facts", _FACT.format(id="fact.test") + 'quotes = ["Astana"]\n')
    problems = build_problems(data_copy)
    assert len(problems) == 1
    assert "fact.test" in problems[0]
    assert "ambiguous (4 occurrences)" in problems[0]
    assert "nth" in problems[0]


def test_nth_resolves_an_ambiguous_quote(data_copy: Path) -> None:
    append_record(
        data_copy, "facts", _FACT.format(id="fact.test") + 'quotes = [{text = "Astana", nth = 2}]\n'
    )
    result = compile_corpus(data_copy)
    text = result.store["documents"]["1"]["text"]
    (source,) = records_by_id(result.store)["fact.test"]["sources"]
    second = text.index("Astana", text.index("Astana") + 1)
    assert (source["start"], source["end"], source["quote"]) == (second, second + 6, "Astana")
    assert source["start"] == 2939


def test_nth_out_of_range(data_copy: Path) -> None:
    append_record(
        data_copy, "facts", _FACT.format(id="fact.test") + 'quotes = [{text = "Astana", nth = 5}]\n'
    )
    problems = build_problems(data_copy)
    assert len(problems) == 1 and "fact.test" in problems[0] and "4 times" in problems[0]


def test_nth_zero_is_rejected(data_copy: Path) -> None:
    append_record(
        data_copy, "facts", _FACT.format(id="fact.test") + 'quotes = [{text = "Astana", nth = 0}]\n'
    )
    problems = build_problems(data_copy)
    assert len(problems) == 1 and "fact.test" in problems[0]


def test_nth_must_be_a_number(data_copy: Path) -> None:
    append_record(
        data_copy,
        "facts",
        _FACT.format(id="fact.test") + 'quotes = [{text = "Astana", nth = "2"}]\n',
    )
    problems = build_problems(data_copy)
    assert len(problems) == 1 and "fact.test" in problems[0]


def test_missing_quotes(data_copy: Path) -> None:
    append_record(data_copy, "facts", _FACT.format(id="fact.test") + "quotes = []\n")
    problems = build_problems(data_copy)
    assert problems == [
        f"documents/{SHIPPED_DOC_ID}/facts.toml: fact fact.test: "
        "at least one source quote is required"
    ]


def test_duplicate_id(data_copy: Path) -> None:
    append_record(
        data_copy,
        "entities",
        _FACT.format(id="entity.kuwait") + 'type = "country"\nquotes = ["56 member states"]\n',
    )
    problems = build_problems(data_copy)
    assert problems == [
        "annotations/entities.toml: entity entity.kuwait: duplicate id "
        "(also in annotations/entities.toml)"
    ]


def test_duplicate_id_across_files(data_copy: Path) -> None:
    append_record(
        data_copy, "facts", _FACT.format(id="topic.nuclear") + 'quotes = ["56 member states"]\n'
    )
    problems = build_problems(data_copy)
    assert problems[0] == (
        f"documents/{SHIPPED_DOC_ID}/facts.toml: fact topic.nuclear: duplicate id "
        f"(also in documents/{SHIPPED_DOC_ID}/topics.toml)"
    )


def test_dangling_link(data_copy: Path) -> None:
    replace_once(
        annotation_path(data_copy, "events"),
        'related = ["initiative.unsc-bid"]',
        'related = ["initiative.unsc-bid", "initiative.nowhere"]',
    )
    problems = build_problems(data_copy)
    assert len(problems) == 1
    assert "event.unsc-term" in problems[0]
    assert "initiative.nowhere" in problems[0]
    assert "dangles" in problems[0]


def test_entity_link_to_a_non_entity(data_copy: Path) -> None:
    append_record(
        data_copy,
        "facts",
        _FACT.format(id="fact.test")
        + 'quotes = ["56 member states"]\nentities = ["fact.members"]\n',
    )
    problems = build_problems(data_copy)
    assert len(problems) == 1
    assert "fact.test" in problems[0] and "fact.members" in problems[0]
    assert "not an entity" in problems[0]


def test_alias_not_in_the_article(data_copy: Path) -> None:
    replace_once(
        annotation_path(data_copy, "entities"),
        'aliases = ["Kuwait"]',
        'aliases = ["Kuwait", "State of Kuwait"]',
    )
    problems = build_problems(data_copy)
    assert len(problems) == 1
    assert "entity.kuwait" in problems[0]
    assert "'State of Kuwait'" in problems[0]


_EVENT = (
    '[[record]]\nid = "event.test"\ntitle = "T"\ntext = "T."\nphase = "context"\n'
    'quotes = ["56 member states"]\n'
)


@pytest.mark.parametrize(
    ("date_lines", "fragment"),
    [
        ('date = "1995-12"\nprecision = "day"\n', "does not match precision"),
        ('date = "1995"\nprecision = "month"\n', "does not match precision"),
        ('date = "12/1995"\nprecision = "month"\n', "does not match precision"),
        ('date = "1995-12"\nprecision = "weekly"\n', "precision must be one of"),
        ('date = "1995-12"\n', "precision must be one of"),
        ('date = "2017"\ndate_end = "2018"\nprecision = "year"\n', "does not fit"),
        ('date = "2017"\nprecision = "year-range"\n', "does not fit"),
        ('date = "2018"\ndate_end = "2017"\nprecision = "year-range"\n', "does not fit"),
    ],
)
def test_bad_date_or_precision(data_copy: Path, date_lines: str, fragment: str) -> None:
    append_record(data_copy, "events", _EVENT + date_lines)
    problems = build_problems(data_copy)
    assert len(problems) == 1
    assert "event.test" in problems[0]
    assert fragment in problems[0]


@pytest.mark.parametrize(
    "date_lines",
    ['date = "2015-13"\nprecision = "month"\n', 'date = "2015-02-30"\nprecision = "day"\n'],
)
def test_impossible_calendar_date(data_copy: Path, date_lines: str) -> None:
    append_record(data_copy, "events", _EVENT + date_lines)
    problems = build_problems(data_copy)
    assert len(problems) == 1 and "event.test" in problems[0]


def test_event_needs_a_phase(data_copy: Path) -> None:
    append_record(
        data_copy,
        "events",
        '[[record]]\nid = "event.test"\ntitle = "T"\ntext = "T."\nprecision = "undated"\n'
        'quotes = ["56 member states"]\nphase = "later"\n',
    )
    problems = build_problems(data_copy)
    assert len(problems) == 1 and "event.test" in problems[0] and "phase" in problems[0]


def test_required_fields(data_copy: Path) -> None:
    append_record(
        data_copy,
        "facts",
        '[[record]]\nid = "fact.test"\ntitle = "  "\nquotes = ["56 member states"]\n',
    )
    problems = build_problems(data_copy)
    assert sorted(problems) == [
        f"documents/{SHIPPED_DOC_ID}/facts.toml: fact fact.test: text is required",
        f"documents/{SHIPPED_DOC_ID}/facts.toml: fact fact.test: title is required",
    ]


def test_every_problem_is_reported_at_once(data_copy: Path) -> None:
    append_record(data_copy, "facts", _FACT.format(id="fact.one") + 'quotes = ["not in it"]\n')
    append_record(data_copy, "topics", _FACT.format(id="topic.two") + 'quotes = ["Astana"]\n')
    problems = build_problems(data_copy)
    assert len(problems) == 2
    assert any("fact.one" in p for p in problems) and any("topic.two" in p for p in problems)


def test_bad_toml_names_the_file(data_copy: Path) -> None:
    path = annotation_path(data_copy, "facts")
    path.write_text(path.read_text(encoding="utf-8") + "\n[[record]\n", encoding="utf-8")
    problems = build_problems(data_copy)
    assert problems[0].startswith(f"{path}: ")
    assert "Expected" in problems[0]


def test_whatever_builds_also_opens(data_copy: Path, tmp_path: Path) -> None:
    replace_once(
        annotation_path(data_copy, "entities"),
        'type = "country"\naliases = ["Kuwait"]',
        'type = 5\naliases = ["Kuwait"]',
    )
    try:
        result = compile_corpus(data_copy)
    except BuildError as error:
        assert any("entity.kuwait" in p for p in error.problems)
        return
    target = tmp_path / "out.json"
    write_store(result.store, target)
    assert Store.open(target).problems == []


# --- write_store and `oic-tui build` -------------------------------------------------------------


def test_write_store_is_atomic_and_leaves_no_temp_files(fresh: BuildResult, tmp_path: Path) -> None:
    target = tmp_path / "nested" / "store.json"
    target.parent.mkdir()  # a missing folder is refused, never made (issue #23)
    write_store(fresh.store, target)
    assert target.read_text(encoding="utf-8") == serialise(fresh.store)
    assert [p.name for p in target.parent.iterdir()] == ["store.json"]
    assert json.loads(target.read_text(encoding="utf-8"))["meta"]["1"]["schema_version"] == 2


def test_cli_build_writes_the_store(cli: Any, data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "built.json"
    out.parent.mkdir()  # a missing folder is refused, never made (issue #23)
    status, stdout, stderr = cli("--db", out, "build", "--data", data_copy)
    assert status == 0, stderr
    assert out.read_text(encoding="utf-8") == STORE_JSON.read_text(encoding="utf-8")
    assert f"built {out}: 85 records" in stdout
    assert "sentence coverage 22/22 (100%)" in stdout
    assert stderr == ""


def test_cli_build_defaults_to_the_data_folder(cli: Any, data_copy: Path) -> None:
    status, stdout, _ = cli("build", "--data", data_copy)
    assert status == 0
    assert (data_copy / "oic_cfm42.json").read_text(encoding="utf-8") == STORE_JSON.read_text(
        encoding="utf-8"
    )
    assert "22/22 (100%)" in stdout


def test_cli_build_accepts_db_after_the_subcommand(
    cli: Any, data_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "built.json"
    status, _, _ = cli("build", "--data", data_copy, "--db", out)
    assert status == 0
    assert out.exists()


def test_cli_build_error_exits_2_naming_the_record(
    cli: Any, data_copy: Path, tmp_path: Path
) -> None:
    append_record(data_copy, "facts", _FACT.format(id="fact.test") + 'quotes = ["Astana"]\n')
    out = tmp_path / "built.json"
    status, stdout, stderr = cli("--db", out, "build", "--data", data_copy)
    assert status == 2
    assert stdout == ""
    lines = stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("oic-tui build: ") and "fact.test" in lines[0]
    assert not out.exists()


def test_cli_build_without_annotations_exits_2(cli: Any, tmp_path: Path) -> None:
    status, _, stderr = cli("--db", tmp_path / "o.json", "build", "--data", tmp_path / "nothing")
    assert status == 2
    assert len(stderr.splitlines()) == 1 and "nothing" in stderr
    assert "Traceback" not in stderr


def test_cli_build_to_a_directory_exits_2(cli: Any, data_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "a-directory"
    target.mkdir()
    status, _, stderr = cli("--db", target, "build", "--data", data_copy)
    assert status == 2
    assert len(stderr.splitlines()) == 1 and str(target) in stderr


def test_build_subprocess_from_another_cwd(data_copy: Path, tmp_path: Path) -> None:
    result = run_subprocess(
        [str(VENV_BIN / "oic-tui"), "--db", "built.json", "build", "--data", str(data_copy)],
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "built.json").read_bytes() == STORE_JSON.read_bytes()
    assert "22/22 (100%)" in result.stdout


# What a store's JSON may hold: text (any, as cleaned or not), ints, booleans, null, nesting.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(), JSON_VALUES, max_size=4))
def test_the_store_is_written_as_json_dumps_would_write_it(value: dict[str, Any]) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=1) + "\n"
    try:
        written = serialised(value)
    except Exception:  # only a lone surrogate, which no UTF-8 file can hold either
        with pytest.raises(UnicodeEncodeError):
            expected.encode("utf-8")
        return
    assert written == expected.encode("utf-8")


def _floats(value: object) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [f for item in value for f in _floats(item)] if isinstance(value, list) else []


def test_a_built_store_holds_no_floats(built_test_corpus: Path) -> None:
    # msgspec writes exponents as 1e16 where json writes 1e+16: kept equal by having none.
    for folder in (data_dir(), built_test_corpus):
        assert _floats(compile_corpus(folder).store) == []
