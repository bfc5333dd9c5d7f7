"""How well the members of a candidate team already work together, 0 … 1 per pair.

The strongest tie a pair has counts: a co-authored publication, the same station, the same host
institution, the same city. Co-authorship is detected as the same publication title (ignoring
case and punctuation) in two postdocs' lists; publications carry no author lists.
"""

from __future__ import annotations

import itertools
import re

import numpy as np

from app.schemas.teams import CohesionLink
from models import Postdoc

__all__ = [
    "CO_AUTHORED",
    "SAME_CITY",
    "SAME_INSTITUTION",
    "SAME_STATION",
    "cohesion_links",
    "cohesion_matrix",
]

CO_AUTHORED, SAME_STATION, SAME_INSTITUTION, SAME_CITY = 1.0, 0.6, 0.5, 0.2


def cohesion_matrix(pool: list[Postdoc]) -> np.ndarray:
    """Pairwise ties, 0 … 1, zero diagonal: the strongest tie of each pair."""
    stations = [p.station for p in pool]

    def same(values: list[object]) -> np.ndarray:
        codes = {v: i for i, v in enumerate(dict.fromkeys(v for v in values if v is not None))}
        arr = np.array([codes[v] if v is not None else -1 - i for i, v in enumerate(values)])
        return arr[:, None] == arr[None, :]

    matrix = np.where(
        same([s.id if s else None for s in stations]),
        SAME_STATION,
        np.where(
            same([s.host_institution if s else None for s in stations]),
            SAME_INSTITUTION,
            np.where(same([s.city if s else None for s in stations]), SAME_CITY, 0.0),
        ),
    )
    for i, k in _co_authored(pool):
        matrix[i, k] = matrix[k, i] = CO_AUTHORED
    np.fill_diagonal(matrix, 0.0)
    return matrix


def cohesion_links(members: list[Postdoc]) -> list[CohesionLink]:
    """The reason behind each tie inside one team, for the response."""
    coauthored = _co_authored(members)
    links = []
    for i, k in itertools.combinations(range(len(members)), 2):
        reason = _tie_reason(members[i], members[k], (i, k) in coauthored)
        if reason:
            ids = sorted((members[i].id, members[k].id))
            links.append(CohesionLink(postdoc_ids=(ids[0], ids[1]), reason=reason))
    return sorted(links, key=lambda link: link.postdoc_ids)


def _co_authored(pool: list[Postdoc]) -> set[tuple[int, int]]:
    """Pool positions (i < k) of postdocs that list the same publication."""
    titles: dict[str, set[int]] = {}
    for pos, p in enumerate(pool):
        for pub in p.publications:
            titles.setdefault(_title_key(pub.title), set()).add(pos)
    return {(a, b) for ids in titles.values() for a in ids for b in ids if a < b}


def _tie_reason(a: Postdoc, b: Postdoc, co_authored: bool) -> str:
    if co_authored:
        return "co-authored a publication"
    sa, sb = a.station, b.station
    if sa is None or sb is None:
        return ""
    if sa.id == sb.id:
        return f"same station ({sa.name})"
    if sa.host_institution == sb.host_institution:
        return f"same host institution ({sa.host_institution})"
    if sa.city == sb.city:
        return f"same city ({sa.city})"
    return ""


def _title_key(title: str) -> str:
    return re.sub(r"\W+", "", title).lower()
