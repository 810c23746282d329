"""Chapter Markdown -> blocks: numbering, lists, directives, literal HTML and escapes."""

from __future__ import annotations

from renstra_docs.render import markdown as md


def _texts(blocks):
    return [
        (
            type(b).__name__,
            getattr(b, "number", None) or getattr(b, "label", None),
            md.plain_text(b.runs),
        )
        for b in blocks
        if hasattr(b, "runs")
    ]


def test_headings_are_numbered_by_position():
    text = "# PENDAHULUAN\n\n## Latar\n\n### Dasar\n\n#### Rinci\n\n### Maksud\n\n## Tujuan\n"
    headings = [b for b in md.parse_chapter(text, 2) if isinstance(b, md.Heading)]
    assert [(h.level, h.number, h.text) for h in headings] == [
        (1, "II", "PENDAHULUAN"),
        (2, "2.1", "Latar"),
        (3, "2.1.1", "Dasar"),
        (4, "2.1.1.1", "Rinci"),
        (3, "2.1.2", "Maksud"),
        (2, "2.2", "Tujuan"),
    ]


def test_lettered_list_nested_bullets_and_start():
    text = "<!-- list: a -->\n1. satu\n2. dua\n   - anak\n3. tiga\n\nTeks.\n\n5. lima\n6. enam\n"
    items = [b for b in md.parse_chapter(text, 1) if isinstance(b, md.ListItem)]
    assert [(i.label, i.depth, md.plain_text(i.runs)) for i in items] == [
        ("a)", 0, "satu"),
        ("b)", 0, "dua"),
        ("–", 1, "anak"),
        ("c)", 0, "tiga"),
        ("5.", 0, "lima"),
        ("6.", 0, "enam"),
    ]


def test_directives_and_page_break():
    text = "Teks.\n\n<!-- table 6.2 -->\n\n<!-- figure 2.3 -->\n\n<!-- pagebreak -->\n"
    blocks = md.parse_chapter(text, 6)
    assert blocks[1:] == [md.Place("table", "6.2"), md.Place("figure", "2.3"), md.PageBreak()]


def test_other_html_and_escaped_markdown_stay_literal():
    text = (
        'Nilai 1 \\< 2 & 3 \\{{ x }} =HYPERLINK("x") <b>tebal</b> \\*bukan miring\\*\n\n'
        "<div>blok</div>\n\n<!-- catatan -->\n"
    )
    blocks = md.parse_chapter(text, 1)
    assert md.plain_text(blocks[0].runs) == (
        'Nilai 1 < 2 & 3 {{ x }} =HYPERLINK("x") <b>tebal</b> *bukan miring*'
    )
    assert not any(r.bold or r.italic for r in blocks[0].runs)
    assert md.plain_text(blocks[1].runs) == "<div>blok</div>"
    assert md.plain_text(blocks[2].runs) == "<!-- catatan -->"


def test_bold_italic_and_breaks():
    blocks = md.parse_chapter("**tebal** dan *miring*\nlanjut  \nbaris baru\n", 1)
    runs = blocks[0].runs
    assert runs[0] == md.Run("tebal", bold=True)
    assert md.Run("miring", italic=True) in runs
    assert any(r.line_break for r in runs)
    assert md.plain_text(runs) == "tebal dan miring lanjut baris baru"


def test_labels():
    assert [md.list_label("a", n) for n in (1, 26, 27)] == ["a)", "z)", "aa)"]
    assert md.list_label("i", 4) == "iv)"
    assert md.roman(8) == "VIII"


def test_lists_carry_their_identity_for_word_numbering():
    """Each list (a nested one too) is its own list: style, first number and depth, so that the
    renderer gives it its own Word numbering instance."""
    text = "<!-- list: a -->\n1. satu\n   - anak\n2. dua\n\nTeks.\n\n5. lima\n6. enam\n"
    items = [b for b in md.parse_chapter(text, 1) if isinstance(b, md.ListItem)]
    assert [(i.list_index, i.style, i.start, i.depth) for i in items] == [
        (0, "a", 1, 0),
        (1, md.BULLET, 1, 1),
        (0, "a", 1, 0),
        (2, "1", 5, 0),
        (2, "1", 5, 0),
    ]


def test_an_image_alone_in_a_paragraph_is_a_picture():
    text = (
        '![Tahapan penyusunan](gambar%20satu.png "Sumber: Permendagri")\n\nTeks ![x](y.png) lagi.\n'
    )
    blocks = md.parse_chapter(text, 1)
    assert blocks[0] == md.Picture("gambar satu.png", "Tahapan penyusunan", "Sumber: Permendagri")
    assert md.plain_text(blocks[1].runs) == "Teks x lagi."  # inside text: its alt text only


def test_escaped_image_syntax_stays_text():
    """Data printed by a template is escaped (`\\!\\[`): it can never place a picture."""
    blocks = md.parse_chapter("\\!\\[judul\\](berkas.png)\n", 1)
    assert md.plain_text(blocks[0].runs) == "![judul](berkas.png)"
