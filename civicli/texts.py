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

# inspections (检查) and rectifications (整改): labels, messages, prompts; errors stay English like
# the other error messages.
INSPECT = {
    # table headers
    "id": "编号",
    "date": "日期",
    "plan": "计划",
    "template": "检查表",
    "area": "点位",
    "score": "得分",
    "result": "结果",
    "failed": "不合格项",
    "by": "检查人",
    "note": "备注",
    "photos": "照片",
    "item": "问题",
    "owner": "责任人",
    "opened": "发现日期",
    "due": "整改期限",
    "closed": "整改完成",
    "repeats": "复查未过",
    "state": "状态",
    "last": "上次检查",
    "days_since": "距今（天）",
    # values
    "pass": "合格",
    "fail": "不合格",
    "na": "不适用",
    "no_score": "—",
    "gap": "未查",
    "pending": "待查",
    "never": "从未检查",
    "open": "整改中",
    "closed_state": "已整改",
    "late_days": "逾期{n}天",
    "rect_key": "整改#{id}",
    "rect_title": "整改：{item}（{area}）",
    "repeats_n": "{n}次",
    # titles, footers, messages
    "inspections_title": "检查记录",
    "inspections_empty": "还没有检查记录。",
    "rect_title_list": "整改清单（{today}）",
    "rect_empty": "没有待整改的问题。",
    "rect_footer": "共 {total} 项：逾期 {overdue}，整改中 {open}，已整改 {closed}",
    "coverage_title": "{title}  [{key}]：点位覆盖（{today}）",
    "coverage_footer": "{gaps} 个点位在已结束的期次中漏查；{never} 个点位从未检查。",
    "recorded": "已记录检查 #{id}：{template} {area} {date}  得分 {score}（{result}）",
    "recorded_failed": "不合格：{items}",
    "recorded_opened": "新开整改 #{id}：{item}，期限 {due}",
    "recorded_repeat": "整改 #{id} 复查仍未通过（第 {n} 次）：{item}，期限 {due}",
    "recorded_closed": "整改 #{id} 已完成：{item}",
    # interactive prompts
    "ask_header": "{template} {area} {date}：还有 {n} 项待检查",
    "ask_item": "[{i}/{n}] {text}（{item}{weight}）合格 p / 不合格 f / 不适用 n",
    "ask_weight": "，权重 {w}",
    "ask_note": "  问题说明（可留空）",
    "ask_again": "  请输入 p（合格）、f（不合格）或 n（不适用）。",
    "ask_area": "检查哪个点位？{areas}",
    # errors (English, like the other error messages)
    "err_no_template": "no inspection template '{ref}' (templates: {known})",
    "err_ambiguous": "inspection template '{ref}' is in several plans: {keys}; write PLAN_ID/TEMPLATE_ID",
    "err_archived": "inspection template '{key}' was removed from its plan file (archived); "
                    "inspections of it are refused",
    "err_no_area": "template '{key}' has no area '{area}' (areas: {areas})",
    "err_no_item": "template '{key}' has no item '{item}' (items: {items})",
    "err_twice": "item '{item}' is answered more than once",
    "err_future": "inspection date {date} is after today ({today})",
    "err_bad_date": "{what} must be a date YYYY-MM-DD, got '{value}'",
    "err_no_photo": "photo '{path}' does not exist",
    "err_not_file": "photo '{path}' is not a file",
    "err_unanswered": "unanswered items: {items}; answer each with --pass, --fail or --na "
                      "(no terminal to ask on; -i asks for them)",
    "err_no_plan": "no plan '{plan}' (`civicli plans` lists them)",
    "err_no_area_given": "no area given; use --area (areas: {areas})",
    "err_periods": "--periods must be at least 1",
}
