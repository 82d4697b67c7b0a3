"""Alembic environment: migrations run on the connection the store hands over, never a new one."""
from __future__ import annotations

from alembic import context

from goodterms.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the store always passes its connection
    raise RuntimeError("goodterms migrations run through goodterms.store.Store.open, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters a table by copying it
)
with context.begin_transaction():
    context.run_migrations()
