"""Full-text indexes over article text and annotation attributes, kept current by the database.

SQLite: two FTS5 tables (unicode61 tokenizer, accents folded, no stemming, so Kazakh, Russian and
English text tokenise alike). `article_fts` indexes title and text of `articles` as an external
content table (rowid = article id); `annotation_fts` indexes each annotation's attribute values and
note (rowid = the annotation's rowid). Triggers keep both current for every writer.

PostgreSQL (revision 0013 on): a stored generated column `search_vector` on each table, computed
from the same columns by to_tsvector('simple', …) (ARTICLE_TSVECTOR, ANNOTATION_TSVECTOR) when a
row is written, with a GIN index on it; PostgreSQL maintains both itself, no triggers needed.
Queries test `search_vector` (VECTOR), never the expression: the GIN index does not keep word
positions, so a phrase is checked on each candidate row, and the planner, which takes
to_tsvector for cheap, often scans the table instead of the index; either way an expression
re-parsed each article's text, about 3 ms an article. Revisions 0011-0012 had GIN indexes over the
expressions themselves (EXPRESSION_INDEXES): 7 s for a word on 2,000 articles. The column is not
declared in models.py, so ORM reads, inserts and copies of rows never name it (PostgreSQL refuses
a value written into a generated column) and SQLite, which has no such column, shares the models.

Any migration that rebuilds `articles` or `annotations` (Alembic batch mode on SQLite copies the
table) drops the SQLite triggers and renumbers annotation rowids: it must call `create` again
(tests/services/test_search.py checks the triggers exist at head).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from kzt_annotator.core.errors import KztError

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
VECTOR = "search_vector"  # the PostgreSQL column on `articles` and on `annotations`
_VECTORS = (("articles", ARTICLE_TSVECTOR), ("annotations", ANNOTATION_TSVECTOR))
EXPRESSION_INDEXES = (  # revisions 0011-0012 on PostgreSQL
    f"CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin ({ARTICLE_TSVECTOR})",
    f"CREATE INDEX IF NOT EXISTS ix_annotations_fts ON annotations USING gin ({ANNOTATION_TSVECTOR})",
)
POSTGRESQL_STATEMENTS = tuple(
    statement
    for table, expression in _VECTORS
    for statement in (
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {VECTOR} tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED",
        f"CREATE INDEX IF NOT EXISTS ix_{table}_{VECTOR} ON {table} USING gin ({VECTOR})",
        f"DROP INDEX IF EXISTS ix_{table}_fts",
    )
)
MINIMUM_POSTGRESQL = (12,)  # generated columns


def create(connection: Connection) -> None:
    """Create the index (SQLite: tables and triggers; PostgreSQL: the stored search-vector columns
    and their GIN indexes, replacing revision 0011's expression indexes) and fill it from the data
    there. Idempotent. PostgreSQL computes the column for every row as it adds it (about 3 ms an
    article, the table locked meanwhile).

    Raises KztError (one line) on a PostgreSQL server older than 12.
    """
    if connection.dialect.name == "postgresql":
        version = connection.dialect.server_version_info or ()
        if version and version < MINIMUM_POSTGRESQL:
            shown = ".".join(map(str, version))
            raise KztError(
                f"team mode needs PostgreSQL 12 or newer, this server runs {shown}: upgrade the server"
            )
        for statement in POSTGRESQL_STATEMENTS:
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


def create_expression_indexes(connection: Connection) -> None:
    """PostgreSQL's index as revisions 0011-0012 made it (GIN indexes over the expressions)."""
    for statement in EXPRESSION_INDEXES:
        connection.execute(text(statement))


def drop(connection: Connection) -> None:
    """Remove the index, whichever revision made it."""
    if connection.dialect.name == "postgresql":
        for table, _expression in _VECTORS:
            connection.execute(text(f"DROP INDEX IF EXISTS ix_{table}_fts"))
            connection.execute(text(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {VECTOR}"))  # and its index
        return
    for name in TRIGGER_NAMES:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    connection.execute(text("DROP TABLE IF EXISTS article_fts"))
    connection.execute(text("DROP TABLE IF EXISTS annotation_fts"))
