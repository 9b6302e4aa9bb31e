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
    "schedule": "安排",
    # tasks
    "key": "任务",
    "owner": "责任人",
    "occurrence": "期次",
    "due": "截止",
    "state": "状态",
    "progress": "进度",
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
    # completion (rules): what `plans` counts
    "done_occurrences": "已完成期次",
}

MSG = {
    "error": "错误",
    "yes": "是",
    "no": "否",
    "late_days": "逾期{n}天",
    "checklist_empty": "没有待办事项。",
    "checklist_footer": "共 {total} 项：逾期 {overdue}，待办 {outstanding}，未开始 {upcoming}，已完成 {done}，已错过 {missed}",
    "plans_empty": "还没有载入任何计划。用 civicli load plans/ 载入。",
    "valid": "{n} 个文件有效：{plans}",
    "loaded": "已载入 {n} 个文件。",
    "dry_run": "试运行：没有写入任何内容。",
    "recorded": "已记录：{task} {occurrence} {what}",
    "log_empty": "{task} 还没有记录。",
    "loading": "载入计划",
    "ongoing": "常态化",
    "due_on": "截止 {date}",
    "every": "每{unit}",
    "festival": "节日 {name}",
    "guiding_ideology": "指导思想",
    "principles": "方针原则",
    "new_plan": "（新计划）",
    # hostile input (issue 10): records left on occurrences a schedule change removed
    "orphaned": "注意：{key} 有 {n} 条记录所在的期次已不存在（{occurrences}）；这些记录仍保留在 log 中，但不再计入完成情况",
    "log_orphaned": "{occurrence}（期次已不存在）",
}

# Error messages of the store and the CLI. One line each; {names} are filled in.
ERR = {
    "no_plan": "no plan '{plan}' (`civicli plans` lists them)",
    "no_task": "no task '{ref}' (use PLAN_ID/TASK_ID; `civicli tasks --all` lists them)",
    "ambiguous_task": "task '{ref}' is in several plans: {keys}; write PLAN_ID/TASK_ID",
    "archived_task": "task '{key}' was removed from its plan file (archived); records on it are refused",
    "metric_form": "--metric '{item}': expected NAME=NUMBER, e.g. participants=120",
    "metric_number": "--metric '{item}': '{value}' is not a number",
    "metric_twice": "--metric '{name}' given twice",
    "no_occurrence": "task '{key}' has no tracked occurrence '{occurrence}' (it has: {known})",
    "nothing_open": "task '{key}' has no outstanding or upcoming occurrence; name one with --occurrence",
    "bad_status": "status '{status}' is not one of: {known}",
    "bad_percent": "percent {percent} is out of range (0–100)",
    "nothing_to_record": "nothing to record: give --status, --percent, --note or --metric",
    "plan_elsewhere": "{source}: plan id '{plan}' is already loaded from {other}; "
    "change the id, or use --force if this file replaces that one",
    "newer_schema": "the database was written by a newer civicli (schema {schema}); upgrade civicli",
    "foreign_db": "the file is an SQLite database that civicli did not create",
    "cannot_open": "cannot open database {path}: {reason}",
    "not_usable": "{path}: not a usable civicli database ({reason})",
    "in_db": "{path}: {reason}",
    "db_busy": "database: {reason}",
    "bad_date": "{what} must be a date YYYY-MM-DD, got '{value}'",
    "internal": "internal error ({kind}: {reason}); set CIVICLI_DEBUG=1 to see the traceback",
    # hostile input (issue 10): limits, text that is not text, files that are not files, output targets
    "limit_number": "{what}：{value} 超出范围：数字须为有限值，且在 -10^15 到 10^15 之间",
    "plan_number_range": "{value} 超出范围：数字须为有限值，且在 -10^15 到 10^15 之间",
    "plan_days_range": "{value} 超出范围：天数须在 -36500 到 36500 之间",
    "plan_every_range": "every {value}：N 须在 1 到 {limit} 之间",
    "plan_date_range": "{value} 超出 civicli 能处理的日期（1900-01-01 至 2100-12-31）",
    "plan_surrogate": "文字里有一个孤立的代理码位 {char}（不是字符）；请直接写出该字符",
    "date_range": "{what}：{value} 超出 civicli 能处理的日期（1900-01-01 至 2100-12-31）",
    "due_within_range": "--due-within {days}：今天加 {days} 天晚于 2100-12-31（civicli 能处理的最后日期）",
    "arg_not_text": "命令行第 {n} 个参数不是有效的 UTF-8 文字；请重新输入",
    "file_too_big": "文件有 {size} 字节，超过计划文件上限 {limit} 字节（1 MB）；未读取。请拆分成几个文件",
    "plan_too_many": "一个文件里的条目超过 {limit} 个；请拆分成几个文件",
    "not_regular": "不是普通文件（{kind}）；未读取",
    "kind_fifo": "命名管道 FIFO",
    "kind_device": "设备",
    "kind_folder": "文件夹",
    "kind_socket": "套接字",
    "kind_other": "特殊文件",
    "dangling_link": "符号链接指向不存在的 {target}；未读取",
    "link_loop": "符号链接循环；未读取",
    "unreadable": "无法读取：{reason}；其中的计划文件没有读取",
    "output_not_regular": "不能写入 {path}：它是{kind}，不是普通文件",
    "output_exists": "{path} 已存在；加 --force 覆盖，或用 --output 换一个文件名",
    "output_failed": "不能写入 {path}：{reason}",
    "db_damaged": "数据库已损坏（{reason}）；请从备份恢复（civicli backup 可做备份），或用 civicli check 检查",
    "int_range": "{what} {value}：须在 {low} 到 {high} 之间",
    "stdout_failed": "无法写出结果：{reason}",
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

# The weekly bulletin (创建简报): summary / bulletin.py.
SUMMARY = {
    "title": "创建简报",
    "issue": "第{n}期",
    # store: a preview (week not yet ended) has no number
    "issue_none": "（预览，不编期号）",
    "written_preview": "已写入 {path}（{title} 预览，{week}）",
    "editor": "{community}居委会编",
    "editor_unknown": "社区居委会编",
    "preview": "（预览：本周尚未结束，统计截至{date}）",
    "week": "{year}年第{week}周（{start}至{end}）",
    "numerals": "一二三四五六七八九十",
    "s_completed": "本周完成",
    "s_progressed": "工作进展",
    "s_inspections": "检查与整改",
    "s_overdue": "逾期未完成",
    "s_upcoming": "近期安排（{start}至{end}）",
    "s_plans": "各计划完成情况",
    "none": "无。",
    "month_day": "{m}月{d}日",
    "year_month_day": "{y}年{m}月{d}日",
    "occ_week": "第{n}周",
    "occ_month": "{n}月",
    "occ_quarter": "第{n}季度",
    "occ_year": "{n}年",
    "done_on": "{date}完成",
    "done_by_inspection": "{date}各点位检查完毕",
    "by": "（{name}）",
    "note": "备注：{text}",
    "metrics": "数据：{text}",
    "late": "应于{due}前完成，逾期{n}天",
    "areas": "已检查{done}/{total}处",
    "opens": "{date}开始",
    "due": "{date}截止",
    "festival_item": "{name} {date}: {title}",
    "festival_due": "（{date}截止）",
    "inspections_held": "本周检查{n}次：",
    "inspection_item": "{date} {template} · {area}：{score}",
    "score": "{score}分，{result}",
    "score_none": "全部不适用",
    "passed": "合格",
    "failed": "不合格",
    "failed_items": "未通过：{items}",
    "rect_opened": "新开整改{n}项：",
    "rect_opened_item": "{area} {item}：{due}前整改{owner}",
    "rect_closed": "完成整改{n}项：",
    "rect_closed_item": "{area} {item}：{opened}开，{closed}复查通过",
    "rect_overdue": "逾期未整改{n}项：",
    "rect_overdue_item": "{area} {item}：应于{due}前整改，逾期{n}天{owner}",
    "repeats": "，复查仍未通过{n}次",
    "no_inspections": "本周没有检查记录。",
    "plan_line": "{title}：完成率{percent}%，已完成{done}项，逾期{overdue}项",
    "target_line": "{text}：{actual} / {target}，{met}",
    "met": "已达标",
    "not_met": "未达标",
    "footer_editor": "编发：{editor}",
    "footer_as_of": "统计截至：{date}",
    "footer_generated": "本简报由 civicli 根据工作记录生成。",
    "written": "已写入 {path}（{title} 第{n}期，{week}）",
    "err_week": "--week '{text}': expected an ISO week YYYY-Www, e.g. 2027-W36",
    "err_week_range": "--week '{text}': {year} has ISO weeks W01–W{last}",
    "err_future": "week {week} ({start} – {end}) has not begun (today is {today})",
    "err_output": "cannot write {path}: {reason}",
    "err_output_dir": "cannot write {path}: it is a folder",
}

# The store (数据库): opening, locks, errors of the disk, backup and check. {path} is the database.
STORE = {
    "foreign": "{path}：这是别的程序的 SQLite 数据库，不是 civicli 的；没有改动它。用 --db 指定 civicli 的数据库文件",
    "not_database": "{path}：不是 SQLite 数据库文件（{reason}）；没有改动它。用 --db 指定 civicli 的数据库文件",
    "damaged": "{path}：数据库文件已损坏（{reason}）；从备份恢复（见 README 的 Backup and restore 一节），恢复后运行 civicli check",
    "cannot_open": "无法打开数据库 {path}：{reason}。检查路径和文件夹权限",
    "newer": "{path}：数据库由更新版本的 civicli 写入（结构 {schema}）；请升级 civicli",
    "locked": "{path}：数据库正被另一个 civicli 命令使用，等待 {seconds} 秒后仍未轮到；稍后再试",
    "readonly": "{path}：数据库是只读的，无法写入（{reason}）；检查文件和所在文件夹的写权限",
    "full": "{path}：磁盘已满或文件超出大小限制，没有写入（{reason}）；已有记录未受影响，腾出空间后再试",
    "io": "{path}：读写数据库时出错（{reason}）；检查磁盘和权限后再试，可用 civicli check 检查数据库",
    "internal": "内部错误（{kind}：{reason}）；设置 CIVICLI_DEBUG=1 可看到详细信息",
    "no_plans": "{path}：数据库里没有任何计划；用 civicli load 载入计划，或用 --db 指定正确的数据库",
    "backup_exists": "{path} 已存在；备份不会覆盖已有文件，请换一个文件名",
    "backup_failed": "无法写入备份 {path}：{reason}；没有留下不完整的文件",
    "backup_done": "已备份到 {path}（{size}）。证据文件在 {files}，请一并复制",
    "backup_done_no_files": "已备份到 {path}（{size}）",
    "check_ok": "{path}：检查通过（结构 {schema}，证据文件 {files} 个）",
    "check_integrity": "SQLite 完整性检查：{detail}",
    "check_pending": "数据库结构未更新完：缺少 {names}",
    "check_unknown": "数据库结构来自更新版本的 civicli：{names}",
    "check_missing_file": "证据文件缺失：{file}（{where}）",
    "check_failed": "{path}：发现 {n} 个问题",
    "archived_template": "检查表 {key} 已从文件中删除：已归档，检查记录和检查项保留",
    "check_no_db": "{path}：数据库文件不存在",
}

# Plan honesty and the calendar (calendar engineer): `assumed:`/`incomplete:` as shown, plan-file
# checks of festival_dates, completed_by and festivals that skip a year, bulletin-completed tasks.
CAL = {
    "assumed_title": "计划编写时的假设（原文没有的日期、周期、数字等，请按本社区实际调整）",
    "assumed": "假设",
    "incomplete": "原文不完整",
    "incomplete_mark": "（原文不完整）",
    "plan_incomplete": "原文不完整：{text}",
    "bulletin_note": "创建简报 {week}（第{n}期）已写入 {path}",
    "bulletin_done": "已记为完成：{tasks}",
    "bad_year": "年份应为四位数字，例如 2057，实际是 {got}",
    "not_builtin": "'{name}' 不是内置节日（festival_dates 只能为内置节日指定日期；计划自己的节日写在 calendar 里）{hint}",
    "builtin_twice": "'{name}' 与第 {line} 行的 '{other}' 是同一个节日（{canonical}）",
    "date_not_in_year": "日期 {date} 不在 {year} 年内",
    "bad_completed_by": "completed_by 只能是 'bulletin'，实际是 {got}",
    "festival_skips": (
        "{name} 在计划期间（{start}..{end}）内没有日期：农历节日不是每个公历年都有"
        "（{name} 的前一次是 {before}，后一次是 {after}）。请改用 offset，或去掉这项任务"
    ),
}

# rectify: the 整改 loop (rectify, recheck, rectification status and owners), checked input
# (double entries, metrics, --date), targets with no record.
RECTIFY = {
    # rectification status and listing
    "status_open": "待整改",
    "status_in_progress": "整改中",
    "status_closed": "已整改",
    "in_progress_note": "（整改中）",
    "h_status": "状态",
    "h_measures": "整改措施",
    "h_rechecked_by": "复查人",
    "measure_line": "{date} {text}{by}",
    "by": "（{name}）",
    # rectify / recheck results
    "measure_recorded": "已记录整改措施：整改 #{id}（{item}，{area}）{date}，状态：{status}",
    "recheck_passed": "复查通过：整改 #{id}（{item}，{area}）{date} 已整改完成",
    "recheck_failed": "复查未通过：整改 #{id}（{item}，{area}）第 {n} 次，新的整改期限 {due}",
    "photos_stored": "照片已保存：{paths}",
    # goals
    "no_record": "无记录",
    "no_record_met": "尚未统计",
    # errors
    "err_bad_number": "整改编号 {value} 无效：写数字，如 3、#3 或 整改#3",
    "err_no_rect": "没有编号为 {id} 的整改；用 civicli rectifications --all 查看全部整改",
    "err_closed": "整改 #{id} 已于 {closed} 整改完成，不能再记录；问题再次出现时，检查不合格会新开整改",
    "err_before_opened": "日期 {date} 早于整改 #{id} 的发现日期 {opened}",
    "err_pass_and_fail": "--pass 和 --fail 只能选一个：复查通过用 --pass，未通过用 --fail",
    "err_pass_or_fail": "请说明复查结果：通过用 --pass，未通过用 --fail",
    "err_no_photo": "照片 {path} 不存在",
    "err_photo_not_file": "照片 {path} 不是普通文件",
    "err_not_a_task": "{ref} 是整改 #{id}，不是任务：记录整改措施用 civicli rectify {id} --measure 内容，"
    "复查用 civicli recheck {id} --pass 或 --fail",
    "err_metric_range": "--metric {item}：数值必须在 0 到 10^15 之间",
    "err_unknown_metric": "计划 {plan} 没有数据项 {name}；可用的数据项：{known}",
    "err_no_metrics": "计划 {plan} 没有数据项 {name}：计划文件未定义任何数据项（metrics:，或目标的 metric）",
    "err_date_future": "日期 {date} 晚于今天（{today}）；不能记录未来的事",
    "err_date_before_plan": "日期 {date} 早于计划 {plan} 的开始日期 {start}",
    "err_double": "{task} 在 {date} 已有一条相同的记录 #{id}（{at}，期次 {occurrence}）；"
    "确实要再记一次，请加 --again",
}
# ---------------------------------------------------------------- ledgers (台账), activity details,
# evidence photos, `config`, the bulletin as .docx
H.update(
    {
        "place": "地点",
        "people": "参加人员",
        "photos": "照片",
        "setting": "设置",
        "value": "值",
        "default": "默认值",
    }
)
MSG.update(
    {
        "undone": "已撤销",
        "exported": "已写入 {path}（{ledger}，{rows} 行）",
        "config_set": "已设置 {key} = {value}",
        "config_cleared": "已清除 {key}（恢复默认值）",
        "config_default": "（默认）",
    }
)
ERR.update(
    {
        "photo_missing": "照片 '{path}' 不存在；请检查路径",
        "photo_not_file": "照片 '{path}' 不是普通文件（文件夹、管道或设备不能作为照片）",
        "photo_unreadable": "无法读取照片 '{path}'：{reason}",
        "photo_name_taken": "证据文件夹中已有同名文件 {name}",
        "evidence_folder": "无法创建证据文件夹 {path}：{reason}",
        "no_ledger": "没有台账 '{name}'；可用：{known}",
        "no_plan_text": "没有计划 '{plan}'（用 `civicli plans` 查看）",
        "ambiguous_plan": "'{plan}' 对应多个计划：{ids}；请写计划编号",
        "bad_range": "--from {start} 晚于 --to {end}",
        "no_plans_loaded": "数据库中还没有计划；先用 civicli load 载入",
        "xlsx_stdout": "xlsx 不能写到标准输出；请用 --output FILE，或 --format csv --output -",
        "xlsx_too_many_rows": "台账有 {rows} 行，超过 Excel 一张表的上限（{limit} 行）；请用 --from/--to 分段导出，或用 --format csv",
        "docx_needs_output": "--format docx 需要 --output FILE",
        "unknown_setting": "没有设置项 '{key}'；可用：{known}",
        "bad_setting": "{key} 的值 '{value}' 无效：{reason}",
        "control_chars": "不能含换行或控制字符",
        "positive_integer": "应为正整数",
        "issue_taken": "第{n}期已被使用（{week}）；最大已用期号为 {max}",
    }
)

# The ledgers are Chinese documents whatever the interface language (en.py uses this table too).
LEDGER = {
    "activities": "活动台账",
    "inspections": "检查台账",
    "rectifications": "整改台账",
    "tasks": "任务清单",
    "title": "{community}{ledger}（{start}至{end}）",
    "title_plan": "{community}{ledger}·{plan}（{start}至{end}）",
    "date": "{y}年{m}月{d}日",
    "occ_week": "{y}年第{n}周",
    "occ_month": "{y}年{n}月",
    "occ_quarter": "{y}年第{n}季度",
    "occ_year": "{y}年",
    "occ_named": "{y}年{name}",
    "occ_once": "",
    "pass": "合格",
    "fail": "不合格",
    "open": "整改中",
    "closed": "已整改",
    "overdue": "逾期",
    "areas": "已检查{done}/{total}处",
    "na": "不适用",
    "sep": "；",
    "list_sep": "、",
    "measure": "{date} {text}",
    "measure_by": "{date} {text}（{by}）",
    "problem_note": "{text}（{note}）",
}
LEDGER_STATUS = {"todo": "待办", "doing": "进行中", "done": "已完成", "blocked": "受阻"}
LEDGER_STATE = {
    "upcoming": "未开始",
    "outstanding": "待办",
    "overdue": "逾期",
    "missed": "已错过",
    "done": "已完成",
}

# `civicli config`: what each setting means (shown by `config`).
SETTINGS = {
    "bulletin.issuer": "编印单位（报头）",
    "bulletin.send_to": "报送（报尾）",
    "bulletin.copy_to": "抄送（报尾）",
    "bulletin.copies": "共印N份（报尾）",
    "bulletin.title": "报头标题",
    "bulletin.next_issue": "下一期新编期号",
    "issuer_default": "{community}居委会",
    "issuer_unknown": "社区居委会",
    "next_issue_default": "已用最大期号加一，或 1",
    "empty": "（空）",
    "copies": "共印{n}份",
    "send_to": "报送：{text}",
    "copy_to": "抄送：{text}",
    "dated": "{y}年{m}月{d}日",
}
SUMMARY.update(
    {
        "s_supervise": "督办事项（内部，不上报）",
        "editor_issuer": "{issuer}编",
    }
)

# undo and completion (rules)
UNDO = {
    "took_record": "已撤销记录 #{id}：{task} 期次 {occurrence}（{what}{date}）",
    "would_record": "将撤销记录 #{id}：{task} 期次 {occurrence}（{what}{date}）",
    "took_inspection": "已撤销检查 #{id}：{template} {area}（{date}）",
    "would_inspection": "将撤销检查 #{id}：{template} {area}（{date}）",
    "took_step": "已撤销整改 #{rectification} 的{step} #{id}（{date}）",
    "would_step": "将撤销整改 #{rectification} 的{step} #{id}（{date}）",
    "step_measure": "整改措施",
    "step_recheck": "复查",
    "sep": "，",
    "dry_run": "预演：未做任何更改。",
    "undone": "已撤销",
    "err_no_record": "没有编号为 {id} 的记录（编号见 civicli log 任务 --json 的 id）。",
    "err_no_inspection": "没有编号为 {id} 的检查（编号见 civicli inspections）。",
    "err_no_step": "没有编号为 {id} 的整改记录。",
    "err_again_record": "记录 #{id} 已于 {at} 撤销；撤销不能再撤销。如需恢复，请重新记录（civicli progress 或 done）。",
    "err_again_inspection": "检查 #{id} 已于 {at} 撤销；撤销不能再撤销。如需恢复，请重新录入检查（civicli inspect）。",
    "err_again_step": "整改记录 #{id} 已于 {at} 撤销；撤销不能再撤销。",
    "err_nothing": "没有可撤销的记录。",
    "err_both": "RECORD_ID 与 --inspection 只能给一个。",
}
