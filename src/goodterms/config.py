"""Settings: dataclasses over packaged defaults, checked when created."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import ConfigError

#: Inputs larger than this are refused; news articles are rarely above 200 kB.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

#: An article that takes longer than this is given up (a hostile or broken input, not news).
DEFAULT_ARTICLE_SECONDS = 60.0

#: What one quote record is. "passages": each run of quoted words on its own, so '"A," she
#: said. "B."' is two quotes (the convention of entertainment-news annotation). "utterances":
#: the pieces one attribution interrupts are one quote with `parts` (PARC 3.0 and PolNeAR).
QUOTE_UNITS = ("passages", "utterances")


@dataclass(frozen=True)
class Settings:
    """How one analysis runs."""

    max_bytes: int = DEFAULT_MAX_BYTES
    model: str = ""  # empty: the first installed of the known English pipelines
    batch_size: int = 32
    quote_units: str = "passages"
    # Seconds one article may take before it is given up and reported as rejected (code
    # "timeout"); 0 means no limit.
    article_seconds: float = DEFAULT_ARTICLE_SECONDS

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, got {self.batch_size}")
        if not 0 <= self.article_seconds <= 86_400:
            raise ConfigError(f"article_seconds must be from 0 (no limit) to 86400, got {self.article_seconds}")
        if self.quote_units not in QUOTE_UNITS:
            raise ConfigError(f"quote_units must be one of {', '.join(QUOTE_UNITS)}, got {self.quote_units!r}")
