"""Who a user means by a name, in a store: the entities resolution made, or per-article names.

A store whose people were resolved answers through `entity_names` (every name, alias and handle
an entity went by, under the normalised key resolution wrote). A store where they were not
(`persons.entity_id` empty) still answers: the user's name is matched against the names the
articles gave their people, as `ask` over files does, and all persons so named count as one.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, bindparam, func, or_, select

from ..model import Record
from ..store.schema import Entity, EntityName, PersonRow
from .resolve import handle_key, name_key


@dataclass(frozen=True)
class Identity(Record):
    """A person of the store: an entity (`entity_id`), or, in a store not resolved, every
    person of every article whose name is one of `names`. `articles`: how many name them."""

    name: str
    articles: int
    entity_id: int | None = None
    names: tuple[str, ...] = ()

    def persons(self, table: Any = PersonRow) -> ColumnElement[bool]:
        """The condition on `persons` rows (or an alias of it) that picks this identity's persons."""
        if self.entity_id is not None:
            return table.entity_id == self.entity_id  # type: ignore[no-any-return]
        return table.name.in_(self.names)  # type: ignore[no-any-return]


# Statements built once: building a select costs more than running it on an indexed key.
_ANY_ENTITY = select(Entity.id).limit(1)


def _entities_by_key_statement(kinds: tuple[str, ...]) -> Select[Any]:
    return (select(Entity.id, Entity.name, Entity.articles, func.sum(EntityName.count).label("uses"))
            .join(EntityName, EntityName.entity_id == Entity.id)
            # kinds as "=" tests: IN would make an expanding parameter, rendered anew each time
            .where(EntityName.key == bindparam("key"), or_(*(EntityName.kind == kind for kind in kinds)))
            .group_by(Entity.id, Entity.name, Entity.articles))


_BY_KEY: dict[tuple[str, ...], Select[Any]] = {
    kinds: _entities_by_key_statement(kinds) for kinds in (("name", "alias"), ("handle",))}


def resolved(connection: Connection) -> bool:
    """True when resolution has made entities in this store."""
    return connection.execute(_ANY_ENTITY).first() is not None


def find_identities(connection: Connection, name: str, *, entities: bool | None = None) -> list[Identity]:
    """Everyone the name may mean, the likeliest first (an exact display name, then the most
    used name form, then the most articles); empty when nobody is so named.

    `entities`: whether the store was resolved, when the caller knows (`resolved`, asked in the
    same transaction); None asks."""
    if entities if entities is not None else resolved(connection):
        return _entities_named(connection, name)
    return _persons_named(connection, name)


def _entities_named(connection: Connection, name: str) -> list[Identity]:
    """Entities holding the name as a name or alias ("@..." as a handle; a single word that no
    name matches is tried as a handle too, "orla.venn")."""
    if name.strip().startswith("@"):
        return _entities_by_key(connection, handle_key(name), ("handle",), name)
    found = _entities_by_key(connection, name_key(name), ("name", "alias"), name)
    if not found and len(name.split()) == 1:
        found = _entities_by_key(connection, handle_key(name), ("handle",), name)
    return found


def _entities_by_key(connection: Connection, key: str, kinds: tuple[str, ...], name: str) -> list[Identity]:
    if not key:
        return []
    statement = _BY_KEY.get(kinds)
    if statement is None:
        statement = _entities_by_key_statement(kinds)
    rows = connection.execute(statement, {"key": key}).all()
    wanted = name_key(name)
    ranked = sorted(rows, key=lambda r: (name_key(r.name) != wanted, -(r.uses or 0), -r.articles, r.id))
    return [Identity(r.name, r.articles, entity_id=r.id) for r in ranked]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold().strip().lstrip("@")
    return " ".join((text[:-2] if text.endswith("'s") else text).split())


def _persons_named(connection: Connection, name: str) -> list[Identity]:
    """In a store without entities: the per-article names equal to the name (case, accents and
    a possessive folded), or with its first and last word; all of them one identity."""
    want = _fold(name)
    tokens = want.split()
    if not tokens:
        return []
    # Candidates share the last word; the exact test runs here, where folding is the same on
    # both databases.
    like = f"%{tokens[-1][:3]}%" if tokens[-1][:3].isascii() else "%"
    counts = connection.execute(
        select(PersonRow.name, func.count(func.distinct(PersonRow.article_id)))
        .where(func.lower(PersonRow.name).like(like))
        .group_by(PersonRow.name)).all()
    exact = [(n, c) for n, c in counts if _fold(n) == want]
    if not exact and len(tokens) > 1:
        exact = [(n, c) for n, c in counts if _fold(n).split()[:1] == tokens[:1] and _fold(n).split()[-1:] == tokens[-1:]]
    if not exact:
        return []
    names = tuple(sorted(n for n, _ in exact))
    shown = max(exact, key=lambda nc: (nc[1], nc[0]))[0]
    articles = connection.execute(
        select(func.count(func.distinct(PersonRow.article_id))).where(PersonRow.name.in_(names))).scalar_one()
    return [Identity(shown, int(articles), names=names)]
