"""Run the chapters that need it while Jupyter Book starts (make book), one warm kernel per core.

Jupyter Book 1 executes notebooks one after another, each in a new kernel, and most of a
chapter's run is start-up: the kernel (0.5 s), pandas and Altair (0.4 s), vl-convert's first
drawing (0.4 s). This script finds the chapters that jupyter-cache does not hold yet (the same
notebook, with the fingerprint cell that nkbook.sphinx adds) and hands them out, in the order
Sphinx reads them, to one kernel per core; a kernel forgets the previous chapter before the
next (reset_code below: a new IPython session, and nkbook imported afresh). Each result goes
into the cache, where the build finds it.

make starts the build at the same time. Until this script ends, it keeps in STATUS the
chapters it has not finished; the build waits for such a chapter before reading it
(nkbook.sphinx.freshness.wait_for_prewarm), so its start-up (2 s) overlaps the runs. A chapter
that fails is left out, so the build runs it again and reports the error in the usual way.
tests/test_prewarm.py checks that a chapter run after another gives exactly the outputs of a
chapter run alone.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import sys
import threading
import time
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_client.manager import AsyncKernelManager
from myst_nb.core.config import NbParserConfig
from myst_nb.core.read import create_nb_reader
from myst_parser.config.main import MdParserConfig
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from nkbook.book import ROOT, build_dir, toc_documents
from nkbook.sphinx.freshness import PREWARM_STATUS as STATUS
from nkbook.sphinx.freshness import with_fingerprint

CACHE = build_dir() / ".jupyter_cache"  # where Jupyter Book keeps this edition's (NKBOOK_LANG)
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
    """Run `paths` one after another in one kernel: [(path, notebook or None, seconds)]. In a
    thread of its own, with its own event loop, whatever the caller's thread is running."""
    todo, done = queue.Queue(), queue.Queue()
    for path in [*paths, None]:
        todo.put(path)
    worker = threading.Thread(target=kernel_worker, args=(todo, done))
    worker.start()
    worker.join()
    return [done.get() for _ in paths]


def kernel_worker(todo, done) -> None:
    """Take chapters from `todo` until it gives None; put (path, notebook or None, seconds) in
    `done` for each. The kernel is shut down before the worker ends."""

    async def run_all():
        kernel = Kernel(ROOT / "chapters")
        try:
            while (path := todo.get()) is not None:
                done.put((path, *(await kernel.run(path))))
        finally:
            await kernel.stop()

    asyncio.run(run_all())


def write_status(pending) -> None:
    """STATUS: this process, then one document per line that it has not finished ("*": all)."""
    STATUS.parent.mkdir(parents=True, exist_ok=True)
    part = STATUS.with_suffix(".part")
    part.write_text("\n".join([str(os.getpid()), *pending]) + "\n", encoding="utf-8")
    part.replace(STATUS)


def stale_groups(cache, paths: list[Path]) -> list[list[Path]]:
    """The chapters among `paths` whose notebook (fingerprint included) the cache does not hold,
    grouped by the cache's key for them. A page without code counts too: MyST-NB starts a kernel
    for it all the same. jupyter-cache keys a notebook by its code cells only, so every page
    without code shares one key: it is run and cached once for all of them, since caching it
    again would replace the record under a build that is reading it (a StaleDataError)."""
    groups: dict[str, list[Path]] = {}
    for path in paths:
        nb = notebook(path)
        try:
            cache.match_cache_notebook(nb)
        except KeyError:
            groups.setdefault(cache.create_hashed_notebook(nb)[1], []).append(path)
    return list(groups.values())


def cache_result(cache, path: Path, nb, seconds: float) -> None:
    """Put a chapter's run in the cache, unless the cache already holds its key: a record the
    build may be reading is never replaced."""
    try:
        cache.match_cache_notebook(nb)
        return
    except KeyError:
        pass
    record = cache.add_nb_to_project(str(path))
    bundle = CacheBundleIn(nb, record.uri, data={"execution_seconds": seconds})
    cache.cache_notebook_bundle(bundle, check_validity=False, overwrite=False)


def document(path: Path) -> str:
    """A chapter's name as Sphinx gives it: chapters/russia."""
    return str(path.relative_to(ROOT).with_suffix(""))


def main() -> int:
    write_status(["*"])  # until the list below is known, the build waits for every chapter
    try:
        cache = get_cache(str(CACHE))
        # In the order Sphinx reads them (sorted names), so the build rarely waits.
        chapters = sorted(ROOT / f"{doc}.md" for doc in toc_documents())
        groups = {group[0]: group for group in stale_groups(cache, chapters)}
        pending = {document(path) for group in groups.values() for path in group}
        write_status(sorted(pending))
        if not groups:
            return 0
        cores = min(os.cpu_count() or 1, len(groups))
        print(f"Running {len(groups)} chapters in {cores} kernels", flush=True)
        todo, done = multiprocessing.Queue(), multiprocessing.Queue()
        for path in [*groups, *[None] * cores]:  # None: no more chapters
            todo.put(path)
        workers = [
            multiprocessing.Process(target=kernel_worker, args=(todo, done)) for _ in range(cores)
        ]
        for worker in workers:
            worker.start()
        while pending:
            try:
                path, nb, seconds = done.get(timeout=1)
            except queue.Empty:
                if any(worker.is_alive() for worker in workers):
                    continue
                break  # a worker died: the build runs what is left
            name = path.relative_to(ROOT)
            if nb is None:
                print(f"  {name}: failed; the build will run it again and report why")
            else:
                cache_result(cache, path, nb, seconds)
                print(f"  {name}: {seconds:.1f} s", flush=True)
            pending -= {document(chapter) for chapter in groups[path]}
            write_status(sorted(pending))
        for worker in workers:
            worker.join()
        return 0
    finally:
        STATUS.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
