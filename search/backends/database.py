"""The database search backend for whichever database the site runs on.

modelsearch's `database` backend picks PostgreSQL full-text search, SQLite FTS5 or a plain
fallback from the default database. This picks the same, except that PostgreSQL and SQLite
get the subclasses next to this module, which keep the same results but let the database
use its full-text indexes (see their docstrings for why that needs a subclass).
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as modelsearch_database_backend


def SearchBackend(params):  # noqa: N802 (the name modelsearch's loader looks for)
    # Each subclass is imported only on its own database: modelsearch's SQLite module looks up
    # an index model that exists only on SQLite, and the PostgreSQL one needs psycopg's types.
    if connection.vendor == "postgresql":
        from search.backends.postgres import ClinicPostgresSearchBackend

        return ClinicPostgresSearchBackend(params)
    backend = modelsearch_database_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":  # FTS5 is there (else a fallback)
        from search.backends.sqlite import ClinicSQLiteSearchBackend

        return ClinicSQLiteSearchBackend(params)
    return backend
