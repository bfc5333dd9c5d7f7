"""Catalogue entries of the webhooks pages and the delivery log, merged into
``app.ui.i18n.MESSAGES``: key → (Chinese, English)."""

from __future__ import annotations

__all__ = ["WEBHOOKS"]

WEBHOOKS: dict[str, tuple[str, str]] = {
    "webhooks": ("Webhook 推送", "Webhooks"),
    "webhooks_of": ("{name} · Webhook 推送", "Webhooks · {name}"),
    "webhooks_hint": (
        "有新的揭榜申请或名单获批时，系统向您的接收地址发送带签名（Jiebang-Signature）的 POST 请求；"
        "失败会自动重试。",
        "When a team applies or a match list is approved, a signed POST (Jiebang-Signature) goes to your "
        "endpoint; failures are retried.",
    ),
    "webhook_url": ("接收地址（https://…）", "Endpoint URL (https://…)"),
    "webhook_events": ("订阅事件", "Events"),
    "hook_match_list.approved": ("名单获批", "match list approved"),
    "hook_application.created": ("收到揭榜申请", "application received"),
    "add_webhook": ("添加 Webhook", "Add webhook"),
    "webhook_created": ("Webhook 已添加。", "Webhook added."),
    "webhook_secret": (
        "签名密钥（只显示这一次，请立即复制并保存在接收端）",
        "Signing secret (shown this once: copy it to your receiver now)",
    ),
    "webhook_deleted": (
        "Webhook 已删除，尚未发送的推送不再发送。",
        "Webhook deleted; pending deliveries are dropped.",
    ),
    "delete": ("删除", "Delete"),
    "delete_webhook_named": ("删除 Webhook {url}", "Delete webhook {url}"),
    "no_webhooks": ("尚未添加 Webhook。", "No webhooks yet."),
    "deliveries": ("推送记录", "Delivery log"),
    "deliveries_all": ("各企业的 Webhook 推送", "Webhook deliveries of every enterprise"),
    "deliveries_total": ("共 {n} 条", "{n} deliveries"),
    "times_in_zone": ("时间均为 {zone} 时间。", "Times are {zone} time."),
    "delivery_queued": ("生成时间", "Queued"),
    "delivery_event": ("事件", "Event"),
    "delivery_endpoint": ("接收地址", "Endpoint"),
    "delivery_attempts": ("尝试次数", "Attempts"),
    "delivery_answer": ("最近响应", "Last answer"),
    "delivery_next": ("下次尝试", "Next attempt"),
    "delivery_done": ("送达时间", "Delivered"),
    "dl_pending": ("待发送", "pending"),
    "dl_delivered": ("已送达", "delivered"),
    "dl_failed": ("已失败", "failed"),
    "all_enterprises": ("全部企业", "All enterprises"),
    "manage_webhooks_of": ("管理 {name} 的 Webhook", "Manage the webhooks of {name}"),
    "no_answer": ("无响应", "no answer"),
}
