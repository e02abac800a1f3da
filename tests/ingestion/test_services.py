"""Reading into proposals, and the review: nothing reaches the ledger before a person accepts, accepting
goes through the indicators services (which keep the scope), and reading again adds nothing."""
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from luoshi.core.registry import site
from luoshi.indicators.models import Actual, Target
from luoshi.ingestion import services
from luoshi.ingestion.evaluation import GOLD_DIR
from luoshi.ingestion.models import Finding, SourceDocument, Status
from luoshi.ingestion.selectors import documents_for, findings_of, highlighted_text

HUIJI = (GOLD_DIR / "seeds" / "000_fe62a0247c95cbc5.txt").read_text(encoding="utf-8")


@pytest.fixture
def document(world):
    doc, created = services.read_document(world.users.a_data, text=HUIJI, title="惠济区委经济工作会议")
    assert created
    return doc


def finding(document, text):
    return Finding.objects.get(document=document, text=text)


def test_reading_proposes_findings_and_writes_nothing_to_the_ledger(world, document):
    assert document.organisation == world.a and len(document.sha256) == 64
    findings = list(document.findings.all())
    assert len(findings) == 20 and {f.status for f in findings} == {Status.PROPOSED}
    gdp = finding(document, "地区生产总值增长6%左右")
    assert (gdp.organisation, gdp.year, gdp.indicator.code, gdp.value, gdp.is_growth) == (
        world.a, 2025, "gdp", Decimal(6), True)
    assert Target.objects.count() == 0 and Actual.objects.count() == 0


def test_reading_again_does_not_duplicate(world, document):
    again, created = services.read_document(world.users.a_data, text=HUIJI.replace("\n", "\r\n"), title="再次上传")
    assert (again, created) == (document, False)
    assert SourceDocument.objects.count() == 1 and Finding.objects.count() == 20


def test_accepting_a_target_goes_through_set_target_with_the_source(world, document):
    gdp = finding(document, "地区生产总值增长6%左右")
    target = services.accept_finding(world.users.a_data, gdp)
    gdp.refresh_from_db()
    assert (target.organisation, target.indicator.code, target.year) == (world.a, "gdp", 2025)
    assert (target.wording, target.kind, target.comparator, target.value) == ("增长6%左右", "growth",
                                                                           "about", Decimal(6))
    assert target.source == f"惠济区委经济工作会议[{gdp.start}:{gdp.end}]"
    assert target.history.first().history_user == world.users.a_data
    assert (gdp.status, gdp.record, gdp.reviewed_by) == (Status.ACCEPTED, target, world.users.a_data)
    assert Target.objects.count() == 1  # only the accepted one


def test_accepting_level_and_growth_fills_one_actual(world, document):
    level = finding(document, "惠济全区生产总值完成241.8亿元")
    growth = finding(document, "增长6%")
    services.accept_finding(world.users.a_data, level)
    actual = services.accept_finding(world.users.a_data, growth)
    assert (actual.year, actual.month, actual.value, actual.growth_pct) == (2024, 9, Decimal("241.8"), Decimal(6))
    assert Actual.objects.count() == 1 and actual.version == 2
    assert "惠济区委经济工作会议[" in actual.source


def test_a_finding_is_accepted_once(world, document):
    gdp = finding(document, "地区生产总值增长6%左右")
    services.accept_finding(world.users.a_data, gdp)
    with pytest.raises(services.FindingError):
        services.accept_finding(world.users.a_data, gdp)


def test_district_b_cannot_accept_into_district_a(world):
    """B reads a report about A: A's name does not resolve in B's scope; forced onto A, the ledger refuses."""
    doc, _ = services.read_document(world.users.b_data, text=HUIJI, title="兄弟区材料")
    gdp = finding(doc, "地区生产总值增长6%左右")
    assert gdp.organisation is None and gdp.organisation_name == "惠济区"
    with pytest.raises(services.FindingError):  # no organisation yet
        services.accept_finding(world.users.b_data, gdp)
    with pytest.raises(PermissionDenied):        # B may not point it at A
        services.edit_finding(world.users.b_data, gdp, organisation=world.a)
    Finding.objects.filter(pk=gdp.pk).update(organisation=world.a)  # as if misread onto A
    with pytest.raises(PermissionDenied):        # refused by indicators.services.set_target
        services.accept_finding(world.users.b_data, gdp)
    gdp.refresh_from_db()
    assert gdp.status == Status.PROPOSED and Target.objects.count() == 0


def test_other_districts_and_non_editors_cannot_review(world, document):
    gdp = finding(document, "地区生产总值增长6%左右")
    for user in (world.users.b_data, world.users.a_leader, world.users.a_enterprise):
        with pytest.raises(PermissionDenied):
            services.accept_finding(user, gdp)
        with pytest.raises(PermissionDenied):
            services.reject_finding(user, gdp)
    with pytest.raises(PermissionDenied):
        services.read_document(world.users.a_leader, text="明年固定资产投资增长8%。", title="x")
    assert Target.objects.count() == 0


def test_edit_then_accept_uses_the_corrected_figure(world, document):
    fi = finding(document, "固定资产投资增长8%")
    services.edit_finding(world.users.a_data, fi, value="7.5", comparator="at_least")
    fi.refresh_from_db()
    assert (fi.status, fi.wording) == (Status.EDITED, "增长7.5%以上")
    target = services.accept_finding(world.users.a_data, fi)
    assert (target.value, target.comparator) == (Decimal("7.5"), "at_least")


def test_reject_writes_nothing(world, document):
    fi = finding(document, "固定资产投资增长8%")
    services.reject_finding(world.users.a_data, fi, note="重复")
    fi.refresh_from_db()
    assert fi.status == Status.REJECTED and Target.objects.count() == 0
    with pytest.raises(services.FindingError):
        services.accept_finding(world.users.a_data, fi)


def test_projects_are_refused_without_an_acceptor_and_use_the_registered_one(world, document):
    project = finding(document, "总投资90.84亿元的古荥城市更新")
    installed = site.register_acceptor("project", None)
    try:
        with pytest.raises(services.FindingError):
            services.accept_finding(world.users.a_data, project)
        calls = []
        site.register_acceptor("project", lambda user, f, reason: calls.append(f.value))
        services.accept_finding(world.users.a_data, project)
    finally:
        site.register_acceptor("project", installed)
    assert calls == [Decimal("90.84")]


NEW_KINDS = ("2025年1月8日,惠济区政府工作报告提出,今年主要预期目标是:地区生产总值增长6%—7%;"
             "城镇调查失业率控制在5.5%以内;"
             "居民人均可支配收入增长与经济增长基本同步;科技服务业增加值占GDP的比重达到20%。\n"
             "2024年,全区城镇调查失业率为4.8%,工业投资增长18.4%,占全部投资的比重达到31.5%。")


@pytest.fixture
def new_kinds(world):
    import time_machine

    with time_machine.travel("2025-03-01 10:00 +0800"):
        doc, _created = services.read_document(world.users.a_data, text=NEW_KINDS, title="新类型")
        yield doc


def accept(world, doc, text):
    import time_machine

    with time_machine.travel("2025-03-01 10:00 +0800"):
        return services.accept_finding(world.users.a_data, Finding.objects.get(document=doc, text=text))


def test_a_range_becomes_a_target_with_low_and_high(world, new_kinds):
    target = accept(world, new_kinds, "地区生产总值增长6%—7%")
    assert (target.kind, target.comparator, target.value, target.value_high) == (
        "growth", "range", Decimal(6), Decimal(7))


def test_a_cap_on_a_rate_becomes_an_at_most_rate_target(world, new_kinds):
    target = accept(world, new_kinds, "城镇调查失业率控制在5.5%以内")
    assert (target.indicator.code, target.kind, target.comparator, target.direction) == (
        "unemployment_rate", "rate", "at_most", "lower")


def test_a_relative_target_is_linked_to_the_economy(world, new_kinds, indicator):
    finding = Finding.objects.get(document=new_kinds, kind="relative")
    assert (finding.role, finding.linked_indicator, finding.indicator.code) == ("target", indicator("gdp"),
                                                                                "resident_income")
    target = accept(world, new_kinds, finding.text)
    assert (target.kind, target.comparator, target.linked_indicator) == ("relative", "about", indicator("gdp"))


def test_a_share_indicator_target_and_a_rate_result(world, new_kinds):
    share = accept(world, new_kinds, "科技服务业增加值占GDP的比重达到20%")
    assert (share.indicator.code, share.kind, share.value) == ("tech_services_share", "rate", Decimal(20))
    rate = accept(world, new_kinds, "全区城镇调查失业率为4.8%")
    assert (rate.indicator.code, rate.year, rate.month, rate.value) == ("unemployment_rate", 2024, 12, Decimal("4.8"))


def test_a_computed_share_result_is_refused_with_the_reason(world, new_kinds):
    with pytest.raises(services.FindingError, match="分子和分母"):
        accept(world, new_kinds, "占全部投资的比重达到31.5%")


def test_selectors_scope_and_highlight(world, document):
    assert list(documents_for(world.users.a_leader)) == [document]
    assert list(documents_for(world.users.b_data)) == []
    assert documents_for(world.users.a_data).get().findings_open == 20
    findings = list(findings_of(world.users.a_data, document))
    pieces = highlighted_text(document, findings)
    assert "".join(p for p, _ in pieces) == document.text
    assert sum(1 for _, f in pieces if f) == 20
    assert list(findings_of(world.users.b_data, document)) == []
