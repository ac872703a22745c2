"""Where the book's pages are: the documents of _toc.yml, in reading order."""

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
