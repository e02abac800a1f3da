"""What the benchmark scripts share: their own PostgreSQL databases and their section of the report."""
import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def pg_admin(sql: str):
    """Run CREATE/DROP DATABASE on the local server (outside a transaction)."""
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)


def write_section(marker: str, heading: str, results: str):
    """Replace the results between <!-- marker:start --> and <!-- marker:end --> in docs/benchmarks.md
    (appended under `heading` the first time)."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    block = f"{start}\n{results.strip()}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + f"\n\n## {heading}\n\n" + block + "\n"
    DOCS.write_text(text)
