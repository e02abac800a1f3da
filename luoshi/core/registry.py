"""The one place where apps plug into each other (as `django.contrib.admin.site` does for admin pages).

Each app's `AppConfig.ready` registers what it contributes; the app that uses a contribution asks the
registry and never imports the contributor. Everything is registered once, at start-up, as callables, so a
request resolves nothing. What can be registered:

- **panels** of the one-screen dashboard: `fn(organisation, user) -> Panel | None` (`Panel` and `Figure`
  are defined here, so a contributor imports nothing of the dashboard), shown in `order`;
- **acceptors** of report findings: `fn(user, finding, reason) -> record`, one per finding kind;
- **readers** of reports: `fn(text, date=…) -> [finding fields]`, run beside the extractor;
- **hand-overs** between apps: one function per named event (`"investment.started"`: the pipeline takes
  over a started investment lead and returns its project);
- **demos**: `fn() -> dict` loading an app's demo data, run by `load_demo` in `order`.
"""
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Figure:
    """One figure of a panel, clicking through to the records behind it."""

    label: str
    value: str
    url: str = ""
    tone: str = ""  # "good" (the palette's 达标 colour), WARNING (overdue, waiting: one tone under every palette) or ""


@dataclass
class Panel:
    """What a registered panel function returns for the one-screen dashboard."""

    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    items: list[Figure] = field(default_factory=list)  # e.g. the lagging projects or overdue appeals


@dataclass(frozen=True)
class Entry:
    name: str
    fn: Callable
    order: int = 0


@dataclass
class Registry:
    _panels: dict[str, Entry] = field(default_factory=dict)
    _acceptors: dict[str, Callable | None] = field(default_factory=dict)
    _readers: list[Callable] = field(default_factory=list)
    _handovers: dict[str, Callable] = field(default_factory=dict)
    _demos: dict[str, Entry] = field(default_factory=dict)

    # --- dashboard panels
    def register_panel(self, name: str, fn: Callable, order: int = 0) -> None:
        self._panels[name] = Entry(name, fn, order)

    def panels(self) -> list[Callable]:
        return [e.fn for e in sorted(self._panels.values(), key=lambda e: (e.order, e.name))]

    # --- acceptors of findings
    def register_acceptor(self, kind: str, fn: Callable | None) -> Callable | None:
        """Set the acceptor of `kind` (None: the kind cannot be accepted); returns the one it replaces."""
        previous = self._acceptors.get(kind)
        self._acceptors[kind] = fn
        return previous

    def acceptor(self, kind: str) -> Callable | None:
        return self._acceptors.get(kind)

    # --- readers of reports
    def register_reader(self, fn: Callable) -> None:
        if fn not in self._readers:
            self._readers.append(fn)

    def readers(self) -> list[Callable]:
        return list(self._readers)

    # --- hand-overs
    def register_handover(self, event: str, fn: Callable | None) -> Callable | None:
        """Who acts on `event` (None removes it); returns the one it replaces."""
        previous = self._handovers.pop(event, None)
        if fn is not None:
            self._handovers[event] = fn
        return previous

    def handover(self, event: str) -> Callable | None:
        return self._handovers.get(event)

    # --- demo data
    def register_demo(self, name: str, fn: Callable, order: int) -> None:
        self._demos[name] = Entry(name, fn, order)

    def demos(self) -> list[Entry]:
        return sorted(self._demos.values(), key=lambda e: (e.order, e.name))


site = Registry()
