"""The printable guide: a handout of the user's programme as a PDF.

Page one is a cover with the warning signs boxed, so they are the first thing anyone reads; then
the week's plan and the pain rules, every exercise on one part of a page (never split) with its
start and end pictures, its steps, dose and both variations, and last a tracking sheet with a
tick box per day and a pain column. DejaVu Sans (shipped in bot/drawing/fonts) prints any
Unicode letter, so Norwegian æøå need no replacing.
"""

from __future__ import annotations

import io
import logging
from datetime import date, timedelta

from fpdf import FPDF

from bot.brain.coach.sessions import PARTS, SessionPlan, build_session
from bot.brain.exercises.cards import version_steps
from bot.brain.exercises.pictures import exercise_still, pose_of
from bot.content.loader import Content
from bot.content.models import Exercise
from bot.drawing.fonts import BOLD, REGULAR
from bot.model.calendar import week_start

logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting chatter

PLAN_DAYS = (0, 2, 4)
"""Monday, Wednesday, Friday: three sessions a week, the usual programme dose."""
OPTIONAL_DAY = 5
"""Saturday, for a fourth session (the source article recommends 3-4 a week)."""
FONT = "DejaVu"
TRACKED_WEEKS = 6
PANEL_WIDTH = 40
"""Millimetres per position in the picture (start and end: 80 mm), big enough to see from
arm's length; a three-position picture is wider, not smaller."""
RED = (176, 32, 32)
RED_FILL = (253, 236, 236)
GREY = (110, 110, 110)
TEXT_SIZE, LINE = 9.5, 4.7


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
    pdf.set_title(texts.guide_title)
    pdf.set_creator("back-care coach")
    _cover(pdf, content, plans[0], monday, emergency_number)

    pdf.add_page()
    pdf.heading(texts.guide_plan_heading)
    pdf.paragraph(texts.guide_plan_intro)
    for plan in plans:
        template = texts.guide_optional_day if plan is plans[-1] else texts.guide_day
        pdf.paragraph(
            template.format(
                day=content.messages.reminders.weekdays[plan.day.weekday()], minutes=plan.minutes
            ),
            bold=True,
        )
        pdf.bullets(_plan_lines(content, plan))
    pdf.heading(texts.guide_safety_heading)
    pdf.bullets(texts.guide_safety_rules)

    pdf.add_page()
    pdf.heading(texts.guide_exercises_heading)
    seen: dict[str, tuple[Exercise, int]] = {}
    for plan in plans:
        for item in plan.items:
            seen.setdefault(item.exercise.id, (item.exercise, item.stage))
    scratch = _Writer(texts.guide_page)
    for exercise, stage in seen.values():
        # Measured on a scratch page first, so an exercise that would not fit starts a page.
        scratch.add_page()
        _exercise(scratch, content, exercise, stage, plans[0].level)
        if pdf.will_page_break(scratch.get_y() - scratch.t_margin):
            pdf.add_page()
        _exercise(pdf, content, exercise, stage, plans[0].level)
        pdf.rule()

    pdf.add_page()
    _tracking_sheet(pdf, content, monday)
    return bytes(pdf.output())


def _cover(
    pdf: _Writer, content: Content, plan: SessionPlan, monday: date, emergency_number: str
) -> None:
    texts = content.messages.coach
    pdf.add_page()
    pdf.ln(6)
    pdf.heading(texts.guide_title, size=24)
    pdf.paragraph(
        texts.guide_subtitle.format(
            goal=content.goals[plan.goal].name,
            level=content.levels[plan.level].name,
            week=f"{monday.day} {content.messages.reminders.month_names[monday.month - 1]} "
            f"{monday.year}",
        ),
        bold=True,
    )
    pdf.paragraph(texts.guide_intro)
    pdf.ln(2)
    sections = []
    for tier, lead in (("emergency", texts.guide_emergency), ("urgent", texts.guide_urgent)):
        labels = [rule.label for rule in content.safety.rules if rule.tier == tier]
        if labels:
            sections.append((lead.format(emergency_number=emergency_number), labels))
    pdf.warning_box(texts.guide_flags_heading, sections)
    pdf.ln(4)
    pdf.set_text_color(*GREY)
    pdf.paragraph(texts.guide_disclaimer)
    pdf.set_text_color(0, 0, 0)


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
    """One exercise, all on one page: pictures, the version to do, dose, steps, variations."""
    labels = content.messages.card
    which = "standard" if stage == 0 else ("easier" if stage < 0 else "harder")
    pdf.ln(2)
    pdf.heading(exercise.name, size=13)
    picture = exercise_still(content, exercise.id, which)
    panels = len(pose_of(content, exercise.id, which).frames)
    pdf.image(io.BytesIO(picture.data), w=min(PANEL_WIDTH * panels, pdf.epw))
    pdf.ln(1)
    if stage:
        variation = exercise.easier if stage < 0 else exercise.harder
        current = labels.current_easier if stage < 0 else labels.current_harder
        pdf.paragraph(current.format(name=variation.name), bold=True)
    dose = labels.dose.format(level=content.levels[level].name)
    pdf.paragraph(f"{dose} {getattr(exercise.dosing, level)}", bold=True)
    pdf.numbered(version_steps(exercise, which))
    pdf.paragraph(f"{labels.cues} {' '.join(exercise.cues[:2])}")
    for name in ("easier", "harder"):
        variation = getattr(exercise, name)
        template = labels.easier if name == "easier" else labels.harder
        pdf.paragraph(f"{template.format(name=variation.name)}. {variation.how}")
    pdf.paragraph(f"{labels.safety} {exercise.safety}")


def _tracking_sheet(pdf: _Writer, content: Content, monday: date) -> None:
    """A week per row: a tick box per day and a column for the pain after sessions."""
    texts = content.messages.coach
    days = content.messages.reminders.day_names
    months = content.messages.reminders.months
    pdf.heading(texts.guide_tracking_heading)
    pdf.paragraph(texts.guide_tracking_intro)
    week_w, day_w = 24, 12
    pain_w = pdf.epw - week_w - 7 * day_w
    row_h = 12
    pdf.set_font(FONT, "B", 10)
    pdf.cell(week_w, 8, texts.guide_tracking_week, border=1, align="C")
    for day in days:
        pdf.cell(day_w, 8, day, border=1, align="C")
    pdf.cell(
        pain_w, 8, texts.guide_tracking_pain, border=1, align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(FONT, "", 10)
    for week in range(TRACKED_WEEKS):
        start = monday + timedelta(weeks=week)
        pdf.cell(week_w, row_h, f"{start.day} {months[start.month - 1]}", border=1, align="C")
        for _ in days:
            x, y = pdf.get_x(), pdf.get_y()
            pdf.cell(day_w, row_h, "", border=1)
            pdf.rect(x + day_w / 2 - 2.5, y + row_h / 2 - 2.5, 5, 5)
        pdf.cell(pain_w, row_h, "", border=1, new_x="LMARGIN", new_y="NEXT")


class _Writer(FPDF):
    """A4 pages with a page-number footer, and the few text styles the guide uses."""

    def __init__(self, page_label: str):
        super().__init__(format="A4")
        self._page_label = page_label
        self.add_font(FONT, "", str(REGULAR))
        self.add_font(FONT, "B", str(BOLD))
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.cell(0, 6, self._page_label.format(page=self.page_no(), pages="{nb}"), align="C")

    def heading(self, text: str, size: int = 15) -> None:
        self.ln(3)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text: str, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", TEXT_SIZE)
        self.multi_cell(0, LINE, text.strip(), new_x="LMARGIN", new_y="NEXT")
        self.ln(0.8)

    def bullets(self, items: list[str]) -> None:
        self._list([("•", item) for item in items])

    def numbered(self, items: list[str]) -> None:
        self._list([(f"{number}.", item) for number, item in enumerate(items, 1)])

    def _list(self, items: list[tuple[str, str]]) -> None:
        self.set_font(FONT, "", TEXT_SIZE)
        for marker, item in items:
            self.cell(6, LINE, marker)
            self.multi_cell(0, LINE, item, new_x="LMARGIN", new_y="NEXT")
        self.ln(0.8)

    def rule(self) -> None:
        """A thin line between two exercises."""
        y = self.get_y() + 1
        self.set_draw_color(200, 200, 200)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(3)

    def warning_box(self, heading: str, sections: list[tuple[str, list[str]]]) -> None:
        """The warning signs in a red-framed box: measured first, then drawn, then written."""
        pad = 4
        width = self.epw - 2 * pad
        lines = [(heading, "B", 13, 6.5, "")]
        for lead, labels in sections:
            lines.append((lead, "B", 10, 5.2, ""))
            lines += [(label, "", 10, 5.2, "•") for label in labels]
        height = 2 * pad
        for text, style, size, line_h, marker in lines:
            self.set_font(FONT, style, size)
            room = width - (6 if marker else 0)
            height += line_h * len(
                self.multi_cell(room, line_h, text, dry_run=True, output="LINES")
            )
        x, y = self.l_margin, self.get_y()
        self.set_draw_color(*RED)
        self.set_fill_color(*RED_FILL)
        self.set_line_width(0.8)
        self.rect(x, y, self.epw, height, style="DF")
        self.set_line_width(0.2)
        self.set_xy(x + pad, y + pad)
        for text, style, size, line_h, marker in lines:
            self.set_font(FONT, style, size)
            self.set_x(x + pad)
            if style == "B":
                self.set_text_color(*RED)
            if marker:
                self.cell(6, line_h, marker)
            # Ragged right: justified short lines open wide gaps ("Nummenhet   rundt   ...").
            room = width - (6 if marker else 0)
            self.multi_cell(room, line_h, text, align="L", new_x="LEFT", new_y="NEXT")
            self.set_text_color(0, 0, 0)
        self.set_xy(x, y + height)
