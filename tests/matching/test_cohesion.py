"""Cohesion ties: co-authored publication > same station > same host institution > same city."""

from __future__ import annotations

import numpy as np

from app.matching.cohesion import cohesion_links, cohesion_matrix
from models import Postdoc, Publication, Station, StationKind


def _station(i: int, institution: str, city: str) -> Station:
    return Station(id=i, name=f"站{i}", kind=StationKind.mobile, host_institution=institution, city=city)


def test_ties_take_the_strongest_reason() -> None:
    a_station, b_station, c_station = (
        _station(1, "青岛大学", "青岛"),
        _station(2, "青岛大学", "青岛"),
        _station(3, "山东大学", "济南"),
    )
    people = [
        Postdoc(
            id=10, station=a_station, station_id=1, publications=[Publication(title="Weld defects, a survey")]
        ),
        Postdoc(id=11, station=a_station, station_id=1, publications=[]),
        Postdoc(id=12, station=b_station, station_id=2, publications=[]),
        Postdoc(
            id=13, station=c_station, station_id=3, publications=[Publication(title="weld defects: A SURVEY")]
        ),
        Postdoc(id=14, station=None, station_id=None, publications=[]),
    ]
    matrix = cohesion_matrix(people)
    assert matrix.tolist() == [
        [0.0, 0.6, 0.5, 1.0, 0.0],
        [0.6, 0.0, 0.5, 0.0, 0.0],
        [0.5, 0.5, 0.0, 0.0, 0.0],
        [1.0, 0.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 0.0, 0.0],
    ]
    assert np.array_equal(matrix, matrix.T)
    links = cohesion_links([people[0], people[3], people[2]])
    assert [(link.postdoc_ids, link.reason) for link in links] == [
        ((10, 12), "same host institution (青岛大学)"),
        ((10, 13), "co-authored a publication"),
    ]
