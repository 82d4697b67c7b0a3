"""Resolution of a whole store: read every person's facts, resolve them with the hand
corrections, and write the entities back in one transaction (readers see old or new, never a mix).
"""
from __future__ import annotations

from ..store import Store
from ..store.entities import person_facts, write_entities
from .resolve import resolve


def resolve_store(store: Store) -> int:
    """Resolve the store's people into entities (overrides applied); return how many entities."""
    entities = resolve(person_facts(store), store.overrides())
    write_entities(store, entities)
    return len(entities)
