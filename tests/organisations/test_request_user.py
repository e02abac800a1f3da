"""Each request's user is read in one query with its profile, organisation and enterprise (the backend's
query is compiled once; every login still reads its own account)."""
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from luoshi.organisations.backends import ProfileBackend


def test_each_session_reads_its_own_user_with_profile_in_one_query(world):
    backend = ProfileBackend()
    for user, organisation, enterprise in ((world.users.a_leader, world.a, None),
                                           (world.users.b_data, world.b, None),
                                           (world.users.a_enterprise, None, world.a_ent)):
        with CaptureQueriesContext(connection) as queries:
            found = backend.get_user(str(user.pk))
            assert (found.username, found.profile.role) == (user.username, user.profile.role)
            assert found.profile.organisation == organisation and found.profile.enterprise == enterprise
        assert len(queries) == 1


def test_a_user_without_profile_unknown_or_inactive_reads_as_such(world):
    backend = ProfileBackend()
    bare = get_user_model().objects.create_user("bare", password="x" * 12)
    with CaptureQueriesContext(connection) as queries:
        assert not hasattr(backend.get_user(bare.pk), "profile")
    assert len(queries) == 1
    assert backend.get_user(bare.pk + 1000) is None and backend.get_user("not-an-id") is None
    bare.is_active = False
    bare.save()
    assert backend.get_user(bare.pk) is None
