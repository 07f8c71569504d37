"""The figure index: every figure annotation's quantity and numbers as real columns, and per-article
aggregates of them, kept current by database triggers.

Why: the discrepancy panel over 100,000 figures must answer in well under 100 ms. Reading the
numbers out of each annotation's JSON costs about 270 ms on SQLite, and even a plain table scan of
100,000 rows costs about 100 ms, so the panel reads `figure_summary` (one row per quantity, date,
status, article, qualifier and shape) and loads single reports only for the group on screen.

Triggers rather than application code keep the index right for every writer: the GUI, the CLI,
an older client, a cascade delete of an article, a raw SQL repair. `figure_facts` holds:

    quantity   the quantity key as typed (trimmed; figures without one are not indexed)
    as_of      ISO date or ''          qualifier  as stored or ''
    shape      1 when a value is given, +2 when a low and a high bound are both given
    value, value_low, value_high       numbers only (low <= high), else NULL
    unit       as typed, trimmed, lower case, or ''   (core.measures normalises it when grouping)

Orphaned figures (their passage left the text in a revision) are not indexed: they never count
in discrepancies until they are placed again.

Any migration that rebuilds `annotations` (Alembic batch mode on SQLite) drops its triggers and must
call `create_triggers` again.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, text

KEY = ("quantity", "as_of", "status", "article_id", "qualifier", "shape", "unit")
AGGREGATES = ("min_value", "max_value", "min_low", "max_low", "min_high", "max_high")
_SOURCE = {
    "min_value": "min(value)",
    "max_value": "max(value)",
    "min_low": "min(value_low)",
    "max_low": "max(value_low)",
    "min_high": "min(value_high)",
    "max_high": "max(value_high)",
}
_FACT_COLUMNS = (
    "annotation_id, article_id, quantity, as_of, status, qualifier, shape, value, value_low, value_high, unit"
)


def _sqlite_fact_select(row: str) -> str:
    """SELECT producing the figure_facts row of annotation `row` (NEW/OLD or a table alias)."""
    a = f"(CASE WHEN json_valid({row}.attributes) THEN {row}.attributes ELSE '{{}}' END)"

    def text_of(key: str) -> str:
        value = f"json_extract({a}, '$.{key}')"
        return f"(CASE json_type({a}, '$.{key}') WHEN 'text' THEN trim({value}) ELSE '' END)"

    def number(key: str) -> str:
        value = f"json_extract({a}, '$.{key}')"
        return f"(CASE WHEN json_type({a}, '$.{key}') IN ('integer', 'real') THEN {value} END)"

    return (
        "SELECT id, article_id, q, d, status, k, "
        "(v IS NOT NULL) + 2 * (lo IS NOT NULL AND hi IS NOT NULL), v, "
        "CASE WHEN lo IS NOT NULL AND hi IS NOT NULL THEN min(lo, hi) END, "
        "CASE WHEN lo IS NOT NULL AND hi IS NOT NULL THEN max(lo, hi) END, u FROM ("
        f"SELECT {row}.id AS id, {row}.article_id AS article_id, {row}.status AS status, "
        f"{text_of('quantity')} AS q, {text_of('as_of')} AS d, {text_of('qualifier')} AS k, "
        f"lower({text_of('unit')}) AS u, "
        f"{number('value')} AS v, {number('value_low')} AS lo, {number('value_high')} AS hi"
    )


def _key_match(row: str) -> str:
    return " AND ".join(f"{k} = {row}.{k}" for k in KEY)


def _recompute(row: str) -> str:
    """Recompute the extremes of `row`'s aggregate after one of its figures left."""
    sets = ", ".join(
        f"{c} = (SELECT {_SOURCE[c]} FROM figure_facts WHERE {_key_match(row)})" for c in AGGREGATES
    )
    touched = " OR ".join(
        [f"{row}.value IN (min_value, max_value)", f"{row}.value_low IN (min_low, max_low)"]
        + [f"{row}.value_high IN (min_high, max_high)"]
    )
    return (
        f"UPDATE figure_summary SET n = n - 1 WHERE {_key_match(row)};\n"
        f"DELETE FROM figure_summary WHERE {_key_match(row)} AND n <= 0;\n"
        f"UPDATE figure_summary SET {sets} WHERE {_key_match(row)} AND ({touched});\n"
    )


def _upsert(row: str, pick: Callable[[str, str, str], str]) -> str:
    """Add `row` to its aggregate; `pick(fn, a, b)` is the dialect's NULL-ignoring min/max of two values."""
    values = f"{row}.value, {row}.value, {row}.value_low, {row}.value_low, {row}.value_high, {row}.value_high"
    updates = ", ".join(f"{c} = {pick(c[:3], f'figure_summary.{c}', f'excluded.{c}')}" for c in AGGREGATES)
    return (
        f"INSERT INTO figure_summary ({', '.join(KEY)}, n, {', '.join(AGGREGATES)}) "
        f"VALUES ({', '.join(f'{row}.{k}' for k in KEY)}, 1, {values}) "
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET n = figure_summary.n + 1, {updates};\n"
    )


def _sqlite_pick(fn: str, a: str, b: str) -> str:
    # SQLite's two-argument min()/max() return NULL when either side is NULL.
    return f"{fn}(coalesce({a}, {b}), coalesce({b}, {a}))"


def _pg_pick(fn: str, a: str, b: str) -> str:
    return f"{'least' if fn == 'min' else 'greatest'}({a}, {b})"  # these skip NULLs


SQLITE_TRIGGERS = [
    "CREATE TRIGGER figure_facts_on_insert AFTER INSERT ON annotations "
    "WHEN NEW.kind = 'figure' AND NOT NEW.orphaned BEGIN "
    f"INSERT INTO figure_facts ({_FACT_COLUMNS}) {_sqlite_fact_select('NEW')}) WHERE q <> ''; END",
    "CREATE TRIGGER figure_facts_on_update "
    "AFTER UPDATE OF id, article_id, kind, attributes, status, orphaned ON annotations "
    "WHEN OLD.kind = 'figure' OR NEW.kind = 'figure' BEGIN "
    "DELETE FROM figure_facts WHERE annotation_id = OLD.id; "
    f"INSERT INTO figure_facts ({_FACT_COLUMNS}) {_sqlite_fact_select('NEW')}) "
    "WHERE q <> '' AND NEW.kind = 'figure' AND NOT NEW.orphaned; END",
    "CREATE TRIGGER figure_facts_on_delete AFTER DELETE ON annotations WHEN OLD.kind = 'figure' BEGIN "
    "DELETE FROM figure_facts WHERE annotation_id = OLD.id; END",
    "CREATE TRIGGER figure_summary_on_insert AFTER INSERT ON figure_facts BEGIN "
    f"{_upsert('NEW', _sqlite_pick)} END",
    f"CREATE TRIGGER figure_summary_on_delete AFTER DELETE ON figure_facts BEGIN {_recompute('OLD')} END",
]


def _pg_number(key: str) -> str:
    return f"CASE WHEN json_typeof(a -> '{key}') = 'number' THEN (a ->> '{key}')::float8 END"


def _pg_text(key: str) -> str:
    return f"CASE WHEN json_typeof(a -> '{key}') = 'string' THEN trim(a ->> '{key}') ELSE '' END"


def _pg_fact_select(row: str) -> str:
    return (
        "SELECT id, article_id, q, d, status, k, "
        "(v IS NOT NULL)::int + 2 * (lo IS NOT NULL AND hi IS NOT NULL)::int, "
        "v, CASE WHEN lo IS NOT NULL AND hi IS NOT NULL THEN least(lo, hi) END, "
        "CASE WHEN lo IS NOT NULL AND hi IS NOT NULL THEN greatest(lo, hi) END, u "
        f"FROM (SELECT {row}.id AS id, {row}.article_id AS article_id, {row}.status AS status, "
        f"{_pg_text('quantity')} AS q, {_pg_text('as_of')} AS d, {_pg_text('qualifier')} AS k, "
        f"lower({_pg_text('unit')}) AS u, "
        f"{_pg_number('value')} AS v, {_pg_number('value_low')} AS lo, {_pg_number('value_high')} AS hi "
        f"FROM (SELECT {row}.attributes::json AS a) AS attrs) AS fact WHERE q <> ''"
    )


POSTGRESQL_TRIGGERS = [
    "CREATE FUNCTION kzt_figure_facts_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP <> 'INSERT' THEN DELETE FROM figure_facts WHERE annotation_id = OLD.id; END IF; "
    "IF TG_OP <> 'DELETE' AND NEW.kind = 'figure' AND NOT NEW.orphaned THEN "
    f"INSERT INTO figure_facts ({_FACT_COLUMNS}) "
    f"{_pg_fact_select('NEW')}; END IF; RETURN NULL; END $$",
    "CREATE TRIGGER figure_facts_sync AFTER INSERT OR UPDATE OR DELETE ON annotations "
    "FOR EACH ROW EXECUTE FUNCTION kzt_figure_facts_sync()",
    "CREATE FUNCTION kzt_figure_summary_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF TG_OP = 'INSERT' THEN {_upsert('NEW', _pg_pick)} ELSE {_recompute('OLD')} END IF; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER figure_summary_sync AFTER INSERT OR DELETE ON figure_facts "
    "FOR EACH ROW EXECUTE FUNCTION kzt_figure_summary_sync()",
]


def drop_triggers(connection: Connection) -> None:
    """Remove the triggers (and PostgreSQL trigger functions) that create_triggers makes."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("DROP TRIGGER IF EXISTS figure_facts_sync ON annotations"))
        connection.execute(text("DROP TRIGGER IF EXISTS figure_summary_sync ON figure_facts"))
        connection.execute(text("DROP FUNCTION IF EXISTS kzt_figure_facts_sync()"))
        connection.execute(text("DROP FUNCTION IF EXISTS kzt_figure_summary_sync()"))
        return
    for name in (
        "figure_facts_on_insert",
        "figure_facts_on_update",
        "figure_facts_on_delete",
        "figure_summary_on_insert",
        "figure_summary_on_delete",
    ):
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def create_triggers(connection: Connection) -> None:
    statements = POSTGRESQL_TRIGGERS if connection.dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in statements:
        connection.execute(text(statement))


def rebuild(connection: Connection) -> None:
    """Fill both tables from the annotations (after the migration that adds them, or as a repair)."""
    connection.execute(text("DELETE FROM figure_summary"))
    connection.execute(text("DELETE FROM figure_facts"))  # the summary trigger keeps nothing behind
    if connection.dialect.name == "postgresql":
        facts = _pg_fact_select("an")
        select = (
            f"SELECT f.* FROM annotations AS an, LATERAL ({facts}) AS f "
            "WHERE an.kind = 'figure' AND NOT an.orphaned"
        )
    else:
        select = (
            f"{_sqlite_fact_select('an')} FROM annotations AS an "
            "WHERE an.kind = 'figure' AND NOT an.orphaned) WHERE q <> ''"
        )
    connection.execute(text(f"INSERT INTO figure_facts ({_FACT_COLUMNS}) {select}"))
