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
