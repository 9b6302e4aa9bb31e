"""The English catalog: the same tables and keys as zh.py (English on request: --lang en).

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
    "done_occurrences": "Done occurrences",
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
    "orphaned": "note: {key} has {n} records on occurrences that no longer exist ({occurrences}); "
    "they stay in log but no longer count",
    "log_orphaned": "{occurrence} (no longer exists)",
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
    "limit_number": "{what}: {value} is out of range: a number must be finite and within ±10^15",
    "plan_number_range": "{value} is out of range: a number must be finite and within ±10^15",
    "plan_days_range": "{value} is out of range: a number of days must be within ±36500",
    "plan_every_range": "every {value}: N must be 1 to {limit}",
    "plan_date_range": "{value} is outside the dates civicli handles (1900-01-01 to 2100-12-31)",
    "plan_surrogate": "the text holds a lone surrogate {char} (not a character); write the character itself",
    "date_range": "{what}: {value} is outside the dates civicli handles (1900-01-01 to 2100-12-31)",
    "due_within_range": "--due-within {days}: today + {days} days is after 2100-12-31, the last date civicli handles",
    "arg_not_text": "command-line argument {n} is not valid UTF-8 text; type it again",
    "file_too_big": "the file has {size} bytes, more than a plan file may have ({limit} bytes, 1 MB); not read. "
    "Split it into several files",
    "plan_too_many": "more than {limit} entries in one file; split it into several files",
    "not_regular": "not a regular file ({kind}); not read",
    "kind_fifo": "a FIFO",
    "kind_device": "a device",
    "kind_folder": "a folder",
    "kind_socket": "a socket",
    "kind_other": "a special file",
    "dangling_link": "a symbolic link to {target}, which does not exist; not read",
    "link_loop": "a symbolic link loop; not read",
    "unreadable": "cannot read it: {reason}; the plan files in it were not read",
    "output_not_regular": "cannot write {path}: it is {kind}, not a regular file",
    "output_exists": "{path} exists; add --force to overwrite it, or choose another --output",
    "output_failed": "cannot write {path}: {reason}",
    "db_damaged": "the database is damaged ({reason}); restore it from a backup (civicli backup makes one) "
    "or run civicli check",
    "int_range": "{what} {value}: must be {low} to {high}",
    "stdout_failed": "cannot write the output: {reason}",
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
    "written_preview": "wrote {path} ({title}, a preview: no number, {week})",
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

# The store: opening, locks, errors of the disk, backup and check. {path} is the database.
STORE = {
    "foreign": "{path}: an SQLite database of another program, not civicli's; left unchanged. "
    "Point --db at civicli's database file",
    "not_database": "{path}: not an SQLite database file ({reason}); left unchanged. "
    "Point --db at civicli's database file",
    "damaged": "{path}: the database file is damaged ({reason}); restore it from a backup (README: Backup and restore), then run civicli check",
    "cannot_open": "cannot open database {path}: {reason}. Check the path and the folder's permissions",
    "newer": "{path}: the database was written by a newer civicli (schema {schema}); upgrade civicli",
    "locked": "{path}: the database is in use by another civicli command and stayed so for {seconds} s; "
    "try again shortly",
    "readonly": "{path}: the database is read-only, cannot write ({reason}); check write permission "
    "on the file and its folder",
    "full": "{path}: the disk is full or the file size limit reached, nothing written ({reason}); "
    "earlier records are intact, free some space and try again",
    "io": "{path}: error reading or writing the database ({reason}); check the disk and permissions, "
    "then run civicli check",
    "internal": "internal error ({kind}: {reason}); set CIVICLI_DEBUG=1 to see the traceback",
    "no_plans": "{path}: the database holds no plans; load some with civicli load, or point --db "
    "at the right database",
    "backup_exists": "{path} exists; a backup never overwrites a file, choose another name",
    "backup_failed": "cannot write the backup {path}: {reason}; no partial file left",
    "backup_done": "backed up to {path} ({size}). The evidence files are in {files}: copy that folder too",
    "backup_done_no_files": "backed up to {path} ({size})",
    "check_ok": "{path}: all checks passed (schema {schema}, {files} evidence files)",
    "check_integrity": "SQLite integrity check: {detail}",
    "check_pending": "the schema is not up to date: missing {names}",
    "check_unknown": "the schema comes from a newer civicli: {names}",
    "check_missing_file": "evidence file missing: {file} ({where})",
    "check_failed": "{path}: {n} problems found",
    "archived_template": "inspection template {key} removed from its file: archived, its inspections and items kept",
    "check_no_db": "{path}: the database file does not exist",
}

# Plan honesty and the calendar (calendar engineer): `assumed:`/`incomplete:` as shown, plan-file
# checks of festival_dates, completed_by and festivals that skip a year, bulletin-completed tasks.
CAL = {
    "assumed_title": "Assumed beyond the source (dates, cadences, numbers the source does not give: adjust them to your community)",
    "assumed": "Assumed",
    "incomplete": "Source incomplete",
    "incomplete_mark": " (source incomplete)",
    "plan_incomplete": "source incomplete: {text}",
    "bulletin_note": "bulletin {week} (no. {n}) written to {path}",
    "bulletin_done": "recorded as done: {tasks}",
    "bad_year": "a year must be four digits, e.g. 2057, got {got}",
    "not_builtin": "'{name}' is not a built-in festival (festival_dates fixes dates of built-in festivals; "
    "a plan's own days go in calendar){hint}",
    "builtin_twice": "'{name}' is the same festival ({canonical}) as '{other}' at line {line}",
    "date_not_in_year": "date {date} is not in {year}",
    "bad_completed_by": "completed_by must be 'bulletin', got {got}",
    "festival_skips": (
        "{name} has no date inside the plan period ({start}..{end}): a lunar festival does not fall "
        "in every Gregorian year ({name} falls on {before} before it and on {after} after it). "
        "Use an offset, or drop the task"
    ),
}

# rectify: the 整改 loop (rectify, recheck, rectification status and owners), checked input
# (double entries, metrics, --date), targets with no record.
RECTIFY = {
    # rectification status and listing
    "status_open": "open",
    "status_in_progress": "in progress",
    "status_closed": "closed",
    "in_progress_note": " (in progress)",
    "h_status": "Status",
    "h_measures": "Measures",
    "h_rechecked_by": "Rechecked by",
    "measure_line": "{date} {text}{by}",
    "by": " ({name})",
    # rectify / recheck results
    "measure_recorded": "Measure recorded: rectification #{id} ({item}, {area}) {date}, status: {status}",
    "recheck_passed": "Recheck passed: rectification #{id} ({item}, {area}) closed on {date}",
    "recheck_failed": "Recheck failed: rectification #{id} ({item}, {area}) repeat {n}, new due date {due}",
    "photos_stored": "Photos stored: {paths}",
    # goals
    "no_record": "no record",
    "no_record_met": "not yet counted",
    # errors
    "err_bad_number": "rectification number '{value}' is not valid: write a number, e.g. 3, #3 or 整改#3",
    "err_no_rect": "no rectification #{id}; `civicli rectifications --all` lists them",
    "err_closed": "rectification #{id} was closed on {closed}; nothing more can be recorded on it "
    "(a failed inspection opens a new one if the problem comes back)",
    "err_before_opened": "date {date} is before rectification #{id} was opened ({opened})",
    "err_pass_and_fail": "give either --pass or --fail, not both",
    "err_pass_or_fail": "give the recheck's result: --pass or --fail",
    "err_no_photo": "photo '{path}' does not exist",
    "err_photo_not_file": "photo '{path}' is not a regular file",
    "err_not_a_task": "{ref} is rectification #{id}, not a task: record a measure with "
    "`civicli rectify {id} --measure TEXT`, a recheck with `civicli recheck {id} --pass` or `--fail`",
    "err_metric_range": "--metric '{item}': the value must be between 0 and 10^15",
    "err_unknown_metric": "plan '{plan}' has no metric '{name}'; known metrics: {known}",
    "err_no_metrics": "plan '{plan}' has no metric '{name}': its file defines none "
    "(metrics:, or a target's metric)",
    "err_date_future": "date {date} is after today ({today}); nothing can be recorded ahead",
    "err_date_before_plan": "date {date} is before the start of plan '{plan}' ({start})",
    "err_double": "{task} already has an identical record #{id} for {date} ({at}, occurrence {occurrence}); "
    "add --again to record it once more",
}
# ---------------------------------------------------------------- ledgers (台账), activity details,
# evidence photos, `config`, the bulletin as .docx
H.update(
    {
        "place": "Place",
        "people": "People",
        "photos": "Photos",
        "setting": "Setting",
        "value": "Value",
        "default": "Default",
    }
)
MSG.update(
    {
        "undone": "taken back",
        "exported": "wrote {path} ({ledger}, {rows} rows)",
        "config_set": "set {key} = {value}",
        "config_cleared": "cleared {key} (back to its default)",
        "config_default": "(default)",
    }
)
ERR.update(
    {
        "photo_missing": "photo '{path}' does not exist; check the path",
        "photo_not_file": "photo '{path}' is not a regular file (a folder, pipe or device cannot be a photo)",
        "photo_unreadable": "cannot read photo '{path}': {reason}",
        "photo_name_taken": "the evidence folder already holds a file named {name}",
        "evidence_folder": "cannot create the evidence folder {path}: {reason}",
        "no_ledger": "no ledger '{name}'; known: {known}",
        "no_plan_text": "no plan '{plan}' (`civicli plans` lists them)",
        "ambiguous_plan": "'{plan}' matches several plans: {ids}; give the plan id",
        "bad_range": "--from {start} is after --to {end}",
        "no_plans_loaded": "the database holds no plans yet; load some with civicli load",
        "xlsx_stdout": "xlsx cannot go to stdout; use --output FILE, or --format csv --output -",
        "xlsx_too_many_rows": "the ledger has {rows} rows, more than an Excel sheet holds ({limit}); export it in parts with --from/--to, or use --format csv",
        "docx_needs_output": "--format docx needs --output FILE",
        "unknown_setting": "no setting '{key}'; known: {known}",
        "bad_setting": "{key}: '{value}' is not valid: {reason}",
        "control_chars": "line breaks and control characters are not allowed",
        "positive_integer": "expected a positive whole number",
        "issue_taken": "issue {n} is taken already ({week}); the highest issue used is {max}",
    }
)

# The ledgers stay Chinese documents in English too.

SETTINGS = {
    "bulletin.issuer": "issuer (编印单位, in the 报头)",
    "bulletin.send_to": "报送 (in the 报尾)",
    "bulletin.copy_to": "抄送 (in the 报尾)",
    "bulletin.copies": "number of copies (共印N份, in the 报尾)",
    "bulletin.title": "the 报头 title",
    "bulletin.next_issue": "the issue number the next newly numbered bulletin takes",
    "issuer_default": "{community}居委会",
    "issuer_unknown": "社区居委会",
    "next_issue_default": "one more than the highest so far, or 1",
    "empty": "(empty)",
    # the bulletin itself stays Chinese
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
    "took_record": "Took back record #{id}: {task} occurrence {occurrence} ({what}{date})",
    "would_record": "Would take back record #{id}: {task} occurrence {occurrence} ({what}{date})",
    "took_inspection": "Took back inspection #{id}: {template} {area} ({date})",
    "would_inspection": "Would take back inspection #{id}: {template} {area} ({date})",
    "took_step": "Took back the {step} #{id} of rectification #{rectification} ({date})",
    "would_step": "Would take back the {step} #{id} of rectification #{rectification} ({date})",
    "step_measure": "measure",
    "step_recheck": "recheck",
    "sep": ", ",
    "dry_run": "Dry run: nothing changed.",
    "undone": "taken back",
    "err_no_record": "No record numbered {id} (see the id in civicli log TASK --json).",
    "err_no_inspection": "No inspection numbered {id} (see civicli inspections).",
    "err_no_step": "No rectification step numbered {id}.",
    "err_again_record": "Record #{id} was taken back at {at}; a taking-back cannot itself be taken back. "
    "To restore it, record it again (civicli progress or done).",
    "err_again_inspection": "Inspection #{id} was taken back at {at}; a taking-back cannot itself be taken "
    "back. To restore it, record the inspection again (civicli inspect).",
    "err_again_step": "Rectification step #{id} was taken back at {at}; a taking-back cannot itself be "
    "taken back.",
    "err_nothing": "Nothing left to take back.",
    "err_both": "Give either RECORD_ID or --inspection, not both.",
}
