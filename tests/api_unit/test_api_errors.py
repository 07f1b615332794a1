import pytest

from traktkit.api.errors import (
    AmbiguousItem,
    CandidateInfo,
    InvalidInput,
    ItemLookupError,
    ItemNotFound,
)


def test_invalid_input_is_value_error_with_exit_2() -> None:
    exc = InvalidInput("bad\nthing   here")
    assert isinstance(exc, ValueError)
    assert exc.exit_code == 2
    assert str(exc) == "bad thing here"
    assert exc.message == "bad thing here"


def test_not_found_carries_query() -> None:
    exc = ItemNotFound("Inceptoin")
    assert isinstance(exc, ItemLookupError)
    assert exc.exit_code == 3
    assert exc.query == "Inceptoin"
    assert "Inceptoin" in str(exc)
    assert str(ItemNotFound("x", "custom")) == "custom"


def test_ambiguous_lists_candidates_on_one_line() -> None:
    cands = [
        CandidateInfo("Dune", 2021, "movie", {"trakt": 1}, 141.0),
        CandidateInfo("Dune", 1984, "movie", {"trakt": 2}, 100.5),
        CandidateInfo("Dune: Part Two", 2024, "movie", {"trakt": 3}, 70.0),
    ]
    exc = AmbiguousItem("Dune", cands)
    assert exc.exit_code == 3
    assert exc.query == "Dune"
    assert exc.candidates == tuple(cands)
    msg = str(exc)
    assert "\n" not in msg
    assert "Dune (2021) [movie]" in msg and "Dune: Part Two (2024) [movie]" in msg


def test_ambiguous_truncates_long_lists() -> None:
    cands = [CandidateInfo(f"T{i}", 2000 + i, "show") for i in range(8)]
    assert "and 3 more" in str(AmbiguousItem("T", cands))


def test_candidate_info_to_dict() -> None:
    info = CandidateInfo("Dune", None, "show", {"trakt": 5}, 12.3456)
    assert info.label == "Dune [show]"
    assert info.to_dict() == {
        "type": "show",
        "title": "Dune",
        "year": None,
        "ids": {"trakt": 5},
        "score": 12.35,
    }


@pytest.mark.parametrize("cls", [ItemNotFound, AmbiguousItem])
def test_lookup_errors_are_not_value_errors(cls: type[Exception]) -> None:
    assert not issubclass(cls, ValueError)
