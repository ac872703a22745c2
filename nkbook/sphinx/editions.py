"""Two editions from one source: the teacher edition (the default) and the student edition.

`make student` builds the book with `nkbook_edition: student` (scripts/student.py). In that
edition:
- every exercise solution is removed from the pages (after sphinx-exercise has gathered each
  gated solution into one node, so nothing between solution-start and solution-end is left);
- anything marked for teachers is removed: elements with the class `nk-teacher-only`, such
  as an admonition with `:class: seealso nk-teacher-only` (removed while the page is read,
  so its links to teacher pages are never resolved).
The teachers' page and the lesson plans are left out of the student edition's table of
contents. tests/test_student_edition.py checks the built student site.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx_exercise.nodes import solution_end_node, solution_node, solution_start_node

EDITIONS = ("teacher", "student")
TEACHER_ONLY = "nk-teacher-only"


class RemoveAnswers(SphinxTransform):
    """In the student edition, drop solutions and teacher-only material from every page."""

    default_priority = 20  # after sphinx-exercise merges gated solutions (priority 10)

    def apply(self):
        if self.config.nkbook_edition != "student":
            return
        answers = (solution_node, solution_start_node, solution_end_node)
        for node in list(self.document.findall(lambda n: isinstance(n, answers))):
            node.parent.remove(node)
        for node in list(self.document.findall(nodes.Element)):
            if TEACHER_ONLY in node.get("classes", []) and node.parent is not None:
                node.parent.remove(node)


def check_edition(app, config) -> None:
    if config.nkbook_edition not in EDITIONS:
        raise ValueError(f"nkbook_edition must be one of {EDITIONS}, not {config.nkbook_edition!r}")


def setup(app):
    app.add_config_value("nkbook_edition", "teacher", "env")
    app.connect("config-inited", check_edition)
    app.add_transform(RemoveAnswers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
