"""Word documents: what the reader of the finished document sees, in order."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from desktop.errors import BrokenFileError
from desktop.formats import read_document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def save(document: docx.document.Document, path: Path) -> Path:
    document.save(str(path))
    return path


def test_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Harbour fees", level=1)
    document.add_paragraph("The council published the new fees on Monday.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Boat"
    table.cell(0, 1).text = "Fee"
    table.cell(1, 0).text = "Trawler"
    table.cell(1, 1).text = "120 euros"
    document.add_paragraph("Fishermen said the fees were too high.")
    result = read_document(save(document, tmp_path / "fees.docx"))
    assert result.format == "docx"
    assert result.text == (
        "Harbour fees\n\nThe council published the new fees on Monday.\n\n"
        "Boat\tFee\nTrawler\t120 euros\n\nFishermen said the fees were too high."
    )


def test_title_and_author_from_core_properties(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "The harbour report"
    document.core_properties.author = "Joan Smith"
    document.add_paragraph("Body text of the report.")
    result = read_document(save(document, tmp_path / "report.docx"))
    assert result.title == "The harbour report"
    assert result.metadata.author == "Joan Smith"


def test_title_falls_back_to_the_first_heading(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = ""
    document.add_paragraph("A short note before the heading.")
    document.add_heading("Storm damage in the port", level=1)
    document.add_paragraph("The storm damaged three piers.")
    result = read_document(save(document, tmp_path / "storm.docx"))
    assert result.title == "Storm damage in the port"


def test_tracked_deletions_are_not_text_and_insertions_are(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("The mayor ")
    paragraph._p.append(
        parse_xml(
            f'<w:del {W} w:id="1" w:author="Editor" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:delText>refused to comment</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {W} w:id="2" w:author="Editor" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:t>welcomed the decision</w:t></w:r></w:ins>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:moveFrom {W} w:id="3" w:author="Editor" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:t> MOVED AWAY</w:t></w:r></w:moveFrom>"
        )
    )
    paragraph.add_run(".")
    result = read_document(save(document, tmp_path / "tracked.docx"))
    assert result.text == "The mayor welcomed the decision."


def test_comments_are_not_text(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("The harbour reopens in May.")
    document.add_comment(paragraph.runs, text="CHECK THIS DATE", author="Editor")
    result = read_document(save(document, tmp_path / "commented.docx"))
    assert result.text == "The harbour reopens in May."


def test_text_box_is_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Main text.")
    box = "<w:txbxContent><w:p><w:r><w:t>Boxed quote.</w:t></w:r></w:p></w:txbxContent>"
    paragraph._p.append(
        parse_xml(
            f'<w:r {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
            f'<mc:Choice Requires="wps"><wps:txbx>{box}</wps:txbx></mc:Choice>'
            f"<mc:Fallback><v:textbox>{box}</v:textbox></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )
    result = read_document(save(document, tmp_path / "box.docx"))
    assert result.text == "Main text.\n\nBoxed quote."


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(BrokenFileError, match="not a Word document"):
        read_document(path)


def test_old_binary_word_file_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(BrokenFileError, match="old Microsoft Office file"):
        read_document(path)


def test_document_without_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("")
    with pytest.raises(BrokenFileError, match="no text"):
        read_document(save(document, tmp_path / "blank.docx"))
