"""Offline evaluation of ranking quality."""
