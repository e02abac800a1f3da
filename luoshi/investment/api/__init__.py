"""API of investment attraction (招商引资) and the industry chains (链长制), by concern:

- `ledger`   — a district's projects, one project with its steps, new leads, corrections of a record's facts
  and moves of the lead-to-production machine;
- `progress` — the district's year: funnel, targets and 三个一批 batches;
- `chains`   — the chains' overview, panorama (产业链全景图) and 招商地图, and the editing of a chain (链长,
  links, enterprises, 链主) as on the chain page;
- `schemas`, `chain_schemas` — what they read and write.

Reads go through `for_user` (a record outside the user's scope answers 404); writes through the same
services as the pages, so what the page refuses is refused here too (422, the reasons in words; a stale
`expected_version` 409; a visible record the user may not keep 403). Each route names its operation id as
it was when the API was one module (`luoshi_investment_api_<view>`), so clients generated from the OpenAPI
document keep working.
"""
from importlib import import_module

from luoshi.investment.api.base import router

# Registered in this order, the order of the OpenAPI document: the ledger, the year, the chains.
for _concern in ("ledger", "progress", "chains"):
    import_module(f"{__name__}.{_concern}")

__all__ = ["router"]
