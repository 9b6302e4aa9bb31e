"""Photos in the ledgers are thumbnails: a phone's large photo makes a small file, the picture
stored is a JPEG no larger than it is shown (twice, for print), upright whatever the camera's
EXIF orientation, and a photo that cannot be read never fails the export."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from civicli.output.xlsx import PICTURE_MAX_PX, PICTURE_PAD_PX, column_px, fit_widths
from tests.conftest import DATA, Invoke

SUM = DATA / "summary" / "sum-2027.yaml"
TODAY = "2027-09-10"
ORIENTATION = 0x0112
ACTIVITY_HEADERS = ["序号", "日期", "活动主题", "计划", "编号", "期次", "地点", "参加人员", "参加人数",
                    "内容", "数据", "负责人", "记录人", "照片"]  # fmt: skip


def _photo(path: Path, width: int, height: int, *, orientation: int = 1) -> Path:
    """A camera-sized JPEG of noise (it hardly compresses: the worst case for the file size),
    stored `width` × `height` with the EXIF orientation given."""
    picture = Image.effect_noise((width, height), 80).convert("RGB")
    exif = Image.Exif()
    if orientation != 1:
        exif[ORIENTATION] = orientation
    picture.save(path, "JPEG", quality=92, exif=exif)
    return path


@pytest.fixture
def loaded(cli: Invoke) -> Invoke:
    r = cli("load", str(SUM), today=TODAY)
    assert r.exit_code == 0, r.stderr
    return cli


def _ok(r):  # type: ignore[no-untyped-def]
    assert r.exit_code == 0, r.stderr
    return r


def _media(target: Path, folder: str) -> list[Image.Image]:
    with zipfile.ZipFile(target) as z:
        names = sorted(n for n in z.namelist() if n.startswith(folder))
        return [Image.open(io.BytesIO(z.read(n))) for n in names]


def _photo_cell_px() -> float:
    """The box a picture of the 活动台账's 照片 column is shown in, in pixels: the column's width
    less the padding on both sides."""
    widths = fit_widths("活动台账", ACTIVITY_HEADERS)
    return column_px(widths[ACTIVITY_HEADERS.index("照片")]) - 2 * PICTURE_PAD_PX


def test_a_large_photo_makes_a_small_workbook_with_a_small_jpeg(loaded: Invoke, tmp_path: Path) -> None:
    photo = _photo(tmp_path / "会场.jpg", 3000, 2000)
    assert photo.stat().st_size > 3_000_000  # 6 MP of noise at quality 92: several MB
    _ok(loaded("done", "d3", "--place", "活动室", "--photo", str(photo), today=TODAY))
    target = tmp_path / "a.xlsx"
    _ok(loaded("export", "activities", "-o", str(target), today=TODAY))

    (picture,) = _media(target, "xl/media/")
    assert picture.format == "JPEG" and picture.mode == "RGB"
    # At most twice the box it is shown in: 240 px tall (2 × 120), and as wide as twice the
    # photo cell; a 3:2 photo reaches the width first when the cell is narrower than 180 px.
    box = _photo_cell_px()
    assert picture.height <= 2 * PICTURE_MAX_PX and picture.width <= 2 * box
    assert max(picture.size) >= min(2 * box, 2 * PICTURE_MAX_PX * 1.5) - 1  # made for the cell, not tiny
    assert abs(picture.width / picture.height - 1.5) < 0.02  # its proportions kept
    # The file: the picture's pixels can take at most 3 bytes each (raw RGB; a JPEG of noise at
    # quality 80 takes under 2), and the sheet's own XML a few KB: far under the photo's MB.
    bound = 3 * (2 * box) * (2 * PICTURE_MAX_PX) + 64_000
    assert target.stat().st_size < bound < photo.stat().st_size / 10


def test_a_photo_turned_by_exif_is_shown_upright(loaded: Invoke, tmp_path: Path) -> None:
    # stored 3000 wide and 2000 high, orientation 6: the camera was held upright, so the
    # picture is 2000 wide and 3000 high once turned
    photo = _photo(tmp_path / "竖拍.jpg", 3000, 2000, orientation=6)
    _ok(loaded("done", "d3", "--place", "活动室", "--photo", str(photo), today=TODAY))
    xlsx, docx = tmp_path / "a.xlsx", tmp_path / "a.docx"
    _ok(loaded("export", "activities", "-o", str(xlsx), today=TODAY))
    _ok(loaded("export", "activities", "-o", str(docx), today=TODAY))

    (cell,) = _media(xlsx, "xl/media/")
    assert cell.height == 2 * PICTURE_MAX_PX and cell.width == 160  # 240 × 2/3
    assert ORIENTATION not in cell.getexif()  # nothing left for a viewer to turn again
    with zipfile.ZipFile(xlsx) as z:
        drawing = z.read("xl/drawings/drawing1.xml").decode()
    cx, cy = map(int, re.search(r'<a:ext cx="(\d+)" cy="(\d+)"', drawing).groups())  # type: ignore[union-attr]
    assert cx < cy  # shown upright: 80 × 120 px

    (page,) = _media(docx, "word/media/")
    # the 活动记录表's photo: at most 7.5 × 5.6 cm at 300 pixels to the inch (886 × 661); a
    # portrait photo is limited by the height: 661 high, 441 wide (661 × 2/3)
    assert page.format == "JPEG" and page.size == (441, 661)
    import docx as python_docx

    (shape,) = python_docx.Document(str(docx)).inline_shapes
    assert shape.width < shape.height and shape.height <= 5.6 * 360_000 + 1


def test_a_photo_that_cannot_be_read_leaves_its_row_and_says_so(loaded: Invoke, tmp_path: Path) -> None:
    good = _photo(tmp_path / "会场.jpg", 1600, 1200)
    cut = tmp_path / "半张.jpg"
    cut.write_bytes(good.read_bytes()[:5000])  # a JPEG cut off in its data: Pillow cannot decode it
    gone = _photo(tmp_path / "丢失.jpg", 400, 300)
    _ok(loaded("done", "d3", "--place", "活动室", "--photo", str(cut), "--photo", str(good), today=TODAY))
    _ok(loaded("done", "d1", "--place", "会议室", "--photo", str(gone), today=TODAY))
    stored = [p for p in tmp_path.rglob("丢失*.jpg") if p != gone]
    assert len(stored) == 1
    stored[0].unlink()  # the evidence file lost from the folder

    xlsx, docx = tmp_path / "a.xlsx", tmp_path / "a.docx"
    _ok(loaded("export", "activities", "-o", str(xlsx), today=TODAY))
    _ok(loaded("export", "activities", "-o", str(docx), today=TODAY))

    import openpyxl

    ws = openpyxl.load_workbook(xlsx).active
    # the rows are there (sheet rows 3 and 4: d1 and d3, in date order then as recorded), each
    # naming its photos and saying the first is not shown; no picture is shown in either
    cells = {ws.cell(row=r, column=3).value: ws.cell(row=r, column=14).value for r in (3, 4)}
    assert set(cells) == {"制定学法用法培训计划", "建立创建工作领导小组"}
    cut_cell, gone_cell = cells["制定学法用法培训计划"], cells["建立创建工作领导小组"]
    assert cut_cell.startswith("半张_") and "会场_" in cut_cell
    assert cut_cell.endswith("（首张照片文件损坏或不是图片，未显示）")
    assert gone_cell.startswith("丢失_") and gone_cell.endswith("（首张照片文件缺失，未显示）")
    assert _media(xlsx, "xl/media/") == []

    import docx as python_docx

    text = [p.text for p in python_docx.Document(str(docx)).paragraphs]
    assert any(t.startswith("（照片文件损坏或不是图片：半张_") for t in text)
    assert any(t.startswith("（照片文件缺失：丢失_") for t in text)
    (shown,) = _media(docx, "word/media/")  # the good photo, on the page of d3
    # 1600 × 1200 in 886 × 661: decoded at half its size, 800 × 600, which is 90 % of the box's
    # height (at least 80 %: taken as it comes, not resampled to 881 × 661)
    assert shown.format == "JPEG" and shown.size == (800, 600)


def test_the_activity_records_keep_small(loaded: Invoke, tmp_path: Path) -> None:
    # ten activities each with its own 6 MP photo: 30+ MB of photos make a document of
    # thumbnails of at most 886 × 661 px (3 bytes a pixel at the very most: 1.76 MB each)
    for n, task in enumerate(["d1", "d2", "d3"] * 3 + ["d1"]):
        photo = _photo(tmp_path / f"p{n}.jpg", 3000, 2000)
        _ok(loaded("progress", task, "--place", "活动室", "--photo", str(photo), "--again", today=TODAY))
    photos = sum(p.stat().st_size for p in tmp_path.glob("p*.jpg"))
    target = tmp_path / "活动记录表.docx"
    _ok(loaded("export", "activities", "-o", str(target), today=TODAY))
    pictures = _media(target, "word/media/")
    assert len(pictures) == 10
    # 3000 × 2000 for a box of 886 × 661: decoded at a quarter, 750 × 500, 85 % of the box's
    # width (80 % or more: kept as it comes)
    assert all(p.format == "JPEG" and p.size == (750, 500) for p in pictures)
    assert target.stat().st_size < 10 * 3 * 886 * 661 + 100_000 < photos / 2


def test_two_photos_share_a_line_of_the_activity_record(loaded: Invoke, tmp_path: Path) -> None:
    a = _photo(tmp_path / "会场.jpg", 1600, 1200)
    b = _photo(tmp_path / "签到.jpg", 1600, 900)
    _ok(loaded("done", "d3", "--place", "活动室", "--photo", str(a), "--photo", str(b), today=TODAY))
    target = tmp_path / "a.docx"
    _ok(loaded("export", "activities", "-o", str(target), today=TODAY))
    with zipfile.ZipFile(target) as z:
        body = z.read("word/document.xml").decode()
    lines = [p for p in re.findall(r"<w:p[ >].*?</w:p>", body) if "<wp:inline" in p]
    assert len(lines) == 1 and lines[0].count("<wp:inline") == 2
    # 7.47 + 7.5 cm of 16 cm: they fit only with no spacing around them, which LibreOffice
    # adds (0.32 cm a side) unless it is written out
    inlines = re.findall(r"<wp:inline[^>]*>", lines[0])
    assert all(f'{side}="0"' in tag for tag in inlines for side in ("distT", "distB", "distL", "distR"))
