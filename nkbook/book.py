"""Where the book's pages are (the documents of _toc.yml, in reading order), and what each
page declares in its front matter."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def toc_documents() -> list[str]:
    """Every document in _toc.yml in reading order, e.g. 'chapters/intro'."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]


def page_title(document: str) -> str:
    """The first heading of a chapter, e.g. page_title("china") -> "China"."""
    path = ROOT / "chapters" / f"{Path(document).name}.md"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise ValueError(f"{path} has no '# ' title")


def front_matter(text: str) -> dict:
    """The YAML front matter of a chapter's source ({} when there is none)."""
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4 : text.index("\n---", 3)]) or {}


def declared(text: str) -> tuple[list[str], list[Path]]:
    """The tables and the other files a chapter's outputs depend on, from its front matter:

        nkbook:
          tables: [sk_arrivals, estimates]   # or "all"
          files: ["chapters/*.md"]           # globs from the repository root

    The build re-runs the chapter when one of them changes, and load() refuses other tables.
    """
    meta = front_matter(text).get("nkbook") or {}
    tables = meta.get("tables") or []
    if tables == "all":
        from nkbook.data import descriptor  # imported here: the data layer is heavy to load

        tables = [r["name"] for r in descriptor()["resources"]]
    files = sorted({p for pattern in meta.get("files") or [] for p in ROOT.glob(pattern)})
    return sorted(tables), files
