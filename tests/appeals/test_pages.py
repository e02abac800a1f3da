"""The appeal pages: an enterprise files and follows its own appeals on a phone, a unit works its inbox,
the district assigns, supervises and counts. Every read is scoped (404 outside), every move goes through
the services, and a refused move shows its reasons with nothing changed."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.appeals import services
from luoshi.appeals.models import Appeal, AppealAttachment, AppealStep, Rating, State
from luoshi.notifications.models import Notification

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def as_user(client, user):
    client.force_login(user)
    return client


def detail(appeal):
    return reverse("appeals:detail", args=[appeal.pk])


def post_move(client, appeal, action, **fields):
    appeal.refresh_from_db()
    return client.post(detail(appeal), {"action": action, "version": appeal.version, **fields})


def body(response) -> str:
    return response.content.decode()


# --- the enterprise ------------------------------------------------------------------------------

def test_enterprise_files_an_appeal_with_an_attachment_through_the_page_and_sees_it(client, world, clock):
    c = as_user(client, world.users.a_enterprise)
    assert c.get(reverse("appeals:new")).status_code == 200
    response = c.post(reverse("appeals:new"), {
        "category": "approval", "urgency": "urgent", "title": "二期厂房施工许可",
        "description": "施工许可办理进度慢,影响开工",
        "attachments": [SimpleUploadedFile("现场.png", PNG), SimpleUploadedFile("申请.pdf", PDF)]})
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(appeal)
    assert (appeal.enterprise, appeal.state, appeal.channel, appeal.urgency) == (world.a_ent, State.REGISTERED,
                                                                                 "online", "urgent")
    assert sorted(appeal.attachments.values_list("original_name", flat=True)) == ["现场.png", "申请.pdf"]

    mine = body(c.get(reverse("appeals:mine")))
    assert "二期厂房施工许可" in mine and detail(appeal) in mine
    page = body(c.get(detail(appeal)))
    assert "施工许可办理进度慢,影响开工" in page and "现场.png" in page and "登记" in page
    png = appeal.attachments.get(original_name="现场.png")
    download = c.get(reverse("appeals:attachment", args=[png.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    assert download["Content-Type"] == "image/png" and download["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_is_not_what_it_claims_refuses_the_whole_appeal(client, world, clock):
    c = as_user(client, world.users.a_enterprise)
    response = c.post(reverse("appeals:new"), {
        "category": "approval", "urgency": "normal", "title": "标题", "description": "内容",
        "attachments": [SimpleUploadedFile("病毒.pdf", b"MZ\x90\x00 executable")]})
    assert response.status_code == 200
    assert "文件“病毒.pdf”不是PDF、JPG、PNG、Word、Excel文件" in body(response)
    assert not Appeal.objects.exists() and not AppealAttachment.objects.exists()


def test_only_enterprise_users_have_my_appeals_and_the_filing_form(client, world):
    for user in (world.users.a_data, world.users.a_unit, world.users.a_leader):
        c = as_user(client, user)
        assert c.get(reverse("appeals:mine")).status_code == 403
        assert c.post(reverse("appeals:new"), {"title": "x"}).status_code == 403
    assert not Appeal.objects.exists()


def test_enterprise_b_gets_404_on_enterprise_a_appeal_and_attachment(client, world, more, file):
    appeal = file(attachments=[SimpleUploadedFile("许可申请.pdf", PDF)])
    attachment = appeal.attachments.get()
    for outsider in (more.a_ent2_user, more.b_enterprise, more.b_unit_staff, world.users.b_data):
        c = as_user(client, outsider)
        assert c.get(detail(appeal)).status_code == 404
        assert c.get(reverse("appeals:attachment", args=[attachment.pk])).status_code == 404
        assert post_move(c, appeal, services.ASSIGN, unit=world.a_unit.pk).status_code == 404
        assert "二期厂房施工许可" not in body(c.get(reverse("appeals:index"), follow=True))
    appeal.refresh_from_db()
    assert appeal.state == State.REGISTERED and appeal.steps.count() == 1


# --- the unit ------------------------------------------------------------------------------------

def test_unit_staff_see_only_the_appeals_given_to_their_unit(client, world, more, file, appeal_in):
    ours = appeal_in(State.ASSIGNED, title="我镇的诉求")
    theirs = services.transition(world.users.a_data, file(title="花园口镇的诉求"), services.ASSIGN, unit=more.a_unit2)
    waiting = file(title="尚未交办的诉求")
    c = as_user(client, world.users.a_unit)
    inbox = body(c.get(reverse("appeals:inbox")))
    assert "我镇的诉求" in inbox and "花园口镇的诉求" not in inbox and "尚未交办的诉求" not in inbox
    assert c.get(detail(ours)).status_code == 200
    assert c.get(detail(theirs)).status_code == 404 and c.get(detail(waiting)).status_code == 404
    assert "花园口镇的诉求" in body(as_user(client, more.a_unit2_staff).get(reverse("appeals:inbox")))


def test_a_returned_appeal_leaves_the_unit_and_goes_back_to_the_district(client, world, appeal_in):
    appeal = appeal_in(State.ASSIGNED)
    c = as_user(client, world.users.a_unit)
    response = post_move(c, appeal, services.RETURN, text="不属本镇职责,建议交区自然资源局")
    assert response.status_code == 302 and response["Location"] == reverse("appeals:index")
    appeal.refresh_from_db()
    assert appeal.state == State.REGISTERED and appeal.assigned_unit is None
    assert c.get(detail(appeal)).status_code == 404
    page = body(as_user(client, world.users.a_data).get(detail(appeal)))
    assert "不属本镇职责,建议交区自然资源局" in page and 'value="assign"' in page


# --- moves ---------------------------------------------------------------------------------------

def test_each_user_sees_forms_for_exactly_the_moves_allowed_to_them(client, world, appeal_in):
    appeal = appeal_in(State.ASSIGNED)

    def forms(user):
        page = body(as_user(client, user).get(detail(appeal)))
        return {a for a in ("assign", "accept", "return", "solve", "rate", "urge", "attach")
                if f'name="action" value="{a}"' in page}

    assert forms(world.users.a_unit) == {"accept", "return", "attach"}
    assert forms(world.users.a_data) == {"urge", "attach"}
    assert forms(world.users.a_enterprise) == {"attach"}
    assert forms(world.users.a_discipline) == set() and forms(world.users.city_admin) == set()
    registered = appeal_in(State.REGISTERED)
    page = body(as_user(client, world.users.a_data).get(detail(registered)))
    assert 'value="assign"' in page and "古荥镇" in page and "须水街道" not in page


@pytest.mark.parametrize("who,action,fields,status,reason", [
    ("a_unit", services.SOLVE, {"text": "已办", "actions_taken": "已办"}, 200,
     "当前状态为“交办”，不能“解决答复”（可进行：受理研判、退回）"),
    ("a_unit", services.RETURN, {"text": ""}, 200, "“退回”须填写说明"),
    # not the user's move at all: a permission failure, 403 with the reason, as in the API
    ("a_enterprise", services.ASSIGN, {}, 403, "只有惠济区的区领导或发改、统计工作人员可以“交办”"),
    ("a_enterprise", "urge", {"text": "请快办"}, 403, "只有区领导或发改、统计工作人员可以督办"),
    ("a_data", "rate", {"rating": Rating.SATISFIED, "text": "回访满意"}, 200,
     "当前状态为“交办”，不能“反馈回访(确认办结)”（可进行：受理研判、退回）"),
])
def test_a_refused_move_shows_its_reasons_and_changes_nothing(client, world, appeal_in, who, action, fields,
                                                              status, reason):
    appeal = appeal_in(State.ASSIGNED)
    before = (appeal.state, appeal.version, appeal.steps.count(), Notification.objects.count())
    response = post_move(as_user(client, getattr(world.users, who)), appeal, action, **fields)
    assert response.status_code == status
    assert reason in body(response) and ('role="alert"' in body(response) or status == 403)
    appeal.refresh_from_db()
    assert (appeal.state, appeal.version, appeal.steps.count(), Notification.objects.count()) == before


def test_a_stale_form_is_refused_with_the_conflict(client, world, appeal_in):
    appeal = appeal_in(State.ASSIGNED)
    stale = appeal.version
    services.transition(world.users.a_unit, appeal, services.ACCEPT)
    response = as_user(client, world.users.a_unit).post(detail(appeal), {
        "action": services.SOLVE, "version": stale, "text": "答复", "actions_taken": "做了"})
    assert response.status_code == 200 and 'role="alert"' in body(response)
    appeal.refresh_from_db()
    assert appeal.state == State.ANALYSING


def test_the_full_loop_through_the_pages_ending_unsatisfied_reopens_the_appeal(client, world, clock):
    enterprise, data, unit = world.users.a_enterprise, world.users.a_data, world.users.a_unit
    as_user(client, enterprise).post(reverse("appeals:new"), {
        "category": "utilities", "urgency": "normal", "title": "厂区用电增容", "description": "新上产线需增容"})
    appeal = Appeal.objects.get()

    assert post_move(as_user(client, data), appeal, services.ASSIGN, unit=world.a_unit.pk,
                     text="请古荥镇牵头协调供电公司").status_code == 302
    assert post_move(as_user(client, unit), appeal, services.ACCEPT, text="已受理").status_code == 302
    assert post_move(client, appeal, services.SOLVE, text="已协调供电公司排期",
                     actions_taken="现场勘察,增容方案已批复").status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == State.SOLVED and appeal.answer == "已协调供电公司排期"

    c = as_user(client, enterprise)
    page = body(c.get(detail(appeal)))
    assert 'value="rate"' in page and "现场勘察,增容方案已批复" in page
    assert post_move(c, appeal, "rate", rating=Rating.UNSATISFIED, text="至今没有通电").status_code == 302
    appeal.refresh_from_db()
    assert (appeal.state, appeal.rating, appeal.reopen_count, appeal.assigned_unit) == (
        State.ASSIGNED, Rating.UNSATISFIED, 1, world.a_unit)
    assert list(appeal.steps.values_list("action", flat=True)) == [
        services.REGISTER, services.ASSIGN, services.ACCEPT, services.SOLVE, services.REOPEN]

    history = body(c.get(detail(appeal)))
    for text in ("请古荥镇牵头协调供电公司", "已协调供电公司排期", "至今没有通电", "第1次重办", "不满意", "a_unit"):
        assert text in history
    assert "厂区用电增容" in body(as_user(client, unit).get(reverse("appeals:inbox")))


def test_a_satisfied_rating_closes_the_appeal(client, world, appeal_in):
    appeal = appeal_in(State.SOLVED)
    c = as_user(client, world.users.a_enterprise)
    assert post_move(c, appeal, "rate", rating=Rating.BASICALLY).status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == State.CLOSED and appeal.rating == Rating.BASICALLY
    page = body(c.get(detail(appeal)))
    assert 'name="action"' not in page  # nothing left to do, not even a file to add


def test_the_supervising_office_urges_an_open_appeal(client, world, appeal_in):
    appeal = appeal_in(State.ANALYSING)
    assert post_move(as_user(client, world.users.a_data), appeal, "urge", text="请本周内答复").status_code == 302
    step = appeal.steps.get(action=services.URGE)
    assert step.text == "请本周内答复" and step.unit == world.a_unit
    assert Notification.objects.filter(user=world.users.a_unit, text__contains="请本周内答复").exists()


def test_a_file_added_on_the_detail_page(client, world, appeal_in):
    appeal = appeal_in(State.ANALYSING)
    c = as_user(client, world.users.a_unit)
    assert c.post(detail(appeal), {"action": "attach",
                                   "file": SimpleUploadedFile("办理凭证.pdf", PDF)}).status_code == 302
    assert appeal.attachments.get().original_name == "办理凭证.pdf"
    assert "办理凭证.pdf" in body(as_user(client, world.users.a_enterprise).get(detail(appeal)))


# --- supervision and statistics ------------------------------------------------------------------

def test_supervision_list_overdue_filter(client, world, appeal_in, clock):
    late = appeal_in(State.ASSIGNED, title="早交办的诉求")  # approval, normal: 7 working days, due 2025-03-19
    clock.move_to("2025-03-25 10:00 +0800")
    fresh = appeal_in(State.ASSIGNED, title="新交办的诉求")
    c = as_user(client, world.users.a_leader)
    everything = body(c.get(reverse("appeals:supervision")))
    # 03-20, 21, 24, 25: the time limits count working days, so does the lateness (6 calendar days)
    assert "早交办的诉求" in everything and "新交办的诉求" in everything and "超期4个工作日" in everything
    overdue = body(c.get(reverse("appeals:supervision"), {"overdue": "1"}))
    assert "早交办的诉求" in overdue and "新交办的诉求" not in overdue
    assert late.pk != fresh.pk
    assert as_user(client, world.users.a_unit).get(reverse("appeals:supervision")).status_code == 403
    b_page = body(as_user(client, world.users.b_data).get(reverse("appeals:supervision")))
    assert "早交办的诉求" not in b_page


def test_statistics_page_and_excel_export_of_the_district(client, world, appeal_in):
    appeal_in(State.CLOSED)
    appeal_in(State.ASSIGNED)
    c = as_user(client, world.users.a_data)
    page = body(c.get(reverse("appeals:statistics", args=[world.a.pk]), {"year": 2025}))
    assert "古荥镇" in page and "惠济区合计" in page and "3月" in page
    response = c.get(reverse("appeals:export", args=[world.a.pk]), {"year": 2025})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["月度统计", "分单位统计"]
    total = [row for row in wb["分单位统计"].iter_rows(values_only=True) if row[0] == "惠济区合计"][0]
    assert total[1:3] == (2, 1)
    for outsider in (world.users.b_data, world.users.a_unit, world.users.a_enterprise):
        assert as_user(client, outsider).get(reverse("appeals:export", args=[world.a.pk])).status_code == 404


# --- notifications -------------------------------------------------------------------------------

def test_notifications_bell_inbox_open_and_mark_read(client, world, appeal_in):
    appeal_in(State.ASSIGNED)  # the unit is told of the new assignment
    c = as_user(client, world.users.a_unit)
    with CaptureQueriesContext(connection) as queries:
        page = body(c.get(reverse("appeals:inbox")))
    counts = [q["sql"] for q in queries if "notifications_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT" in counts[0].upper()
    assert 'class="bell"' in page and "消息提醒,1条未读" in page

    note = Notification.objects.get(user=world.users.a_unit)
    inbox = body(c.get(reverse("notifications:inbox")))
    assert note.text in inbox and "未读" in inbox
    assert c.get(reverse("notifications:open", args=[note.pk])).status_code == 405
    response = c.post(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == note.link
    note.refresh_from_db()
    assert note.read_at is not None
    assert "消息提醒,0条未读" in body(c.get(reverse("notifications:inbox")))

    others = Notification.objects.filter(user=world.users.a_enterprise).first()
    assert c.post(reverse("notifications:open", args=[others.pk])).status_code == 404
    others.refresh_from_db()
    assert others.read_at is None
    c.post(reverse("notifications:inbox"))  # 全部标为已读: only one's own
    assert Notification.objects.filter(user=world.users.a_enterprise, read_at__isnull=True).exists()


def test_index_sends_each_role_to_its_list(client, world):
    expect = {world.users.a_enterprise: "appeals:mine", world.users.a_unit: "appeals:inbox",
              world.users.a_data: "appeals:supervision", world.users.a_discipline: "appeals:supervision"}
    for user, name in expect.items():
        assert as_user(client, user).get(reverse("appeals:index"))["Location"] == reverse(name)


def test_every_state_of_a_closed_loop_renders_for_every_party(client, world, appeal_in):
    """Smoke: each state's page renders for the enterprise, the unit (once assigned) and the district."""
    for state in (State.REGISTERED, State.ASSIGNED, State.ANALYSING, State.SOLVED, State.CLOSED):
        appeal = appeal_in(state)
        for user in (world.users.a_enterprise, world.users.a_data, world.users.a_discipline):
            assert as_user(client, user).get(detail(appeal)).status_code == 200
        if state != State.REGISTERED:
            assert as_user(client, world.users.a_unit).get(detail(appeal)).status_code == 200
    assert AppealStep.objects.exists()


def test_a_rating_must_be_chosen(client, world, appeal_in):
    appeal = appeal_in(State.SOLVED)
    response = post_move(as_user(client, world.users.a_enterprise), appeal, "rate", text="")
    assert response.status_code == 200 and "请选择满意、基本满意或不满意" in body(response)
    appeal.refresh_from_db()
    assert appeal.state == State.SOLVED and not appeal.rating


def test_a_move_posted_without_the_version_it_read_is_refused_naming_the_field_and_changes_nothing(
        client, world, appeal_in):
    appeal = appeal_in(State.ASSIGNED)
    before = (appeal.state, appeal.version, appeal.steps.count())
    response = as_user(client, world.users.a_unit).post(detail(appeal), {"action": services.ACCEPT, "text": "受理"})
    assert 'role="alert"' in body(response) and "缺少所读到的版本（version），未作任何修改" in body(response)
    appeal.refresh_from_db()
    assert (appeal.state, appeal.version, appeal.steps.count()) == before
