"""Ingest over HTTP: jobs that analyse uploaded articles into the store in the background.

A request hands over its articles (uploaded bytes with their file names, or pasted text) and
gets a job id at once; one worker thread per server process runs its jobs in turn through the
store's ingest path (`store.ingesting.ingest`: each article its own transaction, already stored
ones skipped, bad ones recorded as rejects), then resolves the store's people again. The app
keeps answering meanwhile. Nothing a request sends is ever used as a path: a file name only
names the article in messages.

The jobs' state and counts are kept in the store (`store.ingest_jobs`), so `/api/ingest/{job}`
answers from any server process serving the store, and after a restart. The uploads themselves
stay in the memory of the process that took them: a job whose process stopped or died before
finishing it shows as "interrupted" (its articles stored so far stay stored; sending the files
again skips them). A process says it is alive through its jobs' heartbeat; a job is taken for
interrupted when its process is gone from this host, or its heartbeat is older than STALE_SECONDS.
"""
from __future__ import annotations

import logging
import os
import queue
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..config import Settings
from ..errors import GoodtermsError, StoreError
from ..ingest.read import document_from_bytes
from ..model import Document, Rejected
from ..store import Store
from ..store.ingest_jobs import (ACTIVE, DONE, FAILED, FINAL, INTERRUPTED, KEPT_REJECTS, QUEUED, RESOLVING,
                                 RUNNING, active_jobs, add_job, interrupt_jobs, load_job, now, touch_jobs, update_job)
from ..store.ingesting import REJECTED, Tally, ingest
from ..store.records import IngestJobRecord

log = logging.getLogger("goodterms.api")

#: Seconds between a process's heartbeats on its active jobs.
HEARTBEAT_SECONDS = 10.0
#: A job whose heartbeat is older than this is taken for interrupted (its process is gone).
STALE_SECONDS = 60.0
#: What an interrupted job says.
STOPPED = "interrupted: the server stopped before the job finished; send the files again to finish it"
GONE = "interrupted: the server process running it is gone; send the files again to finish it"

__all__ = ["ACTIVE", "DONE", "FAILED", "FINAL", "INTERRUPTED", "QUEUED", "RESOLVING", "RUNNING", "IngestJobs",
           "Upload", "snapshot"]


@dataclass(frozen=True)
class Upload:
    """One article sent to ingest: its bytes, a name for messages, and its kind (text/html/auto)."""

    name: str
    data: bytes
    kind: str = "auto"


@dataclass
class Job:
    """A job this process runs: its id, its articles, and its progress so far."""

    id: str
    uploads: list[Upload] = field(repr=False)
    done: int = 0
    tally: Tally = field(default_factory=Tally)
    rejects: list[str] = field(default_factory=list)

    def progress(self) -> dict[str, object]:
        """The columns of the job's row its progress sets."""
        return {"done": self.done, "stored": self.tally.stored, "skipped": self.tally.skipped,
                "reanalysed": self.tally.reanalysed, "rejected": self.tally.rejected, "rejects": self.rejects}


def _unix(moment: datetime | None) -> float | None:
    return moment.timestamp() if moment is not None else None


def snapshot(record: IngestJobRecord) -> dict[str, object]:
    """A job as the API shows it."""
    return {
        "id": record.id, "state": record.state, "total": record.total, "done": record.done,
        "stored": record.stored, "skipped": record.skipped, "reanalysed": record.reanalysed,
        "rejected": record.rejected, "rejects": list(record.rejects), "error": record.error or None,
        "entities": record.entities, "created": _unix(record.created), "started": _unix(record.started),
        "finished": _unix(record.finished),
    }


def _process_gone(owner: str) -> bool:
    """Whether the owner names a process of this host that no longer runs."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists, under another user
        return False
    return False


class IngestJobs:
    """The ingest jobs of one app: kept in the store, run by one worker thread (one writer at a time)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        #: This process and app: host, pid, and an id of its own (two apps may share a process).
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._beat: threading.Thread | None = None
        self._stopping = threading.Event()

    # -- asking ----------------------------------------------------------------------------------

    def submit(self, uploads: list[Upload]) -> dict[str, object]:
        """Record a job for these articles, queue it, and return its first snapshot."""
        job = Job(uuid.uuid4().hex, uploads)
        record = add_job(self.store, job.id, len(uploads), self.owner)
        with self._lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="goodterms-ingest", daemon=True)
                self._worker.start()
            if self._beat is None or not self._beat.is_alive():
                self._beat = threading.Thread(target=self._heartbeat, name="goodterms-ingest-heartbeat",
                                              daemon=True)
                self._beat.start()
        self._queue.put(job)
        return snapshot(record)

    def get(self, job_id: str) -> dict[str, object] | None:
        """A job's progress, or None when the store has no such job. A job whose process is gone
        is marked interrupted here (by whichever process asks first)."""
        record = load_job(self.store, job_id)
        if record is None:
            return None
        if record.state in ACTIVE and self._gone(record):
            interrupt_jobs(self.store, [record.id], GONE)
            record = load_job(self.store, job_id) or record
        return snapshot(record)

    def _gone(self, record: IngestJobRecord) -> bool:
        if record.owner == self.owner:
            return False
        stale = now() - record.heartbeat > timedelta(seconds=STALE_SECONDS)
        return stale or _process_gone(record.owner)

    def wait(self, job_id: str, timeout: float = 60.0) -> dict[str, object] | None:
        """Wait until a job is finished (done, failed or interrupted), for tests and scripts; its last snapshot."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.get(job_id)
            if shown is None or shown["state"] in FINAL:
                return shown
            time.sleep(0.05)
        return self.get(job_id)

    def shutdown(self) -> None:
        """Stop after the article being analysed; this process's unfinished jobs become interrupted."""
        self._stopping.set()
        self._queue.put(None)
        for thread in (self._worker, self._beat):
            if thread is not None:
                thread.join(timeout=30)
        try:
            interrupt_jobs(self.store, [j.id for j in active_jobs(self.store) if j.owner == self.owner], STOPPED)
        except StoreError as exc:
            log.error("could not mark unfinished ingest jobs interrupted: %s", exc)

    # -- working ---------------------------------------------------------------------------------

    def _heartbeat(self) -> None:
        while not self._stopping.wait(HEARTBEAT_SECONDS):
            try:
                touch_jobs(self.store, self.owner)
            except StoreError as exc:  # the next beat tries again
                log.warning("ingest heartbeat: %s", exc)

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None or self._stopping.is_set():
                return
            try:
                self._ingest(job)
            except Exception as exc:  # the job fails with its reason; the server goes on
                log.exception("ingest job %s failed", job.id)
                self._fail(job, f"{type(exc).__name__}: {exc}")
            finally:
                job.uploads = []

    def _fail(self, job: Job, reason: str) -> None:
        try:
            self._update(job, state=FAILED, error=reason, finished=now())
        except StoreError as exc:  # the store is gone too: the job will read as interrupted
            log.error("ingest job %s: could not record its failure: %s", job.id, exc)

    def _update(self, job: Job, **values: object) -> bool:
        return update_job(self.store, job.id, self.owner, **values)

    def _ingest(self, job: Job) -> None:
        if not self._update(job, state=RUNNING, started=now()):
            return  # interrupted meanwhile
        for outcome in ingest(self.store, self._documents(job), settings=self.settings):
            job.done += 1
            job.tally.add(outcome)
            if outcome.kind == REJECTED and outcome.rejected is not None and len(job.rejects) < KEPT_REJECTS:
                job.rejects.append(outcome.rejected.message)
            if not self._update(job, **job.progress()):
                return  # taken for interrupted by another process: stop here
        if self._stopping.is_set():
            return  # shutdown() marks it interrupted
        changed = job.tally.stored + job.tally.reanalysed > 0
        entities = self._resolve(job, changed)
        self._update(job, state=DONE, entities=entities, finished=now())

    def _resolve(self, job: Job, changed: bool) -> int | None:
        """Resolve the store's people again, as `goodterms ingest` does after an ingest; their count."""
        from ..store.resolving import needs_resolution, resolve_store

        if not changed and not needs_resolution(self.store):
            return None
        self._update(job, state=RESOLVING)
        return resolve_store(self.store).entities

    def _documents(self, job: Job) -> Iterator[Document | Rejected]:
        for upload in job.uploads:
            if self._stopping.is_set():
                return
            try:
                yield document_from_bytes(upload.data, source=upload.name, kind=upload.kind,
                                          max_bytes=self.settings.max_bytes)
            except GoodtermsError as exc:
                yield Rejected(exc.source or upload.name, exc.code, str(exc))
