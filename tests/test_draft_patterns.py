"""The tables `civicli draft` reads a document by (civicli/draft/patterns.py), each with examples:
numbering, clauses, what is a task, time words, festivals and named periods, posts, numbers in
goals. A clerk's new wording is one line in a table and one example here."""

from __future__ import annotations

import pytest

from civicli.draft.drafter import (
    _numbered,
    customary_owner,
    festivals_in,
    is_task,
    owner_of,
    sentences,
    shorten,
    targets_in,
    time_word,
)


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("一、指导思想", 1),
        ("十一、其他事项", 1),
        ("第二部分 主要任务", 1),
        ("（一）总体目标", 2),
        ("(二)具体目标", 2),
        ("1、加强领导，健全组织机构", 3),
        ("1.加强领导", 3),
        ("1．加强领导", 3),
        ("2.3月底前完成摸排", 3),  # Notepad's "2." before a date
        ("（1）社区干部要把创建工作摆上日程", 4),
        ("(2)社区党组织和居民委员会", 4),
        ("3）开展评选", 4),
        ("①楼道整治", 5),
        ("2027.3.1召开会议", 0),  # a date, not a number
        ("3.5万元用于绿化", 0),  # a decimal
        ("一是加强领导", 0),  # a clause, not a numbered part
        ("社区精神文明创建工作计划", 0),
    ],
)
def test_numbering(text: str, rank: int) -> None:
    assert _numbered(text)[0] == rank


def test_sentences_and_clauses() -> None:
    # 一是/二是 start clauses after a full stop or a comma (篇1: "…进行检查整治，三是加强宣传…")
    assert sentences("降低刑案。一是强化管理，严格执行。二是控制治安，三是加强宣传。") == [
        "降低刑案。",
        "一是强化管理，严格执行。",
        "二是控制治安，",
        "三是加强宣传。",
    ]
    # a full stop inside brackets does not end the sentence
    assert sentences("开展“六讲六做”(讲礼貌。讲诚信)活动。树立新风。") == [
        "开展“六讲六做”(讲礼貌。讲诚信)活动。",
        "树立新风。",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "建立创建工作网络。",
        "要继续深入开展“婚育新风进万家”活动。",  # softeners before the action word
        "社区干部要把创建文明社区工作摆上重要日程。",  # a subject and 要
        "在建党xx周年前夕，组织社区党员开展理想信念教育。",  # a first clause that says when
        "在社区党员中深入开展“创优争先”活动。",  # a place before the action
        "以群众事务党员代理为主题开展走访、帮扶活动。",
        "社区以楼为单位，由楼长、小组长负责楼道卫生。",  # who answers for it
        "年初召开关心下一代工作会议。",  # a time phrase before the action
        "重阳节开展“老少同乐”敬老活动。",
        "二是有效控制社会治安。",  # a clause is a task whatever its words
        "切买抓好帮教对象的转化工作。",  # a slip (切实) before a plain obligation
        "按照重在实际行动的要求，弘积极开展社会道德教育。",  # a stray character (弘) before it
    ],
)
def test_a_task(sentence: str) -> None:
    assert is_task(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "家庭是社会的“细胞”，楼院是人们日常生活的最基本单元。",
        "文明小区的创建是涉及家家户户的精神文明创建活动，提高了自身的文明素质。",
        "这一活动的开展，推动了社区环境的明显改观。",
        "居民积极参与。",  # two characters before 积极, but no obligation word after it
        "这是社区工作的重点。",
    ],
)
def test_not_a_task(sentence: str) -> None:
    assert not is_task(sentence)


def test_titles_are_the_words_shortened() -> None:
    assert shorten("制定规划。按照标准认真制定创建规划。") == "制定规划"  # at the full stop
    assert (
        shorten("一是强化外来人口管理，严格证件化和动态化管理，严格执行外来人口综合管理的有关规定。")
        == "强化外来人口管理"
    )
    assert (
        shorten("“六讲六做”(讲礼貌;讲友善)等活动") == "“六讲六做”(讲礼貌;讲友善)等活动"
    )  # not inside brackets


@pytest.mark.parametrize(
    ("text", "schedule", "assumed"),
    [
        ("每周检查一次楼道", ("every", "week"), False),
        ("每两周巡查一次", ("every", "2 weeks"), False),
        ("每月召开例会", ("every", "month"), False),
        ("每季度召开一次联席会议", ("every", "quarter"), False),
        ("每半年走访一次", ("every", "6 months"), False),
        ("每年评选一次", ("every", "year"), False),
        ("3月底前完成摸排", ("due", "2027-03-31"), False),
        ("2月底前完成", ("due", "2027-02-28"), False),
        ("10月15日前上报", ("due", "2027-10-15"), False),
        ("年初召开工作会议", ("due", "2027-01-31"), True),
        ("年底前完成补点", ("due", "2027-12-31"), True),
        ("上半年完成", ("due", "2027-06-30"), True),
        ("定期开展讲座", ("every", "month"), True),
        ("定期或不定期的进行检查", ("every", "month"), True),
        ("经常性开展反诈骗宣传", ("every", "month"), True),
        ("不定期抽查", None, False),  # no fixed cadence: ongoing
        ("常态化开展", None, False),
    ],
)
def test_time_words(text: str, schedule: tuple[str, str] | None, assumed: bool) -> None:
    got, word, note = time_word(text, 2027)
    assert got == schedule
    assert word is not None
    assert (note is not None) == assumed


def test_no_time_word() -> None:
    assert time_word("加强公民道德教育", 2027) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "深入挖掘春节、清明、端午、中秋、重阳等传统节日的文化内涵",
            ["春节", "清明", "端午", "中秋", "重阳"],
        ),
        ("清明、暑假和“八一”节日期间", ["清明", "暑假", "建军节"]),
        ("在建党xx周年前夕", ["建党节"]),
        ("119消防宣传", ["消防日"]),
        ("利用“科普宣传日”、“安全宣传月”、“环保宣传日”等宣传时机", ["科普宣传日", "安全宣传月", "环境日"]),
        ("元宵、七夕、腊八、除夕、元旦", ["元宵", "七夕", "腊八", "除夕", "元旦"]),
        ("学雷锋纪念日、植树节、国庆、宪法日", ["学雷锋纪念日", "植树节", "国庆", "宪法日"]),
        ("寒假组织青少年", ["寒假"]),
        ("科普宣传周、全民健身周", ["科普宣传周", "全民健身周"]),
        ("加强公民道德教育", []),
    ],
)
def test_festivals_and_named_periods(text: str, names: list[str]) -> None:
    assert [name for name, _, _ in festivals_in(text)] == names


def test_a_named_period_brings_its_calendar_dates() -> None:
    assert festivals_in("暑假期间")[0][2] == ("07-01", "08-31")
    assert festivals_in("科普宣传日")[0][2] == ("09-18", None)
    assert festivals_in("中秋")[0][2] is None  # built in: no calendar entry


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("由楼长、小组长负责楼道卫生", ("building-heads", "楼长")),
        ("社区党支部书记牵头，召开会议", ("secretary", "社区党支部书记")),
        ("由社区主任负责", ("director", "居委会主任")),
        ("文体专干负责组织", ("culture", "文体专干")),  # not 专干
        ("专干负责编制简报", ("staff", "专干")),
        ("网格员入户走访", ("grid-workers", "网格员")),
        ("充分发挥五老作用", None),  # a resource the work draws on, not who answers for it
        ("发挥“五老”和“网吧”义务监督员等的监督作用", None),  # both drawn on by the one 发挥
        ("由社区关工委负责", ("youth-care", "社区关工委")),
        ("根据街道关工委的部署", None),  # the 街道's, not the community's
        ("由社区团支部书记牵头", ("", "社区团支部书记")),  # no post of the table: the words
        ("社区设专人负责检查", ("designated", "专人")),
        ("建立社区志愿者队伍", None),  # what is built, not who builds it
        ("发展培育社区法律志愿者队伍", None),
        ("加强公民道德教育", None),
    ],
)
def test_posts(text: str, owner: tuple[str, str] | None) -> None:
    assert owner_of(text)[0] == owner


@pytest.mark.parametrize(
    ("title", "words", "heading", "post"),
    [
        # the first text any line fits; in it, the line matching last (the phrase's head)
        ("加强宣传社区消防安全工作", "", "", "治保主任"),
        ("加强矛盾纠纷排查调处工作", "", "", "治保主任"),
        ("规划调整社区医疗卫生服务的布局", "", "", "卫生专干"),
        ("强化外来人口管理", "", "", "治保主任"),
        ("加强文化阵地建设", "", "", "文体专干"),
        ("开展党的基本理论、基本路线、基本纲领和形势政策教育", "", "", "社区党支部书记"),
        ("大力加强未成年人思想道德教育", "", "", "社区关工委"),
        ("充分发挥“五老”的作用", "", "", "社区关工委"),
        ("召开居民联席会", "", "", "居委会主任"),
        ("不断推动社区服务向社会化、网络化、产业化的方向发展", "", "", "居委会主任"),
        ("抓好家庭和楼院建设", "", "", "楼长"),
        ("开展群众性的互帮互助活动", "", "", "志愿者"),
        # DUTIES_ELSE only where no line of DUTIES fits: publicity, training, services → 专干
        ("编制创建简报", "", "", "专干"),
        ("要扩大居家养老的覆盖面", "", "", "专干"),
        ("利用各种宣传工具进行传播教育", "", "", "专干"),
        ("以开展未成年人文明上网为内容的“绿网工程”", "", "", "社区关工委"),
        # the title names nothing: its words, then its section's heading
        ("强化培训机制", "提高群众文体队伍的水平", "", "专干"),  # 培训: the title's own, first
        ("组织居民积极参与", "自觉打扫并维护村间道路卫生", "", "小组长"),
        ("加强检查", "", "坚持以法治区，确保一方稳定", None),
        ("开展治安巡逻，组织志愿者参加", "", "", "治保主任"),  # volunteers take part, not answer
        ("建立社区志愿者组织", "", "", None),  # what is built
        ("认真做好迎春准备工作", "", "主要任务", None),
    ],
)
def test_the_customary_division_of_labour(title: str, words: str, heading: str, post: str | None) -> None:
    found = customary_owner(title, words, heading)
    assert (found[1] if found else None) == post


def test_other_posts_named_are_listed() -> None:
    assert owner_of("由楼长负责，小组长、网格员配合") == (("building-heads", "楼长"), ["小组长", "网格员"])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("全年参与活动不少于500人次", [("活动人次", 500, "at_least", "sum")]),
        ("居民满意率达到90%以上", [("居民满意率", 90, "at_least", "latest")]),
        ("确保不发生重大火灾事故", [("重大火灾事故起数", 0, "at_most", "sum")]),
        (
            "不发生重大火灾事故和群体性事件",
            [("重大火灾事故起数", 0, "at_most", "sum"), ("群体性事件起数", 0, "at_most", "sum")],
        ),
        ("青少年违法犯罪率控制在1%以内", [("青少年违法犯罪率", 1, "at_most", "latest")]),
        ("组织志愿服务活动不少于200场次", [("志愿服务活动场次", 200, "at_least", "sum")]),
        ("志愿者队伍达到50人", [("志愿者队伍人数", 50, "at_least", "latest")]),
        ("整治脏乱差点位不少于20处", [("整治脏乱差点位处数", 20, "at_least", "sum")]),
        ("加强公民道德教育", []),
    ],
)
def test_numbers_in_goals(text: str, found: list[tuple[str, float, str, str]]) -> None:
    assert [(name, n, direction, count) for _, name, n, direction, count, _ in targets_in(text)] == found
