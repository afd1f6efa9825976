"""Template parameters: declared types, defaults and constraints (ARM's messages)."""

from __future__ import annotations

from collections.abc import Callable

from armgen.arm.errors import ArmError
from armgen.arm.values import PlaceholderObject, deep_equals, find_key, is_type, type_name

TYPE_NAMES = {"string": "String", "securestring": "String", "int": "Integer", "bool": "Boolean",
              "object": "Object", "secureobject": "Object", "array": "Array"}
SECURE_TYPES = {"securestring", "secureobject"}


def declared_type(declaration: dict) -> str:
    """The lower-case declared type ('' when only a $ref user-defined type is given)."""
    return str(declaration.get("type", "")).lower()


def requires_value(declaration: dict, definitions: dict | None = None) -> bool:
    """True when a deployment must give the parameter: no defaultValue and not nullable (languageVersion
    2.0, directly or through its $ref type)."""
    if "defaultValue" in declaration or declaration.get("nullable"):
        return False
    ref = declaration.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/definitions/") and isinstance(definitions, dict):
        target = definitions.get(ref.removeprefix("#/definitions/"))
        return not (isinstance(target, dict) and target.get("nullable"))
    return True


def check_unknown(declared: dict, provided: dict) -> None:
    """ARM refuses values for parameters the template does not declare."""
    unknown = [name for name in provided if find_key(declared, name) is None]
    if unknown:
        raise ArmError(f"The template parameters '{', '.join(unknown)}' in the parameters file are not valid; "
                       f"they are not present in the original template and can therefore not be provided at "
                       f"deployment time. The only supported parameters for this template are "
                       f"'{', '.join(declared)}'.", path=["parameters", unknown[0]])


def check_value(name: str, declaration: dict, value: object) -> object:
    """Validate ``value`` against type, allowedValues, length and value limits; returns it."""
    path = ["parameters", name]
    ptype = declared_type(declaration)
    if value is None and declaration.get("nullable"):
        return value
    if isinstance(value, PlaceholderObject):
        return value
    expected = TYPE_NAMES.get(ptype)
    if ptype and expected is None:
        raise ArmError(f"The parameter '{name}' has an invalid type '{declaration.get('type')}'. Allowed types "
                       f"are 'string, securestring, int, bool, object, secureobject, array'.", path=path + ["type"])
    if expected and not is_type(value, expected):
        raise ArmError(f"Template parameter '{name}' was provided an invalid value. Expected a value of type "
                       f"'{expected}', but received a value of type '{type_name(value)}'.", path=path)
    for limit in ("minLength", "maxLength", "minValue", "maxValue"):
        if limit in declaration and not is_type(declaration[limit], "Integer"):
            raise ArmError(f"The parameter '{name}' constraint '{limit}' must be an integer.", path=path + [limit])
    allowed = declaration.get("allowedValues")
    if allowed is not None and not isinstance(allowed, list):
        raise ArmError(f"The parameter '{name}' 'allowedValues' must be an array.", path=path + ["allowedValues"])
    if isinstance(allowed, list):
        items = value if isinstance(value, list) and ptype == "array" else [value]
        for item in items:
            if not any(deep_equals(item, a) for a in allowed):
                shown = ",".join(str(a) for a in allowed)
                raise ArmError(f"The provided value '{item}' for the template parameter '{name}' is not valid. "
                               f"The value is not part of the allowed value(s): '{shown}'.", path=path)
    if isinstance(value, str | list):
        if "minLength" in declaration and len(value) < declaration["minLength"]:
            raise ArmError(f"The provided value for the template parameter '{name}' is not valid. Length of the "
                           f"value should be greater than or equal to '{declaration['minLength']}'.", path=path)
        if "maxLength" in declaration and len(value) > declaration["maxLength"]:
            raise ArmError(f"The provided value for the template parameter '{name}' is not valid. Length of the "
                           f"value should be less than or equal to '{declaration['maxLength']}'.", path=path)
    if is_type(value, "Integer"):
        if "minValue" in declaration and value < declaration["minValue"]:
            raise ArmError(f"The provided value for the template parameter '{name}' is not valid. The value "
                           f"should be greater than or equal to '{declaration['minValue']}'.", path=path)
        if "maxValue" in declaration and value > declaration["maxValue"]:
            raise ArmError(f"The provided value for the template parameter '{name}' is not valid. The value "
                           f"should be less than or equal to '{declaration['maxValue']}'.", path=path)
    return value


def resolve_ref(name: str, declaration: dict, definitions: dict) -> dict:
    """A languageVersion 2.0 declaration with ``$ref: #/definitions/x`` merged with that definition."""
    seen: list[str] = []
    while isinstance(declaration.get("$ref"), str):
        ref = declaration["$ref"]
        key = ref.removeprefix("#/definitions/")
        if not ref.startswith("#/definitions/") or key not in definitions or key in seen:
            raise ArmError(f"The parameter '{name}' refers to an unknown or circular type '{ref}'.",
                           path=["parameters", name, "$ref"])
        seen.append(key)
        target = definitions[key] if isinstance(definitions[key], dict) else {}
        declaration = {**target, **{k: v for k, v in declaration.items() if k != "$ref"}}
    return declaration


class ParameterResolver:
    """Resolves parameter values lazily (defaults may use other parameters), with cycle detection."""

    def __init__(self, declared: dict, provided: dict, evaluate_default: Callable[[object, list], object],
                 definitions: dict | None = None):
        if not isinstance(declared, dict):
            raise ArmError("The template 'parameters' section must be an object.", path=["parameters"])
        self.definitions = definitions if isinstance(definitions, dict) else {}
        check_unknown(declared, provided)
        self.declared = declared
        self.provided = {find_key(declared, k): v for k, v in provided.items()}
        self.evaluate_default = evaluate_default
        self.values: dict[str, object] = {}
        self._resolving: list[str] = []

    def get(self, name: str) -> object:
        key = find_key(self.declared, name)
        if key is None:
            raise ArmError(f"The template parameter '{name}' is not found. Please see "
                           f"https://aka.ms/arm-syntax-parameters for usage details.")
        if key in self.values:
            return self.values[key]
        if key in self._resolving:
            chain = " -> ".join(self._resolving + [key])
            raise ArmError(f"The template parameter '{key}' has a circular default value: {chain}.",
                           path=["parameters", key, "defaultValue"])
        declaration = self.declared[key] if isinstance(self.declared[key], dict) else {}
        declaration = resolve_ref(key, declaration, self.definitions)
        if key in self.provided and (self.provided[key] is not None or "defaultValue" not in declaration):
            value = self.provided[key]
        elif "defaultValue" in declaration:  # a null value counts as not given: the default applies
            self._resolving.append(key)
            try:
                value = self.evaluate_default(declaration["defaultValue"], ["parameters", key, "defaultValue"])
            finally:
                self._resolving.pop()
        elif declaration.get("nullable"):
            value = None
        else:
            raise ArmError(f"The value for the template parameter '{key}' is not provided. Please see "
                           f"https://aka.ms/arm-create-parameter-file for usage details.", path=["parameters", key])
        self.values[key] = check_value(key, declaration, value)
        return self.values[key]

    def resolve_all(self) -> dict:
        return {name: self.get(name) for name in self.declared}

    def is_secure(self, name: str) -> bool:
        key = find_key(self.declared, name)
        return key is not None and declared_type(self.declared[key]) in SECURE_TYPES
