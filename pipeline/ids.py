"""Stable identifiers: the same input gives the same ids, run after run."""
from __future__ import annotations

import hashlib


def stable_id(kind: str, value: str) -> str:
    """First 16 hex digits of sha1(`kind:value`)."""
    return hashlib.sha1(f"{kind}:{value}".encode("utf-8")).hexdigest()[:16]
