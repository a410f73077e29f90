"""What every rule table has in common: an id, and a way to switch rules off.

Chrome rules, heading rules and mark rules are records (frozen dataclasses)
with an ``id``; a stage takes its table as an argument with the full table as
the default, so a rule can be read, tested and switched off by its id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


class Rule(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=Rule)


def without(rules: Iterable[R], *ids: str) -> tuple[R, ...]:
    """`rules` less the ones named; an id that names no rule is an error."""
    table = tuple(rules)
    unknown = set(ids) - {rule.id for rule in table}
    if unknown:
        raise KeyError(f"no rule with id {', '.join(sorted(unknown))}")
    return tuple(rule for rule in table if rule.id not in ids)
