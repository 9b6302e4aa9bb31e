"""Every word a user reads in tables, labels and messages, in one place.

The clerk reads Chinese: headers and labels are Chinese; command-line help stays in English
alongside the option names. Keys are stable; translate values only.
"""

from __future__ import annotations

STATE = {
    "upcoming": "未开始",
    "outstanding": "待办",
    "overdue": "逾期",
    "missed": "已错过",
    "done": "已完成",
}
STATUS = {"todo": "未开始", "doing": "进行中", "done": "已完成", "blocked": "受阻"}

H = {
    # plans / show
    "plan": "计划",
    "plan_id": "编号",
    "title": "标题",
    "community": "社区",
    "period": "期间",
    "tasks": "任务数",
    "done": "已完成",
    "percent": "完成率",
    "goals": "创建目标",
    "target": "指标",
    "actual": "实际",
    "met": "达标",
    "section": "部分",
    "task": "任务",
    "schedule": "安排",
    # tasks
    "key": "任务",
    "owner": "责任人",
    "occurrence": "期次",
    "opens": "开始",
    "due": "截止",
    "state": "状态",
    "progress": "进度",
    "late": "逾期天数",
    # log
    "at": "记录时间",
    "date": "日期",
    "status": "状态",
    "note": "备注",
    "by": "记录人",
    "metrics": "数据",
    # load
    "file": "文件",
    "added": "新增",
    "updated": "更新",
    "archived": "归档",
    "unchanged": "未变",
}

MSG = {
    "error": "错误",
    "yes": "是",
    "no": "否",
    "late_days": "逾期{n}天",
    "checklist_title": "待办清单（{today}）",
    "checklist_empty": "没有待办事项。",
    "checklist_footer": "共 {total} 项：逾期 {overdue}，待办 {outstanding}，未开始 {upcoming}，已完成 {done}，已错过 {missed}",
    "plans_empty": "还没有载入任何计划。用 civicli load plans/ 载入。",
    "valid": "{n} 个文件有效：{plans}",
    "loaded": "已载入 {n} 个文件。",
    "dry_run": "试运行：没有写入任何内容。",
    "recorded": "已记录：{task} {occurrence} {what}",
    "log_empty": "{task} 还没有记录。",
    "loading": "载入计划",
    "validating": "校验",
    "ongoing": "常态化",
    "due_on": "截止 {date}",
    "every": "每{unit}",
    "festival": "节日 {name}",
    "guiding_ideology": "指导思想",
    "principles": "方针原则",
    "new_plan": "（新计划）",
    "total": "合计",
}

EVERY_UNIT = {"week": "周", "month": "月", "quarter": "季度", "year": "年"}
