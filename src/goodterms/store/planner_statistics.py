"""The statistics the database's query planner reads, brought up to date after the store's people change.

Without them SQLite plans a join from the shape of the query alone. The pair query (every
article naming both people, with the evidence between them) then looked each article of the
first person up before checking that the second one is named there; with statistics it checks
the second person first, in the covering index. On a generated store of 100,000 articles that
took a pair question's queries from about 1.5 to 1.1 ms. PostgreSQL's autovacuum analyses
tables on its own after enough change; an ANALYZE right after a bulk ingest saves the first
questions from plans made for an empty table.

SQLite's ANALYZE reads every index in full unless `analysis_limit` bounds the rows it samples
per index (about half a second on the 100,000-article store with the limit below).
"""
from __future__ import annotations

from sqlalchemy import Connection, text

#: Rows SQLite's ANALYZE samples per index (SQLite's own advice: a few hundred to a thousand).
SQLITE_ANALYSIS_LIMIT = 1000


def update_planner_statistics(connection: Connection) -> None:
    """ANALYZE the store's tables, in the connection's transaction (both databases allow it there)."""
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}"))
    connection.execute(text("ANALYZE"))
