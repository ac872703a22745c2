"""Run the chapters that need it two at a time, before Jupyter Book reads them (make book).

Jupyter Book 1 executes notebooks one after another. This script finds the chapters that
jupyter-cache does not hold yet (the same notebook, with the same fingerprint cell that
nkbook.sphinx adds), executes them in parallel on the machine's cores exactly as MyST-NB
would, and stores the results in the cache; the build then finds them there. A chapter that
fails is left out, so the build runs it again and reports the error in the usual way.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# make passes the files that changed since the last run. One chapter alone runs no faster here
# than in the build, so the script stops before loading Jupyter (half a second saved per edit).
CHANGED = sys.argv[1:]
if len(CHANGED) == 1 and CHANGED[0].startswith("chapters/") and __name__ == "__main__":
    sys.exit(0)

from jupyter_cache import get_cache  # noqa: E402
from jupyter_cache.base import CacheBundleIn  # noqa: E402
from jupyter_cache.executors.utils import single_nb_execution  # noqa: E402
from myst_nb.core.config import NbParserConfig  # noqa: E402
from myst_nb.core.read import create_nb_reader  # noqa: E402
from myst_parser.config.main import MdParserConfig  # noqa: E402

from nkbook.book import ROOT, toc_documents  # noqa: E402
from nkbook.sphinx.freshness import with_fingerprint  # noqa: E402

CACHE = ROOT / "_build" / ".jupyter_cache"  # where Jupyter Book keeps it
TIMEOUT = 120  # seconds, as execute.timeout in _config.yml


def notebook(path: Path):
    """The notebook MyST-NB builds from a chapter, fingerprint cell included."""
    text, _ = with_fingerprint(path.read_text(encoding="utf-8"))
    return create_nb_reader(str(path), MdParserConfig(), NbParserConfig(), text).read(text)


def execute(path: Path):
    nb = notebook(path)
    result = single_nb_execution(
        nb, cwd=str(path.parent), allow_errors=False, timeout=TIMEOUT, meta_override=True
    )
    return path, (None if result.err else nb), result.time


def main() -> int:
    cache = get_cache(str(CACHE))
    stale = []
    for path in (ROOT / f"{doc}.md" for doc in toc_documents()):
        nb = notebook(path)
        if not any(cell.cell_type == "code" for cell in nb.cells):
            continue
        try:
            cache.match_cache_notebook(nb)
        except KeyError:
            stale.append(path)
    if len(stale) < 2:  # nothing to gain: let the build run it
        return 0
    print(f"Running {len(stale)} chapters, {os.cpu_count()} at a time", flush=True)
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        for path, nb, seconds in pool.map(execute, stale):
            name = path.relative_to(ROOT)
            if nb is None:
                print(f"  {name}: failed; the build will run it again and report why")
                continue
            record = cache.add_nb_to_project(str(path))
            bundle = CacheBundleIn(nb, record.uri, data={"execution_seconds": seconds})
            cache.cache_notebook_bundle(bundle, check_validity=False, overwrite=True)
            print(f"  {name}: {seconds:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
