"""Settings: dataclasses over packaged defaults, checked when created."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import ConfigError

#: Inputs larger than this are refused; news articles are rarely above 200 kB.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """How one analysis runs."""

    max_bytes: int = DEFAULT_MAX_BYTES
    model: str = ""  # empty: the first installed of the known English pipelines
    batch_size: int = 32

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, got {self.batch_size}")
