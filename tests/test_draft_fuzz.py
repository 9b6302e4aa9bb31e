"""The fuzzer's twin for `civicli draft` (issue 26): mutated plan documents — truncated, lines
reordered, duplicated or dropped, numbering mixed, stray punctuation, control and full-width
characters, odd dates and numbers, empty — never crash. Each case is drafted in process: it is
refused with civicli's own error (exit 1 at the command line), or its draft is a plan file the
checker accepts as written. A sample goes through the real console script (exit 0 or 1, never a
traceback). Seeded: the same cases every run; CIVICLI_FUZZ_CASES and CIVICLI_FUZZ_SEED change them.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from draft_docs import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicli.draft.document import read_document
from civicli.draft.drafter import draft_plan, report, to_yaml
from civicli.errors import CivicliError
from civicli.plan.planfile import parse_plan_file

CASES = int(os.environ.get("CIVICLI_FUZZ_CASES", "400"))
SEED = int(os.environ.get("CIVICLI_FUZZ_SEED", "20261207"))
TODAY = dt.date(2026, 12, 7)
CIVICLI = shutil.which("civicli", path=str(Path(sys.executable).parent)) or shutil.which("civicli")

SOURCES = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))] + [
    (DATA / "heping-pingan.md").read_text(encoding="utf-8")
]
MARKERS = [
    "一、",
    "十二、",
    "（一）",
    "(三)",
    "1、",
    "2.",
    "10．",
    "（1）",
    "(2)",
    "3）",
    "①",
    "第一部分",
    "一是",
    "其二，",
    "",
]
STRAY = ["。", "，", "：", "；", "、", "“", "”", "（", "）", "(", ")", "#", "|", "-", "*", "**", "\t", "\u3000", "\x00",
         "\x1b[2J", "\u200b", "\ufeff", "\ufffe", "\\", '"', "'", "---", "- ", ": ", "{", "}", "[", "]", "&a", "*a", "!!python"]  # fmt: skip
WORDS = ["每周", "每两周", "每月", "每季度", "每半年", "每年", "年初", "年底前", "0月底前", "13月1日前", "2月30日前",
         "2月29日前", "定期", "不定期", "经常", "春节", "中秋", "重阳", "暑假", "寒假", "“八一”", "建党99周年", "科普宣传周",
         "由楼长负责", "社区党支部书记牵头", "由" + "很长的名字" * 20 + "负责", "志愿者", "五老", "网格员",
         "不少于500人次", "达到90%以上", "不发生重大火灾事故和群体性事件", "控制在1%以内", "不少于" + "9" * 40 + "人",
         "达到1e999%以上", "1899年", "2027年", "2100年", "2099年", "9999年", "主要任务", "指导思想", "目标", "方针原则",
         "一是", "二是，", "开展", "组织开展A、B、C等活动", "发挥甲、乙和丙的作用", "序号 | 任务 | 责任 | 时限"]  # fmt: skip


def mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(10)
        if op == 0 and lines:  # truncate (mid-line too)
            cut = rng.randrange(len("\n".join(lines)) + 1)
            lines = "\n".join(lines)[:cut].splitlines()
        elif op == 1:
            rng.shuffle(lines)
        elif op == 2 and lines:
            i = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
        elif op == 3 and lines:
            del lines[rng.randrange(len(lines))]
        elif op == 4 and lines:  # mixed numbering
            i = rng.randrange(len(lines))
            lines[i] = rng.choice(MARKERS) + lines[i].lstrip("一二三四五六七八九十、（）()1234567890.．")
        elif op in (5, 6) and lines:  # stray punctuation, control and odd characters
            i = rng.randrange(len(lines))
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + rng.choice(STRAY) * rng.randint(1, 3) + lines[i][at:]
        elif op == 7 and lines:  # a time word, festival, post or number where it was not
            i = rng.randrange(len(lines))
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + rng.choice(WORDS) + lines[i][at:]
        elif op == 8:
            lines = [] if rng.random() < 0.3 else [ln for ln in lines if rng.random() < 0.5]
        else:  # one very long line
            lines.append("".join(rng.choice(WORDS + STRAY) for _ in range(rng.randint(50, 400))))
    return "\n".join(lines) + ("\n" if rng.random() < 0.8 else "")


def draft_case(path: Path) -> str | None:
    """The draft's text, or None when civicli refused the document with its own error; the
    draft must be a plan file the checker accepts as written."""
    try:
        plan = draft_plan(read_document(path), str(path), TODAY)
    except CivicliError:
        return None
    report(plan)
    text = to_yaml(plan)
    out = path.with_name(path.name + ".yaml")
    out.write_text(text, encoding="utf-8")
    parsed, problems = parse_plan_file(out)
    assert parsed is not None, (path.read_text(encoding="utf-8", errors="replace")[:2000], problems)
    return text


def test_mutated_documents_never_crash(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    drafted = refused = 0
    for n in range(CASES):
        source = rng.choice(SOURCES)
        text = mutate(source, rng)
        suffix = rng.choice([".txt", ".txt", ".md"])
        path = tmp_path / f"case{n}{suffix}"
        encoding = rng.choice(["utf-8", "utf-8", "gb18030", "utf-8-sig"])
        path.write_bytes(text.encode(encoding, errors="replace"))
        if draft_case(path) is None:
            refused += 1
        else:
            drafted += 1
    assert drafted > CASES // 2  # most mutated documents still read as plans
    assert refused > 0  # and some are refused (empty, no numbered parts)


def test_mutated_word_documents_never_crash(tmp_path: Path) -> None:
    import docx

    rng = random.Random(SEED + 1)
    for n in range(max(10, CASES // 20)):
        text = mutate(rng.choice(SOURCES), rng)
        document = docx.Document()
        for line in text.splitlines():
            if rng.random() < 0.1:
                cells = line.split("，")[:4] or [""]
                table = document.add_table(rows=1, cols=len(cells))
                for c, cell in enumerate(cells):
                    table.cell(0, c).text = "".join(
                        ch for ch in cell if ch >= " " and ch not in "\ufffe\uffff"
                    )
            else:
                document.add_paragraph("".join(ch for ch in line if ch >= " " and ch not in "\ufffe\uffff"))
        path = tmp_path / f"case{n}.docx"
        document.save(str(path))
        draft_case(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(MARKERS + WORDS + STRAY),
            st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
        ),
        max_size=40,
    )
)
def test_any_text_is_drafted_or_refused(tmp_path: Path, pieces: list[str]) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes("".join(pieces).encode("utf-8", errors="surrogatepass"))
    draft_case(path)


@pytest.mark.skipif(CIVICLI is None, reason="the civicli console script is not installed")
def test_the_console_script_exits_0_or_1(tmp_path: Path) -> None:
    rng = random.Random(SEED + 2)
    env = {**os.environ, "CIVICLI_TODAY": TODAY.isoformat(), "CIVICLI_DB": str(tmp_path / "x.db")}
    env.pop("CIVICLI_DEBUG", None)
    codes = set()
    for n in range(12):
        path = tmp_path / f"cli{n}.txt"
        path.write_text(mutate(rng.choice(SOURCES), rng) if n else "", encoding="utf-8", errors="replace")
        done = subprocess.run([str(CIVICLI), "draft", str(path)], capture_output=True, text=True, env=env)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
        codes.add(done.returncode)
    assert codes == {0, 1}
