"""Property tests: parsing never raises anything but ArmError; print/parse round-trips."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from armgen.arm import ArmError, parse_expression, print_expression
from armgen.arm.ast import Call, Index, Literal, Property

IDENT = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True).filter(
    lambda s: s.lower() not in ("true", "false", "null"))
LITERALS = st.one_of(
    st.text(max_size=12).map(Literal),
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(Literal),
    st.sampled_from([True, False, None]).map(Literal),
)


def _extend(children):
    return st.one_of(
        st.builds(lambda n, a: Call(n, tuple(a)), IDENT, st.lists(children, max_size=3)),
        st.builds(lambda ns, n, a: Call(f"{ns}.{n}", tuple(a)), IDENT, IDENT, st.lists(children, max_size=2)),
        st.builds(Property, children, IDENT),
        st.builds(Index, children, children),
    )


TREES = st.recursive(LITERALS, _extend, max_leaves=12)
EXPRESSION_ALPHABET = st.text(alphabet="abcxyz01(),.[]' -_\t", max_size=40)


def _typed(node):
    """Equality that tells True from 1 (dataclass == does not)."""
    if isinstance(node, Literal):
        return ("lit", type(node.value).__name__, node.value)
    if isinstance(node, Call):
        return ("call", node.name, tuple(_typed(a) for a in node.args))
    if isinstance(node, Property):
        return ("prop", _typed(node.target), node.name)
    return ("index", _typed(node.target), _typed(node.index))


@settings(max_examples=150, deadline=None)
@given(TREES)
def test_print_then_parse_gives_the_same_tree(tree) -> None:
    text = print_expression(tree)
    assert _typed(parse_expression(text)) == _typed(tree)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=40), EXPRESSION_ALPHABET))
def test_parsing_arbitrary_text_raises_only_arm_error(text: str) -> None:
    try:
        node = parse_expression(text)
    except ArmError as err:
        assert err.column is not None and 1 <= err.column <= len(text) + 1
        return
    assert _typed(parse_expression(print_expression(node))) == _typed(node)
