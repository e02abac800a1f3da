"""The plan page and the 督办台账 read a constant number of queries however many tasks, reports, notices and
cooperating units there are (pinned, so that a per-row query cannot come back unnoticed)."""
from django.urls import reverse

from luoshi.workplan import services

# The session with its user in one query; the district's 区级设置 (read once per request); the statuses as
# kept counted in one query, the page's ids in one (the 督办台账's with their notices counted), its rows judged
# afresh (facts; the plan's notices) and read in full with their leaders; the filter's options in four.
PLAN_PAGE_QUERIES = 17
LEDGER_PAGE_QUERIES = 9
# A new day before the nightly re-judging: two more judge afresh the tasks whose kept status is of yesterday.
NEW_DAY_EXTRA = 2


def grow(wp, n):
    """n more tasks, each with a report, a notice, a cooperating unit and a leader, in the section."""
    for k in range(n):
        task = wp.new_task(title=f"任务{k}", cooperating_units=(wp.a_unit2,))
        services.submit_report(wp.world.users.a_unit, task, text=f"进展{k}", percent="10")
        services.issue_notice(wp.a_sup, task, kind="urge", text="请说明")


def test_the_plan_page_reads_a_fixed_number_of_queries(client, wp, django_assert_num_queries):
    client.force_login(wp.a_sup)
    url = reverse("workplan:plan", args=[wp.plan.pk])
    client.get(url)  # the session and the first-visit lookups settled
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        assert client.get(url).status_code == 200
    grow(wp, 6)
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        page = client.get(url)
    assert page.status_code == 200 and "任务5" in page.content.decode()


def test_the_ledger_page_reads_a_fixed_number_of_queries(client, wp, django_assert_num_queries):
    client.force_login(wp.a_sup)
    url = reverse("workplan:ledger", args=[wp.world.a.pk])
    client.get(url)
    with django_assert_num_queries(LEDGER_PAGE_QUERIES):
        assert client.get(url).status_code == 200
    grow(wp, 6)
    with django_assert_num_queries(LEDGER_PAGE_QUERIES):
        page = client.get(url)
    assert page.status_code == 200 and "任务5" in page.content.decode()


def test_a_user_with_no_tasks_gets_an_empty_list_not_an_error(wp):
    from luoshi.workplan.judging import judge
    from luoshi.workplan.models import WorkTask

    assert judge(WorkTask.objects.none()) == []
    assert judge(WorkTask.objects.filter(pk__in=[])) == []


def test_on_a_new_day_before_the_nightly_run_the_pages_still_read_a_fixed_number(client, wp, clock,
                                                                                 django_assert_num_queries):
    client.force_login(wp.a_sup)
    grow(wp, 3)
    clock.move_to("2025-03-11 09:00 +0800")  # every kept status is of yesterday
    for url, queries in ((reverse("workplan:plan", args=[wp.plan.pk]), PLAN_PAGE_QUERIES),
                         (reverse("workplan:ledger", args=[wp.world.a.pk]), LEDGER_PAGE_QUERIES)):
        client.get(url)
        with django_assert_num_queries(queries + NEW_DAY_EXTRA):
            assert client.get(url).status_code == 200


def test_tasks_linked_to_other_apps_records_are_judged_in_a_fixed_number_of_queries(client, wp, indicator):
    """Tasks measured by a ledger target, a project or an investment target are judged afresh on every page
    (their lag moves with the other app's figures): each kind's records are read together, however many
    tasks link to them."""
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from luoshi.indicators.services import set_target
    from luoshi.investment import targets as investment
    from luoshi.investment.models import Measure
    from luoshi.projects import services as projects
    from luoshi.projects.models import ProjectCategory

    projects.ensure_lists()
    data, a = wp.world.users.a_data, wp.world.a

    def link_one_of_each(n):
        target = set_target(data, organisation=a, indicator=indicator(("fixed_investment", "gdp", "retail_sales")[n]),
                            year=2025, wording="增长8%")
        project = projects.create_project(
            data, organisation=a, code=f"HJ-2025-00{n}", name=f"古荥城市更新{n}", plan_year=2025,
            category=ProjectCategory.objects.get(name="城市更新"), total_investment=Decimal("90"),
            year_plan=Decimal("12"), responsible_unit=wp.world.a_unit)
        signed = investment.set_target(data, organisation=a, year=2025, measure=Measure.SIGNED_COUNT,
                                       wording=f"新签约项目不少于{60 + n}个", sector=("", "装备制造", "文旅")[n])
        wp.new_task(title=f"指标任务{n}", measure_kind="target", target=target)
        wp.new_task(title=f"项目任务{n}", measure_kind="project", project=project)
        wp.new_task(title=f"招商任务{n}", measure_kind="investment", investment_target=signed)

    client.force_login(wp.a_sup)
    url = reverse("workplan:plan", args=[wp.plan.pk])
    link_one_of_each(0)
    client.get(url)
    with CaptureQueriesContext(connection) as one_each:
        first = client.get(url)
    link_one_of_each(1)
    link_one_of_each(2)
    client.get(url)
    with CaptureQueriesContext(connection) as three_each:
        page = client.get(url).content.decode()
    assert first.status_code == 200 and "招商任务2" in page and "项目任务2" in page
    assert len(three_each) == len(one_each)
