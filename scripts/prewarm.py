"""Run the chapters that need it before Jupyter Book reads them (make book), one warm kernel
per core.

Jupyter Book 1 executes notebooks one after another, each in a new kernel, and most of a
chapter's run is start-up: the kernel (0.5 s), pandas and Altair (0.4 s), vl-convert's first
drawing (0.4 s). This script finds the chapters that jupyter-cache does not hold yet (the same
notebook, with the fingerprint cell that nkbook.sphinx adds), shares them between the cores,
and runs each core's share in one kernel, which forgets the previous chapter before the next
(reset_code below: a new IPython session, and nkbook imported again). The results go into the
cache, where the build finds them. A chapter that fails is left out, so the build runs it again
and reports the error in the usual way. tests/test_prewarm.py checks that a chapter run after
another gives exactly the outputs of a chapter run alone.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# make passes the files that changed since the last run. One chapter alone runs no faster here
# than in the build, so the script stops before loading Jupyter (half a second saved per edit).
CHANGED = sys.argv[1:]
if len(CHANGED) == 1 and CHANGED[0].startswith("chapters/") and __name__ == "__main__":
    sys.exit(0)

from jupyter_cache import get_cache  # noqa: E402
from jupyter_cache.base import CacheBundleIn  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from myst_nb.core.config import NbParserConfig  # noqa: E402
from myst_nb.core.read import create_nb_reader  # noqa: E402
from myst_parser.config.main import MdParserConfig  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError  # noqa: E402

from nkbook.book import ROOT, toc_documents  # noqa: E402
from nkbook.sphinx.freshness import with_fingerprint  # noqa: E402

CACHE = ROOT / "_build" / ".jupyter_cache"  # where Jupyter Book keeps it
TIMEOUT = 120  # seconds, as execute.timeout in _config.yml


def notebook(path: Path):
    """The notebook MyST-NB builds from a chapter, fingerprint cell included."""
    text, _ = with_fingerprint(path.read_text(encoding="utf-8"))
    return create_nb_reader(str(path), MdParserConfig(), NbParserConfig(), text).read(text)


def reset_code(folder: Path) -> str:
    """What a used kernel runs before the next chapter, so that chapter starts as in a new one:
    an empty namespace and history, execution counts from 1, the chapter's folder, and nkbook
    imported afresh (its caches and chart numbers). Imported libraries stay: that is the gain."""
    return (
        "get_ipython().reset(new_session=True)\n"
        "import os, sys\n"
        f"os.chdir({str(folder)!r})\n"
        "for _name in [m for m in sys.modules if m == 'nkbook' or m.startswith('nkbook.')]:\n"
        "    del sys.modules[_name]\n"
        "get_ipython().reset(new_session=True)\n"
    )


class Kernel:
    """One kernel, reused chapter after chapter (a new one after a chapter fails)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.manager = self.client = None

    async def start(self):
        self.manager = AsyncKernelManager(kernel_name="python3")
        await self.manager.start_kernel(cwd=str(self.folder))
        self.client = self.manager.client()
        self.client.start_channels()
        await self.client.wait_for_ready(timeout=TIMEOUT)

    async def stop(self):
        if self.manager is not None:
            self.client.stop_channels()
            await self.manager.shutdown_kernel(now=True)
            self.manager = self.client = None

    async def run(self, path: Path):
        """(the executed notebook, or None when a cell failed; seconds)."""
        if self.manager is None:
            await self.start()
        nb = notebook(path)
        start = time.perf_counter()
        reply = await self.client.execute_interactive(
            reset_code(path.parent), store_history=False, timeout=TIMEOUT, output_hook=ignore
        )
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"could not reset the kernel before {path.name}: {reply}")
        # As jupyter-cache runs a notebook (no timings in the cells), in this kernel.
        client = NotebookClient(
            nb,
            km=self.manager,
            timeout=TIMEOUT,
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.kc = self.client
        try:
            await client.async_execute()
        except (CellExecutionError, CellTimeoutError):
            await self.stop()  # what the failed chapter left behind goes with this kernel
            return None, time.perf_counter() - start
        return nb, time.perf_counter() - start


def ignore(message) -> None:
    """The reset prints nothing worth keeping."""


def run_in_one_kernel(paths: list[Path]) -> list[tuple[Path, object, float]]:
    async def run_all():
        kernel = Kernel(ROOT / "chapters")
        try:
            return [(path, *(await kernel.run(path))) for path in paths]
        finally:
            await kernel.stop()

    return asyncio.run(run_all())


def stale_chapters(cache) -> list[Path]:
    """The chapters whose notebook (fingerprint included) the cache does not hold. A page without
    code counts too: MyST-NB starts a kernel for it all the same."""
    stale = []
    for path in (ROOT / f"{doc}.md" for doc in toc_documents()):
        nb = notebook(path)
        try:
            cache.match_cache_notebook(nb)
        except KeyError:
            stale.append(path)
    return stale


def main() -> int:
    cache = get_cache(str(CACHE))
    stale = stale_chapters(cache)
    if len(stale) < 2:  # nothing to gain: let the build run it
        return 0
    cores = min(os.cpu_count() or 1, len(stale))
    print(f"Running {len(stale)} chapters in {cores} kernels", flush=True)
    shares = [stale[core::cores] for core in range(cores)]
    with ProcessPoolExecutor(max_workers=cores) as pool:
        for share in pool.map(run_in_one_kernel, shares):
            for path, nb, seconds in share:
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
