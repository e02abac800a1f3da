"""Files in (.txt in UTF-8 or GB18030, .docx) and the two commands."""
import io
import json

import docx
import pytest
from django.core.management import call_command

from luoshi.ingestion.evaluation import GOLD_DIR
from luoshi.ingestion.readers import UnreadableFile, read_upload

SENTENCE = "明年地区生产总值增长6%左右。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_text_files_in_chinese_encodings(encoding):
    assert read_upload("报告.txt", SENTENCE.encode(encoding)) == SENTENCE


def test_line_ends_are_normalised():
    assert read_upload("a.txt", "一\r\n二\r三".encode()) == "一\n二\n三"


def test_docx_paragraphs_and_tables():
    document = docx.Document()
    document.add_paragraph("惠济区:")
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "固定资产投资", "增长8%"
    buf = io.BytesIO()
    document.save(buf)
    assert read_upload("报告.docx", buf.getvalue()) == f"惠济区:\n{SENTENCE}\n固定资产投资\t增长8%"


def test_other_files_are_refused():
    with pytest.raises(UnreadableFile):
        read_upload("报告.pdf", b"%PDF")
    with pytest.raises(UnreadableFile):
        read_upload("报告.docx", b"not a zip")


def test_extract_command_json(capsys):
    call_command("extract", str(GOLD_DIR / "seeds" / "000_fe62a0247c95cbc5.txt"), "--json")
    found = json.loads(capsys.readouterr().out)
    gdp = next(f for f in found if f["text"] == "地区生产总值增长6%左右")
    assert gdp | {"value": "6", "unit": "%", "kind": "target", "year": 2025, "organisation": "惠济区",
                  "comparator": "about", "is_growth": True, "indicator_code": "gdp"} == gdp


def test_extract_command_table_with_given_date(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text(SENTENCE, encoding="gb18030")
    call_command("extract", str(path), "--date", "2024-12-27")
    out = capsys.readouterr().out
    assert "2025" in out and "6%" in out


def test_eval_command(capsys):
    call_command("eval_extract")
    out = capsys.readouterr().out
    assert "overall" in out and "precision" in out and "organisation" in out
