"""CIDR functions: parseCidr, cidrSubnet, cidrHost."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import expect

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator


def _network(name: str, value: object) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    text = expect(name, value, "String")
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise ArmError(f"The template language function '{name}' expects a network in CIDR notation; "
                       f"'{text}' is not valid.") from None


@arm_function("parseCidr", 1)
def parse_cidr(ev: Evaluator, args: list) -> object:
    net = _network("parseCidr", args[0])
    result: dict = {"network": str(net.network_address), "netmask": str(net.netmask)}
    if net.version == 4:
        result["broadcast"] = str(net.broadcast_address)
        small = net.prefixlen >= 31
        result["firstUsable"] = str(net.network_address + (0 if small else 1))
        result["lastUsable"] = str(net.broadcast_address - (0 if small else 1))
    else:
        result["firstUsable"] = str(net.network_address)
        result["lastUsable"] = str(net.broadcast_address)
    result["cidr"] = net.prefixlen
    return result


@arm_function("cidrSubnet", 3)
def cidr_subnet(ev: Evaluator, args: list) -> object:
    net = _network("cidrSubnet", args[0])
    new_prefix = expect("cidrSubnet", args[1], "Integer", position=1)
    index = expect("cidrSubnet", args[2], "Integer", position=2)
    if not net.prefixlen <= new_prefix <= net.max_prefixlen:
        raise ArmError(f"The template language function 'cidrSubnet': the new CIDR '{new_prefix}' must be "
                       f"between {net.prefixlen} and {net.max_prefixlen}.")
    count = 2 ** (new_prefix - net.prefixlen)
    if not 0 <= index < count:
        raise ArmError(f"The template language function 'cidrSubnet': subnet index '{index}' is out of range "
                       f"(0 to {count - 1}).")
    size = 2 ** (net.max_prefixlen - new_prefix)
    first = net.network_address + index * size
    return f"{first}/{new_prefix}"


@arm_function("cidrHost", 2)
def cidr_host(ev: Evaluator, args: list) -> object:
    net = _network("cidrHost", args[0])
    index = expect("cidrHost", args[1], "Integer", position=1)
    usable = net.num_addresses - (2 if net.version == 4 and net.prefixlen < 31 else 1)
    if net.version == 4 and net.prefixlen >= 31:
        usable = net.num_addresses
    if not 0 <= index < usable:
        raise ArmError(f"The template language function 'cidrHost': host index '{index}' is out of range for "
                       f"'{net}'.")
    skip = 0 if net.version == 4 and net.prefixlen >= 31 else 1
    return str(net.network_address + index + skip)
