"""The rule base class and what a rule returns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from armgen.jsonmarks import JsonPath

if TYPE_CHECKING:
    from armgen.rulebase.context import RuleContext

Severity = Literal["E", "W", "I"]
SEVERITY_NAMES: dict[str, str] = {"E": "error", "W": "warning", "I": "info"}


@dataclass(frozen=True)
class Match:
    """One problem a rule saw: where (a JSON path) and what to change.

    ``in_parameters`` places it in the parameter file instead of the template;
    ``index`` is a character index inside the string at ``path`` (expression columns).
    """

    path: JsonPath
    message: str
    in_parameters: bool = False
    index: int | None = None


class Rule:
    """A check over one template (and, for ``scope = "pairing"``, one parameter file).

    Subclasses set the metadata as class attributes and implement :meth:`match`.
    ``scope = "template"`` rules run once per template; ``"pairing"`` rules run once per
    (template, parameter file) pair, or once with the template's defaults when it has none;
    ``"orphan"`` rules see a parameter file that pairs with no template.
    """

    id: ClassVar[str] = ""
    severity: ClassVar[Severity] = "E"
    shortdesc: ClassVar[str] = ""
    description: ClassVar[str] = ""
    source_url: ClassVar[str] = ""
    tags: ClassVar[tuple[str, ...]] = ()
    scope: ClassVar[Literal["template", "pairing", "orphan"]] = "template"

    def match(self, ctx: RuleContext) -> Iterator[Match]:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def severity_name(self) -> str:
        return SEVERITY_NAMES[self.severity]

    def __repr__(self) -> str:
        return f"<{self.id} {self.shortdesc}>"
