"""Error messages in the page's language.

The services raise English messages (the API's contract); pages in Chinese show them translated:
known messages by pattern, pydantic validation errors by their type. A message with no
translation keeps its English text under a Chinese heading for the status.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from pydantic import ValidationError

from app.errors import JiebangError

__all__ = ["form_errors", "localize_error", "validation_message"]

_OBJECTS = {
    "challenge": "难题",
    "application": "申请",
    "postdoc": "博士后",
    "match entry": "名单条目",
    "enterprise": "企业",
    "station": "工作站",
    "notification": "通知",
    "account": "账号",
    "api key": "API 密钥",
}
_FIELDS = {"email": "邮箱", "title": "标题", "name": "名称", "credit_code": "统一社会信用代码"}
_STATUS = {
    "draft": "草稿",
    "open": "征集中",
    "matched": "已匹配",
    "claimed": "已揭榜",
    "in_progress": "攻关中",
    "solved": "已解决",
    "closed": "已关闭",
    "pending": "待决定",
    "accepted": "已接受",
    "rejected": "未通过",
    "withdrawn": "已撤回",
}


def _object(name: str) -> str:
    return _OBJECTS.get(name, name)


def _status(name: str) -> str:
    return _STATUS.get(name, name)


_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^([a-z ]+) (\d+) not found$"), lambda m: f"未找到{_object(m[1])} {m[2]}。"),
    (re.compile(r"^CSRF token missing or wrong"), lambda m: "页面已过期（安全令牌不符），请刷新页面后重试。"),
    (re.compile(r"^this page is for another role$"), lambda m: "此页面不属于您的角色。"),
    (
        re.compile(r"^challenge (\d+) is (\w+); only open calls take applications$"),
        lambda m: f"难题 {m[1]} 当前为“{_status(m[2])}”，只有征集中的难题接受揭榜申请。",
    ),
    (
        re.compile(r"^challenge (\d+) is already (\w+); only an open or matched challenge"),
        lambda m: f"难题 {m[1]} 已是“{_status(m[2])}”，只有征集中或已匹配的难题才能接受团队。",
    ),
    (re.compile(r"^application (\d+) is already (\w+)$"), lambda m: f"申请 {m[1]} 已是“{_status(m[2])}”。"),
    (
        re.compile(r"^every team member must confirm"),
        lambda m: "所有团队成员确认加入后，才能接受该申请。",
    ),
    (
        re.compile(r"^you already applied to this challenge"),
        lambda m: "您已经以负责人身份申请过这道难题，不能重复申请；可在“揭榜申请”页查看。",
    ),
    (
        re.compile(r"^this enterprise already posted a challenge with this title$"),
        lambda m: "贵单位已发布过同名难题，请换一个标题。",
    ),
    (
        re.compile(r"^the proposal is (\d+) characters; at most (\d+) are allowed$"),
        lambda m: f"方案共 {m[1]} 个字符，最多允许 {m[2]} 个。",
    ),
    (re.compile(r"^write a short proposal$"), lambda m: "请填写简要方案。"),
    (re.compile(r"^postdoc (\d+) is already on this list$"), lambda m: f"博士后 {m[1]} 已在名单中。"),
    (re.compile(r"^postdoc (\d+) does not exist$"), lambda m: f"博士后 {m[1]} 不存在。"),
    (
        re.compile(r"^cannot move challenge (\d+) from (\w+) to (\w+)"),
        lambda m: f"难题 {m[1]} 不能从“{_status(m[2])}”变为“{_status(m[3])}”。",
    ),
    (re.compile(r"^request body over"), lambda m: "提交的内容过大。"),
    (re.compile(r"^select at least one candidate$"), lambda m: "请先勾选至少一位候选人。"),
    (
        re.compile(r"^(\w+) '(.*)' is already registered$"),
        lambda m: f"{_FIELDS.get(m[1], m[1])} {m[2]} 已被使用。",
    ),
    (re.compile(r"^you cannot deactivate your own account$"), lambda m: "不能停用自己的账号。"),
    (re.compile(r"^a password needs at least (\d+) characters$"), lambda m: f"密码至少需要 {m[1]} 个字符。"),
    (re.compile(r"^no postdoc profile has the email (.+)$"), lambda m: f"没有邮箱为 {m[1]} 的博士后档案。"),
    (
        re.compile(r"^no postdoc of your station has the email (.+)$"),
        lambda m: f"本工作站没有邮箱为 {m[1]} 的博士后。",
    ),
    (
        re.compile(r"^an enterprise account \(and only one\) links to an enterprise$"),
        lambda m: "企业账号须关联一家企业，其他角色不关联企业。",
    ),
    (
        re.compile(r"^a postdoc account \(and only one\) links to a postdoc$"),
        lambda m: "博士后账号须关联一份博士后档案，其他角色不关联。",
    ),
    (re.compile(r"^enterprise (\d+) does not exist$"), lambda m: f"企业 {m[1]} 不存在。"),
    (re.compile(r"^is not a valid e-mail address"), lambda m: "不是有效的邮箱地址（应为 name@domain.tld）。"),
    (re.compile(r"^entry_ids must be entries of this list$"), lambda m: "所选候选人不在这份名单上。"),
]


def localize_error(message: str, lang: str) -> str:
    """The message in ``lang``: English as raised, Chinese by the patterns above."""
    if lang != "zh" or re.search(r"[\u4e00-\u9fff]", message):
        return message
    for pattern, render in _PATTERNS:
        match = pattern.search(message)
        if match:
            return render(match)
    return message


_VALIDATION_ZH = {
    "missing": lambda ctx: "必填",
    "string_too_long": lambda ctx: f"最多 {ctx.get('max_length')} 个字符",
    "string_too_short": lambda ctx: (
        "不能为空" if ctx.get("min_length", 1) <= 1 else f"至少 {ctx['min_length']} 个字符"
    ),
    "int_parsing": lambda ctx: "需要一个整数",
    "int_type": lambda ctx: "需要一个整数",
    "date_from_datetime_parsing": lambda ctx: "需要日期（年-月-日）",
    "date_parsing": lambda ctx: "需要日期（年-月-日）",
    "greater_than_equal": lambda ctx: f"不能小于 {ctx.get('ge')}",
    "less_than_equal": lambda ctx: f"不能大于 {ctx.get('le')}",
    "enum": lambda ctx: "不是可选的值",
    "literal_error": lambda ctx: "不是可选的值",
    "string_pattern_mismatch": lambda ctx: "不是可选的值",
    "bool_parsing": lambda ctx: "需要是或否",
}


def validation_message(error: dict, lang: str) -> str:
    """One pydantic error (``{"type", "msg", "ctx"}``) as a person reads it."""
    kind = error.get("type")
    if kind == "value_error" and "whole number" in str(error.get("msg", "")):
        kind = "int_parsing"  # the bounded id type's own check (app/schemas/common.py)
    if lang == "zh" and kind in _VALIDATION_ZH:
        return _VALIDATION_ZH[kind](error.get("ctx") or {})
    message = str(error.get("msg", ""))
    return localize_error(message.removeprefix("Value error, "), lang) if kind == "value_error" else message


def form_errors(exc: Exception, lang: str, renames: Mapping[str, str]) -> dict[str, str]:
    """A domain or schema error as messages by form field (``renames``: schema field → form
    field; ``form`` for one that belongs to no field)."""
    if isinstance(exc, JiebangError):
        field = renames.get(exc.field or "", exc.field or "form")
        return {field: localize_error(exc.message, lang)}
    assert isinstance(exc, ValidationError)
    errors: dict[str, str] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "form"
        errors.setdefault(renames.get(field, field), validation_message(error, lang))  # type: ignore[arg-type]
    return errors
