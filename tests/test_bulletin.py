"""The weekly bulletin (创建简报) as the 街道 takes it: the Word document (报头, fonts, page
numbers, photos, honest properties), what goes up and what stays inside, the routine and the
festivals ahead, the bulletin not reporting on itself, and the number taken only when issued.

The week is 2027-W36 (Mon 09-06 .. Sun 09-12) of tests/data/summary/sum-2027.yaml, issued on
Monday 09-13 (the date of issue: the day after the week, or today if earlier).
"""

from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import DATA, PLANS, Invoke

SUM = DATA / "summary" / "sum-2027.yaml"
ISSUED = "2027-09-13"


def _png(path: Path, width: int, height: int, shade: int = 0x3C) -> Path:
    """A real picture (a PNG of one colour; each photo its own shade, so its own content)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((0xC8, shade, 0x3C)) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


@pytest.fixture
def week(cli: Invoke, tmp_path: Path) -> Invoke:
    """W36: four activities (three with photos: 3, 2 and 2 pictures, and one file that is not a
    picture), a progress without an activity, an inspection failing one item."""
    assert cli("load", str(SUM), today="2027-09-06").exit_code == 0
    pics = [_png(tmp_path / f"p{n}.png", 400, 300, shade=n * 40) for n in range(1, 6)]
    text = tmp_path / "签到表.txt"
    text.write_text("not a picture", encoding="utf-8")
    steps: list[tuple[str, ...]] = [
        ("done", "d1", "--date", "2027-09-06", "--place", "社区会议室", "--people", "党员及驻区单位代表28人",
         "--note", "会议研究了创建分工", "--photo", str(pics[0]), "--photo", str(pics[1]), "--photo", str(pics[2])),
        ("done", "d3", "--date", "2027-09-07", "--place", "社区活动中心", "--people", "居民40人",
         "--photo", str(text), "--photo", str(pics[3]), "--photo", str(pics[4])),
        ("progress", "d2", "--date", "2027-09-08", "--percent", "30"),
        ("done", "w2", "--date", "2027-09-09", "--people", "志愿者5人", "--photo", str(pics[0]),
         "--photo", str(pics[1])),
        ("done", "f1", "--date", "2027-09-10", "--photo", str(pics[2]), "--photo", str(pics[3])),
        ("inspect", "stair", "--area", "A栋", "--fail", "corridor=堆放纸箱", "--pass", "basement",
         "--date", "2027-09-08"),
    ]  # fmt: skip
    for args in steps:
        r = cli(*args, today="2027-09-12")
        assert r.exit_code == 0, (args, r.stderr)
    for key, value in (
        ("bulletin.issuer", "幸福街道测试社区居委会"),
        ("bulletin.send_to", "区创建办，街道党工委"),
        ("bulletin.copies", "20"),
        ("编辑", "王芳"),
        ("签发", "张伟"),
    ):
        assert cli("config", key, value).exit_code == 0
    return cli


def _docx(path: Path):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(str(path))


def _east_asian(paragraph) -> str | None:  # type: ignore[no-untyped-def]
    from docx.oxml.ns import qn

    fonts = paragraph.runs[0].element.rPr.rFonts
    return fonts.get(qn("w:eastAsia"))


def test_docx_in_the_customary_shape(week: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "简报.docx"
    r = week("summary", "--week", "2027-W36", "--format", "docx", "--output", str(target), today=ISSUED)
    assert r.exit_code == 0, r.stderr
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = _docx(target)
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Cm(21)) < Cm(0.05) and abs(section.page_height - Cm(29.7)) < Cm(0.05)
    paras = doc.paragraphs
    texts = [p.text for p in paras]
    # 报头: the title large and red, 第N期, the issuer left and the date of issue right over a red rule
    title = paras[0]
    assert title.text == "创建简报"
    assert str(title.runs[0].font.color.rgb) == "FF0000" and title.runs[0].font.size >= Pt(26)
    assert texts[1] == "第1期"
    assert texts[2] == "幸福街道测试社区居委会编\t2027年9月13日"
    assert 'w:color="FF0000"' in paras[2]._p.xml and "w:bottom" in paras[2]._p.xml
    assert texts[3] == "本周（9月6日—9月12日）"
    # the parts in their order, headings in 黑体, body in 仿宋 (named for Word and WPS)
    headings = [p for p in paras if p.text[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert [p.text for p in headings] == [
        "一、工作动态",
        "二、检查整改",
        "三、近期安排（9月13日—9月26日）",
        "四、各计划完成情况",
    ]
    assert {_east_asian(p) for p in headings} == {"黑体"}
    first = next(p for p in paras if p.text.startswith("1. 9月6日"))
    assert _east_asian(first) == "仿宋"
    assert (
        first.text
        == "1. 9月6日，在社区会议室建立创建工作领导小组，党员及驻区单位代表28人参加。会议研究了创建分工。"
    )
    # the 报尾 between rules: 报送; 编辑 and 签发 (审核 not set: left out) with 共印N份 on the right
    assert texts[-2:] == ["报送：区创建办，街道党工委", "编辑：王芳　　签发：张伟\t共印20份"]
    assert not any(t.startswith(("抄送", "审核")) or "审核：" in t for t in texts)
    assert "w:top" in paras[-2]._p.xml and "w:bottom" in paras[-1]._p.xml
    # page numbers in the footer: `— 1 —` with Word's PAGE field
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in footer._p.xml and 'w:fldCharType="begin"' in footer._p.xml
    # the document's properties are the bulletin's
    props = doc.core_properties
    assert props.title == "创建简报 第1期" and props.author == "幸福街道测试社区居委会"
    assert props.created is not None and props.created.date().isoformat() == ISSUED
    # nothing in the package's properties or text names a program or carries the template's year
    # (the theme keeps its font names, Microsoft Yi Baiti among them: fonts, not a maker)
    with zipfile.ZipFile(target) as z:
        assert "docProps/thumbnail.jpeg" not in z.namelist()
        for name in z.namelist():
            if name.startswith(("docProps/", "_rels/", "word/document", "word/footer", "word/settings")):
                body = z.read(name)
                for trace in (b"python-docx", b"2013", b"civicli", b"Microsoft"):
                    assert trace not in body, (name, trace)


def test_photos_under_their_activity(week: Invoke, tmp_path: Path) -> None:
    """At most 2 an activity and 6 in all, each at most 7.5 cm wide, under the activity; a file
    that is not a picture is passed over; `--no-photos` leaves them out."""
    from docx.shared import Cm

    target = tmp_path / "简报.docx"
    r = week("summary", "--week", "2027-W36", "--format", "docx", "--output", str(target), today=ISSUED)
    assert r.exit_code == 0, r.stderr
    doc = _docx(target)
    assert doc.inline_shapes and all(s.width <= Cm(7.5) for s in doc.inline_shapes)
    # under each activity, the pictures of the paragraph right after it:
    # d1 has 3 photos → 2; d3 a text file and 2 photos → 2; w2 2 → 2; f1 2 → 0 (6 in all used up)
    counts = []
    paras = doc.paragraphs
    for n, p in enumerate(paras):
        if p.text.startswith(("1. 9月", "2. 9月", "3. 9月", "4. 9月")) and "检查" not in p.text:
            following = paras[n + 1]._p.xml if n + 1 < len(paras) else ""
            counts.append(following.count("<pic:pic"))
    assert counts == [2, 2, 2, 0]
    assert len(doc.inline_shapes) == 6
    plain = tmp_path / "no-photos.docx"
    r = week(
        "summary", "--week", "2027-W36", "--format", "docx", "-o", str(plain), "--no-photos", today=ISSUED
    )
    assert r.exit_code == 0, r.stderr
    assert len(_docx(plain).inline_shapes) == 0


def test_the_internal_copy_adds_the_supervision_and_the_notes(week: Invoke, tmp_path: Path) -> None:
    up = week("summary", "--week", "2027-W36", today=ISSUED).stdout
    inside = week("summary", "--week", "2027-W36", "--internal", today=ISSUED).stdout
    assert "督办" not in up and "逾期" not in up and "内部" not in up
    supervise = inside.split("五、督办事项（内部）", 1)[1]
    # W35's weekly inspection was due 09-05: overdue on 09-12 by 7 days, neither area inspected
    assert "每周楼道卫生检查（第35周）：应于9月5日前完成，逾期7天，已检查0/2处（楼长）" in supervise
    assert "（内部版本" in inside.splitlines()[5]
    target = tmp_path / "内部.docx"
    r = week(
        "summary", "--week", "2027-W36", "--format", "docx", "-o", str(target), "--internal", today=ISSUED
    )
    assert r.exit_code == 0, r.stderr
    assert any(p.text == "五、督办事项（内部）" for p in _docx(target).paragraphs)


def test_progress_without_an_activity_is_listed_briefly(week: Invoke) -> None:
    text = week("summary", "--week", "2027-W36", today=ISSUED).stdout
    part = text.split("一、工作动态", 1)[1].split("二、", 1)[0]
    assert "其他工作推进情况：" in part and "完成三季度工作小结已完成30%" in part
    s = json.loads(week("summary", "--week", "2027-W36", "--format", "json", today=ISSUED).stdout)
    assert [a["key"] for a in s["activities"]] == ["sum-2027/d1", "sum-2027/d3", "sum-2027/w2", "sum-2027/f1"]
    assert [len(a["photos"]) for a in s["activities"]] == [3, 3, 2, 2]  # JSON keeps every photo


def test_upcoming_names_a_period_that_starts_in_the_next_two_weeks(cli: Invoke) -> None:
    assert cli("load", str(PLANS / "2027-pian3.yaml"), today="2027-09-06").exit_code == 0
    # W35 ends Sunday 09-05; 科普宣传周 (09-15 – 09-21) opened 09-01 and is due 09-21, both outside
    # the window 09-06 – 09-19, but it starts inside it
    text = cli("summary", "--week", "2027-W35", today="2027-09-06").stdout
    upcoming = text.split("近期安排", 1)[1].split("各计划完成情况", 1)[0]
    assert "科普宣传周（9月15日）：科普宣传周科普活动，9月21日前完成" in upcoming
    assert "另有例行工作" in upcoming


def test_next_issue_numbers_the_next_bulletin_issued(cli: Invoke) -> None:
    assert cli("load", str(SUM), today="2027-09-10").exit_code == 0
    assert cli("config", "bulletin.next_issue", "13").exit_code == 0
    s = json.loads(cli("summary", "--week", "2027-W35", "--format", "json", today="2027-09-10").stdout)
    assert s["issue"] is None  # looked at: nothing used up
    s = json.loads(
        cli("summary", "--week", "2027-W35", "--format", "json", "--issue", today="2027-09-10").stdout
    )
    assert s["issue"] == 13
    s = json.loads(
        cli("summary", "--week", "2027-W34", "--format", "json", "--issue", today="2027-09-10").stdout
    )
    assert s["issue"] == 14
    assert cli("config", "bulletin.next_issue").stdout == "15\n"
    r = cli("config", "bulletin.next_issue", "14")
    assert r.exit_code == 1 and "2027-W34" in r.stderr


def test_issuing_on_stdout_completes_the_bulletin_task_once(cli: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        SUM.read_text(encoding="utf-8").replace(
            "{id: m1, title: 编制创建简报, owner: staff, every: month}",
            "{id: m1, title: 编制创建简报, owner: staff, every: week, completed_by: bulletin}",
        ),
        encoding="utf-8",
    )
    assert cli("load", str(plan), today="2027-09-06").exit_code == 0
    assert cli("summary", "--week", "2027-W36", today="2027-09-13").exit_code == 0
    assert json.loads(cli("log", "m1", "--json").stdout) == []  # looking records nothing
    r = cli("summary", "--week", "2027-W36", "--issue", today="2027-09-13")
    assert r.exit_code == 0 and "第1期" in r.stdout
    [entry] = json.loads(cli("log", "m1", "--json").stdout)
    assert (entry["occurrence"], entry["status"]) == ("2027-W36", "done")
    assert "第1期" in entry["note"]
    # the bulletin's own record is neither work done nor work ahead, in any version
    for args in ((), ("--internal",)):
        s = json.loads(
            cli("summary", "--week", "2027-W36", "--format", "json", *args, today="2027-09-13").stdout
        )
        keys = [i["key"] for i in (*s["completed"], *s["upcoming"], *s["activities"], *s["progressed"])]
        assert "sum-2027/m1" not in keys
        text = cli("summary", "--week", "2027-W36", *args, today="2027-09-13").stdout
        assert "编制创建简报" not in text.split("五、")[0]


SOFFICE = shutil.which("soffice")


def _pages(docx: Path, folder: Path) -> int:
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        capture_output=True,
        timeout=240,
        check=True,
    )
    pdf = (folder / docx.name).with_suffix(".pdf").read_bytes()
    # each page object of the PDF: /Type /Page (not /Pages)
    return len(
        [
            m
            for m in pdf.split(b"/Type")
            if m.lstrip().startswith(b"/Page") and not m.lstrip().startswith(b"/Pages")
        ]
    )


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_a_quiet_week_fits_one_a4_page(cli: Invoke, tmp_path: Path) -> None:
    """The four shipped plans, nothing recorded: the whole bulletin on one page (as rendered by
    LibreOffice; Word and WPS lay out 仿宋 at the same size)."""
    assert cli("load", str(PLANS), today="2027-09-13").exit_code == 0
    for key, value in (("报送", "街道文明办"), ("抄送", "社区党支部"), ("印数", "10"), ("编辑", "王芳")):
        assert cli("config", key, value).exit_code == 0
    target = tmp_path / "quiet.docx"
    r = cli("summary", "--week", "2027-W36", "--format", "docx", "-o", str(target), today="2027-09-13")
    assert r.exit_code == 0, r.stderr
    assert _pages(target, tmp_path) == 1


def test_the_docx_writes_what_xml_cannot_hold_as_nothing(cli: Invoke, tmp_path: Path) -> None:
    assert cli("load", str(SUM), today="2027-09-06").exit_code == 0
    r = cli("progress", "d2", "--place", "会议室", "--note", "响铃\x07之后", today="2027-09-08")
    assert r.exit_code == 0, r.stderr
    target = tmp_path / "x.docx"
    r = cli("summary", "--week", "2027-W36", "--format", "docx", "-o", str(target), today=ISSUED)
    assert r.exit_code == 0, r.stderr
    assert any("响铃" in p.text for p in _docx(target).paragraphs)
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as z:
        assert b"\x07" not in z.read("word/document.xml")
