"""DejaVu Sans, shipped with the bot (Bitstream Vera licence, LICENSE-DejaVu.txt): every text
on a picture or in the PDF is Unicode, æøå included, on any machine or slim image."""

from pathlib import Path

HERE = Path(__file__).parent
REGULAR = HERE / "DejaVuSans.ttf"
BOLD = HERE / "DejaVuSans-Bold.ttf"
