"""AG7010: parameter files carry Key Vault references, not plaintext secrets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule
from armgen.rules.security.secrets_in_outputs import SECURE_TYPES

SECRET_NAME = re.compile(r"(password|passwd|pwd|secret|token|connectionstring|apikey|accesskey|accountkey|"
                         r"sharedkey|primarykey|sas)(value)?$", re.I)
SECRET_VALUE = re.compile(r"(AccountKey|SharedAccessKey|Password)=[^;]{8,}|^[A-Za-z0-9+/]{86}==$"
                          r"|-----BEGIN [A-Z ]*PRIVATE KEY-----|\bsv=\d{4}-\d{2}-\d{2}&.*\bsig=", re.I)


class PlaintextParameterSecrets(Rule):
    id = "AG7010"
    severity = "E"
    shortdesc = "Plaintext secrets in parameter files"
    description = ("Secrets must not be committed in parameter files: give a secureString/secureObject "
                   "parameter, or any parameter whose name or value looks like a secret (password, key, token, "
                   "connection string, SAS), as a Key Vault reference "
                   '{"reference": {"keyVault": {"id": ...}, "secretName": ...}}.')
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/key-vault-parameter"
    tags = ("security", "parameters", "secrets")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        declared = {k.lower(): v for k, v in ctx.section("parameters").items() if isinstance(v, dict)}
        for name, entry in ctx.supplied_parameters.items():
            if "value" not in entry:
                continue
            value = entry["value"]
            if value in ("", None, {}, []):
                continue
            ptype = str(declared.get(name.lower(), {}).get("type", "")).lower()
            path = ("parameters", name, "value")
            if ptype in SECURE_TYPES:
                yield Match(path, f"{name!r} is a {ptype} parameter given in plaintext; use a Key Vault "
                                  "reference instead of \"value\"", True)
            elif isinstance(value, str) and (SECRET_NAME.search(name) or SECRET_VALUE.search(value)):
                yield Match(path, f"{name!r} looks like a secret in plaintext; move it to Key Vault, reference "
                                  "it from the parameter file and make the parameter securestring", True)
