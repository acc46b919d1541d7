"""The printable guide: a user's programme as a PDF (weekly plan, exercises, safety rules).

Uses fpdf2 with its built-in Helvetica, so no font files ship with the bot. Built-in fonts only
cover Latin-1, so every text passes through `pdf_safe`, which swaps typographic punctuation for
plain equivalents and anything else unprintable for "?", instead of failing on one stray
character in the content.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from fpdf import FPDF

from bot.brain.coach.sessions import PARTS, SessionPlan, build_session
from bot.content.loader import Content
from bot.content.models import Exercise
from bot.model.calendar import week_start

PLAN_DAYS = (0, 2, 4)
"""Monday, Wednesday, Friday: three sessions a week, the usual programme dose."""
OPTIONAL_DAY = 5
"""Saturday, for a fourth session (the source article recommends 3-4 a week)."""
FONT = "Helvetica"
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2022": "-",
        "\u2026": "...",
        "\u2192": "->",
        "\u2264": "<=",
        "\u2265": ">=",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        # Letters that are not an accent on a Latin-1 letter, so NFKD cannot simplify them.
        "\u0141": "L",
        "\u0142": "l",
        "\u0110": "D",
        "\u0111": "d",
        "\u0131": "i",
        "\u0152": "OE",
        "\u0153": "oe",
    }
)


def pdf_safe(text: str) -> str:
    """The text in characters Helvetica can print (Latin-1)."""
    out = []
    for char in text.translate(_PLAIN):
        if ord(char) < 256:
            out.append(char)
            continue
        # "ł" or "ő" keep their base letter; emoji and other scripts become "?".
        base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
        out.append(base or "?")
    return "".join(out)


def guide_pdf(
    content: Content,
    *,
    goal: str,
    level: str,
    stages: dict[str, int],
    user_id: int,
    week_of: date,
    emergency_number: str,
) -> bytes:
    """The programme for this goal and level for the week containing `week_of`."""
    texts = content.messages.coach
    monday = week_start(week_of)
    plans = [
        build_session(content, goal, level, stages, user_id, monday + timedelta(days=offset))
        for offset in (*PLAN_DAYS, OPTIONAL_DAY)
    ]
    pdf = _Writer(texts.guide_page)
    pdf.set_title(pdf_safe(texts.guide_title))
    pdf.set_creator("back-care coach")
    pdf.add_page()
    pdf.heading(texts.guide_title, size=18)
    pdf.paragraph(
        texts.guide_subtitle.format(
            goal=content.goals[plans[0].goal].name,
            level=content.levels[plans[0].level].name,
            week=f"{monday.day} {monday:%B %Y}",
        ),
        bold=True,
    )
    pdf.paragraph(texts.guide_intro)

    pdf.heading(texts.guide_plan_heading)
    pdf.paragraph(texts.guide_plan_intro)
    for plan in plans:
        template = texts.guide_optional_day if plan is plans[-1] else texts.guide_day
        pdf.paragraph(template.format(day=f"{plan.day:%A}", minutes=plan.minutes), bold=True)
        pdf.bullets(_plan_lines(content, plan))

    pdf.heading(texts.guide_exercises_heading)
    seen: dict[str, tuple[Exercise, int]] = {}
    for plan in plans:
        for item in plan.items:
            seen.setdefault(item.exercise.id, (item.exercise, item.stage))
    for exercise, stage in seen.values():
        _exercise(pdf, content, exercise, stage, plans[0].level)

    pdf.heading(texts.guide_safety_heading)
    pdf.bullets(texts.guide_safety_rules)
    tiers = (("emergency", texts.guide_emergency), ("urgent", texts.guide_urgent))
    for tier, lead in tiers:
        labels = [rule.label for rule in content.safety.rules if rule.tier == tier]
        if labels:
            pdf.paragraph(lead.format(emergency_number=emergency_number), bold=True)
            pdf.bullets(labels)
    pdf.paragraph(content.messages.general.disclaimer)
    return bytes(pdf.output())


def _plan_lines(content: Content, plan: SessionPlan) -> list[str]:
    labels = {
        "warmup": content.messages.coach.warmup,
        "main": content.messages.coach.main,
        "cooldown": content.messages.coach.cooldown,
    }
    lines = []
    for part in PARTS:
        items = plan.part(part)
        if items:
            names = ", ".join(f"{item.exercise.name} ({item.minutes} min)" for item in items)
            lines.append(f"{labels[part]}: {names}")
    return lines


def _exercise(pdf: _Writer, content: Content, exercise: Exercise, stage: int, level: str) -> None:
    labels = content.messages.card
    if pdf.will_page_break(60):
        pdf.add_page()
    pdf.heading(exercise.name, size=13)
    pdf.paragraph(labels.muscles.format(muscles=", ".join(exercise.muscles)))
    if exercise.equipment.lower() != "none":
        pdf.paragraph(labels.equipment.format(equipment=exercise.equipment))
    if stage:
        variation = exercise.easier if stage < 0 else exercise.harder
        current = labels.current_easier if stage < 0 else labels.current_harder
        pdf.paragraph(current.format(name=variation.name), bold=True)
        pdf.paragraph(variation.how)
    pdf.paragraph(labels.steps, bold=True)
    pdf.numbered(exercise.steps)
    dose = labels.dose.format(level=content.levels[level].name)
    pdf.paragraph(f"{dose} {getattr(exercise.dosing, level)}", bold=True)
    pdf.paragraph(labels.cues, bold=True)
    pdf.bullets(exercise.cues)
    pdf.paragraph(labels.mistakes, bold=True)
    pdf.bullets(exercise.mistakes)
    pdf.paragraph(labels.easier.format(name=exercise.easier.name))
    pdf.paragraph(labels.harder.format(name=exercise.harder.name))
    pdf.paragraph(f"{labels.safety} {exercise.safety}")


class _Writer(FPDF):
    """A4 pages with a page-number footer, and the few text styles the guide uses."""

    def __init__(self, page_label: str):
        super().__init__(format="A4")
        self._page_label = page_label
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        label = self._page_label.format(page=self.page_no(), pages="{nb}")
        self.cell(0, 6, pdf_safe(label), align="C")

    def heading(self, text: str, size: int = 15) -> None:
        self.ln(3)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, pdf_safe(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text: str, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", 10.5)
        self.multi_cell(0, 5.5, pdf_safe(text.strip()), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def bullets(self, items: list[str]) -> None:
        self._list([("-", item) for item in items])

    def numbered(self, items: list[str]) -> None:
        self._list([(f"{number}.", item) for number, item in enumerate(items, 1)])

    def _list(self, items: list[tuple[str, str]]) -> None:
        self.set_font(FONT, "", 10.5)
        for marker, item in items:
            self.cell(7, 5.5, marker)
            self.multi_cell(0, 5.5, pdf_safe(item), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
