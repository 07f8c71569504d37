"""A fresh database on the real PostgreSQL server for each team-mode test.

`python3 dev.py test` starts a throwaway server when PostgreSQL is installed (CI installs it)
and sets KZT_TEST_PG_URL; without it these tests are skipped with that reason.
"""

from __future__ import annotations

import os
import uuid

import pytest

PG_URL = os.environ.get("KZT_TEST_PG_URL", "")


@pytest.fixture
def pg_url():
    yield from fresh_database()


def fresh_database():
    """Yields the URL of a new empty database on the server, and drops it when resumed."""
    if not PG_URL:
        pytest.skip(
            "KZT_TEST_PG_URL is not set (no PostgreSQL server: `python3 dev.py test` starts one if installed)"
        )
    import psycopg

    admin = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    name = f"kzt_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = PG_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
