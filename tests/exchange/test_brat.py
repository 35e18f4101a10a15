"""brat standoff: .txt + .ann with offsets into the .txt, read back, and brat files from others."""

from __future__ import annotations

from pathlib import Path

from desktop.exchange.brat import escape, read_brat, unescape, write_brat
from desktop.exchange.records import article_record
from tests.exchange.samples import HEBREW, TEXT, article_annotations, normalized


def _export(tmp_path: Path) -> tuple[Path, Path]:
    record = article_record(article_annotations()).record
    files, count = write_brat([record], tmp_path / "brat")
    assert count == len(record.spans)
    ann = next(f for f in files if f.suffix == ".ann")
    return ann, ann.with_suffix(".txt")


def test_the_txt_is_the_article_text_and_every_t_line_points_at_its_text(tmp_path: Path) -> None:
    ann, txt = _export(tmp_path)
    text = txt.read_bytes().decode("utf-8")
    assert text == TEXT
    t_lines = [line for line in ann.read_text(encoding="utf-8").splitlines() if line[0] == "T"]
    assert t_lines
    for line in t_lines:
        _, head, shown = line.split("\t")
        fragments = [tuple(map(int, part.split())) for part in head.split(" ", 1)[1].split(";")]
        assert shown == " ".join(text[s:e] for s, e in fragments)
        for start, end in fragments:
            assert "\n" not in text[start:end]  # multi-line spans are split at line breaks


def test_the_ann_has_relations_equivalences_notes_and_safe_types(tmp_path: Path) -> None:
    ann, _ = _export(tmp_path)
    lines = ann.read_text(encoding="utf-8").splitlines()
    kinds = {line.split("\t")[1].split()[0] for line in lines if line[0] == "T"}
    assert {"PERSON", "GPE", "Quote", "Speaker", "Cue", "sign_text", "local_politics"} <= kinds
    assert any(line.startswith("R") and "Quote Speaker:T" in line for line in lines)
    assert any(line.startswith("R") and "QuoteCue Cue:T" in line for line in lines)
    equivs = [line for line in lines if line.startswith("*\tEquiv")]
    assert len(equivs) == 2  # Helena Brandt / Brandt and Zoë Ashford / Ashford
    quote_id = next(line.split("\t")[0] for line in lines if "We will build" in line)
    notes = [line for line in lines if line.startswith("#")]
    assert notes == [f"#1\tAnnotatorNotes {quote_id}\tSaid twice? Check \\\\ the recording."]
    assert any(line.startswith("A") and line.endswith(" direct") for line in lines)
    conf = (ann.parent / "annotation.conf").read_text(encoding="utf-8")
    assert "sign_text" in conf and "Quote\tSpeaker:Speaker, Content:Quote" in conf


def test_read_back_gives_the_same_record(tmp_path: Path) -> None:
    ann, _ = _export(tmp_path)
    records, problems = read_brat(ann.parent)
    assert problems == []
    (record,) = records
    want = normalized(article_record(article_annotations()).record)
    assert normalized(record) == want
    assert record.tags == ("harbour", "local politics")
    assert record.title == "Harbour talks resume"


def test_note_escaping_round_trips() -> None:
    for note in ["two\nlines", "a \\n literal", "tab\there", "back\\slash\\", "\\\n"]:
        assert "\n" not in escape(note)
        assert unescape(escape(note)) == note


def test_brat_files_from_another_project_are_read(tmp_path: Path) -> None:
    text = "Ellen Park said the plan\r\nwas fair. Park left.\r\n"
    (tmp_path / "doc.txt").write_bytes(text.encode("utf-8"))
    park = text.index("Park", 12)
    (tmp_path / "doc.ann").write_text(
        "R1\tSays Arg1:T2 Arg2:T1\n"  # listed before its spans
        "T1\tOfficial 0 10\tEllen Park\n"
        f"T2\tQuote 16 24;26 34\tthe plan was fair\n"
        f"T3\tPer {park} {park + 4}\tPark\n"
        "T4\tClaim 0 4;16 19\tEllen the\n"
        "E1\tSay:T2 Agent:T1\n"
        "*\tEquiv T1 T3\n"
        "#1\tAnnotatorNotes T1\tthe mayor\\nof Port Ellis\n"
        "X1\tnonsense\n",
        encoding="utf-8",
    )
    records, problems = read_brat(tmp_path / "doc.ann")
    (record,) = records
    by_key = {s.key: s for s in record.spans}
    assert by_key["T2"].exact == "the plan\r\nwas fair"  # fragments joined over the line break
    assert by_key["T2"].role == "quote"
    assert by_key["T1"].role == "tag"  # a type that is no entity label nor quote part
    assert by_key["T3"].role == "entity"  # CoNLL's PER is an entity label
    assert "T4" not in by_key
    assert any("discontinuous" in p for p in problems)
    assert any("events" in p for p in problems)
    assert any("not a brat annotation line" in p for p in problems)
    assert any("not between a quote" in p for p in problems)  # a tag is no speaker
    assert record.notes[0].body == "the mayor\nof Port Ellis"


def test_equiv_groups_name_their_mentions(tmp_path: Path) -> None:
    text = "Ellen Park spoke. Park left."
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    (tmp_path / "doc.ann").write_text(
        "T1\tPERSON 0 10\tEllen Park\nT2\tPERSON 18 22\tPark\n*\tEquiv T1 T2\n"
        "T3\tsign 0 5\tEllen\nT4\tGPE 23 27\tleft\n",
        encoding="utf-8",
    )
    (record,) = read_brat(tmp_path)[0]
    names = {s.exact: s.entity_name for s in record.spans if s.role == "entity"}
    assert names == {"Ellen Park": "Ellen Park", "Park": "Ellen Park", "left": None}


def test_a_hebrew_tag_type_stays_readable(tmp_path: Path) -> None:
    _, txt = _export(tmp_path)
    records, _ = read_brat(txt)
    tagged = {s.label: s.exact for s in records[0].spans if s.role == "tag"}
    assert tagged["sign text"] == HEBREW
