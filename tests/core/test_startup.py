"""A server process freezes what it loaded (luoshi/wsgi.py), so the garbage collector's full passes during
a request do not walk Django's and Luoshi's start-up objects again."""
import gc
import sys

from luoshi.core.startup import freeze_loaded_heap


def test_the_loaded_views_are_frozen_out_of_the_collectors_passes():
    try:
        frozen = freeze_loaded_heap()
        assert frozen > 10_000 and frozen == gc.get_freeze_count()
        assert "luoshi.workplan.views" in sys.modules and "luoshi.projects.views" in sys.modules
    finally:
        gc.unfreeze()
