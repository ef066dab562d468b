"""Every piece of interface text in zh and en, and how figures, dates and periods are written.

Streamlit's own widgets have no translation; everything we draw goes through t(). Nothing
here names a report's figures: texts about figures are templates filled from the database.
"""
from __future__ import annotations

import math
import re
from datetime import date

import pandas as pd

from common import periods

LANGS = ("zh", "en")
LANG_NAMES = {"zh": "中文", "en": "English"}

TEXT: dict[str, tuple[str, str]] = {
    "lang.label": ("语言 / Language", "语言 / Language"),
    "report.label": ("报告", "Report"),
    "sidebar.report": ("报告编号：{id}", "Report: {id}"),
    "nav.overview": ("总览", "Overview"),
    "nav.areas": ("问题领域", "Problem areas"),
    "nav.theme": ("专题", "Theme"),
    "nav.export": ("导出", "Export"),
    "nav.spot": ("指标核查", "Spot-check"),
    "nav.update": ("数据更新", "Data update"),
    "nav.review": ("审核", "Review"),
    "nav.admin": ("管理", "Administration"),
    "sidebar.source": ("数据来源", "Source"),
    "sidebar.as_of": ("整改进展截至 {d}", "Status as of {d}"),
    "sidebar.published": ("{publisher} · 发布于 {d}", "{publisher} · published {d}"),
    "sidebar.updates": ("另有 {n} 份部门报送文件，数据截至 {d}（见“数据更新”）",
                        "plus {n} department update file(s), data as of {d} (see Data update)"),
    # Two lines (Plotly <br>) so the caption fits a phone-width chart.
    "caption.chart": ("来源：{publisher}《{title}》（{published}）<br>截至 {as_of}",
                      "Source: {publisher},<br>{title} ({published}) · as of {as_of}"),
    "caption.updates": ("部门报送：{files}（截至 {as_of}）", "Department updates: {files} (as of {as_of})"),
    "tile.of": ("{done}/{total}", "{done} of {total}"),
    "tile.problems": ("问题整改完成", "Problems rectified"),
    "tile.measures": ("整改措施完成", "Measures completed"),
    "delta.improved": ("改善", "improved"),
    "delta.worse": ("变差", "worse"),
    "chart.completion.done": ("已完成", "Done"),
    "chart.completion.open": ("未完成（未说明是哪项）", "Not done (which one is not stated)"),
    "chart.completion.problems": ("问题", "Problems"),
    "chart.completion.measures": ("整改措施", "Measures"),
    "chart.area_status": ("各问题领域整改进展（台账截至 {as_of}）", "Progress by problem area (ledger as of {as_of})"),
    "chart.status.problems": ("问题", "Problems"),
    "chart.status.measures": ("整改措施", "Measures"),
    "chart.status.stated": ("报告所称（截至 {as_of}）：{pairs} 已完成。", "As the report states (as of {as_of}): {pairs} done."),
    "chart.status.not_stated_note": ("“未说明”：报告只给出总数，部门也尚未在台账中报送这一项的状态；图中以灰色斜线表示。",
                                     "\"Not stated\": the report gives only totals and no department has reported this "
                                     "item's status in the ledger yet; drawn as grey hatching."),
    "chart.area_items": ("{area}：问题与措施（台账截至 {as_of}）", "{area}: problems and measures (ledger as of {as_of})"),
    "chart.over_time": ("问题领域 {area}：累计完成与销号", "Problem area {area}: completed and signed off over time"),
    "chart.over_time.completed": ("已完成", "completed"),
    "chart.over_time.signed_off": ("已销号", "signed off"),
    "chart.over_time.problem.completed": ("问题：已完成", "Problems completed"),
    "chart.over_time.problem.signed_off": ("问题：已销号", "Problems signed off"),
    "chart.over_time.measure.completed": ("措施：已完成", "Measures completed"),
    "chart.over_time.measure.signed_off": ("措施：已销号", "Measures signed off"),
    "chart.over_time.report": ("报告截至 {d}", "report as of {d}"),
    "caption.ledger": ("状态来自部门报送的整改台账", "Statuses from the departments' rectification ledger"),
    "progress.lights": ("各领域预警灯（今天：{today}）", "Warning lights by area (today: {today})"),
    "progress.choose": ("查看问题领域的逐项状态", "Items of a problem area"),
    "progress.no_dates": ("台账中尚无完成或销号日期，暂无随时间变化的图。",
                          "The ledger gives no completion or sign-off dates yet, so there is no chart over time."),
    "chart.unit_group": ("{title}（单位：{unit}）", "{title} ({unit})"),
    "chart.before": ("整改前", "Before"),
    "chart.after": ("整改后", "After"),
    "chart.converted": ("{before}按每月{days}天折算约为{approx}，仅用于作图；原文为“{text}”。",
                        "{before} drawn as about {approx} ({days} days a month) for the chart only; "
                        "the source says \"{text}\"."),
    "chart.more_than_note": ("“+”表示原文为“余/多”，即实际数值大于所示数值。",
                             "\"+\" means the source says \"more than\" (余/多): the true value exceeds the bar."),
    "chart.index": ("{title}（{base} = 100）", "{title} ({base} = 100)"),
    "chart.index.axis": ("{base} = 100", "{base} = 100"),
    "chart.index.gap": ("{period}的变化是相对{base}而言，而{base}没有数值，无法接入指数；其数值见历次报送。",
                        "The change for {period} is against {base}, which has no value, so it cannot join "
                        "the index; see the values reported over time."),
    "chart.history": ("{name}：历次数值", "{name}: values over time"),
    "chart.history.prev": ("环比 {change}", "vs previous {change}"),
    "chart.history.yoy": ("同比 {change}", "vs a year before {change}"),
    "file.problem": ("问题{code}_{unit}", "problem_{code}_{unit}"),
    "file.area_status": ("各领域整改进展", "progress_by_area"),
    "file.area_items": ("领域{area}_逐项状态", "area_{area}_items"),
    "file.area_over_time": ("领域{area}_累计完成", "area_{area}_over_time"),
    "file.history": ("{name}_历次", "history_{id}"),
    "areas.choose": ("选择问题领域", "Choose a problem area"),
    "areas.problem": ("问题 {code}", "Problem {code}"),
    "areas.status": ("整改状态：", "Status:"),
    "areas.measures": ("整改措施", "Measures"),
    "areas.indicators": ("量化指标", "Indicators"),
    "areas.no_indicators": ("该问题的整改进展中没有量化数字。", "The report gives no figures for this problem."),
    "areas.no_measures": ("没有逐条列出的整改措施。", "No enumerated measures."),
    "status.note": ("公布的只有总数（截至 {as_of}：问题 {done}/{total} 已整改），未说明本问题是否已完成。",
                    "Only totals are published (as of {as_of}: {done} of {total} problems rectified); "
                    "whether this problem is done is not stated."),
    "source.open": ("原文出处", "Source sentence"),
    "source.sentence": ("原文", "Sentence"),
    "source.document": ("文件：{title}", "Document: {title}"),
    "source.meta": ("{publisher} · 发布 {published} · 截至 {as_of} · 字符位置 {offset}",
                    "{publisher} · published {published} · as of {as_of} · character offset {offset}"),
    "source.earlier": ("此前的数值", "Earlier values"),
    "source.earlier_item": ("截至 {as_of}：{value}（{source}）", "As of {as_of}: {value} ({source})"),
    "source.earlier_more": ("另有更早的 {n} 个数值，见“指标核查”页", "{n} older values: see the Spot-check page"),
    "table.indicator": ("指标", "Indicator"),
    "table.value": ("数值", "Value"),
    "table.baseline": ("整改前", "Before"),
    "table.period": ("时期", "Period"),
    "table.as_of": ("截至", "As of"),
    "table.quote": ("原文", "Quote"),
    "table.count": ("数量", "Count"),
    "check.pass": ("通过", "pass"),
    "check.fails": ("不一致", "fails"),
    "check.note": ("提示", "note"),
    "check.result": ("结果", "Result"),
    "check.explanation": ("说明", "Explanation"),
    "export.menu": ("下载", "Download"),
    "export.png": ("PNG 图片", "PNG image"),
    "export.csv": ("CSV 表格", "CSV table"),
    "export.xlsx": ("Excel 表格", "Excel workbook"),
    "export.no_browser": ("服务器未安装 Chromium，无法生成 PNG；请用图表右上角的相机按钮在浏览器中下载 PNG。"
                          "管理员可运行：{hint}",
                          "The server has no Chromium, so it cannot render PNGs; use the camera button at the "
                          "chart's top right to download a PNG from your browser. An administrator can run: {hint}"),
    "export.footer": ("来源：{publisher}《{title}》（{published}发布）· 数据截至 {as_of}",
                      "Source: {publisher}, \"{title}\" (published {published}) · data as of {as_of}"),
    "export.sheet.data": ("数据", "data"),
    "export.sheet.source": ("来源", "source"),
    "export.col.area": ("问题领域", "Area"),
    "export.col.title": ("名称", "Title"),
    "export.col.indicator_id": ("指标ID", "Indicator id"),
    "export.col.number": ("数值（数字）", "Number"),
    "export.col.unit": ("单位", "Unit"),
    "export.col.qualifier": ("限定", "Qualifier"),
    "export.col.baseline": ("整改前数值", "Before"),
    "export.col.baseline_unit": ("整改前单位", "Before unit"),
    "export.col.as_of": ("截至日期", "As of"),
    "export.col.source": ("来源文件", "Source document"),
    "export.col.published": ("发布日期", "Published"),
    "export.col.offset": ("原文字符位置", "Character offset"),
    "export.col.chart": ("图表", "Chart"),
    "export.col.document": ("文件", "Document"),
    "export.col.publisher": ("发布单位", "Publisher"),
    "export.col.report": ("报告", "Report"),
    "export.col.level": ("层级", "Level"),
    "export.col.done": ("已完成", "Done"),
    "export.col.total": ("合计", "Total"),
    "export.col.rate": ("完成率（%）", "Completion rate (%)"),
    "export.page.intro": ("一键生成简报包：每张图表的 PNG、每组数据的 CSV 与 Excel、PPT 幻灯片，以及清单文件。",
                          "One click builds a briefing pack: every chart as PNG, every dataset as CSV and Excel, "
                          "a PowerPoint deck, and an index of the files."),
    "export.page.lang": ("简报语言", "Language of the pack"),
    "export.page.build": ("生成简报包", "Build the briefing pack"),
    "export.page.download": ("下载简报包（ZIP）", "Download the pack (ZIP)"),
    "export.page.built": ("已生成 {n} 个文件，用时 {s} 秒。", "{n} files built in {s} s."),
    "deck.as_of": ("数据截至 {as_of}", "Data as of {as_of}"),
    "deck.source": ("来源：{publisher}《{title}》，{published}发布", "Source: {publisher}, published {published}"),
    "pack.name": ("巡察整改简报包", "briefing"),
    "pack.deck": ("巡察整改简报", "briefing"),
    "index.file": ("文件", "file"),
    "index.kind": ("类型", "kind"),
    "index.chart": ("图表", "chart"),
    "index.bytes": ("字节", "bytes"),
    "spot.filters": ("查找观测值", "Find observations"),
    "spot.search": ("搜索（中文或英文：指标、数值、原文）", "Search (Chinese or English: indicator, value, quote)"),
    "spot.area": ("问题领域", "Area"),
    "spot.theme": ("主题", "Theme"),
    "spot.kind": ("类型", "Kind"),
    "spot.unit": ("单位", "Unit"),
    "spot.report_wide": ("全报告", "Report-wide"),
    "spot.count": ("共 {n} 条观测值", "{n} observations"),
    "spot.empty": ("没有符合条件的观测值：请放宽搜索或筛选条件。", "No observation matches: widen the search or filters."),
    "spot.choose": ("选择要核查的观测值", "Choose an observation to check"),
    "spot.detail": ("核查：{name}", "Checking: {name}"),
    "spot.period": ("时期", "Period"),
    "spot.as_of": ("截至", "As of"),
    "spot.qualifier": ("限定", "Qualifier"),
    "spot.paragraph": ("所在段落", "The paragraph"),
    "spot.offset": ("字符位置", "character offset"),
    "spot.link": ("本条链接参数：?obs={obs}", "Link to this observation: ?obs={obs}"),
    "spot.verdict": ("核查结论", "Verdict"),
    "spot.note": ("说明", "Note"),
    "spot.checker": ("核查人", "Checker"),
    "spot.record": ("记录结论", "Record verdict"),
    "spot.recorded": ("已记录。", "Recorded."),
    "spot.history": ("核查记录（{n} 条）", "Verdict history ({n})"),
    "spot.latest": ("最新结论：{status}（{checker}，{at}）", "Latest verdict: {status} ({checker}, {at})"),
    "spot.none": ("尚未核查", "Not yet checked"),
    "spot.history_unavailable": ("核查记录暂时无法读取。", "The verdict history cannot be read right now."),
    "spot.recheck": ("需重新核查：核查后数值或原文已变化", "Re-check: the value or quote changed since it was checked"),
    "spot.store_missing": ("服务器尚未建立账号与记录库，核查结论暂时无法记录。管理员可运行：{hint}",
                           "The server has no store yet, so verdicts cannot be recorded. An administrator can run: "
                           "{hint}"),
    "spot.store_corrupt": ("账号与记录库无法读取，未写入任何内容。请管理员从备份恢复。",
                           "The store is unreadable; nothing was written. An administrator should restore it from "
                           "backup."),
    "spot.busy": ("记录库正忙，结论尚未保存；您填写的内容仍在表单中，请稍后再点“记录结论”。",
                  "The store is busy and the verdict was not saved; what you entered is still in the form: "
                  "press Record verdict again in a moment."),
    "spot.as": ("记录人：{name}（当前登录账号）", "Recorded as {name} (the account signed in)"),
    "spot.who_records": ("核查员和管理员登录后可以记录核查结论。", "Checkers and administrators record verdicts once signed in."),
    "spot.checks": ("一致性核对", "Consistency checks"),
    "spot.quotes_ok": ("全部 {n} 条原文引文与来源逐字一致。", "All {n} quotes match their source word for word."),
    "spot.quotes_bad": ("{n} 条原文引文与来源不一致：", "{n} quotes no longer match their source:"),
    "spot.sample": ("抽样核查", "Draw a sample"),
    "spot.seed": ("随机种子（相同种子与数量得到相同名单）", "Seed (the same seed and N give the same list)"),
    "spot.n": ("抽取数量 N", "N to draw"),
    "spot.sample_caption": ("按问题领域分层抽样：种子 {seed}，N = {n}。", "Stratified by area: seed {seed}, N = {n}."),
    "spot.report": ("下载核查报告（HTML，可打印）", "Download the spot-check report (HTML, printable)"),
    "spot.report.sample": ("抽样核查报告（种子 {seed}，N = {n}）", "Spot-check report (seed {seed}, N = {n})"),
    "spot.report.filter": ("核查报告（当前筛选，{n} 条）", "Spot-check report (current filter, {n} rows)"),
    "spot.report.made": ("生成于 {now}", "Generated {now}"),
    "spot.log": ("核查记录导出", "Verdict log"),
    "spot.col.obs": ("观测值", "Observation"),
    "spot.col.verdict": ("最新结论", "Latest verdict"),
    "spot.col.recorded_at": ("记录时间（UTC）", "Recorded at (UTC)"),
    "spot.col.value_text": ("核查时的原文数值", "Figure as checked"),
    "verdict.verified": ("已核实", "verified"),
    "verdict.disputed": ("有异议", "disputed"),
    "verdict.needs_evidence": ("需补充佐证", "needs evidence"),
    "ledger.problems": ("问题", "Problems"),
    "ledger.measures": ("整改措施（逐条）", "Measures (enumerated)"),
    "ledger.note": ("状态以部门报送的台账为准；报告本身只给出总数，未报送的一律显示“未说明”。今天：{today}；"
                    "剩余 {days} 天以内为黄灯，逾期为红灯。",
                    "Statuses are as departments reported them in the ledger; the report itself gives only "
                    "totals, so anything not reported is \"not stated\". Today: {today}; amber within {days} "
                    "days of the deadline, red when overdue."),
    "ledger.deadline": ("整改时限 {d}", "deadline {d}"),
    "ledger.unit": ("责任单位：{unit}", "Responsible: {unit}"),
    # Markdown colour directives with a shape and words: never colour alone, and no emoji
    # (Debian's Chromium has no colour-emoji font; they would show as boxes).
    "light.red": (":red[●] 红灯：已逾期", ":red[●] red: overdue"),
    "light.amber": (":orange[▲] 黄灯：临近时限", ":orange[▲] amber: due soon"),
    "light.green": (":green[■] 绿灯", ":green[■] green"),
    "light.none": (":gray[○] 未报送时限", ":gray[○] no deadline reported"),
    "ledger.attention": ("需关注（红灯、黄灯）", "Needs attention (red, amber)"),
    "ledger.col.code": ("编号", "Code"),
    "ledger.col.title": ("名称", "Title"),
    "ledger.col.status": ("状态", "Status"),
    "ledger.col.deadline": ("整改时限", "Deadline"),
    "ledger.col.days": ("剩余天数", "Days left"),
    "ledger.col.unit": ("责任单位", "Responsible unit"),
    "ledger.col.completed": ("完成日期", "Completed"),
    "ledger.col.signed_off": ("销号日期", "Signed off"),
    "ledger.col.light": ("预警", "Light"),
    "ledger.col.evidence": ("佐证材料", "Evidence"),
    "ledger.col.source": ("台账来源（文件 · 行 · 填报人）", "Ledger row (file · row · submitter)"),
    "light.word.red": ("● 红灯（已逾期）", "● red (overdue)"),
    "light.word.amber": ("▲ 黄灯（临近时限）", "▲ amber (due soon)"),
    "light.word.green": ("■ 绿灯", "■ green"),
    "light.word.none": ("○ 未报送时限", "○ no deadline reported"),
    "update.intro": ("部门报送员上传 XLSX（模板见下）或 CSV 文件：先逐项校验，完全无误的文件提交审核；核查员或管理员审核通过后，数据才会进入看板。",
                     "A department's clerk uploads an XLSX (template below) or CSV: it is checked at once, and a "
                     "file without problems goes to review; its figures reach the dashboard once a checker or "
                     "administrator accepts it."),
    "update.submitted": ("已提交 {name}（编号 #{n}），等待审核。", "Submitted {name} (#{n}); it awaits review."),
    "update.busy": ("记录库正忙，文件尚未提交，请稍后重新选择文件。", "The store is busy; the file was not submitted. Choose it again in a moment."),
    "update.mine": ("我的报送", "My submissions"),
    "update.col.submitted": ("提交时间（UTC）", "Submitted (UTC)"),
    "update.col.state": ("状态", "State"),
    "update.col.note": ("审核意见", "Review note"),
    "update.who_submits": ("只有部门报送员登录后可以提交更新文件；提交后由核查员或管理员审核。",
                           "Only a department's clerk, signed in, submits update files; a checker or administrator "
                           "reviews them."),
    "review.pending": ("待审核的报送（{n} 份）", "Pending submissions ({n})"),
    "review.none": ("没有待审核的报送。", "Nothing awaits review."),
    "review.header": ("#{n} · {file} · {department} · {who} · {at} UTC", "#{n} · {file} · {department} · {who} · {at} UTC"),
    "review.accept": ("采纳", "Accept"),
    "review.return": ("退回", "Return"),
    "review.note": ("退回意见（报送员可以看到）", "Note for the submitter"),
    "review.return_send": ("退回并通知报送员", "Return it with this note"),
    "review.done.accepted": ("已采纳 #{n}。生成服务将在几秒内重新生成数据，之后看板显示新数值（状态变为“已上线”）。",
                             "Accepted #{n}. The build worker rebuilds the data within seconds; the dashboard then "
                             "shows the new figures (its state becomes “live”)."),
    "review.done.returned": ("已退回 #{n}。", "Returned #{n}."),
    "review.decided": ("已处理的报送", "Decided submissions"),
    "review.refused.own": ("报送须由提交人以外的人审核。", "A submission is reviewed by someone other than its submitter."),
    "review.refused.not_pending": ("这份报送已经处理过了。", "This submission has already been decided."),
    "review.refused.note_missing": ("退回时请写明意见。", "Write a note when returning a submission."),
    "review.refused.unknown": ("没有这份报送。", "There is no such submission."),
    "review.refused.duplicate": ("相同内容已经提交过。", "The same content was already submitted."),
    "review.col.where": ("位置", "Where"),
    "review.col.id": ("编号", "Id"),
    "review.col.name": ("名称", "Name"),
    "review.col.old": ("现在", "Now"),
    "review.col.new": ("改为", "Becomes"),
    "review.col.period": ("时期", "Period"),
    "review.col.source": ("来源文件", "Source document"),
    "review.col.deadline": ("整改时限", "Deadline"),
    "review.col.completed": ("完成日期", "Completed"),
    "review.col.unit": ("责任单位", "Responsible unit"),
    "review.col.department": ("部门", "Department"),
    "review.col.decided_at": ("处理时间（UTC）", "Decided (UTC)"),
    "admin.accounts": ("账号", "Accounts"),
    "admin.assignments": ("报送范围", "Assignments"),
    "admin.audit": ("审计日志", "Audit log"),
    "admin.col.username": ("用户名", "Username"),
    "admin.col.name": ("姓名", "Name"),
    "admin.col.role": ("角色", "Role"),
    "admin.col.department": ("部门", "Department"),
    "admin.col.email": ("单点登录邮箱", "Sign-on e-mail"),
    "admin.col.state": ("状态", "State"),
    "admin.enabled": ("启用", "enabled"),
    "admin.disabled": ("停用", "disabled"),
    "admin.add": ("新增账号", "Add an account"),
    "admin.added": ("已新增账号 {name}。", "Added {name}."),
    "admin.account": ("账号", "Account"),
    "admin.enable": ("启用", "Enable"),
    "admin.disable": ("停用", "Disable"),
    "admin.toggled": ("已更改 {name} 的状态。", "Changed {name}'s state."),
    "admin.new_password": ("重设密码", "New password"),
    "admin.set_password": ("保存新密码", "Save the new password"),
    "admin.password_set": ("已为 {name} 设置新密码。", "Set a new password for {name}."),
    "admin.invalid": ("无法保存：{why}", "Not saved: {why}"),
    "admin.no_departments": ("尚无部门：先新增一个报送员账号（带部门）。", "No department yet: add a submitter account with a department first."),
    "admin.indicators": ("可报送的指标", "Indicators it reports"),
    "admin.ledger": ("可报送的台账事项（问题、措施编号）", "Ledger items it reports (problem and measure codes)"),
    "admin.save": ("保存", "Save"),
    "admin.assigned": ("已保存 {department} 的报送范围（{n} 项）。", "Saved what {department} reports ({n} items)."),
    "admin.audit.action": ("操作", "Action"),
    "admin.audit.all": ("全部", "all"),
    "admin.audit.actor": ("操作人", "Who"),
    "admin.audit.since": ("起始日期", "Since"),
    "admin.audit.count": ("最近 {n} 条", "The latest {n} entries"),
    "audit.action.sign_in": ("登录", "sign-in"),
    "audit.action.sign_in_failed": ("登录失败", "failed sign-in"),
    "audit.action.lockout": ("账号锁定", "lockout"),
    "audit.action.sign_out": ("退出登录", "sign-out"),
    "audit.action.account_add": ("新增账号", "account added"),
    "audit.action.account_disable": ("停用账号", "account disabled"),
    "audit.action.account_enable": ("启用账号", "account enabled"),
    "audit.action.account_password": ("设置密码", "password set"),
    "audit.action.assign": ("报送范围", "assignment"),
    "audit.action.submit": ("提交报送", "submission"),
    "audit.action.accept": ("采纳报送", "acceptance"),
    "audit.action.return": ("退回报送", "return"),
    "audit.action.verdict": ("核查结论", "verdict"),
    "audit.action.build": ("生成数据库", "build"),
    "audit.action.export_verdict_log": ("导出核查记录", "verdict log export"),
    "audit.action.store_init": ("建立记录库", "store created"),
    "audit.action.backup": ("备份", "backup"),
    "audit.action.restore": ("从备份恢复", "restored from backup"),
    "audit.outcome.ok": ("成功", "ok"),
    "audit.outcome.refused": ("拒绝", "refused"),
    "audit.outcome.failed": ("失败", "failed"),
    "audit.col.at": ("时间（UTC）", "When (UTC)"),
    "audit.col.actor": ("操作人", "Who"),
    "audit.col.role": ("角色", "Role"),
    "audit.col.action": ("操作", "Action"),
    "audit.col.object": ("对象", "Object"),
    "audit.col.outcome": ("结果", "Outcome"),
    "audit.col.sha256": ("文件 sha256", "File sha256"),
    "audit.col.detail": ("详情", "Detail"),
    "submission.pending": ("待审核", "pending"),
    "submission.accepted": ("已采纳，等待生成", "accepted, waiting for the build"),
    "submission.live": ("已采纳，已上线", "accepted, live"),
    "submission.returned": ("已退回", "returned"),
    "update.file": ("选择文件（.xlsx 或 .csv，不超过 {mb} MB）", "Choose a file (.xlsx or .csv, at most {mb} MB)"),
    "update.problems": ("发现 {n} 个问题，文件未保存，数据库未改变：", "{n} problem(s) found; nothing was saved "
                        "and the database is unchanged:"),
    "update.template": ("下载报送模板（XLSX）", "Download the update template (XLSX)"),
    "update.template_name": ("报送模板", "update-template"),
    "update.loaded_files": ("已载入的报送文件", "Update files loaded"),
    "update.col.file": ("文件", "File"),
    "update.col.as_of": ("数据截至", "Data as of"),
    "update.col.bytes": ("字节", "Bytes"),
    "update.col.where": ("位置", "Where"),
    "update.col.column": ("列", "Column"),
    "update.col.value": ("值", "Value"),
    "update.col.rule": ("规则", "Rule"),
    "update.col.fix": ("修改方法", "Fix"),
    "account.sign_in": ("登录", "Sign in"),
    "account.sign_out": ("退出登录", "Sign out"),
    "account.sign_out_confirm": ("确定退出登录吗？", "Sign out now?"),
    "account.username": ("用户名", "Username"),
    "account.password": ("密码", "Password"),
    "account.back": ("返回看板", "Back to the dashboard"),
    "account.invalid": ("用户名或密码错误。", "Wrong username or password."),
    "account.locked": ("登录失败次数过多，账号已锁定 {minutes} 分钟，请稍后再试。",
                       "Too many failed attempts: the account is locked for {minutes} minutes."),
    "account.expired_form": ("表单已过期，请重新登录。", "The form has expired; sign in again."),
    "account.no_store": ("服务器的账号库不可用，暂时无法登录。", "The server's account store is unavailable; sign-in is not possible now."),
    "account.signed_in_as": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
    "account.anonymous": ("未登录（只能查看）", "Not signed in (browsing only)"),
    "account.sso": ("单点登录", "Single sign-on"),
    "account.sso_unknown": ("单点登录身份 {who} 尚未开通账号，只能查看。", "The sign-on identity {who} has no account: browsing only."),
    "account.required": ("本看板需要登录后查看。", "Sign in to see this dashboard."),
    "account.forbidden": ("您的角色（{role}）不能使用本页。", "Your role ({role}) cannot use this page."),
    "error.no_db": ("数据库尚未生成。请在项目目录运行：make db（或 python -m etl build），然后刷新本页。",
                    "The database has not been built. In the project folder run: make db "
                    "(or python -m etl build), then reload this page."),
    "error.unknown_report": ("没有编号为“{report}”的报告；已显示最新的报告。",
                             "There is no report \"{report}\"; the newest report is shown."),
    "error.unknown_page": ("本报告没有“{page}”页面。", "This report has no page \"{page}\"."),
    "error.page": ("本页暂时无法显示（错误编号 {ref}）。请稍后刷新；如仍出现，请把错误编号告诉管理员（服务器日志中有详情，"
                   "python -m kpi doctor 可检查服务器）。",
                   "This page cannot be shown right now (error {ref}). Reload in a moment; if it persists, give the "
                   "administrator this number (the server log has the details; python -m kpi doctor checks the server)."),
    "error.disk_full": ("服务器磁盘已满，本次操作没有完成，已有的数据未受影响。请告诉管理员清理磁盘（python -m kpi doctor 可检查）。",
                        "The server's disk is full: this action did not complete and nothing already saved was "
                        "affected. Ask the administrator to free space (python -m kpi doctor checks)."),
    "error.unreadable": ("数据库文件无法读取，也没有可用的早期版本。请管理员重新生成：make db（或 python -m etl build）；"
                         "原因见服务器日志和 python -m kpi doctor。",
                         "The database file cannot be read and no earlier build can stand in. An administrator should "
                         "rebuild it: make db (or python -m etl build); the server log and python -m kpi doctor say why."),
    "error.fallback": ("最新的数据库文件无法读取，本页显示的是上一个完好的版本（生成于 {built} UTC）。"
                       "请管理员重新生成：make db（或 python -m etl build）。",
                       "The newest database file cannot be read; this page shows the last good build "
                       "(built {built} UTC). An administrator should rebuild: make db (or python -m etl build)."),
    "store.busy": ("记录库正忙，{what}尚未保存；您填写的内容仍在页面上，请稍后再试。",
                   "The store is busy and {what} was not saved; what you entered is still on the page: try again "
                   "in a moment."),
    "store.unwritable": ("记录库暂时无法写入（{why}），{what}尚未保存；您填写的内容仍在页面上。请告诉管理员"
                         "（python -m kpi doctor 可检查）。",
                         "The store cannot be written to right now ({why}) and {what} was not saved; what you entered "
                         "is still on the page. Tell the administrator (python -m kpi doctor checks)."),
    "store.why.full": ("磁盘已满", "the disk is full"),
    "store.why.readonly": ("存储为只读", "it is read-only"),
    "store.why.down": ("数据库服务无法连接", "its database server cannot be reached"),
    "store.why.other": ("写入失败", "the write failed"),
    "store.what.verdict": ("核查结论", "the verdict"),
    "store.what.submission": ("文件", "the file"),
    "store.what.decision": ("审核决定", "the decision"),
    "store.what.account": ("账号修改", "the change"),
    "review.build_failed": ("#{n} 未采纳：试生成数据失败（{why}），报送仍为待审核，看板未改变。问题解决后可再次采纳。",
                            "#{n} was not accepted: trying the build with it failed ({why}); the submission is "
                            "still pending and the dashboard is unchanged. Accept it again once the problem is fixed."),
    "review.building": ("已采纳、等待生成：{ids}。生成服务通常在几秒内发布新数据，刷新本页可查看进度。",
                        "Accepted, waiting for the build: {ids}. The build worker usually publishes the new "
                        "data within seconds; reload this page to follow."),
    "review.all_live": ("所有已采纳的报送均已上线。", "Every accepted submission is live."),
    "review.build_why.full": ("服务器磁盘已满", "the server's disk is full"),
    "review.build_why.other": ("错误编号 {ref}，详见服务器日志", "error {ref}; see the server log"),
    "empty.selection": ("没有可显示的内容：请在上方选择一个问题领域。",
                        "Nothing to show: choose a problem area above."),
}


def t(key: str, lang: str, **values) -> str:
    """The text for key in lang, with {placeholders} filled."""
    zh, en = TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def localized(row, field: str, lang: str) -> str:
    """row[field_zh] or row[field_en] by language (names and titles from the catalog)."""
    return row[f"{field}_{'en' if lang == 'en' else 'zh'}"]


def bilingual(text: dict, lang: str) -> str:
    """A {zh, en} text of the catalog in lang."""
    return text["en" if lang == "en" else "zh"]


def fmt_number(value: float, lang: str = "zh") -> str:
    """601 -> '601', 2000 -> '2,000' (en) / '2000' (zh), 22.56 -> '22.56', -0.06 -> '−0.06'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{abs(value):,.2f}" if lang == "en" else f"{abs(value):.2f}"
    text = text.rstrip("0").rstrip(".")
    return ("−" if value < 0 else "") + text


def fmt_date(d: date | None, lang: str = "zh") -> str:
    if d is None or (not isinstance(d, date) and pd.isna(d)):
        return "–"
    return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else d.strftime("%Y-%m-%d")


def fmt_period(period: str | None, lang: str) -> str:
    """2024Q3 vs 2024Q2 -> 2024年第三季度（较第二季度） / Q3 2024 (vs Q2); '' when there is none."""
    if period is None or (not isinstance(period, str) and pd.isna(period)):
        return ""
    return periods.label(period, lang) or ""


# Chinese counts in 亿 (10^8) and 万 (10^4); English readers count in millions.
EN_SCALED = {"亿元": (100, "million yuan"), "万元": (10_000, "yuan")}
ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ", 5: "Ⅴ"}


def fmt_value(value, qualifier: str, unit: str, unit_en: str, lang: str = "zh",
              kind: str | None = None, value_date: date | None = None) -> str:
    """A figure with its qualifier and unit: '2000+ 亩', '2,000+ mu', '−22.56%', 'Ⅳ类'."""
    if kind == "date":
        return fmt_date(value_date, lang)
    if kind == "level" and value in ROMAN:
        return f"{ROMAN[int(value)]}类" if lang == "zh" else f"class {ROMAN[int(value)]}"
    if lang == "en" and unit in EN_SCALED:
        factor, unit_en = EN_SCALED[unit]  # 9.4亿元 reads as "940 million yuan" in English
        value = round(value * factor, 6)
    number = fmt_number(value, lang)
    plus = "+" if qualifier == "more_than" else ""
    about = ("约" if lang == "zh" else "about ") if qualifier == "approx" else ""
    shown_unit = unit if lang == "zh" else unit_en
    if shown_unit == "%":
        return f"{about}{number}{plus}%"
    return f"{about}{number}{plus} {shown_unit}".rstrip()


def fmt_row(row, lang: str) -> str:
    """fmt_value for a row of indicator_facts."""
    return fmt_value(row["value"], row["qualifier"], row["unit"], row["unit_en"], lang,
                     row.get("kind"), row.get("value_date"))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=])")


def md_escape(text: str) -> str:
    """Text from data, made inert for st.markdown (no links, emphasis, HTML or directives)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def plotly_escape(text: str) -> str:
    """Text from data, made inert for Plotly, which draws a subset of HTML in titles, annotations,
    labels and hover text: <, > and & become entities."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def highlight(sentence: str, start: int, length: int) -> str:
    """Markdown for a sentence with [start, start+length) highlighted; everything escaped."""
    before, mark, after = sentence[:start], sentence[start:start + length], sentence[start + length:]
    return f"{md_escape(before)}:orange-background[**{md_escape(mark)}**]{md_escape(after)}"
