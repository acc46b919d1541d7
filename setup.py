"""Packaging beyond what pyproject.toml can say: knowledge/ (kept at the top of the repository,
where content staff edit it) ships inside the wheel as the package `bot.knowledge`."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["bot", "bot.*"]), "bot.knowledge"],
    package_dir={"bot.knowledge": "knowledge"},
    package_data={
        "bot.knowledge": ["*.yaml", "*/*.yaml"],
        "bot.evaluation": ["data/*.yaml", "data/blind/*.yaml"],
        "bot.language.matching": ["common_words.txt"],
        "bot.drawing.fonts": ["*.ttf", "*.txt"],
    },
)
