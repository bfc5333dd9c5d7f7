"""Diagnosis messages for an infeasible core, in Chinese and English, each with a concrete fix."""

from __future__ import annotations

from app.matching.events import EventProblem, Finding, Pair

SHOWN = 5


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def names(problem: EventProblem, ids: list[int]) -> tuple[str, str]:
    """Up to five participant names, joined for zh and en (with how many more)."""
    people = problem.people()
    shown = [people[i].label or f"#{i}" if i in people else f"#{i}" for i in ids[:SHOWN]]
    more = len(ids) - len(shown)
    zh = "、".join(shown) + (f" 等 {len(ids)} 位" if more else "")
    en = ", ".join(shown) + (f" and {more} more" if more else "")
    return zh, en


def _pairs(problem: EventProblem, pairs: list[Pair], items: list[int]) -> str:
    people = problem.people()
    return ", ".join(
        f"{people[pairs[i].postdoc].label}–{people[pairs[i].enterprise].label}" for i in items[:SHOWN]
    )


def finding(
    problem: EventProblem,
    pairs: list[Pair],
    group: str,
    items: list[int],
    involved: list[int],
    fix: int | None,
) -> Finding:
    """The message for one group of an infeasible core."""
    zh_who, en_who = names(problem, involved)
    build = _BUILDERS[group]
    zh, en = build(problem, pairs, items, zh_who, en_who, fix)
    return Finding(group, zh, en, tuple(items if group not in _STRUCTURAL else involved))


_STRUCTURAL = frozenset({"tables", "enterprise_tables", "postdoc_max", "availability"})


def _tables(p: EventProblem, _pairs: list[Pair], _items: list[int], zh: str, en: str, fix: int | None):  # type: ignore[no-untyped-def]
    cap = p.tables * p.slots
    if fix is None:
        return (
            f"桌子容量不足（{p.tables} 张桌子 × {p.slots} 个时段 = {cap} 场），涉及 {zh}：增加桌子或时段",
            f"Not enough tables ({p.tables} tables × {p.slots} slots = {cap}) for {en}: add tables or slots",
        )
    return (
        f"桌子容量不足（{p.tables} 张桌子 × {p.slots} 个时段 = {cap} 场），涉及 {zh}："
        f"增加 {fix - p.tables} 张桌子",
        f"Not enough tables ({p.tables} tables × {p.slots} slots = {cap}) for {en}: "
        f"add {plural(fix - p.tables, 'table')}",
    )


def _enterprise_tables(
    p: EventProblem, _pairs: list[Pair], _items: list[int], zh: str, en: str, _fix: int | None
):  # type: ignore[no-untyped-def]
    return (
        f"企业同时只能进行与桌子数相同的会谈，涉及 {zh}：给这些企业增加桌子或可参加时段",
        f"An enterprise holds only as many meetings at once as it has tables ({en}): "
        "give these enterprises more tables or slots",
    )


def _postdoc_max(p: EventProblem, _pairs: list[Pair], _items: list[int], zh: str, en: str, fix: int | None):  # type: ignore[no-untyped-def]
    target = f"提高到 {fix}" if fix else "提高"
    target_en = f"raise it to {fix}" if fix else "raise it"
    return (
        f"每人会谈上限 {p.max_per_postdoc} 场不够（涉及 {zh}）：把每人会谈上限{target}，或降低企业最少会谈数",
        f"The per-postdoc limit of {p.max_per_postdoc} meetings is too low ({en}): {target_en}, "
        "or lower the enterprise minimum",
    )


def _availability(p: EventProblem, _pairs: list[Pair], _items: list[int], zh: str, en: str, _fix: int | None):  # type: ignore[no-untyped-def]
    return (
        f"可参加的时段不够或没有共同时段：请 {zh} 增加可参加的时段",
        f"Too few attendable slots, or none in common: ask {en} to add slots they can attend",
    )


def _locked(p: EventProblem, _pairs: list[Pair], items: list[int], zh: str, en: str, _fix: int | None):  # type: ignore[no-untyped-def]
    return (
        f"锁定的会谈占用了需要的时段或桌子（涉及 {zh}）：解锁或移动这些会谈",
        f"Locked meetings take slots or tables that are needed ({en}): unlock or move them",
    )


def _must(p: EventProblem, pairs: list[Pair], items: list[int], _zh: str, _en: str, _fix: int | None):  # type: ignore[no-untyped-def]
    listed = _pairs(p, pairs, items)
    return (
        f"这些“必须”请求不能同时满足：{listed}：把其中一些改为“希望”，或增加时段",
        f"These 'must' requests cannot all be met: {listed}: change some to 'would like', or add slots",
    )


def _postdoc_minimum(
    p: EventProblem, _pairs: list[Pair], items: list[int], _zh: str, _en: str, _fix: int | None
):  # type: ignore[no-untyped-def]
    zh, en = names(p, items)
    return (
        f"无法让每位博士后至少有 1 场会谈：{zh}",
        f"Not every postdoc can have a meeting: {en}",
    )


def _enterprise_minimum(
    p: EventProblem, _pairs: list[Pair], items: list[int], _zh: str, _en: str, _fix: int | None
):  # type: ignore[no-untyped-def]
    zh, en = names(p, items)
    lower = max(0, p.min_per_enterprise - 1)
    return (
        f"企业最少 {p.min_per_enterprise} 场会谈无法满足：{zh}：把企业最少会谈数降到 {lower}",
        f"The enterprise minimum of {p.min_per_enterprise} meetings cannot be met for {en}: "
        f"lower it to {lower}",
    )


def too_large(size: int) -> Finding:
    return Finding(
        "size",
        f"问题规模（{size} 个变量）超过诊断上限，未做精确诊断",
        f"The problem ({size} variables) is over the diagnosis limit; no exact diagnosis was made",
    )


def undetermined(seconds: float) -> Finding:
    return Finding(
        "undetermined",
        f"诊断在 {seconds:g} 秒内没有得出结论："
        "延长诊断时限（JIEBANG_EVENT_DIAGNOSIS_TIME_LIMIT_S）后重新运行",
        f"The diagnosis reached no verdict in {seconds:g} s: raise JIEBANG_EVENT_DIAGNOSIS_TIME_LIMIT_S "
        "and run again",
    )


def solver_limit() -> Finding:
    return Finding(
        "solver_limit",
        "存在满足全部要求的安排，但求解在时限内没有找到：延长求解时限后重新运行",
        "A schedule meeting every requirement exists but was not found in time: "
        "run again with a longer time limit",
    )


_BUILDERS = {
    "tables": _tables,
    "enterprise_tables": _enterprise_tables,
    "postdoc_max": _postdoc_max,
    "availability": _availability,
    "locked": _locked,
    "must": _must,
    "postdoc_minimum": _postdoc_minimum,
    "enterprise_minimum": _enterprise_minimum,
}

__all__ = ["SHOWN", "finding", "names", "plural", "solver_limit", "too_large", "undetermined"]
