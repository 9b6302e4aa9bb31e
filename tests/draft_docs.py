"""The three plan documents written for the draft tests in other customary styles than the four
篇 of the seed (each with the plan written by hand for it in tests/data/draft/*.expected.yaml):

- a 街道's 创建全国文明城市 plan as a Word document, its tasks in a table (序号 | 工作任务 |
  责任单位 | 完成时限) between numbered paragraphs — built here with python-docx;
- a short 社区 plan whose tasks are `一是…二是…` clauses of one paragraph (Markdown):
  tests/data/draft/heping-pingan.md;
- a 社区 plan saved by Windows Notepad in GB18030 (CRLF line ends, paragraphs indented with
  two full-width spaces): made here from tests/data/draft/shengli-guanxin.utf8.txt.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "draft"

JIEDAO_TITLE = "幸福街道2027年创建全国文明城市工作实施方案"
JIEDAO_BEFORE = [
    "为深入推进全国文明城市创建工作，巩固提升创建成果，结合本街道实际，制定本方案。",
    "一、工作目标",
    "（一）全年组织新时代文明实践志愿服务活动不少于200场次。",
    "（二）居民对创建工作的知晓率达到95%以上。",
    "（三）辖区内不发生重大安全生产事故。",
    "二、组织领导",
    "成立街道创建全国文明城市工作领导小组，由街道党工委书记任组长，街道办事处主任任副组长，"
    "领导小组办公室设在街道创建办，负责日常协调工作。",
    "三、工作任务",
]
JIEDAO_TABLE = [
    ["序号", "工作任务", "责任单位", "完成时限"],
    ["1", "开展“文明餐桌”“光盘行动”宣传，张贴公益广告", "各社区居委会", "每月"],
    ["2", "组织背街小巷、楼道环境卫生整治", "城管科、网格员", "每周"],
    ["3", "开展“我们的节日”主题活动", "文化站", "春节、元宵、中秋期间"],
    ["4", "组织新时代文明实践志愿服务活动", "志愿者", "每季度"],
    ["5", "完成创建迎检资料整理归档", "创建办", "10月底前"],
    ["6", "开展文明家庭、好邻居评选表彰", "妇联", "年底"],
]
JIEDAO_AFTER = [
    "四、保障措施",
    "（一）加强督查考核。街道创建办每月对各社区创建工作进行督查，督查结果纳入年度考核。",
    "（二）强化宣传引导。充分利用宣传栏、电子屏和居民微信群，定期发布创建动态。",
]


def jiedao_docx(path: Path) -> Path:
    """The 街道 plan as a .docx: title, numbered paragraphs, the task table, more paragraphs."""
    import docx

    document = docx.Document()
    document.add_paragraph(JIEDAO_TITLE)
    for text in JIEDAO_BEFORE:
        document.add_paragraph(text)
    table = document.add_table(rows=len(JIEDAO_TABLE), cols=len(JIEDAO_TABLE[0]))
    for r, row in enumerate(JIEDAO_TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for text in JIEDAO_AFTER:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def notepad_gb18030(path: Path) -> Path:
    """The 胜利社区 plan as Notepad saves it in a Chinese Windows: GB18030, CRLF."""
    text = (DATA / "shengli-guanxin.utf8.txt").read_text(encoding="utf-8")
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    return path
