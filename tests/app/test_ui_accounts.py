"""The admin's accounts pages through their forms: the paged, searchable list, creating
accounts with their tenant link, errors by the field with what was typed, deactivating and
reactivating, new passwords and API keys reset or revoked; CSRF and roles as on every form."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.runtime import Runtime
from models import Role
from tests.app.test_ui import account, csrf_of, sign_in
from tests.conftest import Factory


@pytest.fixture
def web(runtime: Runtime) -> TestClient:
    with TestClient(create_app(runtime=runtime)) as c:
        yield c  # type: ignore[misc]


@pytest.fixture
def admin(runtime: Runtime, web: TestClient) -> TestClient:
    account(runtime, Role.admin, "admin@example.org")
    sign_in(web, "admin@example.org")
    return web


@pytest.fixture
def new_web(runtime: Runtime) -> Iterator[Callable[[], TestClient]]:
    """Another browser: a client with its own cookies, against the same app."""
    app, opened = create_app(runtime=runtime), []

    def open_client() -> TestClient:
        opened.append(TestClient(app).__enter__())
        return opened[-1]

    yield open_client
    for c in opened:
        c.__exit__(None, None, None)


def rows_of(page: str) -> list[int]:
    return [int(x) for x in re.findall(r'<tr data-account="(\d+)"', page)]


def create(web: TestClient, lang: str = "zh", **fields: str) -> object:
    token = csrf_of(web.get("/ui/accounts").text)
    form = {"email": "", "name": "", "role": "hr", "password": "", "enterprise_id": "", "postdoc_email": ""}
    return web.post(
        f"/ui/accounts?lang={lang}", data={**form, "csrf_token": token, **fields}, follow_redirects=False
    )


def test_the_list_searches_filters_and_pages(runtime: Runtime, admin: TestClient) -> None:
    for i in range(24):
        account(runtime, Role.hr, f"staff{i:02d}@example.org")
    account(runtime, Role.hr, "wang_li@example.org")
    page = admin.get("/ui/accounts")
    assert "共 26 项" in page.text and len(rows_of(page.text)) == 20  # the admin and 25 staff
    second = admin.get("/ui/accounts?role=hr&page=2").text
    assert len(rows_of(second)) == 5 and 'href="?role=hr&amp;page=1"' in second
    assert rows_of(admin.get("/ui/accounts?q=STAFF07").text) == [9]  # any case
    assert rows_of(admin.get("/ui/accounts?q=_li").text) == [26]  # "_" is a letter, not a wildcard
    assert rows_of(admin.get("/ui/accounts?role=admin").text) == [1]
    assert "Accounts" in admin.get("/ui/accounts?lang=en").text


def test_creating_accounts_with_their_links(
    runtime: Runtime, make: Factory, admin: TestClient, new_web: Callable[[], TestClient]
) -> None:
    ent = make.enterprise(name="黄海船厂")["id"]
    make.postdoc(name="李青", email="liqing@example.edu.cn")
    response = create(
        admin, email="ent@example.org", name="船厂联系人", role="enterprise", enterprise_id=str(ent)
    )
    assert response.status_code == 303
    url = response.headers["location"]
    assert re.fullmatch(r"/ui/accounts/\d+\?created=1", url)
    assert "黄海船厂" in admin.get(url).text and "账号已创建" in admin.get(url).text
    assert "账号已创建" not in admin.get(url.split("?")[0]).text
    postdoc = create(
        admin, email="LiQing@example.edu.cn", name="李青", role="postdoc", password="a-long-password"
    )
    assert postdoc.status_code == 303  # linked by the account's email to the profile
    assert '">李青</a>' in admin.get(postdoc.headers["location"]).text
    web = new_web()
    assert sign_in(web, "liqing@example.edu.cn", "a-long-password").headers["location"] == "/ui/feed"


def test_form_errors_keep_what_was_typed(make: Factory, admin: TestClient) -> None:
    bad = create(admin, email="not-an-email", name="张三", role="hr")
    assert bad.status_code == 422
    assert re.search(r'id="err-email"[^>]*>不是有效的邮箱地址', bad.text)
    assert 'value="张三"' in bad.text and 'value="not-an-email"' in bad.text
    short = create(admin, lang="en", email="z@example.org", name="Zhang", role="hr", password="short")
    assert short.status_code == 422 and "at least 10 characters" in short.text
    assert 'aria-invalid="true" aria-describedby="err-password"' in short.text
    nobody = create(admin, email="p@example.org", name="无档案", role="postdoc")
    assert nobody.status_code == 422 and "没有邮箱为 p@example.org 的博士后档案" in nobody.text
    unlinked = create(admin, email="e@example.org", name="企业", role="enterprise")
    assert unlinked.status_code == 422 and "企业账号须关联一家企业" in unlinked.text
    twice = create(admin, email="ADMIN@example.org", name="重名", role="hr")
    assert twice.status_code == 422 and "邮箱 admin@example.org 已被使用" in twice.text


def test_deactivate_reactivate_password_and_keys(
    runtime: Runtime, admin: TestClient, new_web: Callable[[], TestClient]
) -> None:
    account(runtime, Role.hr, "hr@example.org")
    page = admin.get("/ui/accounts/2").text
    token = csrf_of(page)
    off = admin.post(
        "/ui/accounts/2/active", data={"active": "false", "csrf_token": token}, follow_redirects=False
    )
    assert off.status_code == 303
    hr = new_web()
    assert sign_in(hr, "hr@example.org").status_code == 401  # a deactivated account cannot sign in
    assert 'data-active="false"' in admin.get("/ui/accounts/2").text
    admin.post("/ui/accounts/2/active", data={"active": "true", "csrf_token": token})
    assert sign_in(hr, "hr@example.org").status_code == 303

    new = admin.post("/ui/accounts/2/password", data={"password": "another-password-9", "csrf_token": token})
    assert new.status_code == 200 and "新密码已生效" in new.text
    assert sign_in(new_web(), "hr@example.org").status_code == 401
    short = admin.post("/ui/accounts/2/password", data={"password": "short", "csrf_token": token})
    assert short.status_code == 422 and "密码至少需要 10 个字符" in short.text

    first = admin.post("/ui/accounts/2/api-keys/reset", data={"csrf_token": token})
    key1 = re.search(r'data-testid="new-token">([^<]+)<', first.text)[1]  # type: ignore[index]
    me = {"Authorization": f"Bearer {key1}"}
    assert admin.get("/accounts/me", headers=me).json()["email"] == "hr@example.org"
    second = admin.post("/ui/accounts/2/api-keys/reset", data={"csrf_token": token})
    key2 = re.search(r'data-testid="new-token">([^<]+)<', second.text)[1]  # type: ignore[index]
    assert admin.get("/accounts/me", headers=me).status_code == 401  # the reset revoked the first
    assert admin.get("/accounts/me", headers={"Authorization": f"Bearer {key2}"}).status_code == 200
    assert key2 not in admin.get("/ui/accounts/2").text  # shown once
    key_ids = [int(x) for x in re.findall(r'<tr data-key="(\d+)"', admin.get("/ui/accounts/2").text)]
    revoked = admin.post(
        f"/ui/api-keys/{key_ids[-1]}/revoke", data={"csrf_token": token}, follow_redirects=False
    )
    assert revoked.headers["location"] == "/ui/accounts/2"
    assert admin.get("/accounts/me", headers={"Authorization": f"Bearer {key2}"}).status_code == 401
    assert admin.post("/ui/api-keys/99999/revoke", data={"csrf_token": token}).status_code == 404


def test_an_admin_cannot_deactivate_themselves(
    runtime: Runtime, admin: TestClient, new_web: Callable[[], TestClient]
) -> None:
    token = csrf_of(admin.get("/ui/accounts/1").text)
    own = admin.post("/ui/accounts/1/active", data={"active": "false", "csrf_token": token})
    assert own.status_code == 422 and "不能停用自己的账号" in own.text
    account(runtime, Role.admin, "second@example.org")
    other = new_web()
    sign_in(other, "second@example.org")
    other_token = csrf_of(other.get("/ui/accounts/1").text)
    assert (
        other.post("/ui/accounts/1/active", data={"active": "false", "csrf_token": other_token}).status_code
        == 200
    )
    # admin@, deactivated by another admin, is signed out at once
    assert admin.get("/ui/accounts", follow_redirects=False).status_code == 303


def test_only_admins_and_only_with_the_csrf_token(
    runtime: Runtime, web: TestClient, admin: TestClient, new_web: Callable[[], TestClient]
) -> None:
    assert admin.post("/ui/accounts/1/active", data={"active": "true"}).status_code == 403
    missing = create(admin, email="x@example.org", name="X", role="hr", csrf_token="wrong")
    assert missing.status_code == 403
    assert admin.get("/ui/accounts/999").status_code == 404
    account(runtime, Role.hr, "hr@example.org")
    hr = new_web()
    sign_in(hr, "hr@example.org")
    denied = hr.get("/ui/accounts")
    assert denied.status_code == 403 and "此页面不属于您的角色" in denied.text
    assert 'href="/ui/accounts"' not in hr.get("/ui/hr").text
    assert 'href="/ui/accounts"' in admin.get("/ui/hr").text
