"""The store: analysed articles and their records in SQLite (default) or PostgreSQL.

    from goodterms.store import Store
    with Store.open("news.db") as store:            # or "postgresql://user@host/news"
        store.save(analysis, engine=engine_id(settings))
        analysis = store.load(document_id)
"""
from __future__ import annotations

from .records import ArticleInfo, EvidenceFact, Override, StoredReject
from .store import DEFAULT_PATH, ENV_VAR, REANALYSED, SKIPPED, STORED, Store, database_url, default_location

__all__ = [
    "ArticleInfo", "DEFAULT_PATH", "ENV_VAR", "EvidenceFact", "Override", "REANALYSED",
    "SKIPPED", "STORED", "Store", "StoredReject", "database_url", "default_location",
]
