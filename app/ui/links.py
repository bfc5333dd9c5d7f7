"""Where a notification's target (``challenge:12``, ``applications``) is shown in the web UI."""

from __future__ import annotations

__all__ = ["target_url"]


def target_url(target: str) -> str:
    """The page of a target; links stored before targets existed are already paths."""
    kind, _, ident = target.partition(":")
    if kind == "challenge" and ident.isdigit():
        return f"/ui/challenges/{ident}"
    if kind == "applications":
        return "/ui/applications"
    return target if target.startswith("/ui/") else ""
