"""Quiet-day visits on the shared `world`; time frozen on 3 March 2025, inside the 1–25 window."""
from datetime import date

import pytest

from luoshi.inspections import services
from luoshi.inspections.models import VisitCategory, VisitType
from tests.appeals.conftest import frozen, more  # noqa: F401 (the shared `more` fixture)

NOW = "2025-03-03 10:00 +0800"
IN_WINDOW, OUTSIDE = date(2025, 3, 10), date(2025, 3, 28)


@pytest.fixture
def clock():
    yield from frozen(NOW)


@pytest.fixture
def plan(world, clock):
    """File a visit of a_unit (古荥镇) to a_ent."""
    def _plan(category=VisitCategory.OTHER, on=IN_WINDOW, user=None, department=None, enterprises=None, **kw):
        return services.file_visit(user or world.users.a_unit, department=department or world.a_unit,
                                   enterprises=enterprises or [world.a_ent], date=on,
                                   visit_type=kw.pop("visit_type", VisitType.SURVEY), category=category,
                                   legal_basis=kw.pop("legal_basis", "《统计法》第七条"), **kw)
    return _plan
