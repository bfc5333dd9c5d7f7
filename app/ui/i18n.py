"""A small message catalogue: Chinese by default, English with ``?lang=en`` (kept in a cookie)."""

from __future__ import annotations

from fastapi import Request

LANGUAGES = ("zh", "en")
LANG_COOKIE = "jiebang_lang"

MESSAGES: dict[str, dict[str, str]] = {
    "app_name": {"zh": "揭榜 · 博士后与企业对接", "en": "Jiebang · postdoc–enterprise matching"},
    "sign_in": {"zh": "登录", "en": "Sign in"},
    "sign_out": {"zh": "退出", "en": "Sign out"},
    "email": {"zh": "邮箱", "en": "Email"},
    "password": {"zh": "密码", "en": "Password"},
    "bad_login": {"zh": "邮箱或密码不正确。", "en": "Wrong email or password."},
    "please_sign_in": {"zh": "请先登录。", "en": "Please sign in."},
    "working": {"zh": "处理中…", "en": "Working…"},
    "dashboard": {"zh": "工作台", "en": "Dashboard"},
    "feed": {"zh": "推荐难题", "en": "Recommended"},
    "my_challenges": {"zh": "我的难题", "en": "My challenges"},
    "post_challenge": {"zh": "发布难题", "en": "Post a challenge"},
    "applications": {"zh": "揭榜申请", "en": "Applications"},
    "notifications": {"zh": "通知", "en": "Notifications"},
    "by_status": {"zh": "按状态", "en": "By status"},
    "by_sector": {"zh": "按行业", "en": "By sector"},
    "pending_reviews": {"zh": "待审核名单", "en": "Pending reviews"},
    "challenges": {"zh": "难题", "en": "Challenges"},
    "title": {"zh": "标题", "en": "Title"},
    "description": {"zh": "描述", "en": "Description"},
    "sector": {"zh": "行业", "en": "Sector"},
    "status": {"zh": "状态", "en": "Status"},
    "enterprise": {"zh": "企业", "en": "Enterprise"},
    "review": {"zh": "审核名单", "en": "Review list"},
    "match_list": {"zh": "匹配名单", "en": "Match list"},
    "rank": {"zh": "排序", "en": "Rank"},
    "name": {"zh": "姓名", "en": "Name"},
    "discipline": {"zh": "学科", "en": "Discipline"},
    "score": {"zh": "得分", "en": "Score"},
    "evidence": {"zh": "匹配依据", "en": "Why"},
    "note": {"zh": "备注", "en": "Note"},
    "shortlist": {"zh": "入围", "en": "Shortlist"},
    "approve": {"zh": "批准", "en": "Approve"},
    "reject": {"zh": "拒绝", "en": "Reject"},
    "up": {"zh": "上移", "en": "Up"},
    "down": {"zh": "下移", "en": "Down"},
    "add_person": {"zh": "手动添加人员（博士后编号）", "en": "Add a person by hand (postdoc id)"},
    "add": {"zh": "添加", "en": "Add"},
    "export_csv": {"zh": "导出 CSV", "en": "Export CSV"},
    "export_xlsx": {"zh": "导出 Excel", "en": "Export Excel"},
    "audit": {"zh": "审核记录", "en": "Audit log"},
    "no_items": {"zh": "暂无内容。", "en": "Nothing here yet."},
    "seed_list": {"zh": "按推荐生成候选名单", "en": "Start the list from the ranking"},
    "bookmark": {"zh": "收藏", "en": "Bookmark"},
    "bookmarked": {"zh": "已收藏", "en": "Bookmarked"},
    "not_relevant": {"zh": "不相关", "en": "Not relevant"},
    "apply": {"zh": "揭榜申请", "en": "Apply"},
    "apply_as_team": {"zh": "以团队揭榜", "en": "Apply as a team"},
    "members": {
        "zh": "团队成员邮箱（每行一个，可留空）",
        "en": "Team members' emails (one per line, optional)",
    },
    "proposal": {"zh": "简要方案", "en": "Short proposal"},
    "submit": {"zh": "提交", "en": "Submit"},
    "confirm": {"zh": "确认加入", "en": "Confirm"},
    "confirmed": {"zh": "已确认", "en": "confirmed"},
    "unconfirmed": {"zh": "待确认", "en": "to confirm"},
    "accept": {"zh": "接受", "en": "Accept"},
    "applied": {"zh": "申请已提交。", "en": "Application sent."},
    "saved": {"zh": "已保存。", "en": "Saved."},
    "expertise": {"zh": "所需专长（逗号分隔）", "en": "Expertise needed (comma separated)"},
    "publish_now": {"zh": "立即发布", "en": "Publish now"},
    "save_draft": {"zh": "存为草稿", "en": "Save as draft"},
    "mark_read": {"zh": "标为已读", "en": "Mark read"},
    "not_found": {"zh": "未找到该页面或对象。", "en": "Not found."},
    "language": {"zh": "English", "en": "中文"},
    "bookmarks": {"zh": "我的收藏", "en": "My bookmarks"},
    "unknown_member": {"zh": "没有这个邮箱的博士后：", "en": "No postdoc with this email: "},
    "approved_list": {"zh": "已批准的人选", "en": "Approved candidates"},
    "team": {"zh": "团队", "en": "Team"},
    "decision": {"zh": "决定", "en": "Decision"},
    "team_members": {"zh": "成员", "en": "Members"},
    "requirements_evidence": {"zh": "要求、覆盖者与依据", "en": "Requirements, who covers them, evidence"},
    "colon": {"zh": "：", "en": ": "},
    "proposed_teams": {"zh": "推荐团队", "en": "Proposed teams"},
    "teams_explained": {
        "zh": "按要求覆盖、个人契合度与协作关系组队；每项要求列出覆盖最好的成员及其依据。",
        "en": "Built for requirement coverage, individual fit and ties; each requirement shows "
        "the member who covers it best and the evidence.",
    },
    "teams_only_open": {
        "zh": "仅为征集中或已匹配的难题推荐团队。",
        "en": "Teams are proposed for open or matched challenges only.",
    },
    "no_teams": {"zh": "没有可组队的合格候选人。", "en": "No eligible candidates to build a team from."},
    "part_coverage": {"zh": "覆盖", "en": "coverage"},
    "part_fit": {"zh": "契合", "en": "fit"},
    "part_cohesion": {"zh": "协作", "en": "ties"},
    "covers": {"zh": "负责", "en": "Covers"},
    "on_list": {"zh": "已在名单", "en": "on the list"},
    "add_to_list": {"zh": "加入名单", "en": "Add to the list"},
    "from_team": {"zh": "来自推荐团队", "en": "From proposed team"},
    "nobody_covers": {"zh": "无人充分覆盖", "en": "nobody covers this well"},
    "gaps": {"zh": "缺口（无人充分覆盖）", "en": "Gaps (nobody covers well)"},
    "no_gaps": {"zh": "无缺口：每项要求都有人覆盖。", "en": "No gaps: every requirement is covered."},
}

# Status and sector names shown in pages: t("st_open"), t("sector_marine").
LABELS: dict[str, tuple[str, str]] = {
    # evidence documents that are no publication: labelled by kind, in the page's language
    "doc_interests": ("研究方向", "Research interests"),
    "doc_skills": ("学科与技能", "Discipline & skills"),
    "st_draft": ("草稿", "draft"),
    "st_open": ("征集中", "open"),
    "st_matched": ("已匹配", "matched"),
    "st_claimed": ("已揭榜", "claimed"),
    "st_in_progress": ("攻关中", "in progress"),
    "st_solved": ("已解决", "solved"),
    "st_closed": ("已关闭", "closed"),
    "st_candidate": ("候选", "candidate"),
    "st_shortlisted": ("入围", "shortlisted"),
    "st_approved": ("已批准", "approved"),
    "st_rejected": ("未通过", "rejected"),
    "st_pending": ("待决定", "pending"),
    "st_accepted": ("已接受", "accepted"),
    "st_withdrawn": ("已撤回", "withdrawn"),
    "sector_electronics": ("电子信息", "Electronics"),
    "sector_high_end_equipment": ("高端装备", "High-end equipment"),
    "sector_biomedicine": ("生物医药", "Biomedicine"),
    "sector_artificial_intelligence": ("人工智能", "Artificial intelligence"),
    "sector_green_energy": ("绿色能源", "Green energy"),
    "sector_marine": ("海洋产业", "Marine"),
    "sector_new_materials": ("新材料", "New materials"),
    "sector_intelligent_manufacturing": ("智能制造", "Intelligent manufacturing"),
    "sector_other": ("其他", "Other"),
}
MESSAGES.update({key: {"zh": zh, "en": en} for key, (zh, en) in LABELS.items()})


def language(request: Request) -> str:
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or "zh"
    return asked if asked in LANGUAGES else "zh"


def translator(lang: str):  # type: ignore[no-untyped-def]
    def t(key: str) -> str:
        entry = MESSAGES.get(key)
        return entry[lang] if entry else key

    return t
