"""Resolution of a whole store, counted in entities: `store.resolving.resolve_store` (the store's
own, with ids kept across runs) under the name the web tests first used."""
from __future__ import annotations

from ..store import Store
from ..store.resolving import resolve_store as _resolve_store


def resolve_store(store: Store) -> int:
    """Resolve the store's people into entities (hand corrections applied); how many entities."""
    return _resolve_store(store).entities
