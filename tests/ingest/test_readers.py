import io
import json

from flashpoint.ingest.readers import decode_bytes, read_inputs
from flashpoint.models import Article, Quarantined
from flashpoint.settings import Settings

S = Settings()


def _read(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return list(read_inputs([p], S))


def test_txt_gets_content_hash_id(tmp_path):
    a = _read(tmp_path, "a.txt", b"Russia attacked Ukraine.")
    b = _read(tmp_path, "b.txt", b"Russia  attacked\nUkraine.")
    assert isinstance(a[0], Article) and a[0].article_id == b[0].article_id  # whitespace-insensitive hash


def test_jsonl_records_keep_id_and_metadata(tmp_path):
    lines = [json.dumps({"id": "x1", "text": "A protest.", "title": "T", "source": "Wire", "published": "2024-01-02"}),
             "{broken json", json.dumps({"id": "x2"}), json.dumps([1, 2]), ""]
    out = _read(tmp_path, "f.jsonl", "\n".join(lines).encode())
    assert isinstance(out[0], Article) and out[0].article_id == "x1" and out[0].source == "Wire"
    assert out[0].published == "2024-01-02"
    bad = [o for o in out if isinstance(o, Quarantined)]
    assert [q.origin.rsplit(":", 1)[1] for q in bad] == ["2", "3", "4"]
    assert "invalid JSON" in bad[0].reason and "no 'text'" in bad[1].reason and "expected an object" in bad[2].reason


def test_json_list_file(tmp_path):
    out = _read(tmp_path, "f.json", json.dumps([{"text": "One."}, {"text": "Two."}]).encode())
    assert [type(o) for o in out] == [Article, Article]
    assert out[1].origin.endswith("[1]")


def test_bad_files_are_quarantined_with_reason(tmp_path):
    cases = {"empty.txt": b"", "blank.txt": b"  \n\t ", "bin.txt": b"\x00\x01\x02binary", "latin1.txt": "caf\xe9".encode("latin-1")}
    for name, data in cases.items():
        out = _read(tmp_path, name, data)
        assert len(out) == 1 and isinstance(out[0], Quarantined), name
        assert name in out[0].origin
    assert "UTF-8" in _read(tmp_path, "l.txt", "caf\xe9".encode("latin-1"))[0].reason
    assert "empty" in _read(tmp_path, "e.txt", b"")[0].reason


def test_folder_recursion_and_stdin(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Text one.")
    (tmp_path / "b.html").write_text("<html><body><p>Text two.</p></body></html>")
    (tmp_path / "ignored.bin").write_bytes(b"\x00")
    out = list(read_inputs([tmp_path], S))
    assert sorted(a.fmt for a in out) == ["html", "txt"]
    piped = list(read_inputs(["-"], S, stdin=io.BytesIO(b'{"id": "s", "text": "From stdin."}\n')))
    assert piped[0].article_id == "s" and piped[0].origin == "<stdin>:1"


def test_size_limit(tmp_path):
    small = Settings(max_file_bytes=10)
    p = tmp_path / "big.txt"
    p.write_text("x" * 100)
    out = list(read_inputs([p], small))
    assert isinstance(out[0], Quarantined) and "limit" in out[0].reason


def test_missing_file_is_quarantined(tmp_path):
    out = list(read_inputs([tmp_path / "nope.txt"], S))
    assert isinstance(out[0], Quarantined) and "cannot read" in out[0].reason


def test_decode_bytes_strips_bom():
    assert decode_bytes("\ufeffHello".encode("utf-8"), "x") == ("Hello", None)
