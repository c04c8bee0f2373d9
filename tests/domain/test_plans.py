"""A plan's cost broken down by rule."""

from __future__ import annotations

from scheduler.domain import PlanQuality, QualityTerm


def test_a_quality_adds_its_terms_up_and_finds_them_by_rule():
    quality = PlanQuality(
        terms=(
            QualityTerm("busiest_person", 2, 300, "busiest officer: 4 walks"),
            QualityTerm("person_left_out", 3, 100, "3 people who could walk are on no walk"),
            QualityTerm("crowded_time_of_day", 0, 1, "0 walks"),
        ),
        bound=500,
    )
    assert [term.cost for term in quality.terms] == [600, 300, 0]
    assert quality.total == 900
    assert quality.term("person_left_out").amount == 3
    assert quality.term("missed_walk") is None
    assert PlanQuality().total == 0 and PlanQuality().bound is None
