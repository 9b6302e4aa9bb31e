"""The Chinese catalog (the default interface): every word a user reads, in one place.

Everything civicli writes is Chinese here: tables, messages, errors, command-line help (HELP),
the option parser's words (CLI) and the plan-file checker (PLANFILE). Ids, keys, option names
and paths stay as written. Keys are stable; en.py has the same tables and keys.
"""

from __future__ import annotations

STATE = {
    "upcoming": "未开始",
    "outstanding": "待办",
    "overdue": "逾期",
    "missed": "未开展",
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
    # the Chinese interface (zh): tasks --format markdown
    "check": "完成",
}

MSG = {
    "error": "错误",
    "yes": "是",
    "no": "否",
    "late_days": "逾期{n}天",
    "checklist_empty": "没有待办事项。",
    "checklist_footer": "共 {total} 项：逾期 {overdue}，待办 {outstanding}，未开始 {upcoming}，已完成 {done}，未开展 {missed}",
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
    # the Chinese interface (zh): occurrence keys for humans (output/words.occurrence_text)
    "occ_once": "一次性",
    "occ_ongoing": "常态",
    "new_plan": "（新计划）",
    # the Chinese interface (zh): tasks --format markdown
    "checklist_title": "待办清单（{today}）",
}

# Error messages of the core (tracking, sync, db) and the CLI. One line each; {names} are filled in.
ERR = {
    "no_plan": "没有计划“{plan}”（`civicli plans` 列出全部计划）",
    "no_task": "没有任务“{ref}”（请写 计划编号/任务编号，或任务标题里的文字；`civicli tasks --all` 列出全部任务）",
    "ambiguous_task": "任务“{ref}”在几个计划中都有：{keys}；请写 计划编号/任务编号",
    "archived_task": "任务“{key}”已从计划文件中删去（已归档），不能再记录",
    "metric_form": "--metric “{item}”：应写成 名称=数值，如 participants=120",
    "metric_number": "--metric “{item}”：“{value}”不是数字",
    "metric_twice": "--metric “{name}”写了两次",
    "no_occurrence": "任务“{key}”没有期次“{occurrence}”（可用的期次：{known}）",
    "nothing_open": "任务“{key}”没有待办或未开始的期次；请用 --occurrence 指定期次",
    "bad_status": "状态“{status}”不对，可用：{known}",
    "bad_percent": "百分比 {percent} 超出范围（0–100）",
    "nothing_to_record": "没有要记录的内容：请给出 --status、--percent、--note 或 --metric",
    "plan_elsewhere": "{source}：计划编号“{plan}”已从 {other} 载入；"
    "请改用别的编号；如果这个文件就是要替换那个文件，请加 --force",
    "newer_schema": "数据库是更新版本的 civicli 写的（结构版本 {schema}）；请升级 civicli",
    "foreign_db": "这个文件是别的程序建的 SQLite 数据库，不是 civicli 的",
    "cannot_open": "无法打开数据库 {path}：{reason}",
    "not_usable": "{path}：不是可用的 civicli 数据库（{reason}）",
    "in_db": "{path}：{reason}",
    "db_busy": "数据库：{reason}",
    "bad_date": "{what}：“{value}”不是日期；日期可写成 2027-03-01、2027-3-1、2027/3/1、2027.3.1 或 2027年3月1日（也可写“号”）",
    # the Chinese interface (zh): dates in five forms
    # the Chinese interface (zh): a plan by part of its title
    "ambiguous_plan": "好几个计划的标题里都有“{plan}”：{plans}；请写计划编号",
    "internal": "程序内部错误（{kind}：{reason}）；设置 CIVICLI_DEBUG=1 可看到详细的出错位置",
}

EVERY_UNIT = {"week": "周", "month": "月", "quarter": "季度", "year": "年"}

# inspections (检查) and rectifications (整改): labels, messages, prompts, errors.
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
    "closed_state": "已销号",
    "late_days": "逾期{n}天",
    "rect_key": "整改#{id}",
    "rect_title": "整改：{item}（{area}）",
    "repeats_n": "{n}次",
    # titles, footers, messages
    "inspections_title": "检查记录",
    "inspections_empty": "还没有检查记录。",
    "rect_title_list": "整改清单（{today}）",
    "rect_empty": "没有待整改的问题。",
    "rect_footer": "共 {total} 项：逾期 {overdue}，整改中 {open}，已销号 {closed}",
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
    # errors
    "err_no_template": "没有检查表“{ref}”（已有的检查表：{known}）",
    "err_ambiguous": "检查表“{ref}”在几个计划中都有：{keys}；请写 计划编号/检查表编号",
    "err_archived": "检查表“{key}”已从计划文件中删去（已归档），不能再按它检查",
    "err_no_area": "检查表“{key}”没有点位“{area}”（点位：{areas}）",
    "err_no_item": "检查表“{key}”没有项目“{item}”（项目：{items}）",
    "err_twice": "项目“{item}”回答了不止一次",
    "err_future": "检查日期 {date} 晚于今天（{today}）",
    "err_no_photo": "照片“{path}”不存在",
    "err_not_file": "照片“{path}”不是文件",
    "err_unanswered": "还有项目没有回答：{items}；请逐项用 --pass、--fail 或 --na 回答"
    "（没有终端可以询问；加 -i 会逐项询问）",
    "err_no_plan": "没有计划“{plan}”（`civicli plans` 列出全部计划）",
    "err_no_area_given": "没有给出点位；请用 --area 指定（点位：{areas}）",
    "err_periods": "--periods 至少是 1",
}

# `summary --week`: the messages (the bulletin's own words, Chinese in both languages, are BULLETIN)
SUMMARY = {
    "err_week": "--week “{text}”：应当是 ISO 周 YYYY-Www（如 2027-W36）或一个日期",
    "err_week_range": "--week “{text}”：{year} 年的 ISO 周是 W01–W{last}",
    "err_future": "{week}（{start} 至 {end}）还没有开始（今天是 {today}）",
}

# ---- the Chinese interface (zh): command-line help, keyed `command` / `command.param` / `*.param`
HELP = {
    "civicli": "社区精神文明创建工作台：工作计划、待办清单、检查整改与每周创建简报。\n\n"
    "全局选项（--db、--today、--lang）写在命令前后都可以。",
    "*.help": "显示本帮助并退出。",
    "civicli.db": "数据库文件（SQLite；默认在用户数据目录下）。",
    "civicli.today": "把这一天当作今天（补录和测试用）；日期可写 2027-03-01、2027-3-1、2027/3/1、2027.3.1 或 2027年3月1日。",
    "civicli.version": "显示版本号并退出。",
    "civicli.lang": "界面语言：zh（中文，默认）或 en（英文）；也可用环境变量 CIVICLI_LANG。",
    "civicli.install_completion": "为当前的 shell（bash、zsh、fish）安装命令补全。",
    "civicli.show_completion": "显示当前 shell 的补全脚本，可复制或自行安装。",
    "*.json": "输出一份 JSON 文档，而不是表格。",
    "*.task": "任务：计划编号/任务编号；任务编号在各计划中唯一时可只写任务编号；也可写只有一个任务的标题里有的文字（领导小组、篇1/领导小组）。",
    "*.note": "随记录保存的说明。",
    "*.by": "记录人姓名。",
    "*.occurrence": "期次（如 2027-W36、2027-03、2027-中秋、once）；默认为时间范围包含记录日期的未完成期次，"
    "没有则为此前最早的未完成期次，再没有则为下一个未开始的期次。",
    "*.metric": "记录一项数据，写成 名称=数值（如 participants=120 或 参与人次=120；可重复）。",
    "*.plan": "只看这个计划：编号，或只在一个计划标题中出现的文字（如 篇1）。",
    "*.template": "只看这张检查表（计划编号/检查表编号，或检查表编号）。",
    "*.area": "只看这个点位（如 1号楼）。",
    "*.all_": "连同已完成的一起列出。",
    "*.overdue": "只看逾期的。",
    "*.date": "发生的日期（默认今天；不能晚于今天）。",
    "*.photo": "照片文件（可重复；须为不超过 20 MB 的普通文件，会复制到数据库旁的证据文件夹）。",
    "*.place": "活动地点。",
    "*.people": "参加人员（如 居民30人、志愿者5人）。",
    "*.again": "确认确实要再记一次：同一天完全相同的记录、已完成的期次、同一天同一点位的再次检查、"
    "同一天相同的整改措施或再次复查，不加此项都会被拒绝。",
    "*.output": "写入这个文件（整个写入，或者不写）；不给则输出到屏幕。",
    "*.force": "允许覆盖已有的文件。",
    "*.dry_run": "只报告将会做什么，不写入任何内容。",
    "*.measure": "整改措施。",
    "*.fmt": "输出格式。",
    "*.paths": "计划文件，或存放 *.yaml / *.yml 计划文件的文件夹。",
    "validate": "检查计划文件（不需要数据库）。\n\n列出每个文件中的每个问题，注明文件、行号和键路径。",
    "load": "把计划文件和文件夹载入数据库。\n\n先检查全部文件，然后在一个事务中全部载入，或者一个也不载入。"
    "重复载入同样的文件不会改变任何内容；从文件中删去的任务会归档，历史记录保留。",
    "load.force": "允许一个文件替换从另一个文件载入的同编号计划。",
    "load.track_from": "从这一天起跟踪所载入的计划（起算日期 tracked_from），不用改计划文件：此前到期的期次不再列出。以后载入时仍然有效。",
    "plans": "已载入的计划，以及各自的期间和完成率。",
    "show": "一个计划的详情：创建目标、各部分和任务。\n\n"
    "目标的各项指标显示实际值（该数据在计划期间的合计）与目标值；任务显示当前期次和状态。",
    "show.plan": "计划：编号，或只在一个计划标题中出现的文字（如 篇1；`civicli plans` 列出全部）。",
    "tasks": "待办清单。\n\n逾期的排在最前，其余按截止日期排列；包括未完成的整改。",
    "tasks.owner": "责任人：岗位编号（完全一致），或责任人名称中的一部分。",
    "tasks.overdue": "只看逾期的期次。",
    "tasks.due_within": "截止日期在今天起 DAYS 天之内（含逾期）。",
    "tasks.all_": "同时列出未开始、已完成和未开展的期次。",
    "tasks.fmt": "输出格式：table（表格，默认）或 markdown（供每周例会打印的核对清单）。",
    "progress": "记录任务进展。\n\n在一个期次的历史中添加一条记录：默认为时间范围（开始至截止）包含记录日期的未完成期次，"
    "没有则为此前最早的未完成期次（补做），再没有则为下一个未开始的期次。",
    "progress.percent": "完成百分比，0–100。",
    "progress.status": "状态：todo/待办、doing/进行中、done/完成/已完成、blocked/受阻。",
    "done": "把任务的一个期次标为已完成。",
    "log": "一个任务的全部历史记录。\n\n按时间先后列出；已归档的任务也可以查。",
    "inspect": "记录一次点位检查。\n\n按检查表逐项检查一个点位，在一个事务中记录。"
    "每一项都要回答：用 --pass / --fail / --na，或在终端上逐项回答。"
    "不合格的项目会新开整改；以后检查合格即关闭整改。",
    "inspect.template": "检查表：计划编号/检查表编号；检查表编号在各计划中唯一时可只写检查表编号；也可写只有一张检查表的标题里有的文字（楼道）。",
    "inspect.area": "检查的点位，如 1号楼；不给时在终端上询问。",
    "inspect.pass_": "合格的项目：编号、项目原文或序号（1、2、…；可重复）。",
    "inspect.fail": "不合格的项目（编号、原文或序号），可带问题说明：项目=说明（可重复）；会新开整改。",
    "inspect.na": "本次不适用的项目（编号、原文或序号；可重复）。",
    "inspect.by": "检查人姓名。",
    "inspect.date": "检查日期（默认今天；不能晚于今天）。",
    "inspect.note": "对这次检查的整体说明。",
    "inspect.interactive": "逐项询问命令行上没有给出的项目（默认：在终端上就询问）；"
    "--no-interactive 从不询问，有未回答的项目即报错。",
    "inspections": "已记录的检查及得分。\n\n最新的在前。",
    "inspections.since": "只看这一天及以后的检查。",
    "rectifications": "未完成的整改。\n\n逾期的在前，其余按整改期限排列；--all 连同已完成的整改。",
    "rectifications.all_": "连同已完成的整改一起列出。",
    "rectifications.overdue": "只看逾期的整改。",
    "coverage": "各点位最近的检查情况（不留死角）。\n\n点位 × 最近几个期次，显示得分或漏查，以及每个点位距上次检查的天数。",
    "coverage.template": "检查表：计划编号/检查表编号，或唯一的检查表编号，或只有一张检查表的标题里有的文字（四防）。",
    "coverage.periods": "显示最近几个期次（关联任务的期次，否则为 ISO 周）。",
    "summary": "每周创建简报。\n\n某个 ISO 周截至最后一天的情况：完成和推进的任务、检查与整改、"
    "逾期未完成的工作、今后两周开始或截止的安排（注明节日），以及各计划的完成率。"
    "每周的简报有一个期号，重新生成时保持不变。",
    "summary.week": "ISO 周，如 2027-W36（或这一周中的某一天）；默认为今天之前最近结束的一周。",
    "summary.fmt": "text（纯文本简报）、markdown（以 # 标题开头的简报）、json（数据）或 docx（Word 文档，须给 --output）；不写时按 --output 文件的扩展名定。",
    "summary.output": "写入这个文件（先写临时文件再改名，整个写入或者不写），而不是输出到屏幕。",
    # commands of this release (their options share the `*.` entries above)
    "undo": "撤销最近一次记录、检查或整改步骤，或指定的那一条。\n\n"
    "不删除任何内容：原记录留在历史中，标为已撤销，不再计入任何统计。",
    "export": "导出台账（活动台账、检查台账、整改台账、任务清单），xlsx 或 csv。",
    "config": "查看或修改保存在数据库中的设置（如 bulletin.issuer）。",
    "backup": "把数据库完整复制一份（其他命令写入时也安全）。",
    "check": "检查数据库是否完好：SQLite 完整性、结构版本、证据文件是否齐全。",
    "rectify": "记录一条整改措施。",
    "recheck": "记录一次复查：--pass 通过即关闭整改，--fail 未通过则重新计算整改期限。",
    "archive": "把一个计划停用（归档）。\n\n不再出现在任何列表、清单、简报和台账中（civicli plans --all 仍列出，标为已归档）；"
    "历史记录仍可用 civicli log 查看；重新载入它的文件即可恢复。",
    "archive.plan": "计划编号（见 civicli plans）。",
    "plans.all_": "连同已归档的计划一起列出（标为已归档）。",
}

# ---- the Chinese interface (zh): the option parser's own words (usage line, headings, usage errors)
CLI = {
    "usage": "用法：",
    "heading_colon": "：",
    "options_metavar": "[选项]",
    "subcommand_metavar": "命令 [参数]...",
    "try_help": "运行 '{command} {option}' 查看帮助。",
    "no_such_option": "没有选项 {name}",
    "no_such_command": "没有命令 '{name}'",
    "did_you_mean": "（是不是要用：{names}？）",
    "missing_argument": "缺少参数 {name}。",
    "missing_option": "缺少选项 {name}。",
    "bad_value": "{name} 的值不对：{reason}",
    "not_integer": "{value} 不是整数。",
    "too_large": "{value} 太大了，不是 civicli 里的编号或天数。",
    "not_in_range": "{value} 不在允许的范围 {range} 内。",
    "not_choice": "{value} 不是可选的值（可选：{choices}）。",
    "extra_arguments": "多余的参数：{args}",
    "requires_value": "选项 {name} 后面要写一个值。",
    "no_value": "选项 {name} 不带值。",
    "aborted": "已中止。",
    "missing_command": "缺少命令；运行 civicli --help 查看全部命令。",
    # help: section headings and the notes after an option's help
    "arguments": "参数",
    "options": "选项",
    "commands": "命令",
    "default": "默认：{default}",
    "required": "必填",
    "env_var": "环境变量：{var}",
}

# ---- the Chinese interface (zh): the plan-file checker (plan/planfile.py); keep the {placeholders}
PLANFILE = {
    # files and folders
    "no_such_path": "没有这个文件或文件夹",
    "no_plan_files": "这个文件夹里没有计划文件（*.yaml、*.yml）",
    "cannot_read": "无法读取文件：{error}",
    "duplicate_plan": "计划编号“{id}”也被 {other} 使用",
    # encoding and YAML syntax
    "not_utf8_gbk": "文件不是 UTF-8 编码（看起来是 GBK/GB18030）；请另存为 UTF-8",
    "not_utf8": "文件不是 UTF-8 编码；请另存为 UTF-8",
    "bad_char": "计划文件中不能有字符 {char}",
    "yaml_syntax": "文件格式（YAML）有误：{problem}",
    "several_documents": "文件中有不止一份 YAML 文档（有一行 ---？）；一个计划文件只写一份",
    "alias_bomb": "别名展开后太大（超过 {limit} 个节点）",
    "too_deep": "嵌套太深（超过 {limit} 层；别名引用了自身？）",
    "empty_file": "文件是空的（里面没有计划）",
    "top_not_mapping": "最外层应当是“键: 值”的映射（id、title、period、sections…），实际是{got}",
    "bad_tag": "不允许使用标签“{tag}”（只能用标准 YAML 标签）",
    # keys and values
    "bad_key": "键应当是文字，实际是{got}",
    "empty_key": "键是空的",
    "unknown_key": "不认识的键“{key}”{hint}",
    "merge_key": "不认识的键“<<”（不支持 YAML 合并键；请把各个键写出来）",
    "did_you_mean": "（是不是“{suggestion}”？）",
    "duplicate_key": "键“{key}”重复（第一次在第 {line} 行）",
    "required": "缺少必填的键",
    "no_value": "没有值",
    "empty_item": "列表中有空项",
    "empty_list": "列表是空的：至少要有一个{what}",
    "expected_mapping": "这里应当是“键: 值”的映射，实际是{got}",
    "expected_list": "这里应当是列表，实际是{got}",
    "expected_text": "这里应当是文字，实际是{got}",
    "empty_text": "文字是空的",
    "expected_number": "这里应当是数字，实际是{got}",
    "expected_integer": "这里应当是整数，实际是{got}",
    "expected_date": "这里应当是日期（如 2027-03-01、2027/3/1 或 2027年3月1日），实际是{got}",
    "expected_monthday": "这里应当是月-日 MM-DD（如 09-15），实际是{got}",
    "expected_calendar": "这里应当是 MM-DD 或 {{start: MM-DD, end: MM-DD}}，实际是{got}",
    "bad_id": "编号 {got} 不合规：只能用文字、数字、“-”、“_”和“.”",
    # descriptions used in {got}
    "got_mapping": "映射",
    "got_list": "列表",
    "got_scalar": "“{value}”",
    "got_quoted": "“{value}”（加了引号，是文字）",
    # list names used in {what}
    "what_section": "部分",
    "what_task": "任务",
    "what_area": "点位",
    "what_item": "检查项目",
    # duplicates
    "duplicate_section": "部分编号“{id}”重复（第一次在第 {line} 行）",
    "duplicate_task": "任务编号“{id}”重复（第一次在第 {line} 行）",
    "duplicate_goal": "目标编号“{id}”重复（第一次在第 {line} 行）",
    "duplicate_target": "这个目标中的指标编号“{id}”重复（第一次在第 {line} 行）",
    "duplicate_template": "检查表编号“{id}”重复（第一次在第 {line} 行）",
    "duplicate_item": "这张检查表中的项目编号“{id}”重复（第一次在第 {line} 行）",
    "duplicate_area": "这张检查表中的点位“{id}”重复（第一次在第 {line} 行）",
    # plan rules
    "period_order": "计划期间的结束日期（{end}）早于开始日期（{start}）",
    "outside_period": "{what} {date} 不在计划期间内（{start} 至 {end}）",
    "what_tracked_from": "起算日期 tracked_from",
    "what_due": "截止日期",
    "bad_direction": "direction 只能是“at_least”（不少于）或“at_most”（不多于），实际是{got}",
    "shadows_builtin": "“{name}”是内置节日（{canonical}）；请换一个名称",
    "several_schedules": "安排写了不止一种：{keys}",
    "schedule_join": "和",
    "festival_only": "“{key}”只能和“festival”一起用",
    "negative": "“{key}”不能小于 0，实际是 {value}",
    "bad_every": "every 的值 {got} 不对：可用 week、month、quarter、year、“N weeks”或“N months”",
    "unknown_festival": "不认识的节日“{name}”{hint}",
    "unknown_goal": "不认识的目标“{name}”{hint}",
    "unknown_template": "不认识的检查表“{name}”{hint}",
    "no_goals": "（这个计划没有目标）",
    "no_templates": "（这个计划没有检查表）",
    "weight_positive": "权重 weight 必须大于 0，实际是 {value}",
    "pass_mark_range": "合格线 pass_mark 必须在 0 到 100 之间，实际是 {value}",
    "no_occurrence": "按这个安排，计划期间（{start} 至 {end}）内没有任何期次",
    "schedule_failed": "无法推算安排：{error}",
    # mistakes a Chinese keyboard makes
    "fullwidth_colon": "键后面用了全角冒号“：”；请改成半角冒号“:”加一个空格（如 title: 标题）",
    "fullwidth_comma": "列表各项之间用了全角的“{char}”；方括号列表要用半角逗号“,”分隔（如 [1号楼, 2号楼]），"
    "否则会被当成一项",
    "indent_tab": "缩进里有制表符（Tab）；YAML 只能用空格缩进",
    "indent_fullwidth_space": "缩进里有全角空格“　”；YAML 只能用半角空格缩进",
    # the YAML parser's problems, explained (hint after the explanation)
    "yaml_tab": "这里有制表符（Tab），YAML 不允许用它缩进或分隔；请换成空格",
    "yaml_indent": "缩进不一致：同一层的键要对齐，子项要比上一层多缩进",
    "yaml_colon": "冒号后面要有一个空格（写成 键: 值）；文字里本身有冒号时，请给整段文字加引号",
    "yaml_unclosed": "引号或括号没有配对（少了结尾的 \"、'、] 或 }}）",
    "yaml_start": "这一行不能以这个字符开头（{char}）；以 @ ` % 等符号开头的文字请加引号",
    "yaml_other": "{problem}",
    "yaml_hint": "；请检查这一行和上一行",
    "bad_year": "年份应为四位数字，例如 2057，实际是 {got}",
    "not_builtin": "'{name}' 不是内置节日（festival_dates 只能为内置节日指定日期；计划自己的节日写在 calendar 里）{hint}",
    "builtin_twice": "'{name}' 与第 {line} 行的 '{other}' 是同一个节日（{canonical}）",
    "date_not_in_year": "日期 {date} 不在 {year} 年内",
    "bad_completed_by": "completed_by 只能是 'bulletin'，实际是 {got}",
    "festival_skips": (
        "{name} 在计划期间（{start}..{end}）内没有日期：农历节日不是每个公历年都有"
        "（{name} 的前一次是 {before}，后一次是 {after}）。请调整这项任务的偏移天数，或去掉这项任务"
    ),
}

PLANFILE.update(
    {
        "what_date": "日期",
        "duplicate_metric_name": "指标名称“{name}”也是指标“{other}”的名称",
    }
)

HELP.update(
    {
        "backup.file": "备份写到哪个文件（该文件必须还不存在）。",
        "rectify.number": "整改编号（见 civicli rectifications）：3、#3 或 整改#3。",
        "recheck.number": "整改编号（见 civicli rectifications）：3、#3 或 整改#3。",
        "recheck.pass_": "问题已整改到位：关闭这项整改。",
        "recheck.fail": "尚未整改到位：计一次重复，并重新计算整改期限。",
        "undo.record": "要撤销的记录编号（log --json 里的 id）。",
        "undo.inspection": "改为撤销第 N 次检查。",
        "summary.internal": "加上“督办事项”一节（逾期任务和逾期整改），供社区内部使用；上报的简报不含这一节。",
        "export.ledger": "台账：活动台账、检查台账、整改台账或任务清单（也可写英文名 `activities`、`inspections`、`rectifications`、`tasks`）。",
        "export.start": "起始日期（默认：计划开始之日）。",
        "export.end": "截止日期（默认：计划结束之日；若今天更早则到今天）。",
        "config.key": "设置项名称，如 bulletin.issuer。",
        "config.value": "新的值（写 '' 恢复默认值）。",
    }
)

# ---- the other areas of this release: store, calendar, rectifications, ledgers, hostile input, undo
H.update(
    {
        "done_occurrences": "已完成期次",
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
        "orphaned": "注意：{key} 有 {n} 条记录所在的期次已不存在（{occurrences}）；这些记录仍保留在 log 中，但不再计入完成情况",
        "log_orphaned": "{occurrence}（期次已不存在）",
        "undone": "已撤销",
        "exported": "已写入 {path}（{ledger}，{rows} 行）",
        "config_set": "已设置 {key} = {value}",
        "config_cleared": "已清除 {key}（恢复默认值）",
        "config_default": "（默认）",
    }
)
ERR.update(
    {
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
        "output_is_database": "不能写入 {path}：它是 civicli 的数据库（{db}）或其日志文件；即使加 --force 也不会覆盖。请换一个文件名",
        "output_in_evidence": "不能写入 {path}：它在证据文件夹 {folder} 里，那里的照片是记录的凭证；即使加 --force 也不会写入。请换一个文件夹",
        "output_is_plan": "不能写入 {path}：它是已载入的计划文件；即使加 --force 也不会覆盖。请换一个文件名",
        "output_format_contradicts": "--format {format} 与 {path} 的扩展名 {ext} 不符；请去掉 --format，或改用相符的扩展名",
        "output_format_unwritable": "这个命令不能写 {path}（扩展名“{ext}”）；可写的格式：{known}",
        "output_failed": "不能写入 {path}：{reason}",
        "db_damaged": "数据库已损坏（{reason}）；请从备份恢复（civicli backup 可做备份），或用 civicli check 检查",
        "int_range": "{what} {value}：须在 {low} 到 {high} 之间",
        "stdout_failed": "无法写出结果：{reason}",
        "photo_missing": "照片 '{path}' 不存在；请检查路径",
        "photo_not_file": "照片 '{path}' 不是普通文件（文件夹、管道或设备不能作为照片）",
        "photo_unreadable": "无法读取照片 '{path}'：{reason}",
        "photo_name_taken": "证据文件夹中已有同名文件 {name}",
        "evidence_folder": "无法创建证据文件夹 {path}：{reason}",
        "no_ledger": "没有台账 '{name}'；可用：{known}",
        "bad_range": "--from {start} 晚于 --to {end}",
        "no_plans_loaded": "数据库中还没有计划；先用 civicli load 载入",
        "xlsx_stdout": "xlsx 不能写到标准输出；请用 --output FILE，或 --format csv --output -",
        "xlsx_too_many_rows": "台账有 {rows} 行，超过电子表格一张表的上限（{limit} 行）；请用 --from/--to 分段导出，或用 --format csv",
        "docx_needs_output": "--format docx 需要 --output FILE",
        "unknown_setting": "没有设置项 '{key}'；可用：{known}",
        "bad_setting": "{key} 的值 '{value}' 无效：{reason}",
        "control_chars": "不能含换行或控制字符",
        "positive_integer": "应为正整数",
        "issue_taken": "第{n}期已被使用（{week}）；最大已用期号为 {max}",
    }
)

STORE = {
    "foreign": "{path}：这是别的程序的 SQLite 数据库，不是 civicli 的；没有改动它。用 --db 指定 civicli 的数据库文件",
    "not_database": "{path}：不是 SQLite 数据库文件（{reason}）；没有改动它。用 --db 指定 civicli 的数据库文件",
    "damaged": "{path}：数据库文件已损坏（{reason}）；请从备份恢复（见说明文件 README 中“备份与恢复”一节），恢复后运行 civicli check",
    "cannot_open": "无法打开数据库 {path}：{reason}。检查路径和文件夹权限",
    "newer": "{path}：数据库由更新版本的 civicli 写入（结构 {schema}）；请升级 civicli",
    "locked": "{path}：数据库正被另一个 civicli 命令使用，等待 {seconds} 秒后仍未轮到；稍后再试",
    "readonly": "{path}：数据库是只读的，无法写入（{reason}）；检查文件和所在文件夹的写权限",
    "full": "{path}：磁盘已满或文件超出大小限制，没有写入（{reason}）；已有记录未受影响，腾出空间后再试",
    "io": "{path}：读写数据库时出错（{reason}）；检查磁盘和权限后再试，可用 civicli check 检查数据库",
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

PLAN_HONESTY = {
    "assumed_title": "计划编写时的假设（原文没有的日期、周期、数字等，请按本社区实际调整）",
    "assumed": "假设",
    "incomplete": "原文不完整",
    "incomplete_mark": "（原文不完整）",
}

RECTIFY = {
    # rectification status and listing
    "status_open": "待整改",
    "status_in_progress": "整改中",
    "status_closed": "已销号",
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
    "err_no_metrics": "计划 {plan} 没有数据项 {name}：计划文件没有定义任何数据项（在 metrics: 下列出，或写在目标里）",
    "err_date_future": "日期 {date} 晚于今天（{today}）；不能记录未来的事",
    "err_date_before_plan": "日期 {date} 早于计划 {plan} 的开始日期 {start}",
    "err_double": "{task} 在 {date} 已有一条相同的记录 #{id}（{at}，期次 {occurrence}）；"
    "确实要再记一次，请加 --again",
}

LEDGER = {
    "activities": "活动台账",
    "inspections": "检查台账",
    "rectifications": "整改台账",
    "tasks": "任务清单",
    "title": "{community}{ledger}（{start}至{end}）",
    "title_plan": "{community}{ledger}·{plan}（{start}至{end}）",
    "date": "{y}年{m}月{d}日",
    "pass": "合格",
    "fail": "不合格",
    "open": "整改中",
    "closed": "已销号",
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
LEDGER_STATE = STATE  # the ledgers' states: these Chinese words in both interface languages

LEDGER_STATE = STATE  # the ledgers' states: these Chinese words in both interface languages

SETTINGS = {
    "bulletin.issuer": "编印单位（报头）",
    "bulletin.send_to": "报送（报尾）",
    "bulletin.copy_to": "抄送（报尾）",
    "bulletin.copies": "共印N份（报尾）",
    "bulletin.title": "报头标题",
    "bulletin.next_issue": "下一期新编期号",
    "bulletin.editor": "编辑（报尾）",
    "bulletin.reviewer": "审核（报尾）",
    "bulletin.signer": "签发（报尾）",
    "issuer_default": "{community}居委会",
    "issuer_unknown": "社区居委会",
    "next_issue_default": "已用最大期号加一，或 1",
    "empty": "（空）",
    "copies": "共印{n}份",
    "send_to": "报送：{text}",
    "copy_to": "抄送：{text}",
    "dated": "{y}年{m}月{d}日",
}

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
    "err_no_record": "没有编号为 {id} 的记录（编号见 civicli log 任务 的「编号」）。",
    "err_no_inspection": "没有编号为 {id} 的检查（编号见 civicli inspections）。",
    "err_no_step": "没有编号为 {id} 的整改记录。",
    "err_again_record": "记录 #{id} 已于 {at} 撤销；撤销不能再撤销。如需恢复，请重新记录（civicli progress 或 done）。",
    "err_again_inspection": "检查 #{id} 已于 {at} 撤销；撤销不能再撤销。如需恢复，请重新录入检查（civicli inspect）。",
    "err_again_step": "整改记录 #{id} 已于 {at} 撤销；撤销不能再撤销。",
    "err_steps": "检查 #{id} 开出的整改 {rectifications} 已有整改措施或复查记录；请先撤销这些记录（civicli undo），再撤销这次检查。",
    "err_nothing": "没有可撤销的记录。",
    "err_both": "RECORD_ID 与 --inspection 只能给一个。",
}

# ---- nothing lost, nothing hung, nothing doubled: doubles, evidence, archived plans, limits
RELY = {
    "already_done": "{task} 期次 {occurrence} 已完成（记录 #{id}，{date}）；"
    "确实要再记一次，请加 --again，或用 --occurrence 指定其他期次",
    "done_by_areas": "{task} 期次 {occurrence} 已完成（各点位均已检查）；"
    "确实要再记一次，请加 --again，或用 --occurrence 指定其他期次",
    "double_measure": "整改 #{id} 在 {date} 已记录过同样的整改措施（#{step}，{at}）；确实要再记一次，请加 --again",
    "double_recheck": "整改 #{id} 在 {date} 已复查过（#{step}，{at}，{result}）；确实要再记一次，请加 --again",
    "recheck_pass": "通过",
    "recheck_fail": "未通过",
    "double_inspection": "{template} {area} 在 {date} 已检查过（检查 #{id}，{at}）；"
    "确实要再检查一次，请加 --again，或先撤销那一次（civicli undo --inspection {id}）",
    # evidence
    "photo_too_big": "照片 '{path}' 有 {size}，超过 {limit} 的上限；请先压缩或缩小",
    "check_damaged_file": "证据文件已损坏（大小或 SHA-256 与保存时不符）：{file}（{where}）；"
    "用原照片再记录一次（--photo）即可修复",
    "check_unused": "证据文件夹中有 {n} 个文件没有记录使用：{files}",
    "check_unused_temps": "（其中 {n} 个是中断的命令留下的临时文件，下一次附加照片时会自动删除）",
    "user_record": "记录 #{id}（{task}）",
    "user_inspection": "检查 #{id}",
    "user_step": "整改 #{rectification} 的步骤 #{id}",
    "user_none": "证据 #{id}，没有记录使用",
    "users_sep": "、",
    # text XML cannot hold (civicli.text)
    "arg_xml": "{what}：含有简报和台账（文档、表格）无法容纳的字符 {char}；请删去它再试",
    "arg_not_utf8": "{what}：不是有效的 UTF-8 文字（{char}）；请重新输入",
    "arg_n": "命令行第 {n} 个参数",
    "plan_xml_char": "文字里有简报和台账（文档、表格）无法容纳的字符 {char}（非字符码位）；请删去",
    # at most MAX_OCCURRENCES occurrences a plan
    "too_many_occurrences": "计划共有 {total} 个期次，超过上限 {limit} 个；期次最多的任务：{tasks}。"
    "请缩短计划期间（period），或减少这些任务的频次",
    "task_count": "{task}（{n} 个期次）",
    # archived plans (civicli archive)
    "plan_archived": "计划 {plan} 已归档；重新载入它的文件即可恢复（civicli load 文件）",
    "archived_mark": "（已归档）",
    "archived": "已归档计划 {plan}（{title}），其 {n} 项任务不再出现在清单、简报和台账中；历史记录仍可用 civicli log 查看，重新载入它的文件即可恢复",
    "ghost_id": "注意：计划 {plan} 原来从 {file} 载入，该文件现在写的是计划 {new}；{plan} 仍在使用中（任务会重复出现）。如已不用，请归档：civicli archive {plan}",
    "ghost_gone": "注意：计划 {plan} 的文件 {file} 已不在 {folder} 中；{plan} 仍在使用中。如已不用，请归档：civicli archive {plan}",
}

# ---- search: what was written (civicli search)
SEARCH = {
    "kind_record": "记录",
    "kind_inspection": "检查",
    "kind_step": "整改记录",
    "kind_measure": "整改措施",
    "kind_recheck": "复查",
    "kind_task": "任务",
    "kind_plan": "计划",
    "field_note": "备注",
    "field_place": "地点",
    "field_people": "参加人员",
    "field_by_record": "记录人",
    "field_by_inspection": "检查人",
    "field_by_step": "经办人",
    "field_area": "点位",
    "field_failed": "不合格项",
    "field_measure": "整改措施",
    "field_recheck": "复查说明",
    "field_title": "标题",
    "colon": "：",
    "sep": "；",
    "of_record": "{key} {title} {occurrence}",
    "of_inspection": "{template} {area}",
    "of_step": "整改#{id} {area} {problem}",
    "of_task": "{key}（{plan}）",
    "h_date": "日期",
    "h_kind": "类别",
    "h_of": "所属",
    "h_text": "内容",
    "title": "搜索“{text}”：{n} 条，新的在前",
    "none": "没有找到“{text}”。",
    "more": "只列出了最新的 {n} 条，还有更多：用 --limit 列出更多，--limit 0 全部列出。",
    "err_empty": "要搜索的文字是空的：请写出要找的文字（两个字以上最好，如 消防 或 王芳）。",
}

HELP.update(
    {
        "search": "查找写过的内容：记录的备注、地点、参加人员和记录人，检查的说明、点位和不合格项，"
        "整改措施和复查说明，任务和计划的标题。\n\n"
        "任意一段文字都能找到（两个字也可以，如 消防、王芳），新的在前；撤销了的记录不列出。",
        "search.text": "要找的文字（原样查找，英文字母不分大小写）。",
        "search.limit": "最多列出多少条（默认 50；0 表示全部）。",
    }
)

# ---- the calendar file (civicli calendar, iCalendar)
ICAL = {
    "calname": "社区创建工作提醒",
    "summary": "{title}（{period}）",
    "plan": "计划：{plan}",
    "owner": "责任人：{owner}",
    "occurrence": "期次：{occurrence}",
    "task": "任务：{key}",
    "alarm": "{title}：{due} 截止",
    "written": "已写入 {path}（{n} 个事件）",
}

HELP.update(
    {
        "calendar": "把待办和将要开始的期次写成日历文件（iCalendar，.ics），导入手机或电脑的日历。\n\n"
        "每个未完成、未错过的期次是截止那天的一个全天事件，截止前三天上午 9:00 提醒；"
        "再次导入会更新原来的事件，不会重复。",
        "calendar.plan": "只要这个计划：编号，或只在一个计划标题中出现的文字（如 篇1）。",
        "calendar.owner": "只要这个责任人的：岗位编号（完全一致），或责任人名称中的一部分。",
        "calendar.output": "写入这个 .ics 文件（整个写入，或者不写）；不给则输出到屏幕。",
        "calendar.force": "允许覆盖已有的文件。",
    }
)

# ---- civicli draft: a plan file drafted from a plan document (draft/, cli/draft_cmd.py). The
# yaml_*, assumed_*, note_* and count_* entries go into the plan file, a Chinese document in both
# interface languages (en.py takes them from here).
DRAFT = {
    "help": "从计划原文（文本文件、Word 或 Markdown 文档）起草一份计划文件。\n\n"
    "读出原文的标题、指导思想、方针原则、目标和主要任务（一、（一）1、（1）一是…二是…），"
    "按原文的时间词、岗位和目标中的数字写出周期、责任人和指标；civicli 自己选定的内容都注明“假设”（计划文件的 `assumed` 键），"
    "不是任务的段落作为注释保留。起草的文件可直接通过 civicli validate；请逐条核对后再 civicli load。"
    "不给 --output 时输出到屏幕；找到了什么、要核对什么写在标准错误上。",
    "help_document": "计划原文：文本文件（UTF-8 或 GB18030/GBK，记事本、WPS 保存的都可以）、Word 文档（docx）"
    "或 Markdown 文件。",
    "help_output": "写入这个计划文件（整个写入，或者不写；已有的文件不覆盖，除非给 --force）。",
    "err_suffix": "{path}：不能起草这种文件（扩展名 {suffix}）；请给文本文件（扩展名 TXT）、Word 文档（DOCX）或 Markdown 文件（MD）格式的计划原文。",
    "err_not_file": "{path}：不是普通文件。",
    "err_too_big": "{path}：文件太大（超过 {mb} MB），不像是一份计划原文。",
    "err_read": "{path}：无法读取（{reason}）。",
    "err_encoding": "{path}：文件既不是 UTF-8 也不是 GB18030/GBK 编码的文本；请用记事本或 WPS 另存为 UTF-8 文本。",
    "err_docx": "{path}：不是有效的 Word 文档（.docx）（{reason}）；如果是旧的 DOC 格式，请在 Word 或 WPS 中另存为 DOCX。",
    "err_empty": "{path}：文件里没有文字。",
    "err_no_parts": "{path}：没有找到编号的部分。计划原文应当按惯例分条编号：一、二、三、…，（一）（二）…，1、2、…或 1. 2. …，"
    "（1）（2）…，或在段落中写“一是…二是…”。",
    "err_no_tasks": "{path}：找到了编号，但没有一条主要任务；请检查原文是否有“主要任务”等部分。",
    "untitled": "（原文无标题）",
    "report_found": "从 {source} 起草：{sections} 个部分，{tasks} 项任务，{roles} 个岗位，{targets} 项指标，{festivals} 个节日或时段。",
    "report_checks": "请核对以下 {n} 处（文件中也有 # 注释）：",
    "report_none": "没有需要特别核对的地方；载入前仍请通读一遍。",
    "report_wrote": "已写入 {path}。核对后运行：civicli validate {path}，再 civicli load {path}。",
    "check_plan_assumed": "计划：{text}",
    "check_target": "指标 {id}（{text}）：{assumed}",
    "check_task_assumed": "任务 {id}（{title}）：{text}",
    "check_no_owner": "任务 {id}（{title}）：原文没有写责任人，请填写 `owner`",
    "check_unplaced": "未归入任务的原文（已作为注释保留）：{text}",
    # written into the plan file (Chinese in both languages)
    "yaml_head": "由 civicli draft 从 {source} 起草的计划文件。",
    "yaml_check": "请逐条核对：`assumed` 是 civicli 选定的（原文没有写），以“#”开头的注释是要看的地方；"
    "核对后运行 civicli validate 和 civicli load。",
    "yaml_kept": "原文中不是任务的部分（照录）：",
    "yaml_no_community": "原文没有写社区名称；可以加一行 `community: 社区名称`",
    "yaml_not_task": "原文（不是任务，照录）：",
    "assumed_year": "原文没有写年份，计划期间按 {year} 年全年",
    "incomplete": "原文在“…{end}”处中断（最后一句没有写完），后面的内容原文没有",
    "assumed_cadence": "原文写“{word}”，周期按 {every} 是 civicli 选的",
    "assumed_due": "原文写“{word}”，截止日期按 {due} 是 civicli 选的",
    "assumed_calendar": "{name}的日期（{dates}）是 civicli 选的，请按当年安排调整",
    "assumed_target": "数据项“{metric}”和{count}是 civicli 选的",
    "assumed_heading_task": "这一部分原文没有具体任务，以标题作为任务是 civicli 选的",
    "count_sum": "按记录合计（`sum`）",
    "count_latest": "取最新记录值（`latest`）",
    "yaml_count": "计数方式应为{count}；这一版 civicli 的指标按记录合计，请核对",
    "note_ongoing": "原文没有写时间：常态化任务（全年），如有周期或截止日期请补上",
    "note_no_owner": "原文没有写责任人：请填写 `owner`（roles 中的岗位，或人名）",
    "note_other_posts": "原文还提到：{posts}",
}
HELP.update(
    {"draft": DRAFT["help"], "draft.document": DRAFT["help_document"], "draft.output": DRAFT["help_output"]}
)

# The weekly bulletin (创建简报) as the 街道 reads it: reports/bulletin.py, output/bulletin.py,
# output/docx.py. A document: these Chinese words in both interface languages.
BULLETIN = {
    "external": "上报",
    "internal": "内部",
    "title": "创建简报",
    "issue": "第{n}期",
    "unnumbered": "（未编号）",
    "made_by": "编",
    "internal_mark": "（内部版本，含督办事项和计划说明，不上报）",
    "preview": "（预览：本周尚未结束，统计截至{date}）",
    "week": "本周（{start}—{end}）",
    "numerals": "一二三四五六七八九十",
    "s_activities": "工作动态",
    "s_inspections": "检查整改",
    "s_upcoming": "近期安排",
    "s_plans": "各计划完成情况",
    "s_supervise": "督办事项（内部）",
    "month_day": "{m}月{d}日",
    "year_month_day": "{y}年{m}月{d}日",
    "stops": "。！？；…",
    "comma": "，",
    "sep": "；",
    # activities: `9月8日，在社区会议室召开社区党建工作会议，党员及驻区单位代表28人参加。`
    "verbs": "召开 开展 组织 举办 举行 建立 成立 完成 制定 制订 编制 更新 进行 落实 评选 清理 整治 "
    "宣传 慰问 走访 检查 参加 学习 设立 印发 发放 张贴 培训 签订 推进 实施 做好 加强 深化 "
    "发挥 健全 创建 打造 结合 利用 配合 协助 督促 表彰 召集 主持 上报 报送 迎接 接待 "
    "悬挂 布置 维护 修缮 粉刷 种植 清扫 巡查 排查 调解 帮扶 走进 邀请 观看 参观 树立 "
    "普及 倡导 动员 号召 评比 征集 遴选 命名 发布 播放",
    "events": "会 活动 大会 晚会 仪式 讲座 比赛 竞赛 展览 演出 联欢 座谈 培训班 义诊 集市",
    "hold": "举办",
    "carry_out": "开展",
    "activity": "{date}，{what}",
    "activity_at": "{date}，在{place}{what}",
    "activity_people": "，{people}参加",
    "brief_lead": "其他工作推进情况：",
    "brief": "{title}{state}",
    "brief_done": "已完成",
    "brief_percent": "已完成{n}%",
    "no_activities": "本周无新的工作动态。",
    # inspections and rectifications
    "inspection": "{date}，对{area}开展{template}，{result}。",
    "score": "得分{score}分，{result}",
    "score_none": "各项均不适用",
    "passed": "合格",
    "failed": "不合格",
    "problems": "不合格项：{items}。",
    "problems_within": "，问题为{items}",
    "inspections": "{date}，开展{template}{n}次：{clauses}。",
    "range": "{start}—{end}",
    "problem_note": "{note}（{text}）",
    "rect_line": "{area} {problem}：{text}",
    "rect_found": "{date}发现",
    "rect_owner": "责任人{owner}",
    "rect_due": "限{date}前整改",
    "rect_measure": "{date}{text}",
    "rect_closed": "{date}复查合格，已销号",
    "rect_late": "已逾期{n}天",
    "rect_opened": "新发现问题{n}处：",
    "rect_advanced": "正在整改{n}处：",
    "rect_closed_lead": "整改销号{n}处：",
    "rect_overdue": "逾期未整改{n}处：",
    "no_inspections": "本周未开展检查。",
    # ahead
    "upcoming_range": "（{start}—{end}）",
    "due": "{date}前，{title}",
    "opens": "{date}起，{title}",
    "festival": "{name}（{date}）：{title}",
    "festival_due": "，{date}前完成",
    "routine": "另有例行工作{n}项。",
    "routine_only": "例行工作{n}项。",
    "no_upcoming": "近期无其他安排。",
    # plans and targets: `全年参与活动居民人次：已达320人次，目标500人次`
    "plan_line": "{title}：完成率{percent}%，已完成{done}项",
    "plan_overdue": "，逾期{n}项",
    "target_line": "{text}：{words}",
    "plan_incomplete": "原文不完整：{text}",
    "plan_assumed": "假设：{text}",
    "target_assumed": "（假设：{text}）",
    "no_plans": "本周没有进行中的计划。",
    # 督办 (内部)
    "overdue_item": "{title}：应于{due}前完成，逾期{n}天",
    "overdue_areas": "，已检查{done}/{total}处",
    "overdue_owner": "（{name}）",
    "no_overdue": "无。",
    # 报尾
    "send_to": "报送：{text}",
    "copy_to": "抄送：{text}",
    "copies": "共印{n}份",
    "editor": "编辑：{name}",
    "reviewer": "审核：{name}",
    "signer": "签发：{name}",
    # the record a bulletin makes of itself (completed_by: bulletin), kept in `log`
    "issued_note": "创建简报 {week}（第{n}期）已印发",
}

# What `summary` tells the clerk (the interface, not the document).
BULLETIN_MSG = {
    "written": "已写入 {path}（{title} 第{n}期，{week}）",
    "written_unnumbered": "已写入 {path}（{title} 预览，未编号，{week}）",
    "issued": "{title} 第{n}期（{week}）已编号印发",
    "err_issue_preview": "{week}（{start} 至 {end}）还没有结束，不能编号印发：{end} 以后再用 --issue",
    "bulletin_done": "已记为完成：{tasks}",
}

# `summary`'s help for the bulletin as the 街道 reads it (编号印发, 上报/内部, photos)
HELP.update(
    {
        "summary": "每周创建简报。\n\n某个 ISO 周截至最后一天的简报，按街道的阅读习惯：本周工作动态、检查整改、"
        "今后两周的安排（例行工作合为一行，注明节日）和各计划完成情况。简报在印发时编期号："
        "用 --output 写成文件，或用 --issue 输出，且这一周已经结束；期号此后保持不变。"
        "只在屏幕上查看或经管道输出时不占用期号。",
        "summary.internal": "内部版本：加上督办事项（逾期任务和逾期整改）和计划说明；上报的简报（默认）不含这些。",
        "summary.issue": "印发输出到屏幕的简报：已结束的一周此时编期号，与 --output 相同。不加时，未印发的一周显示（未编号）。",
        "summary.no_photos": "docx：不放活动照片。",
    }
)

# ---- the ledgers as 测评 reads them (台账): headers, foot, 活动记录表, settings, headcount
LEDGER_DOC = {
    "unknown_headcount": "参加人数的指标应为计划已知的指标（在 `metrics` 里列出，或被某个目标使用）：{metric} 不在其中（已知：{known}）",
    "no_metrics": "无",
    "source": "{template}",
    "source_check": "{template}检查",
    "foot": "制表人：{preparer}　　　　审核人：{reviewer}　　　　制表日期：{date}",
    "blank_name": "　　　　　　",
    "state_open": "待整改",
    "state_in_progress": "整改中",
    "state_closed": "已销号",
    "state_overdue": "逾期",
    "missed": "未开展",
    "record_title": "活动记录表",
    "record_theme": "活动主题",
    "record_date": "活动时间",
    "record_place": "活动地点",
    "record_people": "参加人员",
    "record_headcount": "参加人数",
    "record_count": "{n}人",
    "record_owner": "负责人",
    "record_by": "记录人",
    "record_content": "活动内容",
    "record_plan": "所属计划",
    "record_photos": "活动照片",
    "record_no_photos": "（无照片）",
    "record_page": "第{n}页",
    "docx_only_activities": "--format docx 只用于活动台账：活动记录表，每项活动一页。",
    "docx_stdout": "docx 不能写到标准输出（--output -）；请给一个文件名，如 活动记录表.docx。",
    "no_activities": "所选范围内没有活动：{start} 至 {end}。",
}

HELP.update(
    {
        "export.fmt": "xlsx（默认）、csv（UTF-8，带 BOM），或 docx（只用于活动台账：活动记录表，每项活动一页）。",
        "export.output": "写入这个文件（'-'：把 CSV 输出到屏幕）。默认以台账名和日期命名，写在当前文件夹。",
        "export.plan": "只导出这个计划：编号，或只在一个计划标题中出现的文字。",
        "config.key": "设置项名称或中文名，如 bulletin.issuer、制表人。",
    }
)
SETTINGS.update(
    {
        "ledger.preparer": "制表人（台账表尾）",
        "ledger.reviewer": "审核人（台账表尾）",
    }
)
# at the clerk's terminal: record numbers, names for ids, OS errors, starting mid-year
TERM = {
    "h_record": "编号",
    "candidate": "{id}（{title}）",
    "sep": "、",
    "more": "等，另有 {n} 个",
    "none_loaded": "还没有载入任何检查表",
    "ambiguous_task_title": "好几个任务的标题里都有“{ref}”：{keys}；请写得更具体，或写 计划编号/任务编号",
    "ambiguous_template_title": "好几个检查表的标题里都有“{ref}”：{keys}；请写得更具体，或写 计划编号/检查表编号",
    "errno": {
        "ENOENT": "文件或文件夹不存在",
        "EACCES": "没有权限",
        "EPERM": "不允许这样操作",
        "EISDIR": "这是一个文件夹",
        "ENOTDIR": "路径中有一段不是文件夹",
        "ENOSPC": "磁盘空间已满",
        "EDQUOT": "超出了磁盘配额",
        "EROFS": "文件系统是只读的",
        "EEXIST": "文件已存在",
        "EIO": "读写出错（输入/输出错误）",
        "EFBIG": "文件太大",
        "ENAMETOOLONG": "文件名太长",
        "ELOOP": "符号链接层数太多",
        "EBUSY": "设备或文件正忙",
        "EXDEV": "不能跨文件系统链接",
        "EMFILE": "打开的文件太多",
        "ENFILE": "打开的文件太多",
        "ENOMEM": "内存不足",
        "EPIPE": "输出管道已断开",
        "ENXIO": "没有这个设备或地址",
        "ETXTBSY": "文件正在使用",
        "EINVAL": "参数无效",
        "EAGAIN": "资源暂时不可用",
        "ENODEV": "没有这个设备",
        "ESPIPE": "不能在这种文件中定位",
    },
    "errno_other": "系统错误（错误码 {n}）",
    "sqlite": {
        "unable to open database file": "无法打开数据库文件",
        "disk i/o error": "磁盘读写出错",
        "database disk image is malformed": "SQLite 报告数据库映像格式错误",
        "file is not a database": "SQLite 报告文件头不是数据库",
        "attempt to write a readonly database": "数据库是只读的",
        "database or disk is full": "数据库或磁盘已满",
        "database is locked": "数据库正被其他程序占用",
        "database table is locked": "数据库表正被占用",
        "out of memory": "内存不足",
        "interrupted": "操作被中断",
    },
    "sqlite_other": "数据库出错（{detail}）",
    "fk_missing": "表 {table} 第 {row} 行引用的 {parent} 记录不存在",
    "arguments": {
        "RECORD_ID": "记录编号（RECORD_ID）",
        "TASK": "任务（TASK）",
        "TEMPLATE": "检查表（TEMPLATE）",
        "PLAN": "计划（PLAN）",
        "PATHS": "计划文件或文件夹（PATH）",
        "FILE": "文件（FILE）",
        "KEY": "设置项（KEY）",
        "VALUE": "值（VALUE）",
        "N": "整改编号（N）",
        "LEDGER": "台账（LEDGER）",
        "DOCUMENT": "文档（DOCUMENT）",
        "TEXT": "要找的文字（TEXT）",
    },
    "track_from_after_end": "--track-from {date} 在计划 {plan} 的期间（{start} ~ {end}）之后",
    "tracked_from_hint": "提示：{n} 个计划从 {start} 起就已开始，早于今天（{today}），此前到期的期次会列为逾期或已错过。"
    "如果从今天起才用 civicli 跟踪，可以运行 civicli load --track-from {today} {paths}（不用改计划文件；"
    "也可以在计划文件里写 tracked_from: {today}）：起算日期（tracked_from）之前到期的期次不再列出，"
    "也不计入完成率。",
    "tracked_from": "起算日期",
    "track_from_set": "（载入时 --track-from 设定）",
}

# Goal targets: how each is counted (plan-format.md, "Goals"), the plan-file checker's words
# for `count`/`tasks`/`templates`, and a target in the office's words (reports/targets.py;
# the bulletin's lines are Chinese in both languages: it reads this table, zh, directly).
TARGETS = {
    "count_sum": "按记录合计",
    "count_latest": "取最新值",
    "count_max": "取最大值",
    "count_done": "按完成次数",
    "count_closed": "按销号整改数",
    "only_tasks": "{how}（只计任务 {tasks}）",
    "only_templates": "{how}（只计 {templates}）",
    "sep": "、",
    "how": "计法",
    "situation": "情况",
    # a target in the office's words: `{text}：{words}`
    "line": "{text}：{words}",
    "reached": "已达{actual}{unit}，目标{target}{unit}",
    "held": "已开展{actual}次，目标{target}次",
    "closed": "已销号整改{actual}项，目标{target}项",
    "met": "，达标",
    "none_yet": "尚无记录",
    "none_yet_target": "尚无记录，目标{target}{unit}",
    "ceiling_none": "未发生，达标",
    "ceiling_some": "已发生{actual}{unit}，目标不超过{target}{unit}",
    "not_met": "，未达标",
    # a metric's Chinese name → the unit its numbers are read in (the first ending that fits)
    "units": (
        ("人次", "人次"),
        ("户次", "户次"),
        ("场次", "场"),
        ("人数", "人"),
        ("次数", "次"),
        ("起数", "起"),
        ("株数", "株"),
        ("点位数", "处"),
        ("处数", "处"),
        ("户数", "户"),
        ("场数", "场"),
        ("件数", "件"),
        ("个数", "个"),
        ("期数", "期"),
        ("篇数", "篇"),
    ),
    # …or the word a target's text ends in (`不少于10人`)
    "text_units": (
        "人",
        "场",
        "次",
        "处",
        "户",
        "个",
        "篇",
        "期",
        "项",
        "件",
        "份",
        "名",
        "支",
        "起",
        "家",
        "所",
        "块",
        "条",
        "本",
    ),
    # the plan-file checker
    "bad_count": "`count` 只能是 `sum`（按记录合计）、`latest`（取最新值）、`max`（取最大值）、`done`（按完成次数）或 `closed`（按销号整改数），实际是{got}{hint}",
    "needs_metric": "`count: {count}` 要写 `metric`（按哪个数据项计，如 `participants`）",
    "needs_tasks": '`count: done` 要写 `tasks`（数哪些任务的完成次数，如 `tasks: ["4.3"]`）',
    "templates_only_closed": "`templates` 只用于 `count: closed`（按销号整改数）",
    "tasks_not_closed": "`count: closed` 按检查表的销号整改计：用 `templates` 指定检查表，不用 `tasks`",
    "empty_ids": "`{name}` 是空列表：不写 `{name}` 即计全部",
    "unknown_tasks": "不认识的任务“{name}”（`tasks` 写本计划的任务编号）{hint}",
    "unknown_templates": "不认识的检查表“{name}”（`templates` 写本计划的检查表编号）{hint}",
}

# How occurrences and schedules are named for people (plan/naming.py; plan-format.md,
# "Schedules and occurrences"): the office's words, the same in every listing and both languages
OCC = {
    "once": "一次性",
    "ongoing": "常态",
    "year": "{y}年",
    "week": "第{n}周",
    "weeks_span": "第{first}—{last}周",
    "weeks_span_year": "第{first}周—{y2}年第{last}周",
    "quarter": "第{n}季度",
    "month": "{n}月",
    "months_span": "{first}月—{last}月",
    "months_span_year": "{first}月—{y2}年{last}月",
    "half_first": "上半年",
    "half_second": "下半年",
    "period": "{name}期间",
    "due": "截止 {date}",
    "ongoing_schedule": "常态化",
    "festival": "结合{name}",
    "period_schedule": "{name}期间",
    "every_week": "每周",
    "every_month": "每月",
    "every_quarter": "每季度",
    "every_year": "每年",
    "every_half_year": "每半年",
    "every_n_week": "每{n}周",
    "every_n_month": "每{n}个月",
}

# civicli draft: owners by the customary division of labour (written into the plan file: Chinese
# in both languages)
DRAFT_OWNERS = {
    "note_suggested_owner": "按常见分工可由“{name}”负责：请填写 `owner`（roles 中的岗位或人名）",
    "note_heading_owner": "责任人“{name}”取自本部分的标题，请核对",
    "assumed_split": "原文由{names}共同负责，没有分工；每个岗位各列一项是 civicli 分的",
}

# the photos shown in the documents (ledgers, 活动记录表): Chinese in both languages
PICTURES = {
    # in a ledger's photo cell, under the file names, when its first photo is not shown
    "missing": "（首张照片文件缺失，未显示）",
    "unreadable": "（首张照片文件损坏或不是图片，未显示）",
    # on a 活动记录表, where the photo would be
    "missing_named": "（照片文件缺失：{name}）",
    "unreadable_named": "（照片文件损坏或不是图片：{name}）",
}
