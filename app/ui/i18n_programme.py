"""Catalogue entries of the audit trail, the programme dashboard's charts, the coverage grid and
the score bars, merged into ``app.ui.i18n.MESSAGES``: key → (Chinese, English)."""

from __future__ import annotations

from app.services.audit import ACTION_NAMES

__all__ = ["PROGRAMME"]

PROGRAMME: dict[str, tuple[str, str]] = {
    # audit trail
    "audit_when": ("时间", "When"),
    "audit_who": ("操作人", "Who"),
    "audit_action": ("操作", "Action"),
    "audit_target": ("对象", "About"),
    "audit_change": ("变更", "Change"),
    "audit_all": ("全部操作", "All actions"),
    "audit_filter": ("筛选", "Filter"),
    "audit_total": ("共 {n} 条记录", "{n} entries"),
    "audit_gone": ("（账号已删除）", "(account deleted)"),
    "audit_application_of": ("{name} 团队的申请", "application of {name}'s team"),
    "audit_object_gone": ("（已删除）", "(deleted)"),
    "audit_reordered": ("名单顺序调整（{n} 人）", "list reordered ({n} people)"),
    # the audited actions ("act_decide"), named as the audit API names them too
    **{f"act_{action}": names for action, names in ACTION_NAMES.items()},
    # programme dashboard
    "programme": ("项目总览", "Programme at a glance"),
    "tile_postdocs": ("博士后", "postdocs"),
    "tile_challenges": ("已发布难题", "challenges posted"),
    "tile_approved": ("已批准匹配", "approved matches"),
    "tile_claimed": ("已揭榜", "claimed"),
    "tile_solved": ("已解决", "solved"),
    "tile_enterprises": ("企业", "enterprises"),
    "funnel": ("揭榜进程", "From posted to solved"),
    "funnel_posted": ("已发布", "Posted"),
    "funnel_matched": ("已匹配", "Matched"),
    "funnel_claimed": ("已揭榜", "Claimed"),
    "funnel_solved": ("已解决", "Solved"),
    "by_month": ("按月发布", "Posted per month"),
    "chart_count": ("数量", "Count"),
    "data_table": ("数据表", "Data table"),
    "chart_share": ("占比", "Share"),
    "month": ("月份", "Month"),
    "stage": ("阶段", "Stage"),
    # coverage grid and score bars
    "coverage_grid": ("需求 × 成员覆盖度", "Requirement × member coverage"),
    "requirement": ("需求", "Requirement"),
    "team_total": ("团队", "Team"),
    "score_breakdown": ("得分构成", "Score breakdown"),
    "overall_score": ("总分", "Overall"),
}
