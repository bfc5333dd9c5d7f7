"""Print the team benchmark: facet coverage of the top team vs the top-k individuals.

python scripts/evaluate_teams.py [--model bundled:all-MiniLM-L6-v2]
"""

from __future__ import annotations

import argparse

from app.config import BUNDLED_MODEL
from app.evaluation.teams import evaluate_teams, format_team_table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=BUNDLED_MODEL)
    args = parser.parse_args()
    print(format_team_table(evaluate_teams(model=args.model)))


if __name__ == "__main__":
    main()
