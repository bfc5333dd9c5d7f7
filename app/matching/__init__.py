"""Ranking: candidates for a challenge, challenges for a postdoc, evidence."""
