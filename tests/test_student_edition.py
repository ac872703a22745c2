"""The student edition (`make student`) has every chapter and exercise of the teacher edition,
and no solution, no teacher-only material and no teachers' page."""

from __future__ import annotations

import re
from html import unescape

import pytest

from conftest import ROOT, SITE, toc_files

STUDENT_SITE = ROOT / "_build" / "student" / "_build" / "html"
TEACHER_ONLY_PAGES = {"chapters/for-teachers", "chapters/lesson-plans"}
STUDENT_PAGES = [doc for doc in toc_files() if doc not in TEACHER_ONLY_PAGES]


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _solutions(html: str) -> list[str]:
    """The text of each solution in a teacher-edition page."""
    blocks = re.findall(r'<div class="solution[^"]*"[^>]*>(.*?)</section>\s*</div>', html, re.S)
    return [_text(block) for block in blocks]


@pytest.fixture(scope="module")
def student_site():
    if not (STUDENT_SITE / "chapters" / "intro.html").exists():
        pytest.fail("the student edition is missing: run `make student` (make test does)")
    return STUDENT_SITE


@pytest.mark.parametrize("doc", STUDENT_PAGES)
def test_student_page_has_the_exercise_but_no_solution(student_site, doc):
    teacher = (SITE / f"{doc}.html").read_text(encoding="utf-8")
    student = (student_site / f"{doc}.html").read_text(encoding="utf-8")
    assert 'class="solution' not in student, f"{doc}: a solution in the student edition"
    assert "nk-teacher-only" not in student, f"{doc}: teacher-only material"
    assert "for-teachers.html" not in student, f"{doc}: a link to the teachers' page"
    assert teacher.count('class="exercise') == student.count('class="exercise'), (
        f"{doc}: the student edition lost an exercise"
    )
    shown = _text(student)
    for solution in _solutions(teacher):
        # A solution's own words (its title aside) must not reach the student page.
        words = solution.split(" ", 4)[-1][:80]
        assert words not in shown, f"{doc}: solution text in the student edition: {words!r}"


def test_teacher_edition_keeps_what_the_student_edition_leaves_out():
    """The test above would pass on two empty sites: the teacher edition must hold them."""
    pages = [(SITE / f"{doc}.html").read_text(encoding="utf-8") for doc in STUDENT_PAGES]
    assert sum(len(_solutions(page)) for page in pages) >= 15
    assert any("nk-teacher-only" in page for page in pages)
    assert (SITE / "chapters" / "for-teachers.html").exists()


def test_student_edition_has_no_teachers_page(student_site):
    for doc in TEACHER_ONLY_PAGES:
        assert not (student_site / f"{doc}.html").exists(), f"{doc} in the student edition"
    index = (student_site / "chapters" / "intro.html").read_text(encoding="utf-8")
    assert "(student edition)" in index
