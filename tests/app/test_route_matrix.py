"""Role × route × owner/other: every route with an id, called as each role on an object the
caller owns and on one it does not. Another tenant's object must answer 404 (never 403, which
would say that it exists); a role that may not use a route gets 403 whatever the id.

``test_every_id_route_is_in_the_matrix`` walks ``app.routes`` so a new route cannot skip this.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.main import create_app
from app.runtime import Runtime
from app.services.notifications import Message, notify
from models import Account, Notification, Role
from tests.conftest import ClientAs, Factory, api_key_headers

ROLES = ("anon", "admin", "hr", "enterprise", "postdoc")
OWN, OTHER = "own", "other"

Expect = dict[str, tuple[int, int]]  # role → (status on own object, status on other's object)


def expect(ok: int, anon: int = 401, **roles: tuple[int, int] | int) -> Expect:
    """Admin and HR get ``ok`` unless named; others as given (an int means both)."""
    table: Expect = {"anon": (anon, anon), "admin": (ok, ok), "hr": (ok, ok)}
    for role in ROLES[1:]:
        value = roles.get(role, table.get(role, (403, 403)))
        table[role] = (value, value) if isinstance(value, int) else value
    return table


@dataclass
class Route:
    target: str  # the kind of object whose id goes in the path
    expected: Expect
    body: dict | Callable[[World, int], dict] | None = None
    form: bool = False  # web UI routes take form fields (and redirect after a post)


TENANT_READ = (200, 404)
HOOK_URL = "https://hooks.example.com/jiebang"  # never called: nothing happens in these cases


def ui(ok: int, **roles: tuple[int, int] | int) -> Expect:
    """A web page: without a session it redirects to the sign-in form."""
    return expect(ok, anon=303, **roles)


def ui_form(ok: int, **roles: tuple[int, int] | int) -> Expect:
    """A web form post: without a session the sign-in form is shown at once (401), carrying
    what was typed."""
    return expect(ok, anon=401, **roles)


def _hand_entry(w: World, challenge_id: int) -> dict:
    response = w.clients["admin"].post(f"/challenges/{challenge_id}/match-list", json={"postdoc_id": w.p1})
    assert response.status_code == 201, response.text
    return {"status": "shortlisted", "entry_ids": [response.json()["id"]], "note": "批量"}


def _edit(_: World, challenge_id: int) -> dict:
    return {"title": f"修订标题{challenge_id}", "description": "修订描述", "sector": "marine", "budget": "30"}


MATRIX: dict[tuple[str, str], Route] = {
    ("GET", "/stations/{station_id}"): Route("station", expect(200, enterprise=200, postdoc=200)),
    ("PATCH", "/stations/{station_id}"): Route("station", expect(200), {"city": "烟台"}),
    ("DELETE", "/stations/{station_id}"): Route("station", expect(204)),
    ("GET", "/enterprises/{enterprise_id}"): Route("enterprise", expect(200, enterprise=TENANT_READ)),
    ("PATCH", "/enterprises/{enterprise_id}"): Route(
        "enterprise", expect(200, enterprise=TENANT_READ), {"city": "烟台"}
    ),
    ("DELETE", "/enterprises/{enterprise_id}"): Route("enterprise", expect(204)),
    ("GET", "/enterprises/{enterprise_id}/webhooks"): Route(
        "enterprise", expect(200, enterprise=TENANT_READ)
    ),
    ("POST", "/enterprises/{enterprise_id}/webhooks"): Route(
        "enterprise", expect(201, enterprise=(201, 404)), {"url": HOOK_URL, "events": ["application.created"]}
    ),
    ("DELETE", "/enterprises/{enterprise_id}/webhooks/{webhook_id}"): Route(
        "webhook", expect(204, enterprise=(204, 404))
    ),
    ("GET", "/enterprises/{enterprise_id}/webhooks/{webhook_id}/deliveries"): Route(
        "webhook", expect(200, enterprise=TENANT_READ)
    ),
    ("GET", "/postdocs/{postdoc_id}"): Route("postdoc", expect(200, postdoc=TENANT_READ)),
    ("PATCH", "/postdocs/{postdoc_id}"): Route(
        "postdoc", expect(200, postdoc=TENANT_READ), {"research_interests": "海洋牧场 水产养殖"}
    ),
    ("DELETE", "/postdocs/{postdoc_id}"): Route("postdoc", expect(204)),
    ("GET", "/postdocs/{postdoc_id}/challenges"): Route("postdoc", expect(200, postdoc=TENANT_READ)),
    ("GET", "/challenges/{challenge_id}"): Route(
        "challenge", expect(200, enterprise=TENANT_READ, postdoc=TENANT_READ)
    ),
    ("PATCH", "/challenges/{challenge_id}"): Route(
        "challenge", expect(200, enterprise=TENANT_READ), {"description": "新的难题描述。"}
    ),
    ("POST", "/challenges/{challenge_id}/transitions"): Route(
        "challenge", expect(200, enterprise=TENANT_READ), {"status": "closed"}
    ),
    ("DELETE", "/challenges/{challenge_id}"): Route("challenge", expect(204, enterprise=(204, 404))),
    ("GET", "/challenges/{challenge_id}/candidates"): Route("challenge", expect(200)),
    # teams are proposed for open calls only: "other" is a draft, so staff get 409 there
    ("GET", "/challenges/{challenge_id}/teams"): Route(
        "challenge", expect(200, admin=(200, 409), hr=(200, 409))
    ),
    ("POST", "/challenges/{challenge_id}/teams/score"): Route(
        "challenge", expect(200, admin=(200, 409), hr=(200, 409)), lambda w, _: {"postdoc_ids": [w.p1]}
    ),
    ("DELETE", "/accounts/me/api-keys/{key_id}"): Route(
        "api_key", expect(200, enterprise=TENANT_READ, postdoc=TENANT_READ, hr=TENANT_READ)
    ),
    # match lists
    ("GET", "/challenges/{challenge_id}/match-list"): Route("challenge", expect(200, enterprise=TENANT_READ)),
    ("POST", "/challenges/{challenge_id}/match-list"): Route(
        "challenge", expect(201), lambda w, _: {"postdoc_id": w.p1, "note": "手动添加"}
    ),
    ("POST", "/challenges/{challenge_id}/match-list/seed"): Route("challenge", expect(200)),
    ("PUT", "/challenges/{challenge_id}/match-list/order"): Route(
        "challenge", expect(204), lambda w, cid: {"entry_ids": w.entry_ids(cid)[::-1]}
    ),
    ("GET", "/challenges/{challenge_id}/match-list/export"): Route(
        "challenge", expect(200, enterprise=TENANT_READ)
    ),
    ("GET", "/challenges/{challenge_id}/audit"): Route("challenge", expect(200)),
    ("PATCH", "/match-entries/{entry_id}"): Route(
        "entry", expect(200), {"status": "shortlisted", "note": "好"}
    ),
    # postdoc side
    ("PUT", "/challenges/{challenge_id}/bookmark"): Route(
        "challenge", expect(204, admin=403, hr=403, postdoc=(204, 404))
    ),
    ("DELETE", "/challenges/{challenge_id}/bookmark"): Route(
        "challenge", expect(204, admin=403, hr=403, postdoc=(204, 404))
    ),
    ("PUT", "/challenges/{challenge_id}/dismissal"): Route(
        "challenge", expect(204, admin=403, hr=403, postdoc=(204, 404))
    ),
    ("DELETE", "/challenges/{challenge_id}/dismissal"): Route(
        "challenge", expect(204, admin=403, hr=403, postdoc=(204, 404))
    ),
    ("GET", "/postdocs/{postdoc_id}/bookmarks"): Route("postdoc", expect(200, postdoc=TENANT_READ)),
    ("POST", "/challenges/{challenge_id}/applications"): Route(
        "challenge", expect(201, admin=403, hr=403, postdoc=(201, 404)), {"proposal": "我们团队有相关经验。"}
    ),
    ("GET", "/challenges/{challenge_id}/applications"): Route(
        "challenge", expect(200, enterprise=TENANT_READ)
    ),
    ("GET", "/applications/{application_id}"): Route(
        "application", expect(200, enterprise=TENANT_READ, postdoc=TENANT_READ)
    ),
    ("POST", "/applications/{application_id}/confirm"): Route(
        "application", expect(200, admin=403, hr=403, postdoc=TENANT_READ)
    ),
    ("POST", "/applications/{application_id}/decision"): Route(
        "application", expect(200, enterprise=TENANT_READ), {"decision": "rejected", "note": "不合适"}
    ),
    # web UI (pages load the object first, so another tenant's id is a 404 before any role check)
    ("GET", "/ui/challenges/{challenge_id}"): Route(
        "challenge", ui(200, enterprise=TENANT_READ, postdoc=TENANT_READ)
    ),
    ("GET", "/ui/challenges/{challenge_id}/review"): Route(
        "challenge", ui(200, enterprise=(403, 404), postdoc=(403, 404))
    ),
    ("POST", "/ui/match-entries/{entry_id}/decide"): Route(
        "entry", ui_form(303), {"status": "approved"}, form=True
    ),
    ("POST", "/ui/match-entries/{entry_id}/move"): Route(
        "entry", ui_form(303), {"direction": "up"}, form=True
    ),
    ("POST", "/ui/challenges/{challenge_id}/match-list/seed"): Route(
        "challenge", ui_form(303, enterprise=(403, 404), postdoc=(403, 404)), form=True
    ),
    ("POST", "/ui/challenges/{challenge_id}/match-list"): Route(
        "challenge",
        ui_form(303, enterprise=(403, 404), postdoc=(403, 404)),
        lambda w, _: {"postdoc_id": w.p1},
        form=True,
    ),
    ("POST", "/ui/challenges/{challenge_id}/mark"): Route(
        "challenge", ui_form(403, enterprise=(403, 404), postdoc=(303, 404)), {"kind": "bookmark"}, form=True
    ),
    ("GET", "/ui/challenges/{challenge_id}/apply"): Route(
        "challenge", ui(403, enterprise=(403, 404), postdoc=TENANT_READ)
    ),
    ("POST", "/ui/challenges/{challenge_id}/apply"): Route(
        "challenge", ui_form(403, enterprise=(403, 404), postdoc=(303, 404)), {"proposal": "方案"}, form=True
    ),
    ("POST", "/ui/applications/{application_id}/confirm"): Route(
        "application", ui_form(403, enterprise=(403, 404), postdoc=(303, 404)), {}, form=True
    ),
    ("POST", "/ui/applications/{application_id}/decision"): Route(
        "application",
        ui_form(303, enterprise=(303, 404), postdoc=(403, 404)),
        {"decision": "rejected"},
        form=True,
    ),
    ("GET", "/ui/challenges/{challenge_id}/edit"): Route(
        "challenge", ui(200, enterprise=TENANT_READ, postdoc=(404, 404))
    ),
    ("POST", "/ui/challenges/{challenge_id}/edit"): Route(
        "challenge", ui_form(303, enterprise=(303, 404), postdoc=(404, 404)), _edit, form=True
    ),
    ("POST", "/ui/challenges/{challenge_id}/publish"): Route(
        "challenge", ui_form(303, enterprise=(303, 404), postdoc=(404, 404)), {}, form=True
    ),
    ("POST", "/ui/challenges/{challenge_id}/match-list/bulk"): Route(
        "challenge", ui_form(303, enterprise=(403, 404), postdoc=(403, 404)), _hand_entry, form=True
    ),
    ("POST", "/ui/match-entries/{entry_id}/move-to"): Route(
        "entry", ui_form(303), {"position": 1}, form=True
    ),
    # the lead cannot decline their own team (a member can): the same 404 as for another's
    ("POST", "/ui/applications/{application_id}/decline"): Route(
        "application", ui_form(403, enterprise=(403, 404), postdoc=(404, 404)), {}, form=True
    ),
    ("GET", "/ui/postdocs/{postdoc_id}"): Route(
        "postdoc", ui(200, enterprise=(404, 404), postdoc=TENANT_READ)
    ),
    ("POST", "/ui/notifications/{notification_id}/read"): Route(
        "notification",
        ui_form(303, admin=(303, 404), hr=(303, 404), enterprise=(303, 404), postdoc=(303, 404)),
        {},
        form=True,
    ),
    ("POST", "/notifications/{notification_id}/read"): Route(
        "notification",
        expect(200, admin=TENANT_READ, hr=TENANT_READ, enterprise=TENANT_READ, postdoc=TENANT_READ),
    ),
    # matchmaking events: "own" is an event open for registration, "other" a draft (hidden from
    # non-staff); participants and meetings: the caller's own, or another tenant's
    ("GET", "/events/{event_id}"): Route("event", expect(200, enterprise=TENANT_READ, postdoc=TENANT_READ)),
    ("PATCH", "/events/{event_id}"): Route("event", expect(200), {"venue": "青岛国际会展中心"}),
    ("POST", "/events/{event_id}/transitions"): Route("event", expect(200), {"status": "closed"}),
    # staff must name whom they register (422); a participant registers itself
    ("POST", "/events/{event_id}/participants"): Route(
        "event", expect(422, enterprise=(201, 404), postdoc=(201, 404)), {}
    ),
    ("GET", "/events/{event_id}/participants"): Route(
        "event", expect(200, enterprise=TENANT_READ, postdoc=TENANT_READ)
    ),
    ("POST", "/events/{event_id}/conflicts"): Route("event", expect(201), lambda w, eid: w.pair_of(eid)),
    ("POST", "/events/{event_id}/schedule"): Route("event", expect(200)),
    ("GET", "/events/{event_id}/report"): Route("event", expect(200)),
    ("GET", "/events/{event_id}/meetings"): Route(
        "event", expect(200, enterprise=TENANT_READ, postdoc=TENANT_READ)
    ),
    ("POST", "/events/{event_id}/meetings"): Route(
        "event", expect(201), lambda w, eid: {**w.pair_of(eid), "slot": 0, "table": 0}
    ),
    ("GET", "/events/{event_id}/timetable.xlsx"): Route("event", expect(200)),
    ("GET", "/event-participants/{participant_id}/schedule.ics"): Route(
        "participant", expect(200, enterprise=TENANT_READ, postdoc=TENANT_READ)
    ),
    ("GET", "/event-participants/{participant_id}"): Route(
        "participant", expect(200, enterprise=TENANT_READ, postdoc=TENANT_READ)
    ),
    ("PATCH", "/event-participants/{participant_id}"): Route(
        "participant", expect(200, enterprise=TENANT_READ, postdoc=TENANT_READ), {"slots": [0, 1]}
    ),
    ("DELETE", "/event-participants/{participant_id}"): Route(
        "participant", expect(204, enterprise=(204, 404), postdoc=(204, 404))
    ),
    ("GET", "/event-participants/{participant_id}/suggestions"): Route(
        "participant", expect(200, enterprise=TENANT_READ, postdoc=TENANT_READ)
    ),
    ("PUT", "/event-participants/{participant_id}/interest"): Route(
        "participant",
        expect(204, enterprise=(204, 404), postdoc=(204, 404)),
        lambda w, pid: w.other_side(pid),
    ),
    ("PATCH", "/meetings/{meeting_id}"): Route("meeting", expect(200), {"locked": True}),
    ("DELETE", "/meetings/{meeting_id}"): Route("meeting", expect(204)),
    ("GET", "/ui/events/{event_id}"): Route("event", ui(200, enterprise=(303, 404), postdoc=(303, 404))),
    ("GET", "/ui/events/{event_id}/mine"): Route(
        "event", ui(200, enterprise=TENANT_READ, postdoc=TENANT_READ)
    ),
    ("POST", "/ui/events/{event_id}/transition"): Route(
        "event", ui_form(303, enterprise=(403, 404), postdoc=(403, 404)), {"status": "closed"}, form=True
    ),
    ("POST", "/ui/events/{event_id}/schedule"): Route(
        "event", ui_form(303, enterprise=(403, 404), postdoc=(403, 404)), {}, form=True
    ),
    ("POST", "/ui/events/{event_id}/register"): Route(
        "event", ui_form(422, enterprise=(303, 404), postdoc=(303, 404)), {}, form=True
    ),
    ("POST", "/ui/event-participants/{participant_id}/slots"): Route(
        "participant", ui_form(303, enterprise=(303, 404), postdoc=(303, 404)), {"slot": ["0"]}, form=True
    ),
    ("POST", "/ui/event-participants/{participant_id}/interest"): Route(
        "participant",
        ui_form(303, enterprise=(303, 404), postdoc=(303, 404)),
        lambda w, pid: {**w.other_side(pid), "interest": "like"},
        form=True,
    ),
    ("POST", "/ui/meetings/{meeting_id}/move"): Route(
        "meeting", ui_form(303, enterprise=(403, 404), postdoc=(403, 404)), {"slot": 1, "table": 1}, form=True
    ),
    ("POST", "/ui/meetings/{meeting_id}/lock"): Route(
        "meeting", ui_form(303, enterprise=(403, 404), postdoc=(403, 404)), {"locked": "true"}, form=True
    ),
    ("POST", "/ui/meetings/{meeting_id}/outcome"): Route(
        "meeting", ui_form(303, enterprise=(403, 404), postdoc=(403, 404)), {"outcome": "held"}, form=True
    ),
    ("POST", "/ui/meetings/{meeting_id}/remove"): Route(
        "meeting", ui_form(303, enterprise=(403, 404), postdoc=(403, 404)), {}, form=True
    ),
    # accounts pages: admins only (HR too gets 403), on any account or key
    ("GET", "/ui/accounts/{account_id}"): Route("account", ui(200, hr=403)),
    ("POST", "/ui/accounts/{account_id}/active"): Route(
        "account", ui_form(303, hr=403), {"active": "false"}, form=True
    ),
    ("POST", "/ui/accounts/{account_id}/password"): Route(
        "account", ui_form(200, hr=403), {"password": "a-new-password-1"}, form=True
    ),
    ("POST", "/ui/accounts/{account_id}/api-keys/reset"): Route(
        "account", ui_form(200, hr=403), {}, form=True
    ),
    ("POST", "/ui/api-keys/{key_id}/revoke"): Route("api_key", ui_form(303, hr=403), {}, form=True),
    # webhook pages: the enterprise's own (staff on its behalf); a postdoc sees no enterprise
    ("GET", "/ui/enterprises/{enterprise_id}/webhooks"): Route(
        "enterprise", ui(200, enterprise=TENANT_READ, postdoc=(404, 404))
    ),
    ("POST", "/ui/enterprises/{enterprise_id}/webhooks"): Route(
        "enterprise",
        ui_form(200, enterprise=TENANT_READ, postdoc=(404, 404)),
        {"url": HOOK_URL, "events": "application.created"},
        form=True,
    ),
    ("POST", "/ui/enterprises/{enterprise_id}/webhooks/{webhook_id}/delete"): Route(
        "webhook", ui_form(303, enterprise=(303, 404), postdoc=(404, 404)), {}, form=True
    ),
}


class World:
    """Enterprise A and postdoc P1 own things; B and P2 are the other tenants."""

    def __init__(self, runtime: Runtime, admin: TestClient, client_as: ClientAs) -> None:
        self.runtime = runtime
        self.make = Factory(admin)
        self.ent_a = self.make.enterprise()["id"]
        self.ent_b = self.make.enterprise()["id"]
        self.p1 = self.make.postdoc()["id"]
        self.p2 = self.make.postdoc()["id"]
        self.p2_client = client_as(Role.postdoc, postdoc_id=self.p2)
        self.clients: dict[str, TestClient] = {
            "admin": admin,
            "hr": client_as(Role.hr),
            "enterprise": client_as(Role.enterprise, enterprise_id=self.ent_a),
            "postdoc": client_as(Role.postdoc, postdoc_id=self.p1),
        }

    def target(self, kind: str, role: str, relation: str) -> int | tuple[int, int]:
        """A fresh object (so deleting one case's target leaves the next case alone)."""
        makers: dict[str, Callable[[], int | tuple[int, int]]] = {
            "station": lambda: self.make.station()["id"],
            "enterprise": lambda: (
                self.ent_a if role == "enterprise" and relation == OWN else self.make.enterprise()["id"]
            ),
            "postdoc": lambda: (
                self.p1 if role == "postdoc" and relation == OWN else self.make.postdoc()["id"]
            ),
            # own: an open challenge of A (A's, and published); other: a draft of B (neither).
            "challenge": lambda: (
                self.make.challenge(self.ent_a)["id"]
                if relation == OWN
                else self.make.challenge(self.ent_b, status="draft")["id"]
            ),
            "api_key": lambda: self._api_key(role, relation),
            "account": lambda: self._account(),
            "entry": lambda: self._entry(),
            "application": lambda: self._application(relation),
            "notification": lambda: self._notification(role, relation),
            "event": lambda: self._event("registration" if relation == OWN else "draft"),
            "participant": lambda: self._participant(role, relation),
            "meeting": lambda: self._meeting(relation),
            "webhook": lambda: self._webhook(relation),
        }
        return makers[kind]()

    def _event(self, status: str) -> int:
        body = {
            "title": "产才对接会",
            "starts_at": "2026-12-10T09:00:00+08:00",
            "slot_count": 3,
            "table_count": 2,
        }
        event = self._admin("/events", body)["id"]
        if status == "registration":
            self._admin(f"/events/{event}/transitions", {"status": "registration"}, 200)
        return event

    def _admin(self, url: str, body: dict, code: int = 201) -> dict:
        response = self.clients["admin"].post(url, json=body)
        assert response.status_code == code, response.text
        return response.json()

    def _register(self, event: int, **who: int) -> int:
        return self._admin(f"/events/{event}/participants", who)["id"]

    def _participant(self, role: str, relation: str) -> int:
        """own: the caller's registration (P1's for staff and anon); other: P2's or B's."""
        event = self._event("registration")
        if role == "enterprise":
            return self._register(event, enterprise_id=self.ent_a if relation == OWN else self.ent_b)
        return self._register(event, postdoc_id=self.p1 if relation == OWN else self.p2)

    def _meeting(self, relation: str) -> int:
        """own: P1 meets A; other: P2 meets B (in a fresh event each time)."""
        event = self._event("registration")
        postdoc, enterprise = (self.p1, self.ent_a) if relation == OWN else (self.p2, self.ent_b)
        pair = {
            "postdoc_participant_id": self._register(event, postdoc_id=postdoc),
            "enterprise_participant_id": self._register(event, enterprise_id=enterprise),
        }
        return self._admin(f"/events/{event}/meetings", {**pair, "slot": 0, "table": 0})["id"]

    def pair_of(self, event: int) -> dict:
        """A fresh postdoc and enterprise registered for ``event`` (as the body of a conflict)."""
        return {
            "postdoc_participant_id": self._register(event, postdoc_id=self.make.postdoc()["id"]),
            "enterprise_participant_id": self._register(event, enterprise_id=self.make.enterprise()["id"]),
        }

    def other_side(self, participant: int) -> dict:
        """A participant of the other side in ``participant``'s event."""
        found = self.clients["admin"].get(f"/event-participants/{participant}").json()
        if found["kind"] == "postdoc":
            target = self._register(found["event_id"], enterprise_id=self.make.enterprise()["id"])
        else:
            target = self._register(found["event_id"], postdoc_id=self.make.postdoc()["id"])
        return {"target_participant_id": target, "interest": "like"}

    def entry_ids(self, challenge_id: int) -> list[int]:
        self.clients["admin"].post(f"/challenges/{challenge_id}/match-list/seed")
        response = self.clients["admin"].get(f"/challenges/{challenge_id}/match-list")
        return [e["id"] for e in response.json()["items"]]

    def _entry(self) -> int:
        challenge = self.make.challenge(self.ent_a)["id"]
        response = self.clients["admin"].post(
            f"/challenges/{challenge}/match-list", json={"postdoc_id": self.p1}
        )
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def _application(self, relation: str) -> int:
        """own: P1 leads an application to A's challenge; other: P2 applies to B's."""
        enterprise, applicant = (
            (self.ent_a, self.clients["postdoc"]) if relation == OWN else (self.ent_b, self.p2_client)
        )
        challenge = self.make.challenge(enterprise)["id"]
        response = applicant.post(f"/challenges/{challenge}/applications", json={"proposal": "方案"})
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def _notification(self, role: str, relation: str) -> int:
        mine = self.clients["admin" if role == "anon" else role]
        if relation == OTHER:
            mine = self.p2_client
        account_id = mine.get("/accounts/me").json()["id"]
        with self.runtime.session() as session:
            notify(
                session,
                [session.get(Account, account_id)],
                "test",
                Message("测试通知", "A test notification"),
            )
            session.commit()
            return session.scalars(select(Notification.id).order_by(Notification.id.desc())).first()

    def _account(self) -> int:
        """A fresh HR account (admins manage every account: own and other are alike)."""
        body = {"email": f"staff-{uuid.uuid4().hex[:8]}@example.org", "name": "职员", "role": "hr"}
        return self._admin("/accounts", body)["id"]

    def _webhook(self, relation: str) -> tuple[int, int]:
        """(enterprise, webhook): own is one of A's, other one of B's (under B's path)."""
        enterprise = self.ent_a if relation == OWN else self.ent_b
        body = {"url": HOOK_URL, "events": ["application.created"]}
        return enterprise, self._admin(f"/enterprises/{enterprise}/webhooks", body)["id"]

    def _api_key(self, role: str, relation: str) -> int:
        owner = self.clients["admin" if role == "anon" else role]
        if relation == OTHER:
            owner = self.clients["hr" if role != "hr" else "enterprise"]
        response = owner.post("/accounts/me/api-keys", json={"name": "spare"})
        assert response.status_code == 201, response.text
        return response.json()["id"]


def api_routes(app: FastAPI) -> list[tuple[str, str, bool]]:
    """(method, path, in schema) of every API route, looking into included routers too (FastAPI
    0.16x keeps them as lazily expanded ``_IncludedRouter`` entries in ``app.routes``)."""
    found = []
    for r in app.routes:
        contexts = r.effective_route_contexts() if hasattr(r, "effective_route_contexts") else [r]
        for c in contexts:
            if isinstance(c, APIRoute) or hasattr(c, "original_route"):
                found += [(m, c.path, bool(c.include_in_schema)) for m in c.methods]
    return found


def _fill(path: str, object_id: int | tuple[int, ...]) -> str:
    """The path with its ids, first to last (a nested resource gives its parent's id first)."""
    for one in object_id if isinstance(object_id, tuple) else (object_id,):
        start = path.index("{")
        path = path[:start] + str(one) + path[path.index("}") + 1 :]
    return path


@pytest.mark.parametrize("method,path", sorted(MATRIX), ids=lambda v: str(v))
def test_route_matrix(
    method: str, path: str, runtime: Runtime, client: TestClient, anon_client: TestClient, client_as: ClientAs
) -> None:
    route = MATRIX[(method, path)]
    world = World(runtime, client, client_as)
    clients = {**world.clients, "anon": anon_client}
    got: dict[str, tuple[int, int]] = {}
    for role in ROLES:
        codes = []
        for relation in (OTHER, OWN):  # other first: a wrong 2xx on it must not hide the own case
            object_id = world.target(route.target, role, relation)
            url = _fill(path, object_id)
            body = route.body(world, object_id) if callable(route.body) else route.body
            payload = {"data": body} if route.form else {"json": body}
            response = clients[role].request(method, url, follow_redirects=False, **payload)
            codes.append(response.status_code)
        got[role] = (codes[1], codes[0])
    assert got == route.expected


def test_every_id_route_is_in_the_matrix(runtime: Runtime) -> None:
    routes = {(method, path) for method, path, _ in api_routes(create_app(runtime=runtime)) if "_id}" in path}
    assert len(routes) >= len(MATRIX) > 0
    assert sorted(routes - set(MATRIX)) == [], "add these routes to MATRIX"
    assert sorted(set(MATRIX) - routes) == [], "these MATRIX entries name no route"


OPEN_ROUTES = {("GET", "/health"), ("GET", "/ui"), ("GET", "/ui/login"), ("POST", "/ui/login")}


def test_every_route_needs_credentials(runtime: Runtime, anon_client: TestClient) -> None:
    """Without a session or key, every API route answers 401 (ids filled with 1)."""
    checked = 0
    for method, path, in_schema in api_routes(create_app(runtime=runtime)):
        if (method, path) in OPEN_ROUTES or not (in_schema or path.startswith("/ui")):
            continue
        url = path.replace("{kind}", "stations")
        while "{" in url:
            url = _fill(url, 1)
        response = anon_client.request(method, url, follow_redirects=False)
        if in_schema:
            assert response.status_code == 401, (method, path)
        elif method == "GET":  # a page: off to the sign-in form
            assert response.status_code == 303, (method, path)
            assert response.headers["location"].startswith("/ui/login"), (method, path)
        else:  # a form post: the sign-in form at once, keeping what was typed
            assert response.status_code == 401, (method, path)
            assert 'action="/ui/login"' in response.text, (method, path)
        checked += 1
    assert checked >= len(MATRIX)


def test_revoked_key_is_refused(runtime: Runtime) -> None:
    headers = api_key_headers(runtime, Role.hr)
    with TestClient(create_app(runtime=runtime), headers=headers) as hr:
        key_id = hr.get("/accounts/me/api-keys").json()[0]["id"]
        assert hr.get("/stations").status_code == 200
        assert hr.delete(f"/accounts/me/api-keys/{key_id}").status_code == 200
        response = hr.get("/stations")
        assert response.status_code == 401
        assert response.json() == {"detail": "the API key is unknown or revoked"}
