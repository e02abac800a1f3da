"""A query asked on every request, compiled by the ORM once per database instead of on every call.

Compiling a queryset to SQL costs more than running it when the query is small and the database near
(two thirds of the ranking's time, and of the request's user load, on SQLite). `CompiledQuery` builds the
queryset once with marker arguments, keeps the ORM's SQL, where each argument goes among its parameters
and the ORM's readers of its columns, and then runs that SQL with the real arguments: the same rows
(decimals and dates read by the ORM's own converters), or the same model instances (select_related
included), as the queryset would give.
"""
from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

# Marker arguments: within every integer column's range and in no row (ids, years, months).
MARKS = (2_000_000_001, 2_000_000_002, 32_001, 32_002)


class CompiledQuery:
    """`build(*args)` gives the queryset (each argument an integer used once); `rows(*args)` its
    values_list rows, `objects(*args)` its model instances."""

    def __init__(self, build: Callable[..., QuerySet], arity: int):
        self.build, self.marks, self._compiled, self._db = build, MARKS[:arity], {}, None

    @property
    def db(self) -> str:
        """The database the queryset reads (asked once: building the queryset costs too)."""
        if self._db is None:
            self._db = self.build(*self.marks).db
        return self._db

    def _compile(self, using: str):
        if using not in self._compiled:
            queryset = self.build(*self.marks)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            # PostgreSQL's backend wraps small integers (psycopg's Int2): an int subclass, kept for the argument.
            slots = [self.marks.index(p) if isinstance(p, int) and p in self.marks else None for p in params]
            if sorted(s for s in slots if s is not None) != list(range(len(self.marks))):
                raise ValueError("each argument must be exactly one parameter of the query")
            fields = [s[0] for s in compiler.select[:compiler.col_count]]
            self._compiled[using] = (sql, tuple(params), slots, compiler.get_converters(fields), compiler)
        return self._compiled[using]

    def _fetch(self, using: str, args: tuple):
        sql, params, slots, converters, compiler = self._compile(using)
        params = [p if slot is None else type(p)(args[slot]) for p, slot in zip(params, slots, strict=True)]
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

    def rows(self, *args: int) -> list[tuple]:
        return [tuple(row) for row in self._fetch(self.db, args)[0]]

    def objects(self, *args: int) -> list:
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
