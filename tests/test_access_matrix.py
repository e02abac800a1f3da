"""The access matrix: for every page and every role, the expected answer, checked automatically.

Every named URL of the project must have a row here, so a new page without a declared (and tested)
scope fails the suite. Each row is requested twice: on district A's records, where the matrix says
what each role gets, and on district B's records, where no user of district A may get anything but
a refusal (404 for records, so that guessing ids reveals nothing).
"""
from datetime import date, time
from types import SimpleNamespace

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from luoshi.accountability import services as letters
from luoshi.appeals import services as appeals
from luoshi.appeals.models import LeaderRank, ReceptionDay
from luoshi.core.models import Job
from luoshi.core.periods import Period
from luoshi.dashboard import issuing
from luoshi.indicators.services import record_actual, set_target
from luoshi.ingestion import services as reading
from luoshi.inspections import services as quiet_days
from luoshi.inspections.models import PlannedVisit
from luoshi.investment import services as invest
from luoshi.investment.models import IndustryChain
from luoshi.organisations.models import Role
from luoshi.projects import services as pipeline
from luoshi.projects.models import ProjectCategory
from luoshi.projects.services import ensure_lists as ensure_project_lists
from luoshi.workplan import services as work
from tests.conftest import make_user

NOW = "2025-11-24 10:00 +0800"
ROLES = ["anonymous", "city_admin", "a_leader", "a_data", "a_unit", "a_enterprise", "a_discipline"]
OK, REDIRECT, FORBIDDEN, MISSING, NOT_ALLOWED = 200, 302, 403, 404, 405


def row(own, *, args=None, foreign=True):
    """own: status per role (in ROLES order) on district A's records; args: builds the URL arguments
    from (world, district, unit); foreign: also request district B's records and expect refusal."""
    return SimpleNamespace(own=dict(zip(ROLES, own, strict=False)), args=args or (lambda w, d, u: []), foreign=foreign)


GDP = lambda w: w.gdp.pk  # noqa: E731
MATRIX = {
    #                                   anon      city  leader     data   unit       enterprise discipline
    "home":                    row([REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, OK, REDIRECT], foreign=False),
    "login":                   row([OK, OK, OK, OK, OK, OK, OK], foreign=False),
    "logout":                  row([NOT_ALLOWED] * 7, foreign=False),
    "set_language":            row([REDIRECT] * 7, foreign=False),
    "indicators:overview":     row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "indicators:detail":       row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK],
                                   args=lambda w, d, u: [d.pk, GDP(w)]),
    "indicators:target_edit":  row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [d.pk, GDP(w), 2025]),
    "indicators:actual_edit":  row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [d.pk, GDP(w)]),
    # 作废: by who reports the district's figures; the scene's September GDP of each district.
    "indicators:actual_withdraw": row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                      args=lambda w, d, u: [d.pk, GDP(w), w.gdp.actuals.get(organisation=d).pk]),
    "indicators:decompose":    row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK],
                                   args=lambda w, d, u: [d.pk, GDP(w), 2025]),
    # 指标目录: the city's, kept by its admin only.
    "indicators:catalogue":    row([REDIRECT, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
                                   foreign=False),
    "indicators:catalogue_edit": row([REDIRECT, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
                                     args=lambda w, d, u: [GDP(w)], foreign=False),
    "indicators:upload":       row([REDIRECT, OK, FORBIDDEN, OK, OK, FORBIDDEN, FORBIDDEN], foreign=False),
    "indicators:template":     row([REDIRECT, OK, FORBIDDEN, OK, OK, FORBIDDEN, FORBIDDEN], foreign=False),
    "indicators:export":       row([REDIRECT, OK, OK, OK, OK, OK, OK], foreign=False),
    "dashboard:screen":        row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    # 指标状态清单: the one screen's status tiles and donut slices open it, scoped as the screen.
    "dashboard:indicators":    row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "dashboard:briefing":      row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "dashboard:briefing_docx": row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "dashboard:briefing_pdf":  row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    # 简报印发: the list and the draft as the briefing itself; acting is POST only; a draft has no file yet.
    "dashboard:issued_list":   row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "dashboard:issue":         row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK],
                                   args=lambda w, d, u: [w.briefing_issues[d.pk].pk]),
    "dashboard:issue_act":     row([REDIRECT] + [NOT_ALLOWED] * 6, args=lambda w, d, u: [w.briefing_issues[d.pk].pk],
                                   foreign=False),
    "dashboard:issue_file":    row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [w.briefing_issues[d.pk].pk, "pdf"]),
    # a background job (its page, progress and file) is seen only by the user who started it
    "core:job":                row([REDIRECT, MISSING, OK, MISSING, MISSING, MISSING, MISSING],
                                   args=lambda w, d, u: [w.jobs[d.pk].pk]),
    "core:job_progress":       row([REDIRECT, MISSING, OK, MISSING, MISSING, MISSING, MISSING],
                                   args=lambda w, d, u: [w.jobs[d.pk].pk]),
    "core:job_file":           row([REDIRECT, MISSING, OK, MISSING, MISSING, MISSING, MISSING],
                                   args=lambda w, d, u: [w.jobs[d.pk].pk]),
    "accountability:letters":  row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "accountability:letter":   row([REDIRECT, OK, OK, OK, OK, MISSING, OK], args=lambda w, d, u: [w.letters[d.pk].pk]),
    "accountability:scan":     row([REDIRECT, OK, OK, OK, OK, MISSING, OK], args=lambda w, d, u: [w.letters[d.pk].pk]),
    "accountability:amend":    row([REDIRECT, OK, FORBIDDEN, OK, FORBIDDEN, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [w.tasks[d.pk].pk]),
    "accountability:report_task": row([REDIRECT, OK, FORBIDDEN, OK, OK, MISSING, FORBIDDEN],
                                      args=lambda w, d, u: [w.tasks[d.pk].pk]),
    "ingestion:documents":     row([REDIRECT, OK, OK, OK, OK, OK, OK], foreign=False),
    "ingestion:document":      row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK],
                                   args=lambda w, d, u: [w.documents[d.pk].pk]),
    "ingestion:edit_form":     row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK],
                                   args=lambda w, d, u: [w.documents[d.pk].findings.first().pk]),
    "ingestion:review":        row([REDIRECT] + [NOT_ALLOWED] * 6,
                                   args=lambda w, d, u: [w.documents[d.pk].findings.first().pk, "accept"],
                                   foreign=False),
    "investment:chains":       row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "projects:board":          row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "projects:rollup":         row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "projects:mine":           row([REDIRECT, OK, OK, OK, OK, OK, OK], foreign=False),
    "projects:list":           row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "projects:export_list":    row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "projects:export_rollup":  row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "projects:wages":          row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "projects:export_wages":   row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "projects:upload":         row([REDIRECT, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN], foreign=False),
    "projects:report_template": row([REDIRECT, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN], foreign=False),
    "projects:project":        row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK],
                                   args=lambda w, d, u: [w.projects[d.pk].pk]),
    "projects:renewal":        row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "projects:import":         row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [d.pk]),
    "projects:new":            row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [d.pk]),
    "projects:edit":           row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [w.projects[d.pk].pk]),
    "investment:ledger":       row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "investment:project":      row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK],
                                   args=lambda w, d, u: [w.investments[d.pk].pk]),
    "investment:chain":        row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK],
                                   args=lambda w, d, u: [w.chains[d.pk].pk]),
    # 招商台账: read by the district, kept (leads, corrections, Excel import) by its data staff and the city.
    "investment:export":       row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "investment:batches":      row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "investment:template":     row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [d.pk]),
    "investment:upload":       row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [d.pk]),
    "investment:new_lead":     row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [d.pk]),
    "investment:edit":         row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [w.investments[d.pk].pk]),
    "investment:contract":     row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK],
                                   args=lambda w, d, u: [w.investments[d.pk].pk]),
    # 招商目标: read by the district, kept by its data staff and the city.
    "investment:targets":      row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "investment:targets_template": row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                       args=lambda w, d, u: [d.pk]),
    "investment:targets_upload": row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                     args=lambda w, d, u: [d.pk]),
    # 机构与人员: kept by the district admin and the city admin (the district admin is tested in
    # tests/organisations/test_register.py); 企业库 also by the district's data staff.
    "organisations:register":  row([REDIRECT, OK, FORBIDDEN, FORBIDDEN, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [d.pk]),
    "organisations:register_template": row([REDIRECT, OK, FORBIDDEN, FORBIDDEN, MISSING, MISSING, FORBIDDEN],
                                           args=lambda w, d, u: [d.pk]),
    "organisations:register_upload": row([REDIRECT, OK, FORBIDDEN, FORBIDDEN, MISSING, MISSING, FORBIDDEN],
                                         args=lambda w, d, u: [d.pk]),
    "organisations:unit_edit": row([REDIRECT, OK, FORBIDDEN, FORBIDDEN, MISSING, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [d.pk, u.pk]),
    "organisations:person_edit": row([REDIRECT, OK, FORBIDDEN, FORBIDDEN, MISSING, MISSING, FORBIDDEN],
                                     args=lambda w, d, u: [d.pk, (w.users.a_data if d == w.a else w.users.b_data)
                                                           .profile.pk]),
    "organisations:enterprises": row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                     args=lambda w, d, u: [d.pk]),
    "organisations:enterprises_template": row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                              args=lambda w, d, u: [d.pk]),
    "organisations:enterprises_upload": row([REDIRECT, OK, FORBIDDEN, OK, MISSING, MISSING, FORBIDDEN],
                                            args=lambda w, d, u: [d.pk]),
    "indicators:city":         row([REDIRECT, OK, MISSING, MISSING, MISSING, MISSING, MISSING],
                                   args=lambda w, d, u: [w.city.pk], foreign=False),
    # 账号: everyone changes their own password; the city admin and district admins reset the passwords
    # of the accounts below them in their scope (an account out of reach is 404; tests/organisations).
    "organisations:password_change": row([REDIRECT, OK, OK, OK, OK, OK, OK], foreign=False),
    # 区级设置 and 发送渠道: the district's administrator (and the city admin) only; the district's own
    # people are told why (403 with the reason), an enterprise does not learn of them (404).
    "organisations:settings":  row([REDIRECT, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [d.pk]),
    "notifications:channels":  row([REDIRECT, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [d.pk]),
    "organisations:accounts":  row([REDIRECT, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
                                   foreign=False),
    "organisations:reset_password": row([REDIRECT, OK, MISSING, MISSING, MISSING, MISSING, MISSING],
                                        args=lambda w, d, u: [(w.users.a_leader if d == w.a else w.users.b_leader).pk]),
    # 企业诉求: an enterprise files and follows its own; a unit works what was given to it; the district
    # supervises. The scene's appeal of each district is given to its unit (see `scene`).
    "appeals:index":           row([REDIRECT] * 7, foreign=False),
    "appeals:mine":            row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN],
                                   foreign=False),
    "appeals:new":             row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN],
                                   foreign=False),
    "appeals:detail":          row([REDIRECT, OK, OK, OK, OK, OK, OK], args=lambda w, d, u: [w.appeals[d.pk].pk]),
    "appeals:attachment":      row([REDIRECT, OK, OK, OK, OK, OK, OK], args=lambda w, d, u: [w.appeal_files[d.pk].pk]),
    "appeals:inbox":           row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN],
                                   foreign=False),
    "appeals:supervision":     row([REDIRECT, OK, OK, OK, FORBIDDEN, FORBIDDEN, OK], foreign=False),
    "appeals:statistics":      row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "appeals:export":          row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "notifications:inbox":     row([REDIRECT, OK, OK, OK, OK, OK, OK], foreign=False),
    # 代企业登记 (visit, phone): district staff only, for their own district's enterprises.
    "appeals:record":          row([REDIRECT, FORBIDDEN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN], foreign=False),
    # 企业家接待日: the district's staff and its enterprises see the calendar; the enterprise sees its own
    # booking; the host and district staff record appeals from a booking (see `scene`: each district has a
    # day hosted by its leader on 2025-11-26, booked by its enterprise).
    "appeals:reception":       row([REDIRECT, REDIRECT, REDIRECT, REDIRECT, FORBIDDEN, REDIRECT, REDIRECT],
                                   foreign=False),
    "appeals:reception_calendar": row([REDIRECT, OK, OK, OK, MISSING, OK, OK], args=lambda w, d, u: [d.pk, 2025, 11]),
    "appeals:reception_day":   row([REDIRECT, OK, OK, OK, MISSING, OK, OK],
                                   args=lambda w, d, u: [w.reception_days[d.pk].pk]),
    "appeals:booking":         row([REDIRECT, OK, OK, OK, MISSING, OK, OK], args=lambda w, d, u: [w.bookings[d.pk].pk]),
    "appeals:booking_appeal":  row([REDIRECT, FORBIDDEN, OK, OK, MISSING, FORBIDDEN, FORBIDDEN],
                                   args=lambda w, d, u: [w.bookings[d.pk].pk]),
    "appeals:my_bookings":     row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN],
                                   foreign=False),
    "appeals:host_schedule":   row([REDIRECT, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
                                   foreign=False),
    # POST only (marks read); another user's message is 404 (tests/appeals/test_pages.py).
    "notifications:open": row([REDIRECT] + [NOT_ALLOWED] * 6, args=lambda w, d, u: [w.appeal_notes[d.pk].pk],
                                     foreign=False),
    # 企业宁静日: a unit files its own visits, the commission approves and checks reports, an enterprise
    # sees the visits announced on it and reports the others. The scene's visit of each district is its
    # unit's, announced on its enterprise; each enterprise has made one report.
    "inspections:index":       row([REDIRECT] * 7, foreign=False),
    "inspections:list":        row([REDIRECT, OK, OK, OK, OK, REDIRECT, OK], foreign=False),
    "inspections:new":         row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN],
                                   foreign=False),
    "inspections:verdict":     row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN],
                                   foreign=False),
    "inspections:detail":      row([REDIRECT, OK, OK, OK, OK, OK, OK], args=lambda w, d, u: [w.visits[d.pk].pk]),
    "inspections:queue":       row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
                                   foreign=False),
    "inspections:announced":   row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN],
                                   foreign=False),
    "inspections:report_new":  row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN],
                                   foreign=False),
    # reports are read only by the commission and the enterprise that made them (not the reported unit)
    "inspections:report":      row([REDIRECT, MISSING, MISSING, MISSING, MISSING, OK, OK],
                                   args=lambda w, d, u: [w.visit_reports[d.pk].pk]),
    "inspections:monthly":     row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "inspections:monthly_export": row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    # 重点工作: the district's people read the plan whole, a unit the tasks it leads or cooperates on (the
    # scene's task of each district is led by its unit), the 督查室 keeps it (import); enterprises nothing.
    "workplan:index":          row([REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, FORBIDDEN, REDIRECT],
                                   foreign=False),
    "workplan:mine":           row([REDIRECT, OK, OK, OK, OK, FORBIDDEN, OK], foreign=False),
    "workplan:district":       row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "workplan:ledger":         row([REDIRECT, OK, OK, OK, MISSING, MISSING, OK], args=lambda w, d, u: [d.pk]),
    "workplan:plan":           row([REDIRECT, OK, OK, OK, OK, MISSING, OK],
                                   args=lambda w, d, u: [w.work_plans[d.pk].pk]),
    "workplan:export":         row([REDIRECT, OK, OK, OK, OK, MISSING, OK],
                                   args=lambda w, d, u: [w.work_plans[d.pk].pk]),
    "workplan:template":       row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [w.work_plans[d.pk].pk]),
    "workplan:upload":         row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [w.work_plans[d.pk].pk]),
    "workplan:new_task":       row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [w.work_plans[d.pk].pk]),
    "workplan:task":           row([REDIRECT, OK, OK, OK, OK, MISSING, OK],
                                   args=lambda w, d, u: [w.work_tasks[d.pk].pk]),
    "workplan:edit_task":      row([REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING, FORBIDDEN],
                                   args=lambda w, d, u: [w.work_tasks[d.pk].pk]),
    "workplan:evidence":       row([REDIRECT, OK, OK, OK, OK, MISSING, OK],
                                   args=lambda w, d, u: [w.work_evidence[d.pk].pk]),
    **{f"workplan:{name}": row([REDIRECT] + [NOT_ALLOWED] * 6, args=lambda w, d, u: [w.work_tasks[d.pk].pk],
                               foreign=False) for name in ("report", "notice", "move", "subtask")},
    "workplan:reply":          row([REDIRECT] + [NOT_ALLOWED] * 6, args=lambda w, d, u: [w.work_notices[d.pk].pk],
                                   foreign=False),
}
# A unit's own records: unit staff may read and report them, not set targets.
UNIT_ROWS = {
    "indicators:overview": OK, "indicators:detail": OK, "indicators:actual_edit": OK,
    "indicators:target_edit": FORBIDDEN,
}
# Covered elsewhere: the admin (below) and the JSON API (tests/api, with its own cross-district checks).
OTHER_NAMESPACES = {"admin", "api"}


def named_urls(patterns=None, namespace=None):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            yield from named_urls(p.url_patterns, p.namespace or namespace)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}:{p.name}" if namespace else p.name, namespace


def test_every_page_has_a_row_in_the_access_matrix():
    missing = sorted({name for name, ns in named_urls() if ns not in OTHER_NAMESPACES} - set(MATRIX))
    assert missing == [], f"add these pages to the access matrix with their expected answers: {missing}"


@pytest.fixture
def scene(world, indicator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world.gdp = indicator("gdp")
    with time_machine.travel(NOW):
        for data, district in ((world.users.a_data, world.a), (world.users.b_data, world.b)):
            set_target(data, organisation=district, indicator=world.gdp, year=2025, wording="增长6%左右")
            record_actual(data, organisation=district, indicator=world.gdp, year=2025, month=9, value="100",
                          growth_pct="6")
        world.letters, world.tasks = {}, {}
        for data, district, unit in ((world.users.a_data, world.a, world.a_unit),
                                     (world.users.b_data, world.b, world.b_unit)):
            letter = letters.create_letter(data, unit=unit, year=2025)
            world.tasks[district.pk] = letters.add_item(data, letter, title="任务", kind="task", weight=10)
            letters.transition(data, letter, letters.REVIEW)
            letters.transition(data, letter, letters.SIGN, scan=SimpleUploadedFile("s.pdf", b"%PDF-1.4 signed"))
            world.letters[district.pk] = letter
        world.investments = {d.pk: invest.create_lead(data, organisation=d, name="招商线索", investor="某集团",
                                                      lead_date=date(2025, 3, 1),
                                                      contract=SimpleUploadedFile("c.pdf", b"%PDF-1.4 contract"))
                             for data, d in ((world.users.a_data, world.a), (world.users.b_data, world.b))}
        ensure_project_lists()
        world.projects = {d.pk: pipeline.create_project(
            data, organisation=d, code=f"P-{d.pk}", name="重点项目", category=ProjectCategory.objects.first(),
            total_investment="10", plan_year=2025, year_plan="2")
            for data, d in ((world.users.a_data, world.a), (world.users.b_data, world.b))}
        world.chains = {district.pk: IndustryChain.objects.create(organisation=district, name="食品")
                        for district in (world.a, world.b)}
        world.documents = {district.pk: reading.read_document(data, text=f"{district.name}地区生产总值增长6%左右。",
                                                              title="报告")[0]
                           for data, district in ((world.users.a_data, world.a), (world.users.b_data, world.b))}
        world.work_plans, world.work_tasks, world.work_notices, world.work_evidence = {}, {}, {}, {}
        for district, unit, staff in ((world.a, world.a_unit, world.users.a_unit),
                                      (world.b, world.b_unit, make_user("wp_b_unit", Role.UNIT_STAFF, world.b_unit))):
            office = make_user(f"wp_office_{district.pk}", Role.SUPERVISION, district)
            plan = work.create_plan(office, organisation=district, year=2025, title="十项工作")
            task = work.create_task(office, plan, work.TaskInput(title="重点工作任务", lead_unit=unit,
                                                                 deadline=date(2025, 12, 31)))
            work.submit_report(staff, task, text="进展", files=[SimpleUploadedFile("e.pdf", b"%PDF-1.4 e")])
            world.work_plans[district.pk], world.work_tasks[district.pk] = plan, task
            world.work_evidence[district.pk] = task.evidence.get()
            world.work_notices[district.pk] = work.issue_notice(office, task, kind="urge", text="请说明")
        world.appeals, world.appeal_files, world.appeal_notes = {}, {}, {}
        for data, district, unit, enterprise in ((world.users.a_data, world.a, world.a_unit, world.a_ent),
                                                 (world.users.b_data, world.b, world.b_unit, world.b_ent)):
            appeal = appeals.file_appeal(data, enterprise=enterprise, category="approval", title="施工许可",
                                         description="办理慢", attachments=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 a")])
            world.appeals[district.pk] = appeals.transition(data, appeal, appeals.ASSIGN, unit=unit)
            world.appeal_files[district.pk] = appeal.attachments.get()
            world.appeal_notes[district.pk] = data.notifications.first()
        world.reception_days, world.bookings = {}, {}
        for data, leader, district, enterprise in ((world.users.a_data, world.users.a_leader, world.a, world.a_ent),
                                                   (world.users.b_data, world.users.b_leader, world.b, world.b_ent)):
            day = ReceptionDay.objects.create(district=district, host=leader, host_rank=LeaderRank.PRINCIPAL,
                                              date=date(2025, 11, 26), start=time(9))
            world.reception_days[district.pk] = day
            world.bookings[district.pk] = appeals.book_reception(data, day, topic="用地", enterprise=enterprise)
        world.briefing_issues = {district.pk: issuing.start_draft(data, district, Period(2025, 9))
                                 for data, district in ((world.users.a_data, world.a), (world.users.b_data, world.b))}
        world.visits = {}
        for data, district, unit, enterprise in ((world.users.a_data, world.a, world.a_unit, world.a_ent),
                                                 (world.users.b_data, world.b, world.b_unit, world.b_ent)):
            visit = PlannedVisit.objects.create(department=unit, district=district, date=date(2025, 11, 28),
                                                visit_type="survey", category="other", legal_basis="《统计法》",
                                                in_window=False, filed_by=data)
            visit.enterprises.set([enterprise])
            world.visits[district.pk] = visit
        b_reporter = make_user("b_ent_reporter", Role.ENTERPRISE, enterprise=world.b_ent)
        world.visit_reports = {district.pk: quiet_days.report_unannounced(
            reporter, visit_date=date(2025, 11, 20), department_name="某执法大队", description="未出示报备")
            for reporter, district in ((world.users.a_enterprise, world.a), (b_reporter, world.b))}
        world.jobs = {district.pk: Job.objects.create(
            user=leader, kind="briefing_docx", title="简报", status=Job.Status.SUCCEEDED, file_data=b"PK..",
            file_name="briefing.docx", content_type="application/octet-stream")
            for leader, district in ((world.users.a_leader, world.a), (world.users.b_leader, world.b))}
    return world


def _get(client, world, role, url):
    client.logout()
    if role != "anonymous":
        client.force_login(getattr(world.users, role))
    return client.get(url).status_code


@time_machine.travel(NOW)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_declared_answer_on_its_own_district(client, scene, name):
    spec = MATRIX[name]
    url = reverse(name, args=spec.args(scene, scene.a, scene.a_unit))
    got = {role: _get(client, scene, role, url) for role in ROLES}
    assert got == spec.own


@time_machine.travel(NOW)
@pytest.mark.parametrize("name", sorted(n for n, spec in MATRIX.items() if spec.foreign))
def test_no_user_of_district_a_reaches_district_b_records(client, scene, name):
    url = reverse(name, args=MATRIX[name].args(scene, scene.b, scene.b_unit))
    got = {role: _get(client, scene, role, url) for role in ROLES if role.startswith("a_")}
    assert got == {role: MISSING for role in got}


@time_machine.travel(NOW)
@pytest.mark.parametrize("name", sorted(UNIT_ROWS))
def test_unit_staff_on_their_own_unit(client, scene, name):
    url = reverse(name, args=MATRIX[name].args(scene, scene.a_unit, scene.a_unit))
    assert _get(client, scene, "a_unit", url) == UNIT_ROWS[name]


@pytest.mark.parametrize("role", ROLES)
def test_only_superusers_reach_the_admin(client, world, role):
    assert _get(client, world, role, reverse("admin:index")) == REDIRECT


def test_admin_cannot_edit_or_delete_official_figures(client, scene, django_user_model):
    from luoshi.indicators.models import Actual

    admin = django_user_model.objects.create_superuser("root", password="x-very-long-pass-1")
    client.force_login(admin)
    actual = Actual.objects.filter(organisation=scene.a).first()
    assert client.get(reverse("admin:indicators_actual_change", args=[actual.pk])).status_code == OK
    assert client.post(reverse("admin:indicators_actual_delete", args=[actual.pk]), {"post": "yes"}).status_code == 403
    assert Actual.objects.filter(pk=actual.pk).exists()


# --- the JSON API --------------------------------------------------------------------------------
# Every GET operation of the OpenAPI schema must be listed: record paths with how to fill their ids
# with district B's records (district A's users must get 404), collection paths with their query.
API_RECORDS = {
    "/api/organisations/{org_id}": lambda w: {"org_id": w.b.pk},
    "/api/organisations/{org_id}/children": lambda w: {"org_id": w.b.pk},
    "/api/enterprises/{enterprise_id}": lambda w: {"enterprise_id": w.b_ent.pk},
    "/api/organisations/{org_id}/people": lambda w: {"org_id": w.b.pk},
    "/api/organisations/{org_id}/people/{profile_id}": lambda w: {"org_id": w.b.pk,
                                                                  "profile_id": w.users.b_data.profile.pk},
    "/api/indicators/organisations/{org_id}/overview": lambda w: {"org_id": w.b.pk},
    "/api/indicators/organisations/{org_id}/indicators/{indicator_id}": lambda w: {"org_id": w.b.pk,
                                                                                    "indicator_id": GDP(w)},
    "/api/indicators/organisations/{org_id}/indicators/{indicator_id}/history": lambda w: {
        "org_id": w.b.pk, "indicator_id": GDP(w)},
    "/api/indicators/organisations/{org_id}/indicators/{indicator_id}/decomposition/{year}": lambda w: {
        "org_id": w.b.pk, "indicator_id": GDP(w), "year": 2025},
    "/api/indicators/targets/{target_id}": lambda w: {"target_id": w.b_target.pk},
    "/api/indicators/actuals/{actual_id}": lambda w: {"actual_id": w.b_actual.pk},
    "/api/accountability/districts/{org_id}/letters": lambda w: {"org_id": w.b.pk},
    "/api/accountability/letters/{letter_id}": lambda w: {"letter_id": w.letters[w.b.pk].pk},
    "/api/ingestion/documents/{document_id}/findings": lambda w: {"document_id": w.documents[w.b.pk].pk},
    "/api/projects/districts/{org_id}/board": lambda w: {"org_id": w.b.pk},
    "/api/projects/{project_id}": lambda w: {"project_id": w.projects[w.b.pk].pk},
    "/api/projects/districts/{org_id}/projects": lambda w: {"org_id": w.b.pk},
    "/api/projects/districts/{org_id}/rollup": lambda w: {"org_id": w.b.pk},
    "/api/projects/districts/{org_id}/wages": lambda w: {"org_id": w.b.pk},
    "/api/projects/districts/{org_id}/funding": lambda w: {"org_id": w.b.pk},
    "/api/projects/districts/{org_id}/renewal": lambda w: {"org_id": w.b.pk},
    **{f"/api/projects/{{project_id}}/{part}": lambda w: {"project_id": w.projects[w.b.pk].pk}
       for part in ("steps", "approvals", "reports", "wages", "milestones")},
    "/api/investment/districts/{org_id}/projects": lambda w: {"org_id": w.b.pk},
    "/api/investment/projects/{project_id}": lambda w: {"project_id": w.investments[w.b.pk].pk},
    "/api/investment/districts/{org_id}/funnel": lambda w: {"org_id": w.b.pk},
    "/api/investment/districts/{org_id}/targets": lambda w: {"org_id": w.b.pk},
    "/api/investment/districts/{org_id}/batches": lambda w: {"org_id": w.b.pk},
    "/api/investment/organisations/{org_id}/chains": lambda w: {"org_id": w.b.pk},
    "/api/investment/organisations/{org_id}/map": lambda w: {"org_id": w.b.pk},
    "/api/investment/chains/{chain_id}": lambda w: {"chain_id": w.chains[w.b.pk].pk},
    "/api/appeals/{appeal_id}": lambda w: {"appeal_id": w.appeals[w.b.pk].pk},
    "/api/appeals/districts/{org_id}/statistics": lambda w: {"org_id": w.b.pk},
    "/api/inspections/visits/{visit_id}": lambda w: {"visit_id": w.visits[w.b.pk].pk},
    "/api/inspections/districts/{org_id}/monthly-report": lambda w: {"org_id": w.b.pk},
    "/api/workplan/districts/{org_id}/tasks": lambda w: {"org_id": w.b.pk},
    "/api/workplan/tasks/{task_id}": lambda w: {"task_id": w.work_tasks[w.b.pk].pk},
    "/api/workplan/tasks/{task_id}/notices": lambda w: {"task_id": w.work_tasks[w.b.pk].pk},
    "/api/dashboard/districts/{org_id}/briefings": lambda w: {"org_id": w.b.pk},
    "/api/dashboard/briefings/{issue_id}": lambda w: {"issue_id": w.briefing_issues[w.b.pk].pk},
    "/api/dashboard/briefings/{issue_id}/files/{kind}": lambda w: {"issue_id": w.briefing_issues[w.b.pk].pk,
                                                                    "kind": "pdf"},
}
# What the city admin, who sees district B, gets where it is not the record itself: the scene's briefing is
# a draft, which has no file yet (refused with the reason, as on the page).
CITY_ANSWER = {"/api/dashboard/briefings/{issue_id}/files/{kind}": FORBIDDEN}
API_COLLECTIONS = {
    "/api/me": {}, "/api/organisations": {}, "/api/enterprises": {}, "/api/indicators/catalogue": {},
    "/api/indicators/catalogue/entries": {},
    "/api/indicators/targets": {}, "/api/indicators/actuals": {},
    "/api/indicators/rankings": {"indicator": "gdp", "year": 2025, "month": 9},
    "/api/ingestion/documents": {}, "/api/projects/mine": {},
    "/api/appeals": {}, "/api/appeals/notifications": {}, "/api/inspections/visits": {},
    "/api/inspections/pending": {}, "/api/inspections/reports": {},
}


def api_get_paths():
    from luoshi.api import api

    return sorted(path for path, ops in api.get_openapi_schema()["paths"].items() if "get" in ops)


def test_every_api_read_has_a_row_in_the_access_matrix():
    missing = [p for p in api_get_paths() if p not in API_RECORDS and p not in API_COLLECTIONS]
    assert missing == [], f"add these API paths to the access matrix: {missing}"


@pytest.fixture
def api_scene(scene):
    from luoshi.indicators.models import Actual, Target

    scene.b_target = Target.objects.get(organisation=scene.b)
    scene.b_actual = Actual.objects.get(organisation=scene.b)
    return scene


@time_machine.travel(NOW)
@pytest.mark.parametrize("path", sorted(API_RECORDS))
def test_api_record_of_district_b_is_404_for_every_district_a_role_and_401_anonymous(client, api_scene, path):
    url = path.format(**API_RECORDS[path](api_scene))
    assert _get(client, api_scene, "anonymous", url) == 401
    got = {role: _get(client, api_scene, role, url) for role in ROLES if role.startswith("a_")}
    assert got == {role: MISSING for role in got}
    assert _get(client, api_scene, "city_admin", url) == CITY_ANSWER.get(path, OK)


@time_machine.travel(NOW)
@pytest.mark.parametrize("path", sorted(API_COLLECTIONS))
def test_api_collections_never_list_district_b_records_to_district_a(client, api_scene, path):
    client.logout()
    assert client.get(path, API_COLLECTIONS[path]).status_code == 401
    for role in (r for r in ROLES if r.startswith("a_")):
        client.force_login(getattr(api_scene.users, role))
        response = client.get(path, API_COLLECTIONS[path])
        assert response.status_code in (OK, FORBIDDEN), (role, response.status_code)
        body = response.content.decode()
        assert "须水街道" not in body and "中原某企业" not in body and "增长7%以上" not in body, role
