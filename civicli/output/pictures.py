"""Photos made small for the documents: each photo shown in a ledger's cell or on a 活动记录表 is
a JPEG thumbnail made for the size it is shown at, upright (its EXIF orientation applied), in
RGB. Pillow is imported only inside `thumbnail`, one picture at a time.

A photo that cannot be shown (the file gone, damaged, or not a picture Pillow knows) is not an
error: the document is made without it and says so where it would have been.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageOps

JPEG_QUALITY = 80
# A JPEG decoded at a fraction of its size (1/2, 1/4, 1/8) that comes out at 80 % of the
# thumbnail's size or more is kept so: a 1600 × 1200 photo for a box of 886 × 661 is decoded at
# 800 × 600 and not resampled, in 13 ms instead of 53 (measured), printed at 270 pixels to the
# inch instead of 300.
DRAFT_SLACK = 0.8
Unshown = Literal["missing", "unreadable"]
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that turn the picture a quarter: width and height swap


@dataclass(frozen=True)
class Thumbnail:
    """A JPEG (its bytes) and its size in pixels."""

    jpeg: bytes
    width: int
    height: int


def thumbnail(path: str, max_w: int, max_h: int) -> Thumbnail | Unshown:
    """The photo at `path` as a JPEG at most `max_w` × `max_h` pixels (upright, its proportions
    kept, never enlarged; a JPEG may come out down to DRAFT_SLACK of that), or why it cannot be shown: "missing" (no such file) or "unreadable"
    (anything else: damaged, truncated, not a picture, too large to decode safely)."""

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's warnings (large pictures) are not the clerk's
            with Image.open(path) as im:
                orientation = im.getexif().get(0x0112, 1)
                w, h = im.size
                box = (max(1, max_w), max(1, max_h))
                raw_box = (box[1], box[0]) if orientation in _ROTATED else box
                # a JPEG decodes straight at 1/2, 1/4 or 1/8 of its size (a phone's 12 MP photo
                # read as 0.75 MP); when that leaves DRAFT_SLACK of the thumbnail's size or more,
                # it is taken as it comes, without a resample (a quarter of the time)
                fit = min(raw_box[0] / w, raw_box[1] / h, 1.0) * DRAFT_SLACK
                im.draft("RGB", (max(1, round(w * fit)), max(1, round(h * fit))))
                pic: Image.Image = im
                if orientation in range(2, 9):  # turned or mirrored: made upright
                    pic = ImageOps.exif_transpose(im)
                if pic.mode in ("RGBA", "LA", "PA") or (pic.mode == "P" and "transparency" in pic.info):
                    rgba = pic.convert("RGBA")
                    pic = Image.new("RGB", rgba.size, (255, 255, 255))  # transparent parts white, as on paper
                    pic.paste(rgba, mask=rgba.getchannel("A"))
                elif pic.mode != "RGB":
                    pic = pic.convert("RGB")
                pic.thumbnail(box, Image.Resampling.BICUBIC)
                out = io.BytesIO()
                pic.save(out, "JPEG", quality=JPEG_QUALITY, dpi=(96, 96))
                return Thumbnail(out.getvalue(), pic.width, pic.height)
    except FileNotFoundError:
        return "missing"
    except Exception:  # damaged, truncated, unknown, a decompression bomb, …: never a crash
        return "unreadable"
