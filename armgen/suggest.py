"""Did-you-mean for a mistyped name: one equal but for case first, else the closest by difflib."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` most likely meant, or None when none is close."""
    names = list(choices)
    same_but_case = [c for c in names if c.lower() == word.lower()]
    if same_but_case:
        return same_but_case[0]
    guess = difflib.get_close_matches(word, names, n=1) or difflib.get_close_matches(
        word.lower(), [c.lower() for c in names], n=1)
    if not guess:
        return None
    return next(c for c in names if c == guess[0] or c.lower() == guess[0])


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, else an empty string."""
    guess = closest(word, choices)
    return f" (did you mean '{guess}'?)" if guess else ""
