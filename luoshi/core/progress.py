"""A progress bar on the command line for long work that reports `progress(done, total)`."""
from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def progress_bar(desc: str, unit: str, verbosity: int = 1):
    """Yield a `progress(done, total)` callback drawing a tqdm bar (silent at verbosity 0)."""
    with tqdm(total=1, desc=desc, unit=unit, disable=verbosity == 0) as bar:
        def progress(done: int, total: int) -> None:
            bar.total = max(total, 1)
            bar.n = done
            bar.refresh()

        yield progress
