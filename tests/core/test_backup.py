"""Backup and restore: a backup restored into an empty database holds every record and its history."""
import json

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from luoshi.indicators.models import Actual, Target
from luoshi.indicators.services import record_actual, set_target
from luoshi.organisations.models import Organisation


def snapshot():
    """What a user would check after a restore: the records, their values, and who changed what why."""
    return {
        "orgs": sorted(Organisation.objects.values_list("id", "name", "parent_id", "district_id")),
        "users": sorted(get_user_model().objects.values_list("id", "username", "password")),
        "targets": sorted(Target.objects.values_list("id", "wording", "value", "version")),
        "actuals": sorted(Actual.objects.values_list("id", "value", "growth_pct", "version")),
        "history": sorted(Actual.history.values_list("id", "value", "history_user__username",
                                                     "history_change_reason", "history_date")),
    }


@pytest.fixture
def filled(transactional_db, world, indicator):
    gdp = indicator("gdp")
    with time_machine.travel("2025-11-24 10:00 +0800"):
        set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, wording="增长6%左右")
        record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9, value="240",
                      growth_pct="5.9")
        record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9, value="241.8",
                      growth_pct="6", reason="统计局反馈修正")
    return world


def test_backup_restored_into_an_empty_database_has_every_record_and_its_history(filled, tmp_path):
    before = snapshot()
    assert len(before["history"]) == 2
    path = tmp_path / "b.json.gz"
    call_command("backup", str(path), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    assert not Actual.objects.exists() and not Actual.history.exists()
    call_command("restore", str(path), verbosity=0)
    assert snapshot() == before
    new = Organisation.objects.create(name="新区", short_name="新区", kind="district", parent=filled.city)
    assert new.pk > max(o[0] for o in before["orgs"]), "ids continue after the restored ones"


def test_restore_refuses_a_database_that_is_not_empty(filled, tmp_path):
    path = tmp_path / "b.json.gz"
    call_command("backup", str(path), verbosity=0)
    with pytest.raises(CommandError, match="不是空的"):
        call_command("restore", str(path), verbosity=0)


def test_restore_that_does_not_match_its_manifest_writes_nothing(filled, tmp_path):
    path = tmp_path / "b.json.gz"
    call_command("backup", str(path), verbosity=0)
    manifest = tmp_path / "b.manifest.json"
    data = json.loads(manifest.read_text())
    data["counts"]["indicators.actual"] += 1
    manifest.write_text(json.dumps(data))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="记录数与备份清单不符"):
        call_command("restore", str(path), verbosity=0)
    assert not Organisation.objects.exists() and not get_user_model().objects.exists()
