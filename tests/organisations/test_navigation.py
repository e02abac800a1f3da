"""Every demo user's navigation opens: logged in as each demo login, every link of the header on their
home page (the navigation and the user menu) answers 200, never 403, 404 or 500. A link the role may not
open is not offered at all (organisations.access decides both)."""
from html.parser import HTMLParser

import pytest
import time_machine
from django.contrib.auth import get_user_model

from luoshi.organisations.demo import USERS
from tests.conftest import DEMO_NOW

# Files and the logout form are not pages to open; the admin and the API's Swagger page are third-party.
NOT_PAGES = (".xlsx", ".docx", ".pdf", "/logout/")


class _HeaderLinks(HTMLParser):
    """The hrefs inside <header class="top">."""

    def __init__(self):
        super().__init__()
        self.depth, self.links = 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "header" and "top" in (attrs.get("class") or "").split():
            self.depth = 1
        elif self.depth and tag == "header":
            self.depth += 1
        if self.depth and tag == "a" and attrs.get("href", "").startswith("/"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if self.depth and tag == "header":
            self.depth -= 1


def _header_links(html: str) -> list[str]:
    parser = _HeaderLinks()
    parser.feed(html)
    return list(dict.fromkeys(h for h in parser.links if not any(part in h for part in NOT_PAGES)))


@pytest.mark.parametrize("username", [u[0] for u in USERS])
def test_every_link_in_a_demo_users_navigation_opens(demo, client, username):
    client.force_login(get_user_model().objects.get(username=username))
    with time_machine.travel(DEMO_NOW, tick=False):
        home = client.get("/", follow=True)
        assert home.status_code == 200
        links = _header_links(home.content.decode())
        assert len(links) >= 3, links  # home, messages, password at least
        answers = {href: client.get(href, follow=True).status_code for href in links}
    assert {href: code for href, code in answers.items() if code != 200} == {}
