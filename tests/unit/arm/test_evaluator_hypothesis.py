"""Property test: evaluating any call of any library function on any values raises only ArmError."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armgen.arm import ArmError, known_functions
from armgen.arm.ast import Call, Literal
from armgen.arm.evaluator import Evaluator
from armgen.arm.printer import print_expression
from tests.unit.arm.conftest import FixedScope

NAMES = sorted(spec.name for spec in known_functions().values())
SCALARS = st.one_of(
    st.text(alphabet="ab01-/{}:.TZ ", max_size=8), st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.integers(min_value=-3, max_value=12), st.sampled_from([True, False, None, "2020-04-07T14:53:14Z",
                                                              "10.0.0.0/24", "P1D", "{0}", "e30=", "2020-13-45",
                                                              "http://[", "fdad::/48", "-P9999999Y", "{0:N99}",
                                                              "data:,%zz", "1e999", 2**62, -(2**63)]),
).map(Literal)


def _values(children):
    return st.one_of(
        st.builds(lambda a: Call("createArray", tuple(a)), st.lists(children, max_size=3)),
        st.builds(lambda k, v: Call("createObject", (Literal(k), v)), st.text(alphabet="ab", max_size=2), children),
        st.builds(lambda n, a: Call(n, tuple(a)), st.sampled_from(NAMES), st.lists(children, max_size=3)),
    )


SPECS = sorted(known_functions().values(), key=lambda spec: spec.name)
ARGUMENTS = st.recursive(SCALARS, _values, max_leaves=6)
EXAMPLES = int(os.environ.get("ARM_HYPO", "12"))


@pytest.mark.parametrize("spec", SPECS, ids=[spec.name for spec in SPECS])
def test_each_function_raises_only_arm_error(spec) -> None:
    upper = spec.min_args + 2 if spec.max_args is None else spec.max_args

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(st.lists(ARGUMENTS, min_size=spec.min_args, max_size=min(upper, spec.min_args + 3)))
    def check(args) -> None:
        node = Call(spec.name, tuple(args))
        ev = Evaluator(FixedScope(parameters={"a": 1}, variables={"b": [1]}, allow_runtime=True))
        ev.strict = True  # a Python error inside a function is a bug: let it through
        try:
            ev.evaluate(node)
        except ArmError:
            pass
        except Exception as exc:  # the assertion message shows the culprit
            raise AssertionError(f"{print_expression(node)} raised {type(exc).__name__}: {exc}") from exc

    check()
