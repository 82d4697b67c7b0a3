"""Every name form's whole key in entity_name_parts, however short: one and two letter keys
("qu", an initial) too, so a search for the beginning of a name reads entity_name_parts alone
(its index holds the entity: no row of entity_names is read per match), on both databases.

The triggers of 0006 are replaced by ones that add a key's whole-key row whatever its length,
and the rows missing for keys of one or two characters are added.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None



def _load_0006() -> ModuleType:
    """Migration 0006's module (its trigger texts), loaded from beside this file."""
    spec = importlib.util.spec_from_file_location("goodterms_migration_0006", Path(__file__).with_name("0006_name_parts.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_0006 = _load_0006()


def _drop_triggers(dialect: str) -> None:
    if dialect == "postgresql":
        op.execute("DROP TRIGGER tr_entity_names_parts ON entity_names")
        op.execute("DROP FUNCTION entity_name_parts_follow()")
    else:
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER tr_entity_names_parts_{name}")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _drop_triggers(dialect)
    op.execute(_0006.INSERT + "SELECT id, entity_id, key, 1 FROM entity_names "
               f"WHERE length(key) BETWEEN 1 AND {_0006.SHORTEST - 1}")
    for statement in (_0006.postgres_triggers(whole=True) if dialect == "postgresql"
                      else _0006.sqlite_triggers(whole=True)):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _drop_triggers(dialect)
    op.execute(f"DELETE FROM entity_name_parts WHERE length(part) < {_0006.SHORTEST}")
    for statement in _0006.postgres_triggers() if dialect == "postgresql" else _0006.sqlite_triggers():
        op.execute(statement)
