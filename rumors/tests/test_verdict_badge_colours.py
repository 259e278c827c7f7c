"""Verdict badges are coloured by class (the CSP refuses inline styles), from the one scale."""

import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from rumors.models import Rumor
from rumors.verdicts import SCALE

CSS = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()


@pytest.mark.parametrize("code", list(SCALE))
def test_stylesheet_colours_each_verdict_as_the_scale_says(code):
    rule = re.search(rf"\.badge-verdict-{code} {{ background:(#[0-9a-f]{{6}}); }}", CSS)
    assert rule, f"site.css has no rule for .badge-verdict-{code}"
    assert rule.group(1) == SCALE[code].colour


def test_badge_uses_the_verdict_class_and_no_inline_style():
    html = render_to_string("includes/_verdict_badge.html", {"rumor": Rumor(verdict="staged")})
    assert 'class="badge badge-verdict-staged"' in html
    assert "style=" not in html
