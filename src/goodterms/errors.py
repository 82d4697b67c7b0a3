"""Our exceptions: each has a code, the input it concerns and a one-line message."""
from __future__ import annotations


class GoodtermsError(Exception):
    """Base class: `code` is stable, `str()` is one human line."""

    code = "error"

    def __init__(self, message: str, *, source: str = "", offset: int | None = None) -> None:
        self.message = message
        self.source = source
        self.offset = offset
        where = f"{source}: " if source else ""
        at = f" (at offset {offset})" if offset is not None else ""
        super().__init__(f"{where}{message}{at}")


class InputError(GoodtermsError):
    """The input cannot be analysed (empty, binary, too large, unreadable)."""

    code = "bad_input"


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class TooLarge(InputError):
    code = "too_large"


class Unreadable(InputError):
    code = "unreadable"


class ConfigError(GoodtermsError):
    """A setting is invalid."""

    code = "config"


class ModelMissing(GoodtermsError):
    """No spaCy English pipeline is installed."""

    code = "model_missing"


class UnknownStage(GoodtermsError):
    """A pipeline stage name nobody defined."""

    code = "unknown_stage"


class ArticleTimeout(GoodtermsError):
    """An article took longer than its time budget (Settings.article_seconds) and was given up."""

    code = "timeout"


class MissingInput(GoodtermsError):
    """A path named on the command line does not exist (a usage error, not a rejected input)."""

    code = "not_found"


class NoInputs(GoodtermsError):
    """The paths given hold no article, feed or WARC file (a usage error)."""

    code = "no_inputs"


class BadJson(InputError):
    """A JSON Lines record that is not valid JSON."""

    code = "bad_json"


class BadRecord(InputError):
    """A feed record that is valid JSON but no article: not an object, no text or html, a wrong type."""

    code = "bad_record"


class CorruptGzip(InputError):
    """A gzip file that is damaged or cut short: what came before the damage is kept."""

    code = "corrupt_gzip"


class BadWarc(InputError):
    """A WARC file that cannot be parsed from some point on: the records before it are kept."""

    code = "bad_warc"


class WarcRecord(InputError):
    """A WARC record that is not a usable response (a conversion, a segment, an unknown type)."""

    code = "warc_record"


class NoArticles(InputError):
    """A feed or WARC file in which not one record is an article."""

    code = "no_articles"


class StoreError(GoodtermsError):
    """The store cannot be opened or written (a bad URL, an unreachable server, a locked file)."""

    code = "store"


class NotStored(GoodtermsError):
    """An article the store does not hold."""

    code = "not_stored"


class WorkerDied(GoodtermsError):
    """The worker process analysing an article died (killed for memory, a crash): that article is rejected."""

    code = "worker_died"


class WorkersFailed(GoodtermsError):
    """Worker processes could not be started or kept alive, so nothing can be analysed in parallel."""

    code = "workers_failed"


class SchedulerUnreachable(GoodtermsError):
    """No Dask scheduler answered at the address given."""

    code = "scheduler_unreachable"
