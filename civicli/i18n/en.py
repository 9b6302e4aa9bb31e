"""The English catalog (--lang en, CIVICLI_LANG=en, an English locale): the same tables and keys as zh.py.

The bulletin and the ledgers are Chinese documents in both languages: SUMMARY keeps its Chinese
bulletin words here; only its messages and errors are English.
"""

from __future__ import annotations

STATE = {
    "upcoming": "upcoming",
    "outstanding": "outstanding",
    "overdue": "overdue",
    "missed": "missed",
    "done": "done",
}
STATUS = {"todo": "todo", "doing": "doing", "done": "done", "blocked": "blocked"}

H = {
    # plans / show
    "plan": "Plan",
    "plan_id": "Id",
    "title": "Title",
    "community": "Community",
    "period": "Period",
    "tasks": "Tasks",
    "done": "Done",
    "percent": "Complete",
    "goals": "Goals",
    "target": "Target",
    "actual": "Actual",
    "met": "Met",
    "schedule": "Schedule",
    # tasks
    "key": "Task",
    "owner": "Owner",
    "occurrence": "Occurrence",
    "due": "Due",
    "state": "State",
    "progress": "Progress",
    # log
    "at": "Recorded at",
    "date": "Date",
    "status": "Status",
    "note": "Note",
    "by": "By",
    "metrics": "Data",
    # load
    "file": "File",
    "added": "added",
    "updated": "updated",
    "archived": "archived",
    "unchanged": "unchanged",
    # the Chinese interface (zh): tasks --format markdown
    "check": "Done",
}

MSG = {
    "error": "Error",
    "yes": "yes",
    "no": "no",
    "late_days": "{n} days late",
    "checklist_empty": "Nothing outstanding.",
    "checklist_footer": "{total} in all: {overdue} overdue, {outstanding} outstanding, {upcoming} upcoming, {done} done, {missed} missed",
    "plans_empty": "No plans loaded yet. Load them with: civicli load plans/",
    "valid": "{n} files valid: {plans}",
    "loaded": "Loaded {n} files.",
    "dry_run": "Dry run: nothing written.",
    "recorded": "Recorded: {task} {occurrence} {what}",
    "log_empty": "{task} has no records yet.",
    "loading": "Loading plans",
    "ongoing": "ongoing",
    "due_on": "due {date}",
    "every": "every {unit}",
    "festival": "festival {name}",
    "guiding_ideology": "Guiding ideology",
    "principles": "Principles",
    # the Chinese interface (zh): occurrence keys for humans (output/words.occurrence_text)
    "occ_once": "once",
    "occ_ongoing": "ongoing",
    "new_plan": " (new plan)",
    # the Chinese interface (zh): tasks --format markdown
    "checklist_title": "Checklist ({today})",
}

# Error messages of the core (tracking, sync, db) and the CLI. One line each; {names} are filled in.
ERR = {
    "no_plan": "no plan '{plan}' (`civicli plans` lists them)",
    "no_task": "no task '{ref}' (use PLAN_ID/TASK_ID, or text of its title; `civicli tasks --all` lists them)",
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
    "bad_date": "{what}: '{value}' is not a date; write it 2027-03-01, 2027-3-1, 2027/3/1, 2027.3.1 or 2027年3月1日",
    # the Chinese interface (zh): dates in five forms
    # the Chinese interface (zh): a plan by part of its title
    "ambiguous_plan": "'{plan}' is in the titles of several plans: {plans}; write the plan id",
    "internal": "internal error ({kind}: {reason}); set CIVICLI_DEBUG=1 to see the traceback",
}

EVERY_UNIT = {"week": "week", "month": "month", "quarter": "quarter", "year": "year"}

# inspections (检查) and rectifications (整改): labels, messages, prompts, errors.
INSPECT = {
    # table headers
    "id": "No.",
    "date": "Date",
    "plan": "Plan",
    "template": "Template",
    "area": "Area",
    "score": "Score",
    "result": "Result",
    "failed": "Failed items",
    "by": "Inspector",
    "note": "Note",
    "photos": "Photos",
    "item": "Problem",
    "owner": "Owner",
    "opened": "Found",
    "due": "Due",
    "closed": "Fixed",
    "repeats": "Rechecks failed",
    "state": "State",
    "last": "Last inspected",
    "days_since": "Days since",
    # values
    "pass": "pass",
    "fail": "fail",
    "na": "n/a",
    "no_score": "—",
    "gap": "gap",
    "pending": "pending",
    "never": "never",
    "open": "open",
    "closed_state": "fixed",
    "late_days": "{n} days late",
    "rect_key": "fix #{id}",
    "rect_title": "Fix: {item} ({area})",
    "repeats_n": "{n}×",
    # titles, footers, messages
    "inspections_title": "Inspections",
    "inspections_empty": "No inspections recorded yet.",
    "rect_title_list": "Rectifications ({today})",
    "rect_empty": "No open rectifications.",
    "rect_footer": "{total} in all: {overdue} overdue, {open} open, {closed} fixed",
    "coverage_title": "{title}  [{key}]: area coverage ({today})",
    "coverage_footer": "{gaps} areas missed in ended periods; {never} areas never inspected.",
    "recorded": "Recorded inspection #{id}: {template} {area} {date}  score {score} ({result})",
    "recorded_failed": "Failed: {items}",
    "recorded_opened": "Opened rectification #{id}: {item}, due {due}",
    "recorded_repeat": "Rectification #{id} failed again ({n}×): {item}, due {due}",
    "recorded_closed": "Rectification #{id} closed: {item}",
    # interactive prompts
    "ask_header": "{template} {area} {date}: {n} items to check",
    "ask_item": "[{i}/{n}] {text} ({item}{weight}) pass p / fail f / n/a n",
    "ask_weight": ", weight {w}",
    "ask_note": "  What is wrong (may be empty)",
    "ask_again": "  Type p (pass), f (fail) or n (n/a).",
    "ask_area": "OccurrenceFilter area? {areas}",
    # errors
    "err_no_template": "no inspection template '{ref}' (templates: {known})",
    "err_ambiguous": "inspection template '{ref}' is in several plans: {keys}; write PLAN_ID/TEMPLATE_ID",
    "err_archived": "inspection template '{key}' was removed from its plan file (archived); "
    "inspections of it are refused",
    "err_no_area": "template '{key}' has no area '{area}' (areas: {areas})",
    "err_no_item": "template '{key}' has no item '{item}' (items: {items})",
    "err_twice": "item '{item}' is answered more than once",
    "err_future": "inspection date {date} is after today ({today})",
    "err_no_photo": "photo '{path}' does not exist",
    "err_not_file": "photo '{path}' is not a file",
    "err_unanswered": "unanswered items: {items}; answer each with --pass, --fail or --na "
    "(no terminal to ask on; -i asks for them)",
    "err_no_plan": "no plan '{plan}' (`civicli plans` lists them)",
    "err_no_area_given": "no area given; use --area (areas: {areas})",
    "err_periods": "--periods must be at least 1",
}

# `summary --week`: the messages (the bulletin's own words, Chinese in both languages, are BULLETIN)
SUMMARY = {
    "err_week": "--week '{text}': expected an ISO week YYYY-Www, e.g. 2027-W36",
    "err_week_range": "--week '{text}': {year} has ISO weeks W01–W{last}",
    "err_future": "week {week} ({start} – {end}) has not begun (today is {today})",
}

# ---- command-line help, keyed `command` / `command.param` / `*.param`
HELP = {
    "civicli": "社区精神文明创建工作计划 (community civilization-building work plans): plans, the "
    "outstanding-work checklist, inspections and the weekly bulletin.\n\n"
    "The global options (--db, --today, --lang) may come before or after the command.",
    "*.help": "Show this message and exit.",
    "civicli.db": "The SQLite database file (default: in the user data folder).",
    "civicli.today": "Act as if today were this date (for back-filling and tests); a date may be written "
    "2027-03-01, 2027-3-1, 2027/3/1, 2027.3.1 or 2027年3月1日.",
    "civicli.version": "Show the version and exit.",
    "civicli.lang": "The interface language: zh (Chinese, the default) or en (English); also CIVICLI_LANG.",
    "civicli.install_completion": "Install completion for the current shell (bash, zsh, fish).",
    "civicli.show_completion": "Show completion for the current shell, to copy it or customize the installation.",
    "*.json": "Print one JSON document instead of a table.",
    "*.task": "PLAN_ID/TASK_ID, TASK_ID when unique across plans, or text found in one task's title only.",
    "*.note": "A note to keep with the record.",
    "*.by": "Who is recording (name).",
    "*.occurrence": "The occurrence (e.g. 2027-W36, 2027-03, 2027-中秋, once); default: the one not done "
    "whose window holds the record's date, else the earliest one not done before it, else the next upcoming.",
    "*.metric": "A number for goal targets, NAME=NUMBER, e.g. participants=120 or 参与人次=120 (repeatable).",
    "*.plan": "Only this plan: its id, or text found in exactly one plan's title (e.g. 篇1).",
    "*.template": "Only this template (PLAN_ID/TEMPLATE_ID, or TEMPLATE_ID).",
    "*.area": "Only this area (e.g. 1号楼).",
    "*.all_": "Also the completed ones.",
    "*.overdue": "Only overdue ones.",
    "*.date": "The day it happened (default today; not after today).",
    "*.photo": "A photo file (repeatable; a regular file of at most 20 MB; copied into the evidence folder "
    "beside the database).",
    "*.place": "Where the activity took place.",
    "*.people": "Who took part (e.g. 居民30人、志愿者5人).",
    "*.again": "Record it although it repeats an earlier one: an identical record that day, an occurrence "
    "already done, the same area inspected that day, the same measure or a second recheck that day.",
    "*.output": "Write to this file (whole or not at all); default: the screen.",
    "*.force": "Overwrite an existing file.",
    "*.dry_run": "Report what would be done; write nothing.",
    "*.measure": "The rectification measure taken.",
    "*.fmt": "The output format.",
    "*.paths": "Plan files, or folders holding *.yaml / *.yml plan files.",
    "validate": "Check plan files (no database needed).\n\n"
    "Every problem in every file is listed with its file, line and key path.",
    "load": "Load plan files and folders into the database.\n\n"
    "All files are validated first; then all are loaded in one transaction, or none. Loading the same "
    "files again changes nothing; a task removed from its file is archived with its history kept.",
    "load.force": "Let a file replace a plan loaded from another file.",
    "load.track_from": "Follow the plans loaded from this day on (their tracked_from), without editing the files: occurrences due before it are not listed. Kept for later loads.",
    "plans": "The loaded plans with their period and completion.",
    "show": "One plan: goals, sections and tasks.\n\n"
    "Goal targets show the actual value (the metric summed over the plan period) against the target; "
    "tasks show their current occurrence and status.",
    "show.plan": "The plan: its id, or text found in exactly one plan's title (e.g. 篇1; `civicli plans` lists them).",
    "tasks": "The checklist of outstanding work.\n\n"
    "Overdue occurrences first, then by due date; open rectifications (整改) included.",
    "tasks.owner": "A role id exactly, or part of the owner's name.",
    "tasks.overdue": "Only overdue occurrences.",
    "tasks.due_within": "Due on or before today + DAYS (overdue included).",
    "tasks.all_": "Also upcoming, done and missed occurrences.",
    "tasks.fmt": "table (the default) or markdown (a printable checklist for the weekly meeting).",
    "progress": "Record progress on a task.\n\n"
    "Adds an entry to the history of one occurrence: by default the one not done whose window (opens … "
    "due) holds the record's date, else the earliest one not done before it (made up late), else the "
    "next upcoming one.",
    "progress.percent": "Percent done, 0–100.",
    "progress.status": "todo/待办, doing/进行中, done/完成/已完成 or blocked/受阻.",
    "done": "Mark a task occurrence done.",
    "log": "A task's full history.\n\nOldest first; archived tasks too.",
    "inspect": "Record an inspection of one area.\n\n"
    "The area is checked against the template's checklist and recorded in one transaction. Every item "
    "must be answered: with --pass / --fail / --na, or at the prompts on a terminal. Each failed item "
    "opens a rectification (整改); a later inspection that passes it closes it.",
    "inspect.template": "The inspection template: PLAN_ID/TEMPLATE_ID, TEMPLATE_ID when unique across plans, or text in one template's title.",
    "inspect.area": "The area (点位) inspected, e.g. 1号楼. Asked for on a terminal.",
    "inspect.pass_": "An item that passed: its id, its text or its number (1, 2, …; repeatable).",
    "inspect.fail": "An item that failed (id, text or number), with an optional note on the problem: "
    "ITEM=NOTE (repeatable); opens a rectification.",
    "inspect.na": "An item that does not apply this time (id, text or number; repeatable).",
    "inspect.by": "Who inspected.",
    "inspect.date": "The inspection date (default today; not after today).",
    "inspect.note": "A note on the whole inspection.",
    "inspect.interactive": "Ask for the items not given on the command line (default: ask when on a "
    "terminal). --no-interactive never asks: an unanswered item is an error.",
    "inspections": "Recorded inspections with scores.\n\nNewest first.",
    "inspections.since": "Only inspections dated on or after this day.",
    "rectifications": "Open rectifications (整改).\n\nOverdue first, then by due date; --all adds closed ones.",
    "rectifications.all_": "Also the closed (completed) rectifications.",
    "rectifications.overdue": "Only overdue rectifications.",
    "coverage": "OccurrenceFilter areas were inspected lately (不留死角).\n\n"
    "Areas × recent periods with the score or a gap, and days since each area was last inspected.",
    "coverage.template": "The inspection template: PLAN_ID/TEMPLATE_ID, TEMPLATE_ID when unique, or text in one template's title.",
    "coverage.periods": "How many recent periods to show (the linked task's occurrences, else ISO weeks).",
    "summary": "The weekly bulletin (创建简报).\n\n"
    "The summary of an ISO week as of its last day: completed and progressed tasks, inspections and "
    "rectifications, overdue work, what opens or is due in the next two weeks (festivals named), and "
    "completion per plan. Each week's bulletin gets an issue number (期号), kept when it is generated again.",
    "summary.week": "The ISO week, e.g. 2027-W36 (or a date inside it). Default: the latest week that "
    "ended before today.",
    "summary.fmt": "text (the bulletin as plain text), markdown (the bulletin, starting with a # heading), "
    "json (the data) or docx (a Word document; needs --output). Default: the one --output's extension "
    "names (.txt .md .json .docx).",
    "summary.output": "Write to FILE (atomically: a temporary file in the same folder, then renamed) "
    "instead of stdout.",
    # commands of this release (their options share the `*.` entries above)
    "undo": "Take back the latest record (progress, done, inspect, rectify, recheck), or the one named.\n\n"
    "Nothing is deleted: the record stays in the history, marked as taken back, and stops counting.",
    "export": "Write a ledger (台账: activities, inspections, rectifications, tasks) as xlsx or csv.",
    "config": "Show or set a setting kept in the database (e.g. bulletin.issuer).",
    "backup": "A consistent copy of the database (safe while other commands write).",
    "check": "The database's health: SQLite integrity, schema version, evidence files present.",
    "rectify": "Record a rectification measure (整改措施).",
    "recheck": "Record a recheck (复查): --pass closes the rectification, --fail sets a new due date.",
    "archive": "Take a plan out of use (archive it).\n\nGone from every listing, checklist, bulletin and ledger "
    "(civicli plans --all lists it, marked archived); its history stays readable with civicli log; loading its "
    "file again brings it back.",
    "archive.plan": "The plan id (see civicli plans).",
    "plans.all_": "Also the archived plans, marked.",
}

# ---- the option parser's own words (usage line, headings, usage errors)
CLI = {
    "usage": "Usage: ",
    "heading_colon": ":",
    "options_metavar": "[OPTIONS]",
    "subcommand_metavar": "COMMAND [ARGS]...",
    "try_help": "Try '{command} {option}' for help.",
    "no_such_option": "No such option: {name}",
    "no_such_command": "No such command '{name}'",
    "did_you_mean": " (did you mean: {names}?)",
    "missing_argument": "Missing argument {name}.",
    "missing_option": "Missing option {name}.",
    "bad_value": "Invalid value for {name}: {reason}",
    "not_integer": "{value} is not a whole number.",
    "too_large": "{value} is too large for any count or number civicli keeps.",
    "not_in_range": "{value} is not in the range {range}.",
    "not_choice": "{value} is not one of {choices}.",
    "extra_arguments": "Got unexpected extra arguments: {args}",
    "requires_value": "Option {name} requires a value.",
    "no_value": "Option {name} does not take a value.",
    "aborted": "Aborted.",
    "missing_command": "Missing command; run civicli --help to see them all.",
    # help: section headings and the notes after an option's help
    "arguments": "Arguments",
    "options": "Options",
    "commands": "Commands",
    "default": "default: {default}",
    "required": "required",
    "env_var": "env var: {var}",
}

# ---- the plan-file checker (plan/planfile.py); keep the {placeholders}
PLANFILE = {
    # files and folders
    "no_such_path": "no such file or folder",
    "no_plan_files": "no plan files (*.yaml, *.yml) in this folder",
    "cannot_read": "cannot read the file: {error}",
    "duplicate_plan": "plan id '{id}' is also used by {other}",
    # encoding and YAML syntax
    "not_utf8_gbk": "file is not UTF-8 (looks like GBK/GB18030); save it as UTF-8",
    "not_utf8": "file is not UTF-8",
    "bad_char": "character {char} is not allowed in a plan file",
    "yaml_syntax": "invalid YAML: {problem}",
    "several_documents": "more than one YAML document in the file; a plan file is one document",
    "alias_bomb": "alias expansion too large (more than {limit} nodes)",
    "too_deep": "nesting too deep (more than {limit} levels; a recursive alias?)",
    "empty_file": "the file is empty (no plan in it)",
    "top_not_mapping": "the top level must be a mapping (id, title, period, sections…), got {got}",
    "bad_tag": "tag '{tag}' is not allowed (only standard YAML tags)",
    # keys and values
    "bad_key": "a key must be text, got {got}",
    "empty_key": "empty key",
    "unknown_key": "unknown key '{key}'{hint}",
    "merge_key": "unknown key '<<' (YAML merge keys are not supported; write the keys out)",
    "did_you_mean": " (did you mean '{suggestion}'?)",
    "duplicate_key": "duplicate key '{key}' (first at line {line})",
    "required": "required key missing",
    "no_value": "no value",
    "empty_item": "empty list item",
    "empty_list": "empty list: at least one {what} is needed",
    "expected_mapping": "expected a mapping, got {got}",
    "expected_list": "expected a list, got {got}",
    "expected_text": "expected text, got {got}",
    "empty_text": "empty text",
    "expected_number": "expected a number, got {got}",
    "expected_integer": "expected a whole number, got {got}",
    "expected_date": "expected a date (2027-03-01, 2027-3-1, 2027/3/1, 2027.3.1 or 2027年3月1日), got {got}",
    "expected_monthday": "expected a month-day MM-DD, got {got}",
    "expected_calendar": "expected MM-DD or {{start: MM-DD, end: MM-DD}}, got {got}",
    "bad_id": "invalid id {got}: use letters, digits, '-', '_' and '.' only",
    # descriptions used in {got}
    "got_mapping": "a mapping",
    "got_list": "a list",
    "got_scalar": "'{value}'",
    "got_quoted": "'{value}' (quoted, so text)",
    # list names used in {what}
    "what_section": "section",
    "what_task": "task",
    "what_area": "area",
    "what_item": "item",
    # duplicates
    "duplicate_section": "duplicate section id '{id}' (first at line {line})",
    "duplicate_task": "duplicate task id '{id}' (first at line {line})",
    "duplicate_goal": "duplicate goal id '{id}' (first at line {line})",
    "duplicate_target": "duplicate target id '{id}' in this goal (first at line {line})",
    "duplicate_template": "duplicate inspection template id '{id}' (first at line {line})",
    "duplicate_item": "duplicate item id '{id}' in this template (first at line {line})",
    "duplicate_area": "duplicate area '{id}' in this template (first at line {line})",
    # plan rules
    "period_order": "the period ends ({end}) before it starts ({start})",
    "outside_period": "{what} {date} is outside the plan period ({start}..{end})",
    "what_tracked_from": "tracked_from",
    "what_due": "due date",
    "bad_direction": "direction must be 'at_least' or 'at_most', got {got}",
    "shadows_builtin": "'{name}' is a built-in festival ({canonical}); choose another name",
    "several_schedules": "more than one schedule: {keys}",
    "schedule_join": " and ",
    "festival_only": "'{key}' is only allowed with 'festival'",
    "negative": "'{key}' must be 0 or more, got {value}",
    "bad_every": "invalid every {got}: use week, month, quarter, year, 'N weeks' or 'N months'",
    "unknown_festival": "unknown festival '{name}'{hint}",
    "unknown_goal": "unknown goal '{name}'{hint}",
    "unknown_template": "unknown inspection template '{name}'{hint}",
    "no_goals": " (the plan has no goals)",
    "no_templates": " (the plan has no inspections)",
    "weight_positive": "weight must be more than 0, got {value}",
    "pass_mark_range": "pass_mark must be between 0 and 100, got {value}",
    "no_occurrence": "schedule gives no occurrence inside the plan period ({start}..{end})",
    "schedule_failed": "cannot work out the schedule: {error}",
    # mistakes a Chinese keyboard makes
    "fullwidth_colon": "a full-width colon '：' after a key; write a plain colon and a space (title: ...)",
    "fullwidth_comma": "a full-width '{char}' between the items of a [...] list; separate them with a plain comma "
    "(e.g. [1号楼, 2号楼]), else they are one item",
    "indent_tab": "a tab in the indentation; YAML indents with spaces only",
    "indent_fullwidth_space": "a full-width space '　' in the indentation; YAML indents with plain spaces only",
    # the YAML parser's problems, explained (hint after the explanation)
    "yaml_tab": "a tab here; YAML does not allow tabs for indentation or separation; use spaces",
    "yaml_indent": "the indentation does not line up: keys of one level align, their children are indented more",
    "yaml_colon": "a colon needs a space after it (key: value); quote text that holds a colon itself",
    "yaml_unclosed": "a quote or bracket is not closed (a missing \", ', ] or }})",
    "yaml_start": "a line cannot begin with this character ({char}); quote text that starts with @ ` % and the like",
    "yaml_other": "{problem}",
    "yaml_hint": "; check this line and the one before",
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

PLANFILE.update(
    {
        "what_date": "date",
        "duplicate_metric_name": "metric name '{name}' is also the name of metric '{other}'",
    }
)

HELP.update(
    {
        "backup.file": "Where to write the copy (must not exist).",
        "rectify.number": "The rectification's number (`civicli rectifications`): 3, #3 or 整改#3.",
        "recheck.number": "The rectification's number (`civicli rectifications`): 3, #3 or 整改#3.",
        "recheck.pass_": "The problem is put right: close it.",
        "recheck.fail": "Not yet put right: count a repeat and set a new due date.",
        "undo.record": "The record to take back (the id in `log --json`).",
        "undo.inspection": "Take back inspection N instead.",
        "summary.internal": "Add the supervision section (overdue tasks and rectifications) for the community's own use; the bulletin that goes up leaves it out.",
        "export.ledger": "activities, inspections, rectifications or tasks (the Chinese names too).",
        "export.start": "First day (default: the plans' start).",
        "export.end": "Last day (default: the plans' end, or today if earlier).",
        "config.key": "A setting, e.g. bulletin.issuer.",
        "config.value": "The new value ('' puts back the default).",
    }
)

# ---- the other areas of this release: store, calendar, rectifications, ledgers, hostile input, undo
H.update(
    {
        "done_occurrences": "Done occurrences",
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
        "orphaned": "note: {key} has {n} records on occurrences that no longer exist ({occurrences}); they stay in log but no longer count",
        "log_orphaned": "{occurrence} (no longer exists)",
        "undone": "taken back",
        "exported": "wrote {path} ({ledger}, {rows} rows)",
        "config_set": "set {key} = {value}",
        "config_cleared": "cleared {key} (back to its default)",
        "config_default": "(default)",
    }
)
ERR.update(
    {
        "limit_number": "{what}: {value} is out of range: a number must be finite and within ±10^15",
        "plan_number_range": "{value} is out of range: a number must be finite and within ±10^15",
        "plan_days_range": "{value} is out of range: a number of days must be within ±36500",
        "plan_every_range": "every {value}: N must be 1 to {limit}",
        "plan_date_range": "{value} is outside the dates civicli handles (1900-01-01 to 2100-12-31)",
        "plan_surrogate": "the text holds a lone surrogate {char} (not a character); write the character itself",
        "date_range": "{what}: {value} is outside the dates civicli handles (1900-01-01 to 2100-12-31)",
        "due_within_range": "--due-within {days}: today + {days} days is after 2100-12-31, the last date civicli handles",
        "arg_not_text": "command-line argument {n} is not valid UTF-8 text; type it again",
        "file_too_big": "the file has {size} bytes, more than a plan file may have ({limit} bytes, 1 MB); not read. Split it into several files",
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
        "output_is_database": "cannot write {path}: it is civicli's database ({db}) or one of its journals; not even with --force. Choose another file name",
        "output_in_evidence": "cannot write {path}: it is inside the evidence folder {folder}, whose photos back the records; not even with --force. Choose another folder",
        "output_is_plan": "cannot write {path}: it is a loaded plan file; not even with --force. Choose another file name",
        "output_format_contradicts": "--format {format} contradicts the extension {ext} of {path}; drop --format or use a matching extension",
        "output_format_unwritable": "this command cannot write {path} (extension '{ext}'); it writes: {known}",
        "output_failed": "cannot write {path}: {reason}",
        "db_damaged": "the database is damaged ({reason}); restore it from a backup (civicli backup makes one) or run civicli check",
        "int_range": "{what} {value}: must be {low} to {high}",
        "stdout_failed": "cannot write the output: {reason}",
        "photo_missing": "photo '{path}' does not exist; check the path",
        "photo_not_file": "photo '{path}' is not a regular file (a folder, pipe or device cannot be a photo)",
        "photo_unreadable": "cannot read photo '{path}': {reason}",
        "photo_name_taken": "the evidence folder already holds a file named {name}",
        "evidence_folder": "cannot create the evidence folder {path}: {reason}",
        "no_ledger": "no ledger '{name}'; known: {known}",
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

PLAN_HONESTY = {
    "assumed_title": "Assumed beyond the source (dates, cadences, numbers the source does not give: adjust them to your community)",
    "assumed": "Assumed",
    "incomplete": "Source incomplete",
    "incomplete_mark": " (source incomplete)",
}

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

SETTINGS = {
    "bulletin.issuer": "issuer (编印单位, in the 报头)",
    "bulletin.send_to": "报送 (in the 报尾)",
    "bulletin.copy_to": "抄送 (in the 报尾)",
    "bulletin.copies": "number of copies (共印N份, in the 报尾)",
    "bulletin.title": "the 报头 title",
    "bulletin.next_issue": "the issue number the next newly numbered bulletin takes",
    "bulletin.editor": "编辑 (editor, in the 报尾)",
    "bulletin.reviewer": "审核 (reviewer, in the 报尾)",
    "bulletin.signer": "签发 (signer, in the 报尾)",
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
    "err_no_record": "No record numbered {id} (see the No. column of civicli log TASK).",
    "err_no_inspection": "No inspection numbered {id} (see civicli inspections).",
    "err_no_step": "No rectification step numbered {id}.",
    "err_again_record": "Record #{id} was taken back at {at}; a taking-back cannot itself be taken back. "
    "To restore it, record it again (civicli progress or done).",
    "err_again_inspection": "Inspection #{id} was taken back at {at}; a taking-back cannot itself be taken "
    "back. To restore it, record the inspection again (civicli inspect).",
    "err_again_step": "Rectification step #{id} was taken back at {at}; a taking-back cannot itself be "
    "taken back.",
    "err_steps": "Inspection #{id} opened rectification {rectifications}, which has measures or rechecks "
    "recorded; take those back first (civicli undo), then the inspection.",
    "err_nothing": "Nothing left to take back.",
    "err_both": "Give either RECORD_ID or --inspection, not both.",
}

# the ledgers stay Chinese documents in both languages
from civicli.i18n import zh as _zh  # noqa: E402

LEDGER = _zh.LEDGER
LEDGER_STATE = _zh.LEDGER_STATE
LEDGER_STATUS = _zh.LEDGER_STATUS

# ---- nothing lost, nothing hung, nothing doubled: doubles, evidence, archived plans, limits
RELY = {
    "already_done": "{task} occurrence {occurrence} is already done (record #{id}, {date}); "
    "to record it again add --again, or name another occurrence with --occurrence",
    "done_by_areas": "{task} occurrence {occurrence} is already done (every area inspected); "
    "to record it again add --again, or name another occurrence with --occurrence",
    "double_measure": "rectification #{id} already has this measure on {date} (#{step}, {at}); "
    "to record it again add --again",
    "double_recheck": "rectification #{id} was already rechecked on {date} (#{step}, {at}, {result}); "
    "to record another recheck add --again",
    "recheck_pass": "passed",
    "recheck_fail": "failed",
    "double_inspection": "{template} {area} was already inspected on {date} (inspection #{id}, {at}); "
    "to record another add --again, or take that one back first (civicli undo --inspection {id})",
    # evidence
    "photo_too_big": "photo '{path}' is {size}, over the limit of {limit}; make it smaller first",
    "check_damaged_file": "evidence file damaged (size or SHA-256 not as stored): {file} ({where}); "
    "attach the original again (--photo) to repair it",
    "check_unused": "{n} file(s) in the evidence folder that no record uses: {files}",
    "check_unused_temps": " ({n} of them temporaries left by an interrupted command, removed by the next "
    "command that attaches a photo)",
    "user_record": "record #{id} ({task})",
    "user_inspection": "inspection #{id}",
    "user_step": "step #{id} of rectification #{rectification}",
    "user_none": "evidence #{id}, used by no record",
    "users_sep": ", ",
    # text XML cannot hold (civicli.text)
    "arg_xml": "{what}: holds the character {char}, which the bulletin and the ledgers (Word, Excel "
    "documents) cannot hold; remove it and try again",
    "arg_not_utf8": "{what}: not valid UTF-8 text ({char}); type it again",
    "arg_n": "argument {n} on the command line",
    "plan_xml_char": "the text holds {char} (a noncharacter), which the bulletin and the ledgers (Word, "
    "Excel documents) cannot hold; remove it",
    # at most MAX_OCCURRENCES occurrences a plan
    "too_many_occurrences": "the plan has {total} occurrences, over the limit of {limit}; the tasks with "
    "the most: {tasks}. Shorten the plan's period, or make these tasks less frequent",
    "task_count": "{task} ({n} occurrences)",
    # archived plans (civicli archive)
    "plan_archived": "plan {plan} is archived; load its file again to bring it back (civicli load FILE)",
    "archived_mark": " (archived)",
    "archived": "Archived plan {plan} ({title}): its {n} tasks leave the checklist, bulletins and ledgers; its "
    "history stays readable with civicli log, and loading its file again brings it back",
    "ghost_id": "Note: plan {plan} was loaded from {file}, which now declares plan {new}; {plan} is still in use "
    "(its tasks are listed twice). If it is no longer used, archive it: civicli archive {plan}",
    "ghost_gone": "Note: the file {file} of plan {plan} is no longer in {folder}; {plan} is still in use. If it is "
    "no longer used, archive it: civicli archive {plan}",
}

# ---- search: what was written (civicli search)
SEARCH = {
    "kind_record": "record",
    "kind_inspection": "inspection",
    "kind_step": "rectification step",
    "kind_measure": "measure",
    "kind_recheck": "recheck",
    "kind_task": "task",
    "kind_plan": "plan",
    "field_note": "note",
    "field_place": "place",
    "field_people": "people",
    "field_by_record": "by",
    "field_by_inspection": "inspector",
    "field_by_step": "by",
    "field_area": "area",
    "field_failed": "failed items",
    "field_measure": "measure",
    "field_recheck": "recheck note",
    "field_title": "title",
    "colon": ": ",
    "sep": "; ",
    "of_record": "{key} {title} {occurrence}",
    "of_inspection": "{template} {area}",
    "of_step": "rectification #{id} {area} {problem}",
    "of_task": "{key} ({plan})",
    "h_date": "Date",
    "h_kind": "Kind",
    "h_of": "Of",
    "h_text": "Text",
    "title": "Search for “{text}”: {n} found, newest first",
    "none": "Nothing found for “{text}”.",
    "more": "Only the newest {n} are listed and there are more: --limit lists more, --limit 0 all.",
    "err_empty": "Nothing to search for: give the text to find (two characters or more is best).",
}

HELP.update(
    {
        "search": "Find what was written: records (note, place, people, by), inspections (note, "
        "area, failed items), rectification measures and recheck notes, task and plan titles.\n\n"
        "Any piece of text is found (two Chinese characters too), newest first; what undo took "
        "back is left out.",
        "search.text": "The text to find (as written; letters in either case).",
        "search.limit": "List at most this many (default 50; 0: all).",
    }
)

# ---- the calendar file (civicli calendar, iCalendar)
ICAL = {
    "calname": "Community work reminders",
    "summary": "{title} ({period})",
    "plan": "Plan: {plan}",
    "owner": "Owner: {owner}",
    "occurrence": "Period: {occurrence}",
    "task": "Task: {key}",
    "alarm": "{title}: due {due}",
    "written": "Wrote {path} ({n} events)",
}

HELP.update(
    {
        "calendar": "The outstanding and upcoming occurrences as an iCalendar (.ics) file, to import "
        "into a phone or desktop calendar.\n\n"
        "Each occurrence neither done nor missed is an all-day event on its due date, with an alarm at "
        "9:00 three days before; importing the file again updates the events instead of doubling them.",
        "calendar.plan": "Only this plan: its id, or text found in one plan's title.",
        "calendar.owner": "Only this owner's: a role id exactly, or part of the owner's name.",
        "calendar.output": "Write this .ics file (whole or not at all); default: to stdout.",
        "calendar.force": "Overwrite an existing file.",
    }
)

# ---- civicli draft: the report and errors in English; what goes into the plan file stays Chinese
DRAFT = {
    **_zh.DRAFT,
    "help": "Draft a plan file from a plan document (.txt, .docx, .md).\n\n"
    "Reads the document's title, guiding ideology, principles, goals and main tasks in their customary "
    "numbered parts and clauses, and writes cadences, owners and targets from its time words, posts and "
    "numbers; whatever civicli chose is written in `assumed`, paragraphs that are no task are kept as "
    "comments. The draft passes civicli validate as written; check it, then civicli load it. Without "
    "--output it goes to the screen; what was found and what to check go to stderr.",
    "help_document": "The plan document: .txt (UTF-8 or GB18030/GBK, as Notepad and WPS save), .docx or .md.",
    "help_output": "Write this plan file (whole or not at all; an existing file is kept unless --force).",
    "err_suffix": "{path}: cannot draft from this kind of file (extension {suffix}); give a .txt, .docx or .md plan document.",
    "err_not_file": "{path}: not a regular file.",
    "err_too_big": "{path}: too large (over {mb} MB) for a plan document.",
    "err_read": "{path}: cannot be read ({reason}).",
    "err_encoding": "{path}: neither UTF-8 nor GB18030/GBK text; save it as UTF-8 text in Notepad or WPS.",
    "err_docx": "{path}: not a valid Word document (.docx) ({reason}); an old .doc must be saved as .docx first.",
    "err_empty": "{path}: the file holds no text.",
    "err_no_parts": "{path}: no numbered parts found. A plan document is numbered in the customary way: "
    "一、二、三、…, （一）（二）…, 1、2、… or 1. 2. …, （1）（2）…, or 一是…二是… in a paragraph.",
    "err_no_tasks": "{path}: numbered, but no main task found; does the document have a 主要任务 part?",
    "report_found": "Drafted from {source}: {sections} sections, {tasks} tasks, {roles} roles, {targets} targets, {festivals} festivals or periods.",
    "report_checks": "Check these {n} places (also marked with # comments in the file):",
    "report_none": "Nothing in particular to check; read it through before loading.",
    "report_wrote": "Wrote {path}. After checking it: civicli validate {path}, then civicli load {path}.",
    "check_plan_assumed": "plan: {text}",
    "check_target": "target {id} ({text}): {assumed}",
    "check_task_assumed": "task {id} ({title}): {text}",
    "check_no_owner": "task {id} ({title}): the document names no owner; fill in owner",
    "check_unplaced": "document text placed in no task (kept as a comment): {text}",
}
HELP.update(
    {"draft": DRAFT["help"], "draft.document": DRAFT["help_document"], "draft.output": DRAFT["help_output"]}
)

# The weekly bulletin (创建简报): a document, Chinese in both interface languages.
BULLETIN = _zh.BULLETIN

BULLETIN_MSG = {
    "written": "Written {path} ({title} No. {n}, {week})",
    "written_unnumbered": "Written {path} ({title} preview, not numbered, {week})",
    "issued": "{title} No. {n} ({week}) issued",
    "err_issue_preview": "{week} ({start} to {end}) has not ended: a bulletin is numbered and issued after "
    "its week; use --issue after {end}",
    "bulletin_done": "recorded as done: {tasks}",
}

HELP.update(
    {
        "summary": "The weekly bulletin.\n\n"
        "The bulletin of an ISO week as of its last day, as the sub-district office reads it: the week's activities, "
        "inspections and rectifications, what is ahead in the next two weeks (routine work in one line, "
        "festivals named), and each plan's completion and targets. A week takes its issue number "
        "when its bulletin is issued: written with --output, or printed with --issue, after the week has "
        "ended; it keeps that number. Looking at a week on screen, or piping it, uses no number.",
        "summary.internal": "The clerk's own copy (internal): adds the follow-up section (overdue tasks and "
        "rectifications) and the plans' notes; the bulletin that goes up (the default) leaves them out.",
        "summary.issue": "Issue the bulletin printed on stdout: a finished week takes its issue number now, "
        "as --output does. Without it, a week not yet issued is shown unnumbered.",
        "summary.no_photos": "docx: leave the activities' photos out.",
    }
)

# ---- the ledgers as 测评 reads them (台账): headers, foot, 活动记录表, settings, headcount
# (the documents are Chinese in both languages: zh's words; only the messages are English)
LEDGER_DOC = {
    **_zh.LEDGER_DOC,
    # the messages about the ledgers, in English
    "unknown_headcount": "headcount must be a metric the plan knows (listed in metrics, or used by a target): {metric} is not (known: {known})",
    "no_metrics": "none",
    "docx_only_activities": "--format docx is for the activities ledger only: one record sheet per activity.",
    "docx_stdout": "docx cannot go to standard output (--output -); give a file name, e.g. activities.docx.",
    "no_activities": "No activity in the range chosen: {start} to {end}.",
}

HELP.update(
    {
        "export.fmt": "xlsx (default), csv (UTF-8 with BOM), or docx (activities only: one record sheet per activity).",
        "export.output": "The file to write ('-': CSV to stdout). Default: named after the ledger and its dates, in the current folder.",
        "export.plan": "One plan: its id, or text found in exactly one plan's title.",
        "config.key": "A setting's key (e.g. bulletin.issuer, ledger.preparer), or its Chinese name.",
    }
)
SETTINGS.update(
    {
        "ledger.preparer": "制表人 at the foot of every ledger",
        "ledger.reviewer": "审核人 at the foot of every ledger",
    }
)
# at the clerk's terminal: record numbers, names for ids, OS errors, starting mid-year
TERM = {
    "h_record": "No.",
    "candidate": "{id} ({title})",
    "sep": ", ",
    "more": "and {n} more",
    "none_loaded": "none loaded",
    "ambiguous_task_title": "'{ref}' is in the titles of several tasks: {keys}; write more of the title, or PLAN_ID/TASK_ID",
    "ambiguous_template_title": "'{ref}' is in the titles of several inspection templates: {keys}; write more of the title, or PLAN_ID/TEMPLATE_ID",
    "errno": {},
    "errno_other": "system error {n}",
    "sqlite": {},
    "sqlite_other": "{detail}",
    "fk_missing": "{table} row {row} refers to a missing {parent} row",
    "arguments": {},
    "track_from_after_end": "--track-from {date} is after plan {plan}'s period ({start} ~ {end})",
    "tracked_from_hint": "Note: {n} plan(s) began on {start}, before today ({today}); occurrences due before "
    "today will be listed as overdue or missed. If you start following them with civicli today, run "
    "civicli load --track-from {today} {paths} (no need to edit the plan files; or write "
    "tracked_from: {today} in them): occurrences due before tracked_from are no longer listed "
    "nor counted in completion.",
    "tracked_from": "Tracked from",
    "track_from_set": "(set with load --track-from)",
}

# Goal targets (see zh.TARGETS). The office's words for the bulletin stay Chinese: documents are
# Chinese in both languages (reports/targets.py reads zh.TARGETS for them).
TARGETS = {
    **_zh.TARGETS,
    "count_sum": "sum of records",
    "count_latest": "latest value",
    "count_max": "largest value",
    "count_done": "times done",
    "count_closed": "rectifications closed",
    "only_tasks": "{how} (tasks {tasks} only)",
    "only_templates": "{how} ({templates} only)",
    "sep": ", ",
    "how": "Counted",
    "situation": "Status",
    "line": "{text}: {words}",
    "reached": "{actual}{unit} of {target}{unit}",
    "held": "held {actual} times of {target}",
    "closed": "{actual} rectifications closed of {target}",
    "met": ", met",
    "none_yet": "no record yet",
    "none_yet_target": "no record yet, target {target}{unit}",
    "ceiling_none": "none happened, met",
    "ceiling_some": "{actual}{unit} happened, at most {target}{unit}",
    "not_met": ", not met",
    "units": (),
    "text_units": (),
    "bad_count": "count must be sum, latest, max, done or closed, not {got}{hint}",
    "needs_metric": "count: {count} needs a metric (which number to count, e.g. participants)",
    "needs_tasks": 'count: done needs tasks (whose done occurrences to count, e.g. tasks: ["4.3"])',
    "templates_only_closed": "templates is for count: closed only",
    "tasks_not_closed": "count: closed counts the rectifications of inspection templates: name them in templates, not tasks",
    "empty_ids": "{name} is an empty list: leave {name} out to count all",
    "unknown_tasks": "unknown task '{name}' (tasks lists task ids of this plan){hint}",
    "unknown_templates": "unknown template '{name}' (templates lists template ids of this plan){hint}",
}

# How occurrences and schedules are named (see zh.OCC): the office's words, Chinese in both languages
OCC = _zh.OCC

# civicli draft: owners by the customary division of labour (plan-file words: Chinese in both)
DRAFT_OWNERS = {**_zh.DRAFT_OWNERS}

# the photos shown in the documents (see zh.PICTURES): Chinese in both languages
PICTURES = _zh.PICTURES
