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
