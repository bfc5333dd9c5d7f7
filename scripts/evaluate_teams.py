"""Print the team benchmark: facet coverage of the top team vs the top-k individuals.

python scripts/evaluate_teams.py [--model bundled:all-MiniLM-L6-v2]
"""

from __future__ import annotations

import argparse

from app.config import BUNDLED_MODEL
from app.evaluation.teams import evaluate_teams, summarise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=BUNDLED_MODEL)
    args = parser.parse_args()
    rows = evaluate_teams(model=args.model)
    print(
        f"{'challenge':<12} {'lang':<4} {'mode':<9} {'team':>5} {'top-k':>6} {'gain':>6}  "
        "team | top-k individuals"
    )
    for r in rows:
        print(
            f"{r.challenge:<12} {r.language:<4} {r.mode:<9} "
            f"{r.team_coverage:>5.2f} {r.individuals_coverage:>6.2f} "
            f"{r.gain:>+6.2f}  {', '.join(r.team)} | {', '.join(r.individuals)}"
        )
    print()
    print(f"{'lang':<4} {'mode':<9} {'n':>2} {'team':>6} {'top-k':>6} {'gain':>6}")
    for s in summarise(rows):
        print(
            f"{s['language']:<4} {s['mode']:<9} {s['challenges']:>2} {s['team_coverage']:>6.3f} "
            f"{s['individuals_coverage']:>6.3f} {s['gain']:>+6.3f}"
        )


if __name__ == "__main__":
    main()
