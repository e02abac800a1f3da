"""What a server process does once it has loaded, before its first request."""
import gc


def freeze_loaded_heap() -> int:
    """Import every view (the URLconf), then move every object made so far — apps, models, URL patterns,
    views, libraries: about 230,000 — out of the cyclic garbage collector's reach (`gc.freeze`). They live
    as long as the process; left in, each full collection walks all of them again, which was a fifth of a
    page that judges 5,000 tasks (docs/benchmarks.md). Objects made later are collected as before.
    Returns how many were frozen."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 — evaluated for its imports
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
