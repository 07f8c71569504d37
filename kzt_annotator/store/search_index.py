"""Full-text indexes over article text and annotation attributes, kept current by the database.

SQLite: two FTS5 tables (unicode61 tokenizer, accents folded, no stemming, so Kazakh, Russian and
English text tokenise alike). `article_fts` indexes title and text of `articles` as an external
content table (rowid = article id); `annotation_fts` indexes each annotation's attribute values and
note (rowid = the annotation's rowid). Triggers keep both current for every writer.

PostgreSQL: GIN expression indexes over to_tsvector('simple', …) of the same columns; PostgreSQL
maintains them itself, no triggers needed. Queries must use exactly these expressions
(ARTICLE_TSVECTOR, ANNOTATION_TSVECTOR) for the planner to pick the indexes.

Any migration that rebuilds `articles` or `annotations` (Alembic batch mode on SQLite copies the
table) drops the SQLite triggers and renumbers annotation rowids: it must call `create` again
(tests/services/test_search.py checks the triggers exist at head).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

ARTICLE_TSVECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(text, ''))"
ANNOTATION_TSVECTOR = (
    "(to_tsvector('simple', coalesce(note, '')) || "
    "jsonb_to_tsvector('simple', coalesce(attributes::jsonb, '{}'::jsonb), '[\"string\", \"numeric\"]'))"
)
_BODY = (
    "coalesce({row}.note, '') || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each("
    "CASE WHEN json_valid({row}.attributes) THEN {row}.attributes ELSE '{{}}' END) "
    "WHERE type IN ('text', 'integer', 'real')), '')"
)
SQLITE_TABLES = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5(title, text, content='articles', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS annotation_fts USING fts5(body, "
    "tokenize='unicode61 remove_diacritics 2')",
)
_UNINDEX_ARTICLE = (
    "INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', OLD.id, OLD.title, OLD.text)"
)
SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS article_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO article_fts(rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text); END",
    f"CREATE TRIGGER IF NOT EXISTS article_fts_delete AFTER DELETE ON articles BEGIN {_UNINDEX_ARTICLE}; END",
    "CREATE TRIGGER IF NOT EXISTS article_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    f"{_UNINDEX_ARTICLE}; "
    "INSERT INTO article_fts(rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text); END",
    "CREATE TRIGGER IF NOT EXISTS annotation_fts_insert AFTER INSERT ON annotations BEGIN "
    f"INSERT INTO annotation_fts(rowid, body) VALUES (NEW.rowid, {_BODY.format(row='NEW')}); END",
    "CREATE TRIGGER IF NOT EXISTS annotation_fts_delete AFTER DELETE ON annotations BEGIN "
    "DELETE FROM annotation_fts WHERE rowid = OLD.rowid; END",
    "CREATE TRIGGER IF NOT EXISTS annotation_fts_update AFTER UPDATE OF attributes, note ON annotations "
    "BEGIN "
    "DELETE FROM annotation_fts WHERE rowid = OLD.rowid; "
    f"INSERT INTO annotation_fts(rowid, body) VALUES (NEW.rowid, {_BODY.format(row='NEW')}); END",
)
TRIGGER_NAMES = tuple(s.split()[5] for s in SQLITE_TRIGGERS)
POSTGRESQL_INDEXES = (
    f"CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin ({ARTICLE_TSVECTOR})",
    f"CREATE INDEX IF NOT EXISTS ix_annotations_fts ON annotations USING gin ({ANNOTATION_TSVECTOR})",
)


def create(connection: Connection) -> None:
    """Create the index (tables and triggers, or GIN indexes) and fill it from the data there."""
    if connection.dialect.name == "postgresql":
        for statement in POSTGRESQL_INDEXES:
            connection.execute(text(statement))
        return
    for statement in SQLITE_TABLES + SQLITE_TRIGGERS:
        connection.execute(text(statement))
    rebuild(connection)


def rebuild(connection: Connection) -> None:
    """Refill the SQLite index from the tables (PostgreSQL's indexes need no refill)."""
    if connection.dialect.name == "postgresql":
        return
    connection.execute(text("INSERT INTO article_fts(article_fts) VALUES ('rebuild')"))
    connection.execute(text("DELETE FROM annotation_fts"))
    connection.execute(
        text(
            "INSERT INTO annotation_fts(rowid, body) "
            f"SELECT a.rowid, {_BODY.format(row='a')} FROM annotations a"
        )
    )


def drop(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("DROP INDEX IF EXISTS ix_articles_fts"))
        connection.execute(text("DROP INDEX IF EXISTS ix_annotations_fts"))
        return
    for name in TRIGGER_NAMES:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    connection.execute(text("DROP TABLE IF EXISTS article_fts"))
    connection.execute(text("DROP TABLE IF EXISTS annotation_fts"))
