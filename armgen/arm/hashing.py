"""Azure's deterministic hashes: ``uniqueString`` (MurmurHash64 variant) and ``guid`` (UUID v5)."""

from __future__ import annotations

import uuid

_MASK = 0xFFFFFFFF
_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
_GUID_NAMESPACE = uuid.UUID("11fb06fb-712d-4ddd-98c7-e71bbd588830")
_C1, _C2 = 597399067, 2869860233


def _rotl(value: int, bits: int) -> int:
    return ((value << bits) | (value >> (32 - bits))) & _MASK


def _fmix(h: int) -> int:
    h ^= h >> 16
    h = (h * 2246822507) & _MASK
    h ^= h >> 13
    h = (h * 3266489909) & _MASK
    return h ^ (h >> 16)


def murmur_hash64(data: bytes, seed: int = 0) -> int:
    """Microsoft's 64-bit MurmurHash variant (two interleaved 32-bit lanes)."""
    length = len(data)
    h1 = h2 = seed
    index = 0
    while index + 7 < length:
        k1 = int.from_bytes(data[index:index + 4], "little")
        k3 = int.from_bytes(data[index + 4:index + 8], "little")
        k1 = (_rotl((k1 * _C1) & _MASK, 15) * _C2) & _MASK
        h1 = _rotl(h1 ^ k1, 19)
        h1 = ((h1 + h2) * 5 + 1444728091) & _MASK
        k3 = (_rotl((k3 * _C2) & _MASK, 17) * _C1) & _MASK
        h2 = _rotl(h2 ^ k3, 13)
        h2 = ((h2 + h1) * 5 + 197830471) & _MASK
        index += 8
    tail = length - index
    if tail > 0:
        k2 = int.from_bytes(data[index:index + min(tail, 4)], "little")
        h1 ^= (_rotl((k2 * _C1) & _MASK, 15) * _C2) & _MASK
        if tail > 4:
            k4 = int.from_bytes(data[index + 4:index + tail], "little")
            h2 ^= (_rotl((k4 * _C2) & _MASK, 17) * _C1) & _MASK
    h1 ^= length & _MASK
    h2 ^= length & _MASK
    h1 = (h1 + h2) & _MASK
    h2 = (h2 + h1) & _MASK
    h1, h2 = _fmix(h1), _fmix(h2)
    h1 = (h1 + h2) & _MASK
    h2 = (h2 + h1) & _MASK
    return (h2 << 32) | h1


def unique_string(*values: str) -> str:
    """ARM ``uniqueString``: 13 base32 characters of the hash of the '-'-joined values."""
    value = murmur_hash64("-".join(values).encode("utf-8"))
    out = []
    for _ in range(13):
        out.append(_ALPHABET[(value >> 59) % 32])
        value = (value << 5) & 0xFFFFFFFFFFFFFFFF
    return "".join(out)


def guid(*values: str) -> str:
    """ARM ``guid``: a version-5 UUID over the '-'-joined values in Azure's namespace."""
    return str(uuid.uuid5(_GUID_NAMESPACE, "-".join(values)))
