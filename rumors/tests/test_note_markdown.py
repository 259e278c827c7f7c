from rumors.markup import render_note


def test_simple_markdown_is_rendered():
    html = render_note("The **2020 promo** shows the *same* set:\n\n- frame 1\n- frame 2")
    assert "<strong>2020 promo</strong>" in html and "<em>same</em>" in html
    assert "<li>frame 1</li>" in html


def test_links_keep_http_and_get_safe_rel():
    html = render_note("[original](https://www.youtube.com/watch?v=abc)")
    assert 'href="https://www.youtube.com/watch?v=abc"' in html
    assert "nofollow" in html and "noopener" in html


def test_scripts_handlers_and_javascript_urls_are_removed():
    html = render_note(
        '<script>alert(1)</script><img src=x onerror="alert(2)">'
        "[click](javascript:alert(3)) <iframe src='https://evil.example'></iframe>"
    )
    for bad in ("<script", "onerror", "javascript:", "<iframe", "<img"):
        assert bad not in html


def test_empty_note_renders_nothing():
    assert render_note("") == ""
