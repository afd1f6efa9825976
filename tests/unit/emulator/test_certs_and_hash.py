"""The emulator's CA and server certificate; calculateTemplateHash's minified form."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path

from cryptography import x509

from armgen.emulator.certs import ensure_certificates
from armgen.emulator.models.template_hash import calculate

EXAMPLE = Path("/work/shared/arm-rest/examples/CalculateTemplateHash.json")


def test_server_certificate_is_signed_by_the_ca_for_loopback_names(tmp_path) -> None:
    ca_path, cert_path, key_path = ensure_certificates(tmp_path)
    ca = x509.load_pem_x509_certificate(ca_path.read_bytes())
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    cert.verify_directly_issued_by(ca)
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["localhost"]
    assert san.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert key_path.stat().st_mode & 0o077 == 0
    before = cert_path.read_bytes()
    ensure_certificates(tmp_path)  # kept, not regenerated
    assert cert_path.read_bytes() == before


def test_minified_template_matches_arm_shape() -> None:
    template = {"$schema": "http://schemas.management.azure.com/deploymentTemplate?api-version=2014-04-01-preview",
                "contentVersion": "1.0.0.0", "parameters": {"string": {"type": "string"}},
                "variables": {"string": "string", "int": 42, "bool": True, "array": [1, 2, 3, 4],
                              "object": {"object": {"vmSize": "Large", "location": "West US"}}},
                "resources": [], "outputs": {"string": {"type": "string", "value": "myvalue"}}}
    result = calculate(template)
    if EXAMPLE.exists():  # ARM's published example for this very template
        expected = json.loads(EXAMPLE.read_text())["responses"]["200"]["body"]["minifiedTemplate"]
        assert result["minifiedTemplate"] == expected
    assert result["templateHash"].isdigit()
    assert calculate(dict(template, contentVersion="1.0.0.1"))["templateHash"] != result["templateHash"]
