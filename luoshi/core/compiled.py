"""A query asked on every request, compiled by the ORM once per database instead of on every call.

Compiling a queryset to SQL costs more than running it when the query is small and the database near
(two thirds of the ranking's time, and of the request's user load, on SQLite). `CompiledQuery` builds the
queryset once with marker arguments, keeps the ORM's SQL, where each argument goes among its parameters
and the ORM's readers of its columns, and then runs that SQL with the real arguments: the same rows
(decimals and dates read by the ORM's own converters), or the same model instances (select_related
included), as the queryset would give.
"""
from collections.abc import Callable
from datetime import UTC, datetime

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

# Marker arguments by type, told apart from a query's own parameters: integers within every integer column's
# range (a small integer's too: out of it the ORM drops the condition), strings with a control character no
# request may carry (core.middleware), datetimes in 1901.
MARKS: dict[type, tuple] = {
    int: (32_001, 32_002, 32_003, 32_004),
    str: ("\x1fmark-0\x1f", "\x1fmark-1\x1f"),
    datetime: (datetime(1901, 2, 3, 4, 5, 6, 1, tzinfo=UTC), datetime(1901, 2, 3, 4, 5, 6, 2, tzinfo=UTC)),
}


def _as_parameter(kind: type, connection, like) -> Callable:
    """How an argument becomes the parameter the ORM would have passed: a datetime as the database
    stores it (text in UTC on SQLite), an integer of the parameter's own type (psycopg's Int2 on
    PostgreSQL for small integers), a string as it is."""
    if kind is datetime:
        return connection.ops.adapt_datetimefield_value
    if kind is int:
        return type(like)
    return str


class CompiledQuery:
    """`build(*args)` gives the queryset, each argument (of the types given, in order) used once as a
    parameter; `rows(*args)` its values_list rows, `objects(*args)` its model instances."""

    def __init__(self, build: Callable[..., QuerySet], *kinds: type):
        counts: dict[type, int] = {}
        marks = []
        for kind in kinds:
            marks.append(MARKS[kind][counts.get(kind, 0)])
            counts[kind] = counts.get(kind, 0) + 1
        self.build, self.kinds, self.marks, self._compiled, self._db = build, kinds, tuple(marks), {}, None

    @property
    def db(self) -> str:
        """The database the queryset reads (asked once: building the queryset costs too)."""
        if self._db is None:
            self._db = self.build(*self.marks).db
        return self._db

    def _slot(self, param, connection) -> int | None:
        """The argument a compiled parameter stands for, or None for one of the query's own."""
        for i, (kind, mark) in enumerate(zip(self.kinds, self.marks, strict=True)):
            marked = mark if kind is not datetime else connection.ops.adapt_datetimefield_value(mark)
            if isinstance(param, type(marked)) and param == marked:
                return i
        return None

    def _compile(self, using: str):
        if using not in self._compiled:
            connection = connections[using]
            compiler = self.build(*self.marks).query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            slots = [self._slot(p, connection) for p in params]
            if sorted(s for s in slots if s is not None) != list(range(len(self.marks))):
                raise ValueError("each argument must be exactly one parameter of the query")
            makers = [None if s is None else _as_parameter(self.kinds[s], connection, p)
                      for p, s in zip(params, slots, strict=True)]
            fields = [s[0] for s in compiler.select[:compiler.col_count]]
            self._compiled[using] = (sql, tuple(params), slots, makers, compiler.get_converters(fields), compiler)
        return self._compiled[using]

    def _fetch(self, using: str, args: tuple):
        sql, params, slots, makers, converters, compiler = self._compile(using)
        params = [p if slot is None else make(args[slot])
                  for p, slot, make in zip(params, slots, makers, strict=True)]
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = [list(row) for row in rows]
            for row in rows:
                for i, (convs, expression) in converters.items():
                    for convert in convs:
                        row[i] = convert(row[i], expression, connection)
        return rows, compiler

    def rows(self, *args) -> list[tuple]:
        return [tuple(row) for row in self._fetch(self.db, args)[0]]

    def objects(self, *args) -> list:
        """The instances, built as Django's ModelIterable builds them (no annotations, no prefetch)."""
        db = self.db
        rows, compiler = self._fetch(db, args)
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        populators = get_related_populators(klass_info, select, db)
        out = []
        for row in rows:
            obj = klass_info["model"].from_db(db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            out.append(obj)
        return out
