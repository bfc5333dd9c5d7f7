"""axe-core in the page: the serious and critical violations, described one per line.

axe-core comes from the ``axe-playwright-python`` package (a dev dependency), which ships
``axe.min.js`` inside the wheel: nothing is fetched when the tests run."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

__all__ = ["ALSO_FAILING", "FAILING_IMPACTS", "repeated_action_names", "serious_violations"]

FAILING_IMPACTS = ("serious", "critical")
# Rules axe rates "minor" that the issue asks for all the same.
ALSO_FAILING = ("empty-table-header",)
_AXE = Axe()


def serious_violations(page: Any) -> list[str]:
    """'rule (impact): target — summary' for each failing node axe finds on ``page``."""
    results = _AXE.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in FAILING_IMPACTS and violation["id"] not in ALSO_FAILING:
            continue
        for node in violation["nodes"]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            found.append(f"{violation['id']} ({violation['impact']}): {node['target']} — {summary[:200]}")
    return found


# The accessible name of each visible button and button-styled link: aria-label, else its text.
_ACTION_NAMES = """() => [...document.querySelectorAll('main button, main a.button')]
  .filter(el => el.offsetParent !== null)
  .map(el => (el.getAttribute('aria-label') || el.innerText).trim())"""


def repeated_action_names(page: Any) -> list[str]:
    """Names that two or more actions on ``page`` share: twenty "批准" buttons tell a screen
    reader nothing about whom each one approves."""
    names: list[str] = page.evaluate(_ACTION_NAMES)
    return sorted({f"repeated action name: {n!r} ×{names.count(n)}" for n in names if names.count(n) > 1})
