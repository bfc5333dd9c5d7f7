"""Catalogue entries of the accounts pages, merged into ``app.ui.i18n.MESSAGES``:
key → (Chinese, English)."""

from __future__ import annotations

__all__ = ["ACCOUNTS"]

ACCOUNTS: dict[str, tuple[str, str]] = {
    "accounts": ("账号管理", "Accounts"),
    "account_search": ("姓名或邮箱", "Name or email"),
    "role": ("角色", "Role"),
    "role_admin": ("管理员", "Admin"),
    "role_hr": ("人社审核员", "Programme HR"),
    "role_enterprise": ("企业", "Enterprise"),
    "role_postdoc": ("博士后", "Postdoc"),
    "linked_to": ("关联", "Linked to"),
    "active_keys": ("有效 API 密钥", "Active API keys"),
    "account_active": ("启用", "active"),
    "account_inactive": ("已停用", "deactivated"),
    "open": ("查看", "Open"),
    "open_account": ("查看 {name}", "Open {name}"),
    "new_account": ("新建账号", "New account"),
    "password_optional": (
        "初始密码（至少 10 个字符；留空则只能用 API 密钥）",
        "First password (10+ characters; empty: API keys only)",
    ),
    "link_enterprise": ("关联企业（企业账号）", "Enterprise (enterprise accounts)"),
    "no_enterprise": ("不关联", "None"),
    "link_postdoc_email": (
        "博士后档案邮箱（博士后账号；留空则用账号邮箱）",
        "Postdoc profile email (postdoc accounts; empty: the account's)",
    ),
    "create_account": ("创建账号", "Create account"),
    "account_created": ("账号已创建。", "Account created."),
    "deactivate": ("停用账号", "Deactivate"),
    "reactivate": ("重新启用", "Reactivate"),
    "deactivate_hint": (
        "停用后立即无法登录，其 API 密钥也随即失效；重新启用即可恢复。",
        "A deactivated account can no longer sign in or use its API keys; reactivating restores both.",
    ),
    "new_password": ("新密码（至少 10 个字符）", "New password (10+ characters)"),
    "set_password": ("设置新密码", "Set password"),
    "password_set": ("新密码已生效，请告知本人。", "The new password works now; tell the person."),
    "api_keys": ("API 密钥", "API keys"),
    "key_name": ("名称", "Name"),
    "key_prefix": ("前缀", "Prefix"),
    "created_at": ("创建时间", "Created"),
    "revoked_at": ("吊销时间", "Revoked"),
    "revoke": ("吊销", "Revoke"),
    "revoke_named": ("吊销密钥 {name}（{prefix}…）", "Revoke key {name} ({prefix}…)"),
    "reset_key": ("重置 API 密钥", "Reset API key"),
    "reset_key_hint": (
        "吊销此账号的全部密钥并生成一个新密钥。",
        "Revokes every key of this account and issues a new one.",
    ),
    "new_token": ("新密钥（只显示这一次，请立即复制）", "New key (shown this once: copy it now)"),
    "back_to_accounts": ("返回账号列表", "Back to accounts"),
    "never": ("—", "—"),
    # team members before they confirm, as the enterprise sees them
    "members_pending": ("待确认成员 {n} 名", "{n} member(s) pending"),
}
