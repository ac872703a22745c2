"""Lighthouse (mobile) on every page of both editions: `make bench-pages`.

Serves the built book on 127.0.0.1 with gzip, as a real host would, runs Lighthouse 12.2.3
(bench/package-lock.json) with Debian's Chromium, and writes the scores and the bytes
transferred per page to bench/pages.md. A benchmark, not a test: it records, it asserts nothing.
"""

from __future__ import annotations

import datetime
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from nkbook.book import toc_documents

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "pages.md"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 0.95}
MAX_KIB = 200  # issue 13: at most 200 KiB transferred on a first visit
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".csv", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it (as any web host does)."""

    cache: dict[str, bytes] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(SITE), **kwargs)

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = self.cache.get(str(path)) or gzip.compress(path.read_bytes(), 6)
        self.cache[str(path)] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def audit(url: str) -> dict:
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
            "--disable-background-networking --disable-component-update",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    kib = report["audits"]["total-byte-weight"]["numericValue"] / 1024
    failed = [
        a["id"]
        for a in report["audits"].values()
        if a.get("score") is not None
        and a["score"] < 0.9
        and a.get("scoreDisplayMode") in ("binary", "numeric")
    ][:6]
    return {"scores": scores, "kib": kib, "failed": failed}


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: make bench-pages installs it", file=sys.stderr)
        return 1
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), GzipHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows, all_met = [], True
    # The English edition at the site's root, the Korean one under ko/ (make book builds both).
    pages = [f"{edition}{doc}" for edition in ("", "ko/") for doc in toc_documents()]
    for doc in pages:
        result = audit(f"{base}/{doc}.html")
        met = all(result["scores"][c] >= t for c, t in TARGETS.items()) and result["kib"] <= MAX_KIB
        all_met &= met
        cells = " | ".join(f"{result['scores'][c]:.2f}" for c in CATEGORIES)
        rows.append(
            f"| {doc} | {cells} | {result['kib']:.0f} | {'yes' if met else '**no**'} | "
            f"{', '.join(result['failed'])} |"
        )
        print(rows[-1], flush=True)
    server.shutdown()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    RESULTS.write_text(
        "\n".join(
            [
                "# Page speed and quality (Lighthouse 12.2.3, mobile)",
                "",
                f"Measured by `make bench-pages` on {datetime.date.today()} at commit {commit}, "
                "served with gzip on 127.0.0.1, Lighthouse's default mobile throttling.",
                "Targets: performance >= 0.98, accessibility 1.0, best practices 1.0, SEO >= 0.95, "
                f"at most {MAX_KIB} KiB transferred on a first visit.",
                f"All targets met on every page: {'yes' if all_met else 'no'}.",
                "",
                "| page | performance | accessibility | best practices | SEO | KiB | targets met | "
                "audits below 0.9 |",
                "|---|---|---|---|---|---|---|---|",
                *rows,
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
