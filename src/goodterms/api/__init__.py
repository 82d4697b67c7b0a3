"""The HTTP API and web pages over a store: `create_app(store_location, token=...)` (FastAPI).

The API parses a request, calls the library (store, queries, pipeline) and returns JSON; it
never writes SQL of its own for a question the library answers.
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
