"""Jiebang: postdoc–enterprise matchmaking service."""
