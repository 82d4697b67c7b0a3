"""Ingest over HTTP: jobs that analyse uploaded articles into the store in the background.

A request hands over its articles (uploaded bytes with their file names, or pasted text) and
gets a job id at once; one worker thread runs the jobs in turn through the store's ingest path
(`store.ingesting.ingest`: each article its own transaction, already stored ones skipped, bad
ones recorded as rejects), then resolves the store's people again. The app keeps answering
meanwhile; `/api/ingest/{job}` reports the progress. Nothing a request sends is ever used as a
path: a file name only names the article in messages.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..config import Settings
from ..errors import GoodtermsError
from ..ingest.read import document_from_bytes
from ..model import Document, Rejected
from ..store import Store
from ..store.ingesting import REJECTED, Tally, ingest

log = logging.getLogger("goodterms.api")

QUEUED, RUNNING, RESOLVING, DONE, FAILED = "queued", "running", "resolving", "done", "failed"
#: How many finished jobs are remembered (the oldest are forgotten first).
KEPT_JOBS = 200
#: How many reject messages a job keeps to show.
KEPT_REJECTS = 100


@dataclass(frozen=True)
class Upload:
    """One article sent to ingest: its bytes, a name for messages, and its kind (text/html/auto)."""

    name: str
    data: bytes
    kind: str = "auto"


@dataclass
class Job:
    """An ingest job and its progress (updated by the worker thread; read under the lock)."""

    id: str
    total: int
    state: str = QUEUED
    done: int = 0
    tally: Tally = field(default_factory=Tally)
    rejects: list[str] = field(default_factory=list)
    error: str = ""
    entities: int | None = None
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    uploads: list[Upload] = field(default_factory=list, repr=False)

    def snapshot(self) -> dict[str, object]:
        """The job as the API shows it."""
        return {
            "id": self.id, "state": self.state, "total": self.total, "done": self.done,
            "stored": self.tally.stored, "skipped": self.tally.skipped, "reanalysed": self.tally.reanalysed,
            "rejected": self.tally.rejected, "rejects": list(self.rejects), "error": self.error or None,
            "entities": self.entities, "created": self.created, "started": self.started, "finished": self.finished,
        }


class IngestJobs:
    """The ingest jobs of one app: a queue and one worker thread (one writer at a time)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._worker: threading.Thread | None = None

    def submit(self, uploads: list[Upload]) -> dict[str, object]:
        """Queue a job for these articles and return its first snapshot."""
        job = Job(uuid.uuid4().hex, len(uploads), uploads=uploads)
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="goodterms-ingest", daemon=True)
                self._worker.start()
            snapshot = job.snapshot()
        self._queue.put(job)
        return snapshot

    def get(self, job_id: str) -> dict[str, object] | None:
        """A job's progress, or None when there is no such job."""
        with self._lock:
            job = self._jobs.get(job_id)
            return job.snapshot() if job else None

    def wait(self, job_id: str, timeout: float = 60.0) -> dict[str, object] | None:
        """Wait until a job is done or failed (for tests and scripts); its last snapshot."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            snapshot = self.get(job_id)
            if snapshot is None or snapshot["state"] in (DONE, FAILED):
                return snapshot
            time.sleep(0.05)
        return self.get(job_id)

    def shutdown(self) -> None:
        """Stop the worker after the job it is on (queued jobs are dropped)."""
        self._queue.put(None)
        worker = self._worker
        if worker is not None:
            worker.join(timeout=30)

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if j.state in (DONE, FAILED)]
        for job in sorted(finished, key=lambda j: j.created)[:max(0, len(finished) - KEPT_JOBS)]:
            del self._jobs[job.id]

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                self._ingest(job)
            except Exception as exc:  # the job fails with its reason; the server goes on
                log.exception("ingest job %s failed", job.id)
                with self._lock:
                    job.state, job.error, job.finished = FAILED, f"{type(exc).__name__}: {exc}", time.time()
                    job.uploads = []

    def _ingest(self, job: Job) -> None:
        with self._lock:
            job.state, job.started = RUNNING, time.time()
        for outcome in ingest(self.store, self._documents(job), settings=self.settings):
            with self._lock:
                job.done += 1
                job.tally.add(outcome)
                if outcome.kind == REJECTED and outcome.rejected is not None and len(job.rejects) < KEPT_REJECTS:
                    job.rejects.append(outcome.rejected.message)
        with self._lock:
            job.uploads = []
            changed = job.tally.stored + job.tally.reanalysed > 0
        entities = self._resolve(job, changed)
        with self._lock:
            job.entities = entities
            job.state, job.finished = DONE, time.time()

    def _resolve(self, job: Job, changed: bool) -> int | None:
        """Resolve the store's people again, as `goodterms ingest` does after an ingest; their count."""
        from ..store.resolving import needs_resolution, resolve_store

        if not changed and not needs_resolution(self.store):
            return None
        with self._lock:
            job.state = RESOLVING
        return resolve_store(self.store).entities

    def _documents(self, job: Job) -> Iterator[Document | Rejected]:
        for upload in job.uploads:
            try:
                yield document_from_bytes(upload.data, source=upload.name, kind=upload.kind,
                                          max_bytes=self.settings.max_bytes)
            except GoodtermsError as exc:
                yield Rejected(exc.source or upload.name, exc.code, str(exc))

