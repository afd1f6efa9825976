"""ARM's template limits and static checks, run by the engine before anything is evaluated, so validate,
expand, the deploy path and the emulator all refuse the same templates with the same messages.

Numbers come from :mod:`armgen.limits`. Checked here: parameters, variables and outputs per template,
the length of each expression, cycles among variables (a copy input that reads its own variable
included), and user-defined functions that call user-defined functions (ARM forbids it, so recursion
cannot happen). Resource counts, copy and range counts, self-dependency and the evaluation memory
budget are checked where the values are known (instances, copy, array functions, evaluator).
"""

from __future__ import annotations

from armgen import limits
from armgen.arm.ast import Call, Index, Node, Property
from armgen.arm.errors import ArmError
from armgen.arm.parser import is_expression, parse_template_string

LIMITS_URL = "https://aka.ms/arm-template-limits"


def _count_error(section: str, count: int, limit: int) -> ArmError:
    return ArmError(f"The template {section} count '{count}' exceeds the maximum allowed '{limit}'. Please see "
                    f"{LIMITS_URL} for usage details.", path=[section])


def _calls(node: Node) -> list[Call]:
    out: list[Call] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Call):
            out.append(n)
            stack.extend(n.args)
        elif isinstance(n, Property):
            stack.append(n.target)
        elif isinstance(n, Index):
            stack.extend((n.target, n.index))
    return out


def _strings(value: object, path: list) -> list[tuple[list, str]]:
    out: list[tuple[list, str]] = []
    stack: list[tuple[object, list]] = [(value, path)]
    while stack:
        v, p = stack.pop()
        if isinstance(v, str):
            out.append((p, v))
        elif isinstance(v, dict):
            stack.extend((item, [*p, k]) for k, item in v.items())
        elif isinstance(v, list):
            stack.extend((item, [*p, i]) for i, item in enumerate(v))
    return out


def _parsed(text: str) -> Node | None:
    try:
        return parse_template_string(text)
    except ArmError:
        return None  # syntax errors are reported where the expression is evaluated


def _variable_refs(value: object) -> set[str]:
    refs: set[str] = set()
    for _, text in _strings(value, []):
        node = _parsed(text) if is_expression(text) else None
        for call in _calls(node) if node is not None else []:
            arg = call.args[0] if call.args else None
            if call.name.lower() == "variables" and isinstance(getattr(arg, "value", None), str):
                refs.add(arg.value.lower())
    return refs


def _variable_cycle(variables: dict) -> ArmError | None:
    graph: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for key, value in variables.items():
        if key.lower() == "copy" and isinstance(value, list):
            for item in value:
                if isinstance(item, dict) and isinstance(item.get("name"), str):
                    names[item["name"].lower()] = item["name"]
                    graph[item["name"].lower()] = _variable_refs(item.get("input"))
            continue
        names[key.lower()] = key
        graph[key.lower()] = _variable_refs(value)
    state: dict[str, int] = {}  # 1 visiting, 2 done
    for start in graph:
        stack = [(start, iter(sorted(graph[start])))]
        trail = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                trail.pop()
                continue
            if child not in graph or state.get(child) == 2:
                continue
            if state.get(child) == 1:
                cycle = [*trail[trail.index(child):], child]
                shown = " -> ".join(names[c] for c in cycle)
                return ArmError(f"The template variable '{names[child]}' is not valid: it refers to itself through "
                                f"{shown}. Please see https://aka.ms/arm-syntax-variables for usage details.",
                                path=["variables", names[child]])
            state[child] = 1
            trail.append(child)
            stack.append((child, iter(sorted(graph[child]))))
    return None


def _function_calls_function(functions: object) -> ArmError | None:
    for i, ns in enumerate(functions if isinstance(functions, list) else []):
        members = ns.get("members") if isinstance(ns, dict) else None
        for name, member in (members or {}).items() if isinstance(members, dict) else ():
            for path, text in _strings(member, ["functions", i, "members", name]):
                node = _parsed(text) if is_expression(text) else None
                called = next((c.name for c in _calls(node) if "." in c.name), None) if node is not None else None
                if called:
                    return ArmError(f"The template function '{ns.get('namespace')}.{name}' calls the user-defined "
                                    f"function '{called}'; user-defined functions cannot call user-defined "
                                    "functions.", path=path)
    return None


_CHECKED: dict[int, dict] = {}  # templates already checked (kept alive so their ids stay theirs)


def check_template(template: dict) -> None:
    """Raise the first ARM limit or static rule ``template`` breaks (ArmError, code InvalidTemplate); a
    template checked once is not scanned again (validate builds an engine per parameter file)."""
    if _CHECKED.get(id(template)) is template:
        return
    _check(template)
    if len(_CHECKED) > 512:
        _CHECKED.clear()
    _CHECKED[id(template)] = template


def _check(template: dict) -> None:
    for section, limit in (("parameters", limits.PARAMETERS), ("variables", limits.VARIABLES),
                           ("outputs", limits.OUTPUTS)):
        value = template.get(section)
        count = len(value) - (1 if section == "variables" and isinstance(value, dict) and "copy" in value else 0) \
            if isinstance(value, dict) else 0
        if count > limit:
            raise _count_error(section, count, limit)
    for path, text in _strings(template, []):
        if len(text) > limits.EXPRESSION_CHARS and is_expression(text):
            raise ArmError(f"The template language expression is {len(text):,} characters long, more than the "
                           f"{limits.EXPRESSION_CHARS:,} allowed. Please see {LIMITS_URL} for usage details.",
                           path=path)
    variables = template.get("variables")
    error = (_variable_cycle(variables) if isinstance(variables, dict) else None) or \
        _function_calls_function(template.get("functions"))
    if error:
        raise error


def check_value_size(value: object, function: str) -> None:
    """The evaluation memory budget: a string or array past it stops evaluation (located by the caller)."""
    size = len(value) if isinstance(value, str | list | dict) else 0
    if size > (limits.VALUE_BYTES if isinstance(value, str) else limits.VALUE_BYTES // 8):
        raise ArmError(f"The template language function '{function}' produced a value of {size:,} "
                       f"{'characters' if isinstance(value, str) else 'items'}, more than armgen's evaluation budget "
                       f"(8 MB of text, 1,048,576 items); ARM refuses templates over 4 MB.")
