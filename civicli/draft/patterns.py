"""The rules `civicli draft` reads a plan document by: small tables, one line per pattern.

A clerk's new wording is one line added to the table of its concept (numbering, parts, action
words, time words, festivals and named periods, posts, the customary division of labour, numbers
in goals); each table has examples in tests/test_draft_patterns.py. Patterns are regular
expressions over one paragraph or sentence of the document; the first line that matches wins
(the division of labour: the line matching last in the words, see DUTIES).
"""

from __future__ import annotations

import re
from typing import Final

_CN = "一二三四五六七八九十"

# ---- numbering: (rank, pattern); a lower rank holds the higher ranks after it (一、 holds （一）…)
NUMBERING: Final[tuple[tuple[int, str], ...]] = (
    (1, rf"^[{_CN}]{{1,3}}\s*[、.．]"),  # 一、 二、 十一、
    (1, r"^第[一二三四五六七八九十]{1,3}[部章]分?[、.．\s：:]?"),  # 第一部分
    (2, rf"^[（(]\s*[{_CN}]{{1,3}}\s*[）)]"),  # （一） (二)
    (3, r"^\d{1,2}\s*[.．](?=\d{1,2}月)"),  # 2.3月底前… (Notepad's 2. before a date)
    (3, r"^\d{1,2}\s*(?:[、]|[.．](?!\d))"),  # 1、 1. 1．
    (4, r"^[（(]\s*\d{1,2}\s*[）)]"),  # （1） (2)
    (4, r"^\d{1,2}\s*[）)]"),  # 1） 1)
    (5, r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"),  # ① ②
)

# `一是…二是…` clauses: where one begins inside a paragraph (after a stop or a comma, or at its start)
CLAUSE: Final[str] = (
    rf"(?:(?<=^)|(?<=[。；;，,：:]))\s*(?=(?:[{_CN}]{{1,3}}是|其[{_CN}]{{1,2}}是|其[{_CN}]{{1,2}}[，,、]))"
)
CLAUSE_LEAD: Final[str] = rf"^(?:[{_CN}]{{1,3}}是|其[{_CN}]{{1,2}}是|其[{_CN}]{{1,2}}[，,、])\s*"

# ---- what a top-level part (一、…) is, by its heading; the first that matches wins
PARTS: Final[tuple[tuple[str, str], ...]] = (
    ("ideology", r"指导思想|总体要求|总体思路"),
    ("principles", r"方针|原则"),
    ("meaning", r"意义|背景|现状"),
    ("goals+tasks", r"任务目标|目标任务"),
    ("goals", r"目标"),
    (
        "tasks",
        r"主要任务|工作任务|重点任务|主要工作|重点工作|工作措施|主要措施|具体措施|工作安排|任务分工|实施步骤|工作内容",
    ),
)

# ---- a sentence that is an obligation begins (after these softeners) with one of these words
SOFTENERS: Final[str] = (
    r"^(?:要|要继续|要进一步|继续|积极|深入|大力|切实|进一步|认真|不断|充分|广泛|努力|着力|全面|扎实|"
    r"重点|及时|定期|经常|主动|精心|每年|每季度|每月|每周|每半年|年初|年底|年内|同时|并|还要|要以|以)+"
)
ACTIONS: Final[tuple[str, ...]] = (
    "建立", "健全", "制定", "完善", "检查", "加强", "编制", "开展", "组织", "发展", "实施", "做好",
    "抓好", "搞好", "推进", "落实", "利用", "强化", "提升", "树立", "营造", "深化", "举办", "召开",
    "培训", "宣传", "走访", "慰问", "创建", "整治", "治理", "清理", "巡查", "排查", "发挥", "配合",
    "规划", "调整", "设立", "成立", "评选", "表彰", "打击", "扫除", "化解", "维护", "控制", "降低",
    "扩大", "推动", "引导", "教育", "动员", "发动", "挖掘", "弘扬", "开设", "开办", "办好", "建设",
    "调动", "抓", "实行", "推行", "评比", "考核", "督查", "督导", "报送", "上报", "印发", "张贴",
    "悬挂", "设置", "更新", "维修", "改造", "绿化", "美化", "亮化", "清扫", "保洁", "收集", "建成",
    "组建", "招募", "培育", "成立", "确保", "保障", "提高", "增强", "丰富", "净化", "规范", "搞",
    "实现", "总结", "研究", "探索", "遏制", "预防", "防止", "督促", "协调", "完成", "启动", "召集",
    "邀请", "联合", "突出", "做到", "坚决", "严格", "严厉",
    "广泛开展", "继续开展", "设计", "坚持", "把", "做", "巩固", "优化", "普及", "关爱", "帮扶", "救助", "服务", "提供", "召开",
)  # fmt: skip

# a slip of one or two characters before a plain obligation (切买抓好 for 切实抓好, 弘积极开展): the
#   words after it are read as the task, kept as written
SLIP: Final[str] = (
    r"^[\u4e00-\u9fff]{1,2}(?=(?:积极|切实|认真|深入|大力|进一步|继续)(?:开展|抓好|做好|加强|落实)|抓好|做好|搞好)"
)

# a subject before the obligation (社区干部要把…): taken off before the action word is looked for
SUBJECT: Final[str] = r"^[\u4e00-\u9fff、和“”]{2,14}?(?:要|应当|应|必须|须|可|负责)(?=[\u4e00-\u9fff“])"
# where or when, before the action in the same clause (在社区党员中深入开展…)
LOCATIVE: Final[str] = (
    r"^在[^，。；]{1,16}?(?:中|内|里|上|前夕|期间|之际|方面)"
    r"|^以[^，。；]{1,16}?为(?:主题|重点|抓手|载体|核心|主线|内容|目标|中心|契机)"
    r"|^对[^，。；]{1,14}?(?=走访|慰问|检查|巡查|排查|进行|开展|实行)"
)
# a time phrase before the action (年初召开…, 3月底前完成…, 重阳节开展…, 暑假期间开办…); festival
#   names are matched through FESTIVALS and NAMED_PERIODS
TIME_LEAD: Final[str] = (
    r"^(?:\d{1,2}月(?:\d{1,2}日)?(?:底|末|份|中旬|上旬|下旬)?|年初|年底|年末|年中|年内|全年|上半年|下半年|"
    r"每年|每季度|每季|每月|每周|每半年|每两周)(?:前|以前|之前|起|开始)?[，,]?"
)
# a first clause that only says when, where or by what (在建党周年前夕，组织…): the task is the next
LEAD_CLAUSE: Final[str] = (
    r"^(?:以|按照|结合|围绕|针对|在|通过|根据|为了|为|利用|依托|每|于|从|对|趁|借)|期间|前夕|之际|节日|时机"
)
# a sentence that says who answers for something (由楼长、小组长负责…) states an obligation
RESPONSIBLE: Final[str] = r"由[^，。；]{1,24}负责|设专人负责|专人负责"
# inside a sentence, a clause beginning (after softeners) with one of these starts another task
SPLIT_VERBS: Final[tuple[str, ...]] = (
    "建立", "开展", "发展", "加强", "做好", "抓好", "搞好", "实施", "完善", "制定", "落实", "召开",
    "举办", "组织居民", "组织社区", "利用", "严厉打击", "发挥", "总结",
)  # fmt: skip

# a clause that hands work to someone starts another task too (…，社区设专人负责，…)
SPLIT_CLAUSE: Final[str] = (
    r"^(?:社区)?设专人负责|^由[^，。]{1,12}负责[^，。]"
    r"|^以[^，。]{1,16}为(?:主题|重点|抓手|载体|核心|主线)(?:开展|组织|实施)"
)
# activities listed in one sentence, one task each: (pattern with group `list`, separators,
#   fewest items, the title around each item)
LISTS: Final[tuple[tuple[str, str, int, str], ...]] = (
    (
        r"(?:开展|组织|实施|抓好|举办)(?P<list>.+?)等(?:各类|多种)?[^、，。]{0,12}(?:活动|工程|工作)",
        "、",
        3,
        "{item}",
    ),
    (
        r"发挥(?P<list>[^，。；]+?)(?:等)?(?:对[^，。；]{0,30})?的(?:[^，。；]{0,4})作用",
        "、和",
        2,
        "发挥{item}的作用",
    ),
)

# ---- time words: (pattern, schedule, assumed?) — the schedule written into the task
#   every:N   a cadence (week, month, quarter, year, "2 weeks", "6 months")
#   due:MM-DD a date in the plan's year;  due:end-of-month:M  the last day of month M (group 1)
#   ongoing   no schedule (常态化), as the document leaves it
TIME_WORDS: Final[tuple[tuple[str, str, bool], ...]] = (
    (r"每周|每星期|每个星期|周一次", "every:week", False),
    (r"每两周|每2周|每半月|每半个月|半月一次", "every:2 weeks", False),
    (r"每半年|半年一次", "every:6 months", False),
    (r"每季度|每季|每个季度|按季度?|季度一次", "every:quarter", False),
    (r"每月|每个月|按月|月度|月一次", "every:month", False),
    (r"每年|年度一次|一年一次|每一年", "every:year", False),
    (r"(\d{1,2})月(?:底|末)|(\d{1,2})月份?(?:前|以前|之前)", "due:end-of-month", False),
    (r"(\d{1,2})月(\d{1,2})日(?:前|以前|之前)?", "due:month-day", False),
    (r"上半年", "due:06-30", True),
    (r"下半年", "due:12-31", True),
    (r"年初|年前|开年", "due:01-31", True),
    (r"年底|年末|年终|岁末", "due:12-31", True),
    (r"(?<!不)定期", "every:month", True),
    (r"不定期", "ongoing", False),  # no fixed cadence: ongoing
    (r"经常(?!性)|经常性", "every:month", True),
    (r"常态化|长期|长效", "ongoing", False),
)

# ---- festivals: (pattern, the built-in name); one task per festival an item names
FESTIVALS: Final[tuple[tuple[str, str], ...]] = (
    (r"春节(?!前后)|新春|过年", "春节"),
    (r"元宵", "元宵"),
    (r"清明", "清明"),
    (r"端午", "端午"),
    (r"七夕", "七夕"),
    (r"中秋", "中秋"),
    (r"重阳|敬老节|老人节", "重阳"),
    (r"腊八", "腊八"),
    (r"除夕", "除夕"),
    (r"元旦", "元旦"),
    (r"学雷锋(?:纪念)?日|雷锋日|“?三五”?学雷锋", "学雷锋纪念日"),
    (r"妇女节|“三八”|三八节", "妇女节"),
    (r"植树节", "植树节"),
    (r"劳动节|“五一”|五一节", "劳动节"),
    (r"青年节|“五四”|五四青年", "青年节"),
    (r"儿童节|“六一”|六一节", "儿童节"),
    (r"环境日|环保日|环保宣传日", "环境日"),
    (r"建党节|建党\S{0,4}周年|“七一”|七一节", "建党节"),
    (r"建军节|“八一”|八一节", "建军节"),
    (r"全民健身日", "全民健身日"),
    (r"教师节", "教师节"),
    (r"国庆", "国庆"),
    (r"消防日|“119”|119消防", "消防日"),
    (r"宪法日|宪法宣传周", "宪法日"),
)

# ---- named periods and days that are not built in: (pattern, name, start MM-DD, end MM-DD or
#   None for a day) — the plan's `calendar` gets them, marked assumed (the dates are a choice)
NAMED_PERIODS: Final[tuple[tuple[str, str, str, str | None], ...]] = (
    (r"暑假|暑期", "暑假", "07-01", "08-31"),
    (r"寒假", "寒假", "01-15", "02-20"),
    (r"科普宣传周|科技活动周", "科普宣传周", "09-15", "09-21"),
    (r"全民健身周", "全民健身周", "08-08", "08-14"),
    (r"安全宣传月|安全生产月", "安全宣传月", "06-01", "06-30"),
    (r"科普宣传日|科普日", "科普宣传日", "09-18", None),
    (r"文明礼貌月", "文明礼貌月", "03-01", "03-31"),
)

# ---- posts (岗位): (pattern, role id, display name); the first post a task names is its owner
POSTS: Final[tuple[tuple[str, str, str], ...]] = (
    (r"(?:社区)?党(?:总)?支部书记|社区党委书记|社区书记", "secretary", "社区党支部书记"),
    (r"居委会主任|社区居委会主任|社区主任", "director", "居委会主任"),
    (r"(?:街道)?党工委书记", "street-secretary", "街道党工委书记"),
    (r"(?:街道)?办事处主任", "street-director", "街道办事处主任"),
    (r"治保主任", "security", "治保主任"),
    (r"文体专干", "culture", "文体专干"),
    (r"卫生专干|卫计专干", "health", "卫生专干"),
    (r"计生专干", "family-planning", "计生专干"),
    (r"民政专干", "civil-affairs", "民政专干"),
    (r"(?<!文体|卫生|卫计|计生|民政)专干", "staff", "专干"),
    (r"楼栋长|楼长", "building-heads", "楼长"),
    (r"(?:居民)?小组长", "group-leaders", "小组长"),
    (r"网格员|网格长", "grid-workers", "网格员"),
    (r"(?:法律)?志愿者(?!服务|活动)(?:队伍|队)?", "volunteers", "志愿者"),
    (r"(?:“网吧”)?义务监督员", "monitors", "义务监督员"),
    (r"专人", "designated", "专人"),
    (r"“?五老”?", "five-elders", "五老"),
    (r"物业(?:公司|服务企业)?", "property", "物业公司"),
    (r"社区民警|片警|警务室", "police", "社区民警"),
    (r"社工|社会工作者", "social-workers", "社工"),
    (r"党员", "party-members", "党员"),
    (r"(?:文明)?创建办", "office", "创建办"),
    (r"(?<!街道)(?:社区)?关工委|关心下一代工作委员会", "youth-care", "社区关工委"),
)
# a post right after these words is what is built, not who builds it (建立志愿者队伍)
NOT_OWNER_BEFORE: Final[str] = (
    r"(?:建立|组建|发展|培育|招募|成立|培训|壮大|健全|选聘|配齐|配备|教育|服务|面向|关爱|慰问|组织|开展|在|"
    r"发挥|借助|依靠|依托|利用|动员|邀请|请)"
    r"(?:社区|居民|一支|一批|青少年|各类|好|新|开展青少年)?$"
)
# a post named after these is a resource the work draws on (发挥“五老”作用), not its owner: covered
#   by NOT_OWNER_BEFORE's 发挥 借助 依靠 依托 利用 动员 邀请 请

# ---- the customary division of labour: (pattern, role id, post) — who a clerk puts down for a
#   task whose words, and whose section's heading, name no post: in the task's title the line of
#   DUTIES matching last (a Chinese phrase's head is at its end; a tie to the line first here),
#   else the line of DUTIES_ELSE so; else so in its words; else so in its section's heading; else
#   the first post the section's words name. The owner is marked assumed (the document names
#   nobody), and a post the document does not name is listed in the plan's assumed.
DUTIES: Final[tuple[tuple[str, str, str], ...]] = (
    (r"未成年人思想道德(?:教育|建设)?|关心下一代|五老|网吧|三远离", "youth-care", "社区关工委"),
    (r"治安|消防|防火|火灾|安全|矛盾|纠纷|调处|帮教|刑释|刑案|流动人口|外来人口|违法|犯罪|黄赌毒|扫黄|打非|群防群治|法制|禁毒|邪教|执法|平安|反诈", "security", "治保主任"),
    (r"卫生服务|医疗|保健|常见病|多发病|疾病|计划生育|婚育|育龄|健康教育|爱国卫生|环境卫生|脏乱差|保洁", "health", "卫生专干"),
    (r"文化|文体|体育|健身|科普宣传周|文艺|晚会|节日|阳光教室|社会实践|协会|团队", "culture", "文体专干"),
    (r"党员|党建|党组织|党支部|建党|理想信念|思想政治|形势政策|学习实践|科学发展观|爱国主义|领导小组|领导班子|工作网络|总体规划|精神文明建设|(?:道德|品德|美德)(?:教育|建设)|典型", "secretary", "社区党支部书记"),
    (r"居委会|居民委员会|居民自治|自治组织|自我管理|自我服务|联席会|文明家庭|文明居民|文明小区|规章制度|社区服务|工作机制|规划|检查落实|总结经验|督查|评选", "director", "居委会主任"),
    (r"楼院|楼道|楼栋", "building-heads", "楼长"),
    (r"居民小组|道路卫生|村间", "group-leaders", "小组长"),
    (r"(?<!组织|发动|动员|招募|建立|组建|培育|发展|社区)志愿者|(?<!组织|发动|动员|招募|建立|组建|培育|发展)社区志愿者|志愿服务|互帮互助", "volunteers", "志愿者"),  # not 组织志愿者参加, 建立志愿者组织
)  # fmt: skip
# what no line of DUTIES takes, in the task's words or its section's: work with children, and the
#   office work of a 专干 (publicity, training, services)
DUTIES_ELSE: Final[tuple[tuple[str, str, str], ...]] = (
    (r"未成年人|青少年|少年儿童", "youth-care", "社区关工委"),
    (r"宣传|简报|培训|绿化|美化|亮化|环境|养老|救助|福利|再就业|帮扶|科普|礼仪|设施|意识", "staff", "专干"),
)  # fmt: skip

# several posts answering together (由楼长、小组长负责楼道卫生): one task each, the split assumed
SHARED: Final[str] = r"由(?P<who>[^，。；,]{2,24}?)(?:共同|具体)?负责(?!人)"

# a post named as the one responsible: 由楼长负责, 楼长牵头
OWNER_PHRASE: Final[str] = (
    r"由(?P<who>[^，。；,]{2,20}?)(?:具体负责|负责|牵头|主持|组织|任组长)|(?P<who2>[^，。；,由]{2,12}?)(?:负责|牵头)"
)

# ---- numbers in goals: (pattern, direction, count, unit-or-None); group `n` the number, `what`
#   the words before it (the metric's name). `不发生X` is a ceiling of 0.
NUMBERS: Final[tuple[tuple[str, str, str], ...]] = (
    (r"(?:不发生|杜绝|无)(?P<what>[^，。；,、]{0,14}?(?:火灾事故|安全事故|事故|事件|案件|火灾|案))", "at_most", "sum"),
    (r"(?<=事故|事件|案件|火灾)(?:和|及|、)(?P<what>[^，。；,、和及]{1,12}?(?:事故|事件|案件|火灾))", "at_most", "sum"),
    (r"(?P<what>[^，。；,、]{1,24}?)(?:不少于|不低于|达到|达|超过|保持在|力争达到|争取达到|实现)\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>%|％|人次|户次|场次|人|户|次|场|期|个|处|支|名|篇|家|株|棵|所)(?:以上|及以上)?", "at_least", "sum"),
    (r"(?P<what>[^，。；,、]{1,24}?)(?:不超过|不高于|低于|控制在)\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>%|％|人次|户次|场次|人|户|次|场|期|个|处|支|名|篇|家|株|棵|所)(?:以内|以下)?", "at_most", "latest"),
)  # fmt: skip
# the metric's name is the words after the last of these (全年组织青少年参加社会实践活动 → 社会实践活动)
METRIC_AFTER: Final[str] = r"组织|开展|参加|参与|举办"
# how a target of each unit is counted, and the word its metric's name ends in (活动 + 人次);
#   another unit (个, 处, 株 …) is summed and named with 数 (处数)
UNIT_COUNT: Final[dict[str, tuple[str, str]]] = {
    "%": ("latest", "比例"),
    "％": ("latest", "比例"),
    "人次": ("sum", "人次"),
    "户次": ("sum", "户次"),
    "人": ("latest", "人数"),
    "名": ("latest", "人数"),
    "户": ("sum", "户数"),
    "次": ("sum", "次数"),
    "场": ("sum", "场次"),
    "场次": ("sum", "场次"),
    "期": ("sum", "期数"),
}

# ---- the document's year and community, from its title or first lines
YEAR: Final[str] = r"((?:19|20)\d\d)\s*年"
COMMUNITY: Final[str] = r"([\u4e00-\u9fff]{2,10}?社区)"
STREET: Final[str] = r"([\u4e00-\u9fff]{2,10}?街道)"


def compiled(pattern: str) -> re.Pattern[str]:
    """A table's pattern, compiled once (re caches them)."""
    return re.compile(pattern)
