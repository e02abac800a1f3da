"""The plan page and the 督办台账 read a constant number of queries however many tasks, reports, notices and
cooperating units there are (pinned, so that a per-row query cannot come back unnoticed)."""
from django.urls import reverse

from luoshi.workplan import services

PLAN_PAGE_QUERIES = 16  # with the district's 区级设置 (read once per request); the filter's units in two plain queries
LEDGER_PAGE_QUERIES = 9  # with the district's 区级设置 (read once per request)


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
