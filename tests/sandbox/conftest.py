"""Fixtures for the sandbox tests: one default corpus and one running board per session."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from jobpulse.sandbox import Corpus, SandboxBoard, generate_corpus


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The default corpus (seed 7, 30 weeks, 4,000 ATS postings) — what the demo serves."""
    return generate_corpus()


@pytest.fixture(scope="session")
def board(corpus: Corpus):
    with SandboxBoard(corpus) as running:
        yield running


@pytest.fixture
def fetch(board: SandboxBoard):
    """GET a path from the running board: (status, content type, parsed JSON or text)."""

    def get(path: str):
        try:
            response = urllib.request.urlopen(board.base_url + path, timeout=10)
        except urllib.error.HTTPError as error:
            response = error
        body = response.read().decode()
        kind = response.headers["Content-Type"]
        return response.status, kind, json.loads(body) if kind.startswith("application/json") else body

    return get
