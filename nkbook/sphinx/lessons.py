"""Lesson plans: ```{lesson-plan} russia``` shows lessons/russia.yml on the page.

Each chapter's 45-minute plan lives in lessons/<chapter>.yml: three phases (starter, main,
plenary) with minutes, what happens and what students produce; model answers to the chapter's
questions for discussion; common misconceptions; a core path, support and extension; a
vocabulary list; and a three-question exit check. The directive checks the plan (the phases add
up to 45 minutes, one model answer per question, three exit questions) and fails the build with
the file and the rule when it does not hold. Sphinx re-reads the page when the file changes.
tests/test_lessons.py checks every chapter has a plan.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from nkbook.book import ROOT

LESSONS_DIR = ROOT / "lessons"
MINUTES = 45
PHASES = ("starter", "main", "plenary")
LISTS = ("model_answers", "misconceptions", "vocabulary", "exit_check")


def plan_path(chapter: str) -> Path:
    return LESSONS_DIR / f"{chapter}.yml"


def discussion_questions(chapter: str) -> int:
    """How many questions the chapter's "Questions for discussion" section asks."""
    text = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    section = text.split("## Questions for discussion", 1)[-1].split("\n## ", 1)[0]
    return len(re.findall(r"^\d+\. ", section, re.M))


def problems(plan: dict, chapter: str) -> list[str]:
    """What is wrong with a plan, one rule per line (nothing when it is fine)."""
    found = []
    phases = plan.get("phases") or []
    if [p.get("phase") for p in phases] != list(PHASES):
        found.append(f"phases must be {', '.join(PHASES)}, in that order")
    for phase in phases:
        for key in ("minutes", "activity", "students_produce"):
            if not phase.get(key):
                found.append(f"phase {phase.get('phase')!r} has no {key}")
    total = sum(p.get("minutes") or 0 for p in phases)
    if total != MINUTES:
        found.append(f"the phases add up to {total} minutes, not {MINUTES}")
    for key in (*LISTS, "core", "support", "extension"):
        if not plan.get(key):
            found.append(f"no {key}")
    questions = discussion_questions(chapter)
    if len(plan.get("model_answers") or []) != questions:
        found.append(
            f"{len(plan.get('model_answers') or [])} model answers for {questions} questions"
        )
    if len(plan.get("exit_check") or []) != 3:
        found.append("the exit check must have three questions")
    return found


def read_plan(chapter: str) -> dict:
    path = plan_path(chapter)
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    if bad := problems(plan, chapter):
        where = path.relative_to(ROOT)
        raise ValueError("\n".join(f"{where}: {problem}" for problem in bad))
    return plan


def cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def as_markdown(plan: dict, chapter: str) -> list[str]:
    """The plan as MyST Markdown, parsed into the page by the directive."""
    lines = [
        f"**{MINUTES} minutes**, for the chapter {{doc}}`{chapter}`.",
        "",
        "| Phase | Minutes | What happens | Students produce |",
        "|---|---|---|---|",
    ]
    for phase in plan["phases"]:
        lines.append(
            f"| {phase['phase'].capitalize()} | {phase['minutes']} | {cell(phase['activity'])} "
            f"| {cell(phase['students_produce'])} |"
        )
    lines += ["", "**Model answers to the questions for discussion**", ""]
    lines += [f"{n}. {cell(answer)}" for n, answer in enumerate(plan["model_answers"], 1)]
    lines += ["", "**Common misconceptions**", ""]
    lines += [f"- {cell(item)}" for item in plan["misconceptions"]]
    lines += ["", "**Differentiation**", ""]
    lines += [
        f"- *{key.capitalize()}:* {cell(plan[key])}" for key in ("core", "support", "extension")
    ]
    lines += ["", f"**Vocabulary:** {', '.join(plan['vocabulary'])}.", ""]
    lines += ["**Exit check** (answers in italics)", ""]
    lines += [
        f"{n}. {cell(item['question'])} *{cell(item['answer'])}*"
        for n, item in enumerate(plan["exit_check"], 1)
    ]
    return lines


class LessonPlan(SphinxDirective):
    required_arguments = 1

    def run(self):
        chapter = self.arguments[0]
        path = plan_path(chapter)
        self.env.note_dependency(str(path))
        try:
            plan = read_plan(chapter)
        except (OSError, ValueError, yaml.YAMLError) as error:
            raise self.error(f"lesson plan for {chapter}: {error}") from error
        box = nodes.container(classes=["nk-lesson-plan"])
        self.state.nested_parse(StringList(as_markdown(plan, chapter), str(path)), 0, box)
        # The parser leaves a table's cells without a source, and Sphinx's translation skips
        # text without one (sphinx.util.nodes.is_translatable): give them the plan's file, so
        # the phase table is translated with the rest of the plan.
        source, line = str(path), self.lineno
        for text in box.findall(nodes.TextElement):
            if not text.source:
                text.source, text.line = source, line
            if text.astext().isdigit():  # the minutes: nothing to translate
                text["translatable"] = False
        return [box]


def setup(app):
    app.add_directive("lesson-plan", LessonPlan)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
