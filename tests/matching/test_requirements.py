"""Requirement extraction: TextRank key phrases for Chinese, RAKE phrases for English."""

from __future__ import annotations

from dataclasses import replace

from app.matching.requirements import extract_requirements, rake_phrases


def test_chinese_key_phrases_keep_technical_terms_whole() -> None:
    found = extract_requirements(
        "船体分段焊缝缺陷实时检测",
        "需要利用机器视觉技术检测焊缝缺陷，分析焊接冶金组织，并将模型部署到嵌入式系统。",
    )
    assert found == ["模型部署", "机器视觉技术", "嵌入式系统", "焊接冶金"]
    assert "视觉" not in found  # a word inside a chosen phrase is not listed on its own


def test_english_phrases_drop_request_words() -> None:
    found = extract_requirements(
        "Real-time weld defect detection on ship hull blocks",
        "We need machine vision to detect weld defects, knowledge of welding metallurgy to classify "
        "porosity and cracks, and embedded deployment of the model on edge GPUs.",
    )
    assert "machine vision" in found and "welding metallurgy" in found
    assert not any(p.startswith("need") for p in found)


def test_rake_scores_longer_phrases_higher() -> None:
    assert rake_phrases("battery thermal runaway modelling and testing of cells", 2) == [
        "battery thermal runaway modelling",
        "testing",
    ]


def test_coverage_options_fuse_linearly_without_recency_and_keep_the_rest() -> None:
    from app.matching.requirements import coverage_options
    from app.matching.view import shipped_options

    shipped = shipped_options().ranking
    ranking = replace(shipped, fusion="minmax", dense_weight=0.7, top_k=5, recency_half_life=5.0)
    assert coverage_options(ranking) == replace(
        shipped, fusion="linear", dense_weight=0.7, top_k=5, recency_half_life=0.0
    )
    assert coverage_options(replace(shipped, fusion="rrf")).fusion == "rrf"
