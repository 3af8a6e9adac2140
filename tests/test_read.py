"""Read stage: decoding and finding post files."""
from __future__ import annotations

import codecs
import os

import pytest

from pipeline.model import Reject, SourceText
from pipeline.read import decode, find_posts, read_post


def test_utf8_with_bom_and_crlf_becomes_plain_lf_text():
    source = decode("a.md", b"\xef\xbb\xbf+++\r\ntitle = \"x\"\r\n+++\r\n\xe6\xad\xa3\xe6\x96\x87\r")
    assert isinstance(source, SourceText)
    assert source.text == '+++\ntitle = "x"\n+++\n正文\n'
    assert source.encoding == "utf-8" and source.warnings == ()


def test_utf16_with_its_byte_order_mark_is_read_and_without_it_is_binary():
    text = "---\r\ntitle: 回顾\r\n---\r\n**星河科技架构师 王一**\r\n"
    for data in (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), codecs.BOM_UTF16_BE + text.encode("utf-16-be")):
        src = decode("a.md", data)
        assert (src.text, src.encoding) == (text.replace("\r\n", "\n"), "utf-16")
    assert decode("a.md", text.encode("utf-16-le")).error == "binary"


def test_lone_cr_line_endings_become_lf():
    source = decode("a.md", b"one\rtwo\rthree")
    assert source.text.split("\n") == ["one", "two", "three"]


def test_gb18030_text_is_decoded_with_a_warning():
    source = decode("gb.md", "云和恩墨西区业务部总经理 鲜亿福".encode("gb18030"))
    assert isinstance(source, SourceText)
    assert source.text == "云和恩墨西区业务部总经理 鲜亿福"
    assert source.encoding == "gb18030"
    assert "GB18030" in source.warnings[0]


def test_bytes_that_are_neither_utf8_nor_gb18030_are_rejected():
    reject = decode("bad.md", b"\x81\x30\xff\xff\xff")
    assert isinstance(reject, Reject)
    assert (reject.stage, reject.error) == ("read", "encoding")
    assert "offset" in reject.message


def test_nul_bytes_mean_a_binary_file():
    reject = decode("bin.md", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert isinstance(reject, Reject) and reject.error == "binary"


def test_find_posts_recurses_keeps_odd_names_and_ignores_other_files(tmp_path):
    names = ["a b.md", "c+d.md", "活动 回顾.md", "emoji 🎉.md", "sub/深/x.MD", "skip.txt", "sub/img.png",
             "blog/recap.mdx", "old/post.markdown", "notes.md.bak"]
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    found, rejects = find_posts(tmp_path)
    rel = [p.relative_to(tmp_path).as_posix() for p in found]
    assert rel == sorted(["a b.md", "blog/recap.mdx", "c+d.md", "emoji 🎉.md", "old/post.markdown", "sub/深/x.MD",
                          "活动 回顾.md"])  # MDX (Docusaurus, Astro) and `.markdown` (Jekyll) are posts too
    assert rejects == []


def test_symlink_loop_is_reported_once_and_the_walk_goes_on(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "post.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "real", tmp_path / "real" / "loop")
    found, rejects = find_posts(tmp_path)
    assert [p.name for p in found] == ["post.md"]
    assert [r.error for r in rejects] == ["symlink_loop"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_a_reject(tmp_path):
    post = tmp_path / "locked.md"
    post.write_text("x", encoding="utf-8")
    post.chmod(0)
    result = read_post(post, tmp_path)
    assert isinstance(result, Reject) and result.error == "unreadable"


def test_oversized_post_is_rejected_without_reading_it(tmp_path, monkeypatch):
    import pipeline.read as read_module

    monkeypatch.setattr(read_module, "MAX_POST_BYTES", 10)
    post = tmp_path / "big.md"
    post.write_bytes(b"x" * 11)
    result = read_post(post, tmp_path)
    assert isinstance(result, Reject) and result.error == "too_large"
    assert "11 bytes" in result.message


def test_source_path_is_relative_to_the_input_with_slashes_and_escaped_bytes():
    from pathlib import Path

    from pipeline.read import relative

    assert relative(Path("/in/site/a.md"), Path("/in")) == "site/a.md"
    assert relative(Path("/in/site/a.md"), Path("/in/")) == "site/a.md"
    assert relative(Path("/input/a.md"), Path("/in")) == "/input/a.md"  # a prefix of the name is no parent
    assert relative(Path("/a.md"), Path("/")) == "a.md"
    assert relative(Path("site/a.md"), Path(".")) == "site/a.md"
    assert relative(Path("/in/b\udcff.md"), Path("/in")) == "b\\xff.md"
