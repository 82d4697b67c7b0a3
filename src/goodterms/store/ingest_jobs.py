"""The web app's ingest jobs in the store (table `ingest_jobs`): add, update, read, interrupt.

The jobs live in the store rather than in one server process's memory, so any process serving
the store answers `GET /api/ingest/{id}`, and after a restart a job still reads as what it was.
Only the process that runs a job (its `owner`) updates it, and only while it is active: once a
job is done, failed or interrupted, later updates leave it as it is. Deciding that an owner is
gone is the caller's (api/jobs.py: a dead process on this host, or no heartbeat for a while).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import insert, select, update

from .records import IngestJobRecord
from .schema import IngestJobRow
from .store import Store, _utc

QUEUED, RUNNING, RESOLVING, DONE, FAILED, INTERRUPTED = "queued", "running", "resolving", "done", "failed", "interrupted"
#: States of a job still being worked on (by its owner, if it is alive).
ACTIVE = (QUEUED, RUNNING, RESOLVING)
#: States a job never leaves.
FINAL = (DONE, FAILED, INTERRUPTED)
JOBS = IngestJobRow.__table__
#: How many reject messages a job keeps.
KEPT_REJECTS = 100


def now() -> datetime:
    """The time as the jobs table keeps it (UTC)."""
    return datetime.now(timezone.utc)


def _record(row: Any) -> IngestJobRecord:
    return IngestJobRecord(row.id, row.state, row.total, row.done, row.stored, row.skipped, row.reanalysed,
                           row.rejected, tuple(row.rejects or ()), row.error, row.entities, row.owner,
                           _utc(row.created) or now(), _utc(row.started), _utc(row.finished),
                           _utc(row.heartbeat) or now())


def add_job(store: Store, job_id: str, total: int, owner: str) -> IngestJobRecord:
    """Record a new queued job of `total` articles, run by `owner`."""
    moment = now()
    values: dict[str, Any] = {"id": job_id, "state": QUEUED, "total": total, "done": 0, "stored": 0, "skipped": 0,
              "reanalysed": 0, "rejected": 0, "rejects": [], "error": None, "entities": None, "owner": owner,
              "created": moment, "started": None, "finished": None, "heartbeat": moment}
    with store.writing() as connection:
        connection.execute(insert(IngestJobRow).values(**values))
    return IngestJobRecord(**{**values, "rejects": ()})


def update_job(store: Store, job_id: str, owner: str, **values: Any) -> bool:
    """Set some of a job's columns (its heartbeat too), if `owner` runs it and it is still
    active; False when it is not (finished, interrupted, or another's)."""
    if "rejects" in values:
        values["rejects"] = list(values["rejects"])[:KEPT_REJECTS]
    with store.writing() as connection:
        changed = connection.execute(
            update(IngestJobRow)
            .where(IngestJobRow.id == job_id, IngestJobRow.owner == owner, IngestJobRow.state.in_(ACTIVE))
            .values(heartbeat=now(), **values)).rowcount
    return bool(changed)


def touch_jobs(store: Store, owner: str) -> int:
    """Say that `owner` is alive: the heartbeat of each of its active jobs; how many."""
    with store.writing() as connection:
        return int(connection.execute(
            update(IngestJobRow).where(IngestJobRow.owner == owner, IngestJobRow.state.in_(ACTIVE))
            .values(heartbeat=now())).rowcount)


def load_job(store: Store, job_id: str) -> IngestJobRecord | None:
    """One job, or None when the store has no job with this id."""
    with store.reading() as connection:
        row = connection.execute(select(JOBS).where(JOBS.c.id == job_id)).one_or_none()
        return _record(row) if row is not None else None


def active_jobs(store: Store) -> list[IngestJobRecord]:
    """Every job not finished yet, by any owner."""
    with store.reading() as connection:
        rows = connection.execute(select(JOBS).where(JOBS.c.state.in_(ACTIVE)).order_by(JOBS.c.created)).all()
        return [_record(row) for row in rows]


def interrupt_jobs(store: Store, job_ids: Iterable[str], reason: str) -> int:
    """Mark these jobs interrupted (those still active), with the reason as their error; how many."""
    ids = list(job_ids)
    if not ids:
        return 0
    with store.writing() as connection:
        return int(connection.execute(
            update(IngestJobRow).where(IngestJobRow.id.in_(ids), IngestJobRow.state.in_(ACTIVE))
            .values(state=INTERRUPTED, error=reason, finished=now())).rowcount)


__all__ = ["ACTIVE", "DONE", "FAILED", "FINAL", "INTERRUPTED", "KEPT_REJECTS", "QUEUED", "RESOLVING", "RUNNING",
           "active_jobs", "add_job", "interrupt_jobs", "load_job", "now", "touch_jobs", "update_job"]
