"""libyaml's loader gives exactly what the pure-Python safe loader gives, on every shipped file."""

from __future__ import annotations

import yaml

from bot.content.fast_yaml import SafeLoader, safe_load
from tests.conftest import KNOWLEDGE, ROOT


def test_the_fast_loader_reads_every_shipped_file_as_the_safe_loader_does():
    files = [*KNOWLEDGE.glob("*.yaml"), *(ROOT / "bot" / "evaluation" / "data").rglob("*.yaml")]
    assert len(files) >= 9
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert safe_load(text) == yaml.load(text, Loader=yaml.SafeLoader), path


def test_libyaml_is_used_where_pyyaml_has_it():
    assert (SafeLoader is yaml.CSafeLoader) == yaml.__with_libyaml__
