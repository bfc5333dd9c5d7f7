"""Hand-written content of the Jiebang demo data set (read by ``build_demo_data.py``).

Everything here is data: stations, fictional enterprises, name lists, per-discipline vocabulary
for the Chinese profiles built from CSL papers, the English and mixed-language postdocs, and the
enterprise problem list (企业难题清单). Company names, people and e-mail addresses are fictional.
"""

from __future__ import annotations

from typing import Any


def _words(text: str) -> list[str]:
    """Split a whitespace-separated word list (keeps long CJK lists compact in the source)."""
    return text.split()


def _pairs(text: str) -> list[tuple[str, str]]:
    """Parse "汉 pinyin" pairs separated by whitespace."""
    words = _words(text)
    return list(zip(words[::2], words[1::2], strict=True))


# --------------------------------------------------------------------------------------------
# Enterprises: (name, industry, district code of the credit code, e-mail domain)
# District codes: 370202 市南, 370203 市北, 370211 黄岛(西海岸), 370212 崂山, 370213 李沧,
# 370214 城阳, 370215 即墨, 370281 胶州, 370283 平度, 370285 莱西.
# --------------------------------------------------------------------------------------------
ENTERPRISES: list[tuple[str, str, str, str]] = [
    ("青岛海澜智能装备有限公司", "智能焊接装备与工业机器人", "370211", "hailanzb.com"),
    ("青岛蓝鲸海洋工程装备有限公司", "海洋工程装备", "370211", "bluewhale-oe.com"),
    ("青岛瀚海生物医药股份有限公司", "海洋生物医药", "370212", "hanhaibio.com"),
    ("青岛恒源新能源科技有限公司", "储能系统与电池管理", "370214", "hengyuan-energy.com"),
    ("青岛芯辰微电子有限公司", "功率半导体与电源管理芯片", "370212", "xinchensemi.com"),
    ("青岛智云数字科技有限公司", "工业人工智能与工业软件", "370212", "zhiyun-tech.com"),
    ("青岛瑞轨轨道交通装备有限公司", "轨道交通装备", "370214", "ruigui-rail.com"),
    ("青岛澜岸船舶重工有限公司", "船舶制造与修理", "370211", "lanan-ship.com"),
    ("青岛海晟水产科技有限公司", "海水养殖与苗种繁育", "370215", "haisheng-aqua.com"),
    ("青岛鲜汇冷链食品有限公司", "海产品精深加工与冷链物流", "370281", "xianhui-food.com"),
    ("青岛明德显示科技有限公司", "新型显示(OLED)", "370214", "mingde-display.com"),
    ("青岛磐石磁悬浮动力有限公司", "磁悬浮高速电机与鼓风机", "370211", "panshi-maglev.com"),
    ("青岛华纺智造服饰有限公司", "服装大规模个性化定制", "370214", "huafang-apparel.com"),
    ("青岛锦程功能纤维科技有限公司", "功能纤维与纺织新材料", "370281", "jincheng-fiber.com"),
    ("青岛固源环保建材有限公司", "固废资源化建材", "370285", "guyuan-jc.com"),
    ("青岛海盾防护材料有限公司", "海洋防腐涂层", "370211", "haidun-coating.com"),
    ("青岛氢途能源科技有限公司", "电解水制氢装备", "370211", "qingtu-h2.com"),
    ("青岛绿港低碳科技有限公司", "工业节能与碳捕集利用", "370203", "lvgang-lowcarbon.com"),
    ("青岛康瑞口腔医疗器械有限公司", "口腔修复材料与器械", "370212", "kangrui-dental.com"),
    ("青岛仁和中药股份有限公司", "中成药研发与生产", "370213", "renhe-tcm.com"),
    ("青岛慧影医疗科技有限公司", "医学影像人工智能", "370212", "huiying-med.com"),
    ("青岛通衢智慧交通科技有限公司", "智慧交通与基础设施运维", "370202", "tongqu-its.com"),
    ("青岛沃田智慧农业科技有限公司", "智慧农业与设施园艺", "370283", "wotian-agri.com"),
    ("青岛海悦智能家居有限公司", "智能家电与物联网", "370212", "haiyue-home.com"),
    ("青岛海港数智物流有限公司", "智慧港口与物流", "370211", "haigang-logistics.com"),
    ("青岛诺威海上风电技术有限公司", "海上风电工程技术(中外合资)", "370211", "norwind-qd.com"),
    ("青岛伊科特精密电子有限公司", "电子制造服务EMS(外商独资)", "370214", "ectec-qd.com"),
    ("青岛安泰克斯制药有限公司", "复杂制剂研发与生产(中外合资)", "370211", "antex-pharma.com"),
    ("青岛澳博新能源材料有限公司", "锂电正极材料(出口型)", "370285", "aobo-materials.com"),
    ("青岛德克机械设备有限公司", "包装与灌装机械(出口型)", "370281", "deke-machinery.com"),
]

# --------------------------------------------------------------------------------------------
# Stations: (name, kind, host institution, city, e-mail domain)
# --------------------------------------------------------------------------------------------
STATIONS: list[tuple[str, str, str, str, str]] = [
    ("中国海洋大学海洋科学博士后科研流动站", "mobile", "中国海洋大学", "青岛", "ouc.edu.cn"),
    ("中国海洋大学水产博士后科研流动站", "mobile", "中国海洋大学", "青岛", "ouc.edu.cn"),
    ("中国海洋大学食品科学与工程博士后科研流动站", "mobile", "中国海洋大学", "青岛", "ouc.edu.cn"),
    ("中国海洋大学环境科学与工程博士后科研流动站", "mobile", "中国海洋大学", "青岛", "ouc.edu.cn"),
    ("中国海洋大学信息与通信工程博士后科研流动站", "mobile", "中国海洋大学", "青岛", "ouc.edu.cn"),
    ("中国海洋大学药学博士后科研流动站", "mobile", "中国海洋大学", "青岛", "ouc.edu.cn"),
    ("中国科学院海洋研究所海洋科学博士后科研流动站", "mobile", "中国科学院海洋研究所", "青岛", "qdio.ac.cn"),
    ("青岛大学临床医学博士后科研流动站", "mobile", "青岛大学", "青岛", "qdu.edu.cn"),
    ("青岛大学纺织科学与工程博士后科研流动站", "mobile", "青岛大学", "青岛", "qdu.edu.cn"),
    ("青岛大学数学博士后科研流动站", "mobile", "青岛大学", "青岛", "qdu.edu.cn"),
    ("山东科技大学矿业工程博士后科研流动站", "mobile", "山东科技大学", "青岛", "sdust.edu.cn"),
    ("山东科技大学控制科学与工程博士后科研流动站", "mobile", "山东科技大学", "青岛", "sdust.edu.cn"),
    ("山东科技大学测绘科学与技术博士后科研流动站", "mobile", "山东科技大学", "青岛", "sdust.edu.cn"),
    (
        "中国石油大学(华东)石油与天然气工程博士后科研流动站",
        "mobile",
        "中国石油大学(华东)",
        "青岛",
        "upc.edu.cn",
    ),
    (
        "中国石油大学(华东)化学工程与技术博士后科研流动站",
        "mobile",
        "中国石油大学(华东)",
        "青岛",
        "upc.edu.cn",
    ),
    ("青岛科技大学材料科学与工程博士后科研流动站", "mobile", "青岛科技大学", "青岛", "qust.edu.cn"),
    ("青岛理工大学土木工程博士后科研流动站", "mobile", "青岛理工大学", "青岛", "qut.edu.cn"),
    ("青岛农业大学作物学博士后科研流动站", "mobile", "青岛农业大学", "青岛", "qau.edu.cn"),
    ("山东中医药大学中医学博士后科研流动站", "mobile", "山东中医药大学", "济南", "sdutcm.edu.cn"),
    (
        "青岛海澜智能装备有限公司博士后科研工作站",
        "workstation",
        "青岛海澜智能装备有限公司",
        "青岛",
        "hailanzb.com",
    ),
    (
        "青岛蓝鲸海洋工程装备有限公司博士后科研工作站",
        "workstation",
        "青岛蓝鲸海洋工程装备有限公司",
        "青岛",
        "bluewhale-oe.com",
    ),
    (
        "青岛瀚海生物医药股份有限公司博士后科研工作站",
        "workstation",
        "青岛瀚海生物医药股份有限公司",
        "青岛",
        "hanhaibio.com",
    ),
    (
        "青岛恒源新能源科技有限公司博士后科研工作站",
        "workstation",
        "青岛恒源新能源科技有限公司",
        "青岛",
        "hengyuan-energy.com",
    ),
    (
        "青岛瑞轨轨道交通装备有限公司博士后科研工作站",
        "workstation",
        "青岛瑞轨轨道交通装备有限公司",
        "青岛",
        "ruigui-rail.com",
    ),
    ("崂山实验室博士后创新实践基地", "innovation_base", "崂山实验室", "青岛", "qnlm.ac"),
    (
        "青岛芯辰微电子有限公司博士后创新实践基地",
        "innovation_base",
        "青岛芯辰微电子有限公司",
        "青岛",
        "xinchensemi.com",
    ),
    (
        "青岛智云数字科技有限公司博士后创新实践基地",
        "innovation_base",
        "青岛智云数字科技有限公司",
        "青岛",
        "zhiyun-tech.com",
    ),
]

_OUC_SEA = "中国海洋大学海洋科学博士后科研流动站"
_OUC_FISH = "中国海洋大学水产博士后科研流动站"
_OUC_FOOD = "中国海洋大学食品科学与工程博士后科研流动站"
_OUC_ENV = "中国海洋大学环境科学与工程博士后科研流动站"
_OUC_ICE = "中国海洋大学信息与通信工程博士后科研流动站"
_OUC_PHARM = "中国海洋大学药学博士后科研流动站"
_IOCAS = "中国科学院海洋研究所海洋科学博士后科研流动站"
_QDU_MED = "青岛大学临床医学博士后科研流动站"
_QDU_TEX = "青岛大学纺织科学与工程博士后科研流动站"
_QDU_MATH = "青岛大学数学博士后科研流动站"
_SDUST_MINE = "山东科技大学矿业工程博士后科研流动站"
_SDUST_CTRL = "山东科技大学控制科学与工程博士后科研流动站"
_SDUST_GEO = "山东科技大学测绘科学与技术博士后科研流动站"
_UPC_OIL = "中国石油大学(华东)石油与天然气工程博士后科研流动站"
_UPC_CHEM = "中国石油大学(华东)化学工程与技术博士后科研流动站"
_QUST_MAT = "青岛科技大学材料科学与工程博士后科研流动站"
_QUT_CIVIL = "青岛理工大学土木工程博士后科研流动站"
_QAU_CROP = "青岛农业大学作物学博士后科研流动站"
_TCM = "山东中医药大学中医学博士后科研流动站"
_WS_HAILAN = "青岛海澜智能装备有限公司博士后科研工作站"
_WS_WHALE = "青岛蓝鲸海洋工程装备有限公司博士后科研工作站"
_WS_HANHAI = "青岛瀚海生物医药股份有限公司博士后科研工作站"
_WS_HENGYUAN = "青岛恒源新能源科技有限公司博士后科研工作站"
_WS_RAIL = "青岛瑞轨轨道交通装备有限公司博士后科研工作站"
_IB_LAOSHAN = "崂山实验室博士后创新实践基地"
_IB_XINCHEN = "青岛芯辰微电子有限公司博士后创新实践基地"
_IB_ZHIYUN = "青岛智云数字科技有限公司博士后创新实践基地"

# --------------------------------------------------------------------------------------------
# Per-discipline plan for the Chinese postdocs built from CSL papers.
# discipline: (postdocs, candidate stations, field phrase, default method phrase, tools, venues)
# Disciplines with too few or non-industrial papers (建筑学, 水利工程, humanities …) are skipped.
# --------------------------------------------------------------------------------------------
DISCIPLINES: dict[str, dict[str, Any]] = {
    "交通运输工程": dict(
        postdocs=6,
        stations=[_QUT_CIVIL, _WS_RAIL],
        field="交通运输与道路桥梁工程",
        method="交通仿真与优化建模",
        tools=["VISSIM", "MATLAB", "TransCAD", "Python"],
        venues=["中国公路学报", "交通运输工程学报", "公路交通科技"],
    ),
    "信息与通信工程": dict(
        postdocs=4,
        stations=[_OUC_ICE, _IB_XINCHEN],
        field="信号处理与通信系统",
        method="信号建模与算法设计",
        tools=["MATLAB", "Python", "Vivado", "GNU Radio"],
        venues=["电子与信息学报", "通信学报", "信号处理"],
    ),
    "光学工程": dict(
        postdocs=4,
        stations=[_IB_XINCHEN, _OUC_ICE],
        field="光电器件与精密光学仪器",
        method="光学设计与器件表征",
        tools=["Zemax", "COMSOL", "MATLAB", "光谱测试"],
        venues=["光学精密工程", "光学学报", "发光学报"],
    ),
    "兵器科学与技术": dict(
        postdocs=2,
        stations=[_WS_HAILAN, _SDUST_CTRL],
        field="飞行器制导与毁伤评估",
        method="数值仿真与弹道优化",
        tools=["LS-DYNA", "ANSYS Fluent", "MATLAB/Simulink"],
        venues=["兵工学报", "弹道学报", "兵器装备工程学报"],
    ),
    "农业工程": dict(
        postdocs=3,
        stations=[_QAU_CROP],
        field="农业机械与设施农业",
        method="农业装备测控技术",
        tools=["MATLAB", "SolidWorks", "EDEM", "嵌入式开发"],
        venues=["农业工程学报", "农业机械学报"],
    ),
    "冶金工程": dict(
        postdocs=3,
        stations=[_QUST_MAT],
        field="冶金工艺与资源综合利用",
        method="冶金过程试验与热力学分析",
        tools=["FactSage", "XRD", "SEM", "Origin"],
        venues=["钢铁", "中国有色金属学报", "有色金属(冶炼部分)"],
    ),
    "力学": dict(
        postdocs=3,
        stations=[_QUT_CIVIL, _WS_RAIL, _WS_WHALE],
        field="结构动力学与振动分析",
        method="有限元分析与振动测试",
        tools=["ANSYS", "Abaqus", "MATLAB", "模态试验"],
        venues=["振动与冲击", "力学学报", "应用力学学报"],
    ),
    "动力工程及工程热物理": dict(
        postdocs=3,
        stations=[_WS_HENGYUAN, _UPC_CHEM],
        field="热能工程与燃烧传热",
        method="数值模拟与热工试验",
        tools=["ANSYS Fluent", "Aspen Plus", "MATLAB", "PIV测量"],
        venues=["工程热物理学报", "动力工程学报", "中国电机工程学报"],
    ),
    "化学/化学工程与技术": dict(
        postdocs=4,
        stations=[_UPC_CHEM, _QUST_MAT],
        field="化学工程与精细化工",
        method="化工过程模拟与分析测试",
        tools=["Aspen Plus", "Gaussian", "HPLC", "Origin"],
        venues=["化工学报", "高等学校化学学报", "化学通报"],
    ),
    "土木工程": dict(
        postdocs=4,
        stations=[_QUT_CIVIL],
        field="桥梁与隧道工程",
        method="有限元分析与施工监测",
        tools=["Midas Civil", "ANSYS", "Abaqus", "AutoCAD"],
        venues=["土木工程学报", "桥梁建设", "隧道建设"],
    ),
    "控制科学与工程": dict(
        postdocs=1,
        stations=[_SDUST_CTRL, _WS_HAILAN],
        field="控制理论与工业过程控制",
        method="先进控制算法设计",
        tools=["MATLAB/Simulink", "Python", "ROS", "PLC编程"],
        venues=["控制与决策", "自动化学报", "控制理论与应用"],
    ),
    "机械工程": dict(
        postdocs=2,
        stations=[_WS_HAILAN, _WS_RAIL],
        field="机械设计与可靠性工程",
        method="参数化设计与可靠性分析",
        tools=["SolidWorks", "ANSYS", "MATLAB", "Romax"],
        venues=["机械工程学报", "中国机械工程", "机械传动"],
    ),
    "材料科学与工程": dict(
        postdocs=7,
        stations=[_QUST_MAT, _WS_HENGYUAN],
        field="先进功能材料与结构材料",
        method="材料制备与表征",
        tools=["XRD", "SEM/TEM", "Materials Studio", "COMSOL", "Origin"],
        venues=["材料导报", "功能材料", "材料工程"],
    ),
    "核科学与技术": dict(
        postdocs=1,
        stations=[_WS_HENGYUAN],
        field="核能系统热工水力与控制",
        method="热工水力分析与控制仿真",
        tools=["RELAP5", "MCNP", "MATLAB", "Fluent"],
        venues=["原子能科学技术", "核动力工程"],
    ),
    "测绘科学与技术": dict(
        postdocs=2,
        stations=[_SDUST_GEO],
        field="测绘遥感与地理信息",
        method="遥感影像处理与空间数据分析",
        tools=["ArcGIS", "ENVI", "Python", "MATLAB"],
        venues=["测绘学报", "武汉大学学报(信息科学版)", "测绘通报"],
    ),
    "环境科学与工程": dict(
        postdocs=6,
        stations=[_OUC_ENV],
        field="水污染控制与环境修复",
        method="环境监测与污染治理工艺",
        tools=["GC-MS", "ICP-MS", "SPSS", "ArcGIS"],
        venues=["环境科学", "中国环境科学", "环境工程学报"],
    ),
    "电子科学与技术": dict(
        postdocs=3,
        stations=[_IB_XINCHEN, _OUC_ICE],
        field="电子电路与嵌入式系统",
        method="电路设计与FPGA实现",
        tools=["Verilog", "Vivado", "LTspice", "Altium Designer"],
        venues=["电子学报", "电子器件", "微电子学"],
    ),
    "电气工程": dict(
        postdocs=3,
        stations=[_WS_HENGYUAN, _SDUST_CTRL],
        field="电力电子与新能源电力系统",
        method="电力电子控制与系统仿真",
        tools=["MATLAB/Simulink", "PSCAD", "PLECS", "DSP编程"],
        venues=["电工技术学报", "电力系统自动化", "电源技术"],
    ),
    "石油与天然气工程": dict(
        postdocs=4,
        stations=[_UPC_OIL],
        field="油气勘探开发",
        method="储层表征与油藏工程分析",
        tools=["Petrel", "Eclipse", "Python", "MATLAB"],
        venues=["石油勘探与开发", "石油学报", "中国石油大学学报(自然科学版)"],
    ),
    "矿业工程": dict(
        postdocs=2,
        stations=[_SDUST_MINE],
        field="矿山开采与安全",
        method="采矿工艺与岩体稳定性分析",
        tools=["FLAC3D", "ANSYS", "AutoCAD", "MATLAB"],
        venues=["煤炭学报", "金属矿山", "采矿与安全工程学报"],
    ),
    "纺织科学与工程": dict(
        postdocs=4,
        stations=[_QDU_TEX],
        field="纺织材料与服装工程",
        method="纺织化学与功能整理",
        tools=["Origin", "CLO 3D", "SEM", "Python"],
        venues=["纺织学报", "印染", "丝绸"],
    ),
    "船舶与海洋工程": dict(
        postdocs=3,
        stations=[_WS_WHALE, _IB_LAOSHAN],
        field="船舶与海洋结构物",
        method="水动力分析与结构评估",
        tools=["ANSYS AQWA", "STAR-CCM+", "MATLAB", "Python"],
        venues=["船舶力学", "中国造船", "海洋工程"],
    ),
    "计算机科学与技术": dict(
        postdocs=3,
        stations=[_IB_ZHIYUN, _OUC_ICE, _SDUST_CTRL],
        field="计算机系统与数据智能",
        method="算法设计与系统实现",
        tools=["Python", "PyTorch", "C++", "Linux"],
        venues=["计算机学报", "软件学报", "计算机研究与发展"],
    ),
    "食品科学与工程": dict(
        postdocs=7,
        stations=[_OUC_FOOD],
        field="食品加工与质量安全",
        method="食品分析检测",
        tools=["HPLC", "GC-MS", "SPSS", "质构仪", "Origin"],
        venues=["食品科学", "中国食品学报", "食品工业科技"],
    ),
    "中医学/中药学": dict(
        postdocs=6,
        stations=[_TCM],
        field="中医药临床与中药药效",
        method="中医临床疗效评价",
        tools=["SPSS", "R", "中药指纹图谱", "网络药理学"],
        venues=["中华中医药杂志", "中国中药杂志", "中医杂志"],
    ),
    "公共卫生与预防医学": dict(
        postdocs=1,
        stations=[_QDU_MED],
        field="传染病防控与医院感染管理",
        method="流行病学调查与干预研究",
        tools=["SPSS", "R", "Stata", "流行病学调查"],
        venues=["中华预防医学杂志", "中国公共卫生"],
    ),
    "口腔医学": dict(
        postdocs=2,
        stations=[_QDU_MED],
        field="口腔修复与牙周组织再生",
        method="口腔临床研究与材料力学测试",
        tools=["SPSS", "CBCT影像分析", "万能材料试验机", "Mimics"],
        venues=["华西口腔医学杂志", "中华口腔医学杂志", "实用口腔医学杂志"],
    ),
    "基础医学/临床医学": dict(
        postdocs=5,
        stations=[_QDU_MED],
        field="临床诊疗与医学影像",
        method="临床研究与影像诊断",
        tools=["SPSS", "R", "医学影像分析", "临床研究设计"],
        venues=["中华医学杂志", "中华放射学杂志", "临床皮肤科杂志"],
    ),
    "药学": dict(
        postdocs=4,
        stations=[_OUC_PHARM, _WS_HANHAI],
        field="药物制剂与药物分析",
        method="制剂工艺与质量控制",
        tools=["HPLC", "LC-MS/MS", "DAS药动学软件", "ChemDraw"],
        venues=["药学学报", "中国药学杂志", "中国医药工业杂志"],
    ),
    "作物学": dict(
        postdocs=3,
        stations=[_QAU_CROP],
        field="作物遗传育种与种子科学",
        method="田间试验与分子标记",
        tools=["SPSS", "R", "SSR分子标记", "田间试验设计"],
        venues=["作物学报", "中国农业科学"],
    ),
    "农业资源利用": dict(
        postdocs=2,
        stations=[_QAU_CROP],
        field="土壤肥料与农业资源环境",
        method="土壤养分分析与地统计",
        tools=["ArcGIS", "R", "GS+地统计", "SPSS"],
        venues=["植物营养与肥料学报", "土壤学报"],
    ),
    "园艺学": dict(
        postdocs=5,
        stations=[_QAU_CROP],
        field="园艺植物栽培与园林应用",
        method="栽培试验与繁育技术",
        tools=["SPSS", "AutoCAD", "组织培养", "Photoshop"],
        venues=["园艺学报", "中国园林", "北方园艺"],
    ),
    "林学/林业工程": dict(
        postdocs=1,
        stations=[_QAU_CROP],
        field="林木培育与木材加工",
        method="育苗试验与材性测试",
        tools=["SPSS", "R", "ArcGIS"],
        venues=["林业科学", "林业工程学报"],
    ),
    "水产": dict(
        postdocs=5,
        stations=[_OUC_FISH, _IB_LAOSHAN],
        field="水产养殖与水产动物病害防控",
        method="养殖试验与病原检测",
        tools=["SPSS", "qPCR", "R", "水质分析"],
        venues=["水产学报", "中国水产科学", "渔业现代化"],
    ),
    "畜牧学/兽医学": dict(
        postdocs=1,
        stations=[_QAU_CROP],
        field="动物营养与兽医病原学",
        method="饲养试验与病原鉴定",
        tools=["SPSS", "PCR", "SAS"],
        venues=["畜牧兽医学报", "中国兽医学报"],
    ),
    "地理学": dict(
        postdocs=3,
        stations=[_OUC_ENV],
        field="湿地生态与区域发展",
        method="遥感与空间分析",
        tools=["ArcGIS", "ENVI", "R", "Python"],
        venues=["地理学报", "地理科学", "湖泊科学"],
    ),
    "地质学/地质资源与地质工程": dict(
        postdocs=3,
        stations=[_UPC_OIL, _IOCAS],
        field="矿产与油气地质",
        method="同位素年代学与地球化学分析",
        tools=["LA-ICP-MS", "GeoKit", "CorelDRAW", "Petrel"],
        venues=["地质学报", "岩石学报", "地学前缘"],
    ),
    "大气科学": dict(
        postdocs=3,
        stations=[_OUC_SEA],
        field="天气诊断与气候变化",
        method="天气诊断分析与数值模式",
        tools=["WRF", "Python", "NCL", "Fortran"],
        venues=["气象学报", "大气科学", "气象"],
    ),
    "数学": dict(
        postdocs=2,
        stations=[_QDU_MATH],
        field="应用数学与概率统计",
        method="数学建模与统计推断",
        tools=["MATLAB", "R", "Python", "LaTeX"],
        venues=["数学学报", "应用数学学报", "数学年刊"],
    ),
    "海洋科学": dict(
        postdocs=2,
        stations=[_OUC_SEA, _IOCAS, _IB_LAOSHAN],
        field="物理海洋与海洋环境",
        method="海洋观测与数值模拟",
        tools=["FVCOM", "MATLAB", "Python", "ArcGIS"],
        venues=["海洋与湖沼", "海洋学报", "中国海洋大学学报(自然科学版)"],
    ),
    "物理学": dict(
        postdocs=1,
        stations=[_IB_XINCHEN],
        field="计算物理与光物理",
        method="数值计算与理论建模",
        tools=["MATLAB", "Fortran", "COMSOL", "Python"],
        venues=["物理学报", "计算物理"],
    ),
    "生物学/生物科学与工程": dict(
        postdocs=2,
        stations=[_IOCAS, _WS_HANHAI],
        field="植物生态与生物技术",
        method="野外调查与生物学实验",
        tools=["R", "SPSS", "qPCR", "显微成像"],
        venues=["植物生态学报", "生物工程学报", "植物学报"],
    ),
}

# CSL papers that the enterprise problems below rely on: they are always placed in some
# postdoc's publication list, even when they are outliers of their discipline.
PRIORITY_PAPERS: frozenset[str] = frozenset(
    f"csl-dev-{n}"
    for n in (
        "0005",
        "0015",
        "0023",
        "0031",
        "0037",
        "0045",
        "0057",
        "0059",
        "0060",
        "0062",
        "0065",
        "0067",
        "0112",
        "0146",
        "0148",
        "0154",
        "0158",
        "0171",
        "0180",
        "0195",
        "0212",
        "0242",
        "0247",
        "0253",
        "0270",
        "0290",
        "0295",
        "0298",
        "0347",
        "0350",
        "0358",
        "0366",
        "0368",
        "0372",
        "0384",
        "0390",
        "0395",
        "0420",
        "0440",
        "0444",
        "0449",
        "0453",
        "0507",
        "0513",
        "0517",
        "0526",
        "0530",
        "0547",
        "0553",
        "0589",
        "0601",
        "0613",
        "0619",
        "0621",
        "0623",
        "0624",
        "0626",
        "0627",
        "0640",
        "0642",
        "0651",
        "0655",
        "0669",
        "0712",
        "0725",
        "0726",
        "0730",
        "0738",
        "0741",
        "0747",
        "0760",
        "0779",
        "0784",
        "0789",
        "0803",
        "0843",
        "0845",
        "0849",
        "0887",
        "0891",
        "0898",
        "0911",
        "0916",
        "0918",
        "0942",
        "0952",
        "0962",
        "0966",
        "0990",
    )
)

# Keywords too generic (or too vague out of context) to describe a research direction.
GENERIC_KEYWORDS: frozenset[str] = frozenset(
    _words(
        """
        研究 应用 分析 综述 研究进展 进展 试验 实验 试验研究 问题 对策 方法 技术 发展 管理 设计 中国
        国内 性能 影响 因素 特征 措施 现状 模型 优化 仿真 模拟 制备 合成 表征 测定 评价 临床观察
        护理 观察 应用研究 研究现状 发展方向 效果 疗效 产量 质量 生产 工艺 体会 结构 系统 因子 指标
        规律 机理 应用前景 数学模型 研究内容 患者 治疗 防治 特性 开发 实践 施工 计算 检验 对照观察
        关键词 优化设计 影响因素 防治对策 发展动态 分析总结 数值试验 实际问题 处理 治理 构建 局部
        背部 多发性 儿童 皮肤 毛发 标准 品种 品质 产业 生长 吸收 选育 栽培 育苗 登陆 种子 织物 干预
        孕妇 常温 水花 小规格 一体化 成像 构件 非线性 产业化 应用设计 保护 效果评定 中药 中医
        中药治疗 中医药疗法 中医治疗 诊断 临床 苗期 苗木 修复 数值模型 试验分析 研究态势 养护 资源
        环境 安全 成因分析 效益
        """
    )
)

# Place names: a keyword containing one of these ranks low (a place is rarely a research direction).
PLACE_MARKERS: tuple[str, ...] = tuple(
    _words(
        """
        北京 上海 香港 澳门 安徽 江苏 浙江 浙西 广东 广西 云南 贵州 甘肃 西藏 南疆 河南 黑龙江
        内蒙古 东北 华南 西部 湛江 长江 芜湖 太湖 巢湖 松花江 湘江 玄武湖 渤海 北黄海 大连 深圳 苏州
        宝鸡 三明 厦门 昆明 武汉 南京 珠江 西江 毛乌素 长白山 永安 成都 张家港 锡林郭勒 太行山 铜陵
        韶关 楚雄 贵港 也门 番禺 泥岗 鸭池河
        """
    )
)

# A keyword containing one of these reads as a method rather than a topic.
METHOD_MARKERS: tuple[str, ...] = tuple(
    _words(
        """
        算法 模型 模拟 仿真 有限元 神经网络 支持向量机 色谱 质谱 PCR 滤波 小波 遗传算法 测试 光谱
        成像 监测 分析法 变换 识别 控制 检测 地统计 回归 估计 电泳 同位素
        """
    )
)

# Research-interest sentences for the CSL-based profiles. Fields: t1, t2, t3 (topics), m
# (a method), f (the discipline's field phrase). The last template of each tuple speaks to
# industry (工学, 农学, 理学) or to clinical practice (医学).
INTEREST_TEMPLATES: tuple[str, ...] = (
    "主要研究方向为{t1}、{t2}和{t3}，关注{m}在{f}中的应用。",
    "长期从事{f}研究，重点关注{t1}与{t2}，近年来围绕{t3}开展了系统工作，擅长{m}。",
    "研究兴趣包括{t1}、{t2}及{t3}，在{m}方面有较多积累，希望推动{f}相关成果的转化应用。",
)
APPLIED_TEMPLATE = "聚焦{f}，主要围绕{t1}、{t2}开展研究，可为企业提供{t3}和{m}相关的技术支持。"
CLINICAL_TEMPLATE = "聚焦{f}，主要围绕{t1}、{t2}开展临床与基础研究，可参与{t3}相关的临床评价和产品研发。"


# --------------------------------------------------------------------------------------------
# Names: (hanzi, pinyin). Qingdao-local surnames (隋, 鞠, 曲, 栾, 宫, 逄, 衣) are included.
# --------------------------------------------------------------------------------------------
SURNAMES: list[tuple[str, str]] = _pairs(
    """
    王 wang  李 li  张 zhang  刘 liu  陈 chen  杨 yang  赵 zhao  黄 huang  周 zhou  吴 wu
    徐 xu  孙 sun  胡 hu  朱 zhu  高 gao  林 lin  何 he  郭 guo  马 ma  罗 luo  梁 liang
    宋 song  郑 zheng  谢 xie  韩 han  唐 tang  冯 feng  于 yu  董 dong  程 cheng  曹 cao
    袁 yuan  邓 deng  许 xu  傅 fu  沈 shen  曾 zeng  彭 peng  苏 su  卢 lu  蒋 jiang  蔡 cai
    贾 jia  丁 ding  魏 wei  薛 xue  叶 ye  潘 pan  杜 du  戴 dai  夏 xia  钟 zhong  田 tian
    任 ren  姜 jiang  范 fan  方 fang  石 shi  姚 yao  谭 tan  邹 zou  孔 kong  崔 cui
    毛 mao  邱 qiu  秦 qin  史 shi  顾 gu  侯 hou  邵 shao  孟 meng  段 duan  雷 lei  钱 qian
    尹 yin  常 chang  乔 qiao  贺 he  隋 sui  鞠 ju  曲 qu  栾 luan  宫 gong  逄 pang  衣 yi
    臧 zang
    """
)

GIVEN_CHARS: list[tuple[str, str]] = _pairs(
    """
    晓 xiao  明 ming  伟 wei  芳 fang  敏 min  静 jing  磊 lei  洋 yang  杰 jie  涛 tao
    超 chao  子 zi  浩 hao  宇 yu  轩 xuan  欣 xin  怡 yi  佳 jia  思 si  雨 yu  涵 han  博 bo
    文 wen  昊 hao  晨 chen  阳 yang  凯 kai  鹏 peng  飞 fei  鑫 xin  婷 ting  雪 xue
    琳 lin  颖 ying  倩 qian  璐 lu  萌 meng  悦 yue  楠 nan  然 ran  天 tian  一 yi  嘉 jia
    泽 ze  俊 jun  志 zhi  海 hai  晶 jing  慧 hui  丹 dan  瑞 rui  清 qing  远 yuan  航 hang
    帆 fan  宁 ning  亮 liang  斌 bin  鸿 hong  冰 bing  蕾 lei  薇 wei  若 ruo  诗 shi
    书 shu  菲 fei  安 an  逸 yi  辰 chen  铭 ming  晗 han  宏 hong  峰 feng  建 jian  华 hua
    新 xin  春 chun  立 li  越 yue  卓 zhuo  哲 zhe  舒 shu  媛 yuan  蓉 rong  岩 yan
    松 song  翔 xiang  旭 xu  东 dong  晴 qing
    """
)


# --------------------------------------------------------------------------------------------
# Hand-written postdocs. English-writing postdocs (foreign or returnee researchers) and
# mixed-language postdocs, whose Chinese publications are CSL papers listed in ``csl_papers``.
# --------------------------------------------------------------------------------------------
def _pub(title: str, year: int, venue: str, abstract: str, keywords: list[str]) -> dict[str, Any]:
    """One hand-written publication record."""
    return {"title": title, "abstract": abstract, "keywords": keywords, "year": year, "venue": venue}


def _person(
    name: str,
    email: str,
    station: str,
    discipline: str,
    languages: list[str],
    availability: str,
    max_concurrent: int,
) -> dict[str, Any]:
    """The identity part of a hand-written postdoc."""
    return {
        "name": name,
        "email": email,
        "station": station,
        "discipline": discipline,
        "languages": languages,
        "availability": availability,
        "max_concurrent_challenges": max_concurrent,
    }


ENGLISH_POSTDOCS: list[dict[str, Any]] = [
    {
        **_person(
            "Lukas Becker",
            "lukas.becker@zhiyun-tech.com",
            _IB_ZHIYUN,
            "计算机科学与技术",
            ["en"],
            "available",
            2,
        ),
        "research_interests": (
            "I work on machine vision for industrial quality inspection, with a focus on detecting "
            "rare surface defects when only a handful of defective samples are available. My recent "
            "projects combine unsupervised anomaly detection with lightweight detectors that run in "
            "real time on edge devices next to the production line."
        ),
        "skills": [
            "machine vision",
            "anomaly detection",
            "PyTorch",
            "OpenCV",
            "TensorRT",
            "industrial lighting design",
        ],
        "publications": [
            _pub(
                "Few-shot surface defect detection on steel strips with memory-bank anomaly scoring",
                2022,
                "Journal of Manufacturing Systems",
                "Surface inspection lines collect thousands of defect-free images but only a few "
                "dozen examples of each defect class. We combine a memory bank of pretrained patch "
                "features with a small supervised head, so that unknown defect types are flagged as "
                "anomalies while known types are classified. On a hot-rolled strip dataset the "
                "method reaches 96.8% image-level AUROC with only ten labelled samples per class.",
                ["surface defect detection", "few-shot learning", "anomaly detection", "steel strip"],
            ),
            _pub(
                "Real-time weld seam inspection on embedded GPUs using a pruned one-stage detector",
                2023,
                "IEEE Transactions on Industrial Informatics",
                "We present a weld inspection pipeline that detects porosity, undercut and spatter "
                "in robotic welding cells. Channel pruning and INT8 quantisation reduce the "
                "detector to 4.1 GFLOPs, allowing 45 frames per second on a Jetson Orin NX with "
                "less than 1.5 points loss in mAP. A six-month deployment on a shipyard "
                "sub-assembly line is reported.",
                ["weld inspection", "model compression", "edge computing", "YOLO"],
            ),
            _pub(
                "Illumination-invariant inspection of reflective metal parts with multi-angle "
                "photometric imaging",
                2021,
                "Optics and Lasers in Engineering",
                "Specular surfaces such as machined aluminium housings produce glare that hides "
                "scratches and dents. We capture each part under eight lighting directions and fuse "
                "the images into normal and albedo maps before detection, which raises scratch "
                "recall from 71% to 94% compared with single-shot imaging.",
                ["photometric stereo", "reflective surfaces", "defect inspection", "illumination design"],
            ),
        ],
    },
    {
        **_person(
            "Priya Raman", "priya.raman@qust.edu.cn", _QUST_MAT, "材料科学与工程", ["en"], "available", 2
        ),
        "research_interests": (
            "My research targets low-cost cathode materials for lithium-ion batteries, particularly "
            "lithium manganese iron phosphate (LMFP) and manganese-rich layered oxides. I study how "
            "surface coatings and dopants suppress manganese dissolution and voltage fade, and I "
            "scale promising chemistries from gram-level synthesis to pouch cells."
        ),
        "skills": [
            "cathode synthesis",
            "electrochemical testing",
            "XRD/Rietveld refinement",
            "SEM/TEM",
            "pouch cell assembly",
            "DFT (VASP)",
        ],
        "publications": [
            _pub(
                "Suppressing Mn dissolution in LiMn0.6Fe0.4PO4 by a conformal Li3PO4-carbon dual coating",
                2023,
                "Journal of Power Sources",
                "LMFP cathodes lose capacity at elevated temperature because Mn2+ dissolves into "
                "the electrolyte and deposits on the graphite anode. A Li3PO4 inner layer combined "
                "with an outer conductive carbon shell cuts Mn dissolution at 55 °C by 68% and lets "
                "full cells retain 91% capacity after 1,000 cycles at 1C.",
                ["LMFP", "manganese dissolution", "surface coating", "cycle life"],
            ),
            _pub(
                "Mg and Ti co-doping stabilises the layered structure of Li-rich Mn-based cathodes",
                2022,
                "ACS Applied Energy Materials",
                "Voltage fade in Li-rich manganese oxides stems from transition-metal migration "
                "during cycling. We show that Mg on Li sites and Ti on transition-metal sites act "
                "together to pin the layered framework, reducing average voltage decay from 2.9 to "
                "0.9 mV per cycle over 300 cycles.",
                ["Li-rich cathode", "co-doping", "voltage fade", "layered oxide"],
            ),
            _pub(
                "Spray-drying synthesis of spherical LMFP secondary particles with high tap density",
                2024,
                "Ceramics International",
                "Tap density limits the volumetric energy of phosphate cathodes. By tuning slurry "
                "solids content and carbon source during spray drying we obtain spherical secondary "
                "particles with a tap density of 1.45 g/cm3 while keeping 152 mAh/g at 0.1C. The "
                "process uses industrial-grade precursors and was run at 5 kg batch scale.",
                ["spray drying", "tap density", "LMFP", "scale-up"],
            ),
        ],
    },
    {
        **_person(
            "Erik Nordberg", "erik.nordberg@qnlm.ac", _IB_LAOSHAN, "船舶与海洋工程", ["en"], "limited", 1
        ),
        "research_interests": (
            "I study the coupled dynamics of floating offshore wind turbines, from hydrodynamic loads "
            "on semi-submersible hulls to mooring line fatigue. I develop engineering models that "
            "are fast enough for design-load-case screening but are validated against basin tests "
            "and full-scale measurements."
        ),
        "skills": [
            "OpenFAST",
            "WAMIT",
            "OrcaFlex",
            "mooring design",
            "fatigue analysis (DNV-RP-C203)",
            "Python",
        ],
        "publications": [
            _pub(
                "Mooring line fatigue of a semi-submersible floating wind turbine under wind-wave "
                "misalignment",
                2022,
                "Ocean Engineering",
                "Wind-wave misalignment is common at exposed sites but is often simplified in "
                "fatigue assessments. Using coupled simulations of a 15 MW semi-submersible with a "
                "three-line catenary system, we find that misalignment above 60 degrees increases "
                "fairlead tension damage by up to 40%. Design recommendations for line pretension "
                "are given.",
                ["floating offshore wind", "mooring fatigue", "wind-wave misalignment", "coupled simulation"],
            ),
            _pub(
                "Validation of second-order difference-frequency loads for a spar-buoy wind "
                "turbine against basin tests",
                2021,
                "Marine Structures",
                "Low-frequency surge and pitch responses of spar floaters are dominated by "
                "second-order wave forces. We compare Newman's approximation and full QTF "
                "calculations with 1:50 scale tests and show that the full QTF reduces the error in "
                "surge standard deviation from 35% to 8% in severe sea states.",
                ["spar", "second-order wave loads", "model tests", "QTF"],
            ),
            _pub(
                "A surrogate model for rapid screening of floating wind design load cases",
                2024,
                "Renewable Energy",
                "Full design load case tables contain thousands of coupled simulations. A "
                "Gaussian-process surrogate trained on 400 OpenFAST runs predicts extreme mooring "
                "tensions and platform pitch within 5% error, reducing screening time from days to "
                "minutes.",
                ["surrogate model", "design load cases", "Gaussian process", "floating wind"],
            ),
        ],
    },
    {
        **_person(
            "Yifan Chen", "yifan.chen@qnlm.ac", _IB_LAOSHAN, "控制科学与工程", ["en", "zh"], "available", 2
        ),
        "research_interests": (
            "My work is on navigation and control of autonomous underwater vehicles (AUVs) for "
            "long-range survey missions. I combine inertial navigation, Doppler velocity logs and "
            "acoustic positioning in factor-graph estimators, and I test the algorithms on survey "
            "AUVs in the Yellow Sea."
        ),
        "skills": [
            "AUV navigation",
            "factor graph optimisation",
            "SINS/DVL integration",
            "ROS",
            "C++",
            "sea trials",
        ],
        "publications": [
            _pub(
                "Factor-graph fusion of SINS, DVL and sparse USBL fixes for long-range AUV navigation",
                2023,
                "IEEE Journal of Oceanic Engineering",
                "Dead-reckoning drift limits AUV survey accuracy when acoustic fixes arrive only "
                "every few minutes. We formulate navigation as a sliding-window factor graph with "
                "DVL bottom-track, inertial preintegration and delayed USBL measurements. In a 38 km "
                "Yellow Sea mission the horizontal error stayed below 0.3% of distance travelled.",
                ["AUV", "factor graph", "DVL", "USBL"],
            ),
            _pub(
                "Terrain-aided navigation for AUVs using multibeam bathymetry and particle filtering",
                2022,
                "Ocean Engineering",
                "When acoustic infrastructure is unavailable, seabed terrain can bound navigation "
                "drift. We match multibeam swaths against a prior bathymetric map with a particle "
                "filter that adapts its noise model to terrain roughness, achieving 12 m mean error "
                "over flat shelf areas where conventional methods diverge.",
                ["terrain-aided navigation", "multibeam", "particle filter", "AUV"],
            ),
            _pub(
                "Adaptive depth control of a hybrid glider-AUV under strong internal waves",
                2020,
                "Control Engineering Practice",
                "Internal waves impose large vertical disturbances on gliding vehicles. An adaptive "
                "sliding-mode depth controller with a disturbance observer keeps depth error within "
                "0.5 m in field tests while reducing buoyancy-engine actuation by 30% compared with "
                "PID control.",
                ["depth control", "internal waves", "sliding mode control", "underwater glider"],
            ),
        ],
    },
    {
        **_person("Amara Okafor", "amara.okafor@hanhaibio.com", _WS_HANHAI, "药学", ["en"], "available", 2),
        "research_interests": (
            "I design drug delivery systems that improve the bioavailability and dosing schedule of "
            "poorly water-soluble drugs. My current projects cover PLGA microspheres for one-month "
            "long-acting injectables and lipid nanoparticles for oral delivery, including in "
            "vitro-in vivo correlation."
        ),
        "skills": [
            "PLGA microspheres",
            "nanoparticle formulation",
            "HPLC",
            "in vitro release testing",
            "pharmacokinetics",
            "design of experiments",
        ],
        "publications": [
            _pub(
                "Controlling the initial burst of olanzapine from PLGA microspheres through the "
                "solvent evaporation rate",
                2022,
                "International Journal of Pharmaceutics",
                "Long-acting injectable microspheres often show a high initial burst that causes "
                "early side effects. By programming the solvent removal rate during emulsion "
                "solidification we obtained denser particle shells and reduced the 24 h burst of "
                "olanzapine from 18% to 4%, while keeping near zero-order release over 28 days in "
                "rats.",
                ["PLGA microspheres", "long-acting injectable", "burst release", "olanzapine"],
            ),
            _pub(
                "Lipid nanocapsules raise the oral bioavailability of a BCS class IV marine natural product",
                2023,
                "Journal of Controlled Release",
                "A sesquiterpene isolated from a marine fungus showed good in vitro activity but "
                "negligible oral exposure. Encapsulation in 60 nm lipid nanocapsules increased "
                "solubility 400-fold and the oral AUC in rats 7.3-fold, partly through lymphatic "
                "transport.",
                ["lipid nanocapsules", "oral bioavailability", "marine natural products", "BCS class IV"],
            ),
            _pub(
                "Level A in vitro-in vivo correlation for extended-release microspheres using a "
                "flow-through method",
                2024,
                "European Journal of Pharmaceutics and Biopharmaceutics",
                "Regulatory development of long-acting injectables benefits from a predictive in "
                "vitro test. A USP apparatus 4 method with a hydrogel-embedded sample cell produced "
                "a Level A IVIVC across three formulations with prediction errors below 10% for "
                "Cmax and AUC.",
                ["IVIVC", "flow-through cell", "extended release", "microspheres"],
            ),
        ],
    },
    {
        **_person(
            "Haoran Wang",
            "haoran.wang@zhiyun-tech.com",
            _IB_ZHIYUN,
            "计算机科学与技术",
            ["en", "zh"],
            "available",
            3,
        ),
        "research_interests": (
            "I build large language model applications for industrial users, especially "
            "retrieval-augmented question answering over manuals, maintenance records and standards "
            "in Chinese and English. I care about evaluation: measuring factual accuracy, citation "
            "quality and latency on real enterprise documents rather than public benchmarks."
        ),
        "skills": [
            "large language models",
            "retrieval-augmented generation",
            "LoRA fine-tuning",
            "information retrieval",
            "Python",
            "vector databases",
        ],
        "publications": [
            _pub(
                "Bilingual retrieval-augmented generation for equipment maintenance manuals",
                2024,
                "Proceedings of ACL (Industry Track)",
                "Maintenance engineers search manuals written in one language while asking "
                "questions in another. We build a cross-lingual retriever that aligns Chinese "
                "queries with English manual sections and a generator that must quote the retrieved "
                "passages. On 1,200 real service tickets, answer accuracy rose from 58% to 81% over "
                "a monolingual baseline.",
                [
                    "retrieval-augmented generation",
                    "cross-lingual retrieval",
                    "maintenance manuals",
                    "large language models",
                ],
            ),
            _pub(
                "Parameter-efficient domain adaptation of LLMs with synthetic question-answer "
                "pairs from technical standards",
                2023,
                "Expert Systems with Applications",
                "We generate question-answer pairs from national and industry standards with a "
                "teacher model, filter them with consistency checks and fine-tune a 7B model with "
                "LoRA. The adapted model cites the correct clause in 74% of cases versus 39% for "
                "the base model.",
                ["domain adaptation", "LoRA", "synthetic data", "technical standards"],
            ),
            _pub(
                "Measuring hallucination in industrial question answering: a citation-grounded benchmark",
                2024,
                "Information Processing & Management",
                "We release a benchmark of 3,000 questions over equipment documentation in which "
                "every reference answer is tied to specific passages. Metrics based on citation "
                "overlap correlate with expert judgement (Spearman 0.82) and expose hallucinations "
                "that fluency-based metrics miss.",
                ["hallucination", "benchmark", "question answering", "evaluation"],
            ),
        ],
    },
    {
        **_person(
            "Mehmet Yilmaz", "mehmet.yilmaz@xinchensemi.com", _IB_XINCHEN, "电气工程", ["en"], "available", 2
        ),
        "research_interests": (
            "I work on high-frequency power converters built with SiC and GaN devices, in particular "
            "on-board chargers and DC/DC stages for electric vehicles and energy storage. My focus is "
            "the interplay between switching speed, EMI and thermal design, and modelling that lets "
            "a converter pass EMC tests on the first prototype."
        ),
        "skills": [
            "SiC/GaN power devices",
            "LLC and DAB converters",
            "EMI modelling",
            "PLECS",
            "LTspice",
            "thermal simulation",
        ],
        "publications": [
            _pub(
                "Common-mode noise prediction for a 22 kW SiC on-board charger using a "
                "frequency-domain equivalent circuit",
                2023,
                "IEEE Transactions on Power Electronics",
                "Fast-switching SiC devices inject common-mode currents through parasitic "
                "capacitances to the heatsink. We extract these capacitances from 3D layout data and "
                "build a frequency-domain noise model that predicts conducted emissions within 3 dB "
                "up to 30 MHz, so the EMI filter can be sized before the first prototype.",
                ["SiC MOSFET", "conducted EMI", "on-board charger", "common-mode noise"],
            ),
            _pub(
                "Gate-driver design trade-offs for GaN half-bridges in 1 MHz LLC converters",
                2022,
                "IEEE Journal of Emerging and Selected Topics in Power Electronics",
                "Gate-loop inductance and dead-time selection strongly affect efficiency and ringing "
                "in megahertz GaN converters. Guidelines derived from double-pulse tests and a 1 kW "
                "prototype achieve 97.6% peak efficiency with overshoot below 15%.",
                ["GaN HEMT", "gate driver", "LLC resonant converter", "dead time"],
            ),
            _pub(
                "Thermal-electrical co-design of a dual active bridge for battery energy storage",
                2024,
                "IEEE Transactions on Industry Applications",
                "We optimise switching frequency, transformer design and heatsink volume jointly for "
                "a 50 kW dual active bridge. The co-designed converter reduces junction temperature "
                "swing by 18 K under cycling loads, which is projected to double module lifetime.",
                ["dual active bridge", "thermal design", "power cycling", "energy storage"],
            ),
        ],
    },
    {
        **_person(
            "Sofia Marchetti", "sofia.marchetti@qdio.ac.cn", _IOCAS, "材料科学与工程", ["en"], "available", 2
        ),
        "research_interests": (
            "I study corrosion of steels in marine environments, from the splash zone of offshore "
            "structures to microbiologically influenced corrosion under biofilms. I combine "
            "electrochemical measurements, long-term field exposure and coating tests to support "
            "protection design for ports and offshore wind farms."
        ),
        "skills": [
            "electrochemical impedance spectroscopy",
            "cathodic protection design",
            "coating evaluation",
            "field exposure testing",
            "SEM/EDS",
            "corrosion failure analysis",
        ],
        "publications": [
            _pub(
                "Corrosion rate of S355 steel in the splash zone: three years of field exposure in "
                "the Yellow Sea",
                2023,
                "Corrosion Science",
                "Splash-zone corrosion governs the thickness allowance of offshore monopiles. S355 "
                "coupons exposed at a Qingdao test station showed a peak corrosion rate of 0.42 mm "
                "per year just above mean high water, about four times the immersed-zone rate. "
                "Rust-layer analysis links the peak to wet-dry cycling and chloride accumulation.",
                ["splash zone", "marine corrosion", "field exposure", "structural steel"],
            ),
            _pub(
                "Sulfate-reducing bacteria biofilms accelerate pitting of under-protected steel",
                2022,
                "Bioelectrochemistry",
                "When cathodic protection potentials drift, biofilms of sulfate-reducing bacteria "
                "can establish and drive localised attack. At -0.75 V vs Ag/AgCl pitting depth "
                "doubled in the presence of SRB, while -0.90 V suppressed biofilm activity.",
                [
                    "microbiologically influenced corrosion",
                    "sulfate-reducing bacteria",
                    "cathodic protection",
                    "pitting",
                ],
            ),
            _pub(
                "Thermally sprayed aluminium versus epoxy coating systems on offshore wind transition pieces",
                2024,
                "Progress in Organic Coatings",
                "We compare thermally sprayed aluminium with and without sealer against a three-coat "
                "epoxy system using cyclic ageing to ISO 12944-9 and scribe-creep measurements. "
                "Sealed TSA showed the lowest creep after 4,200 h and stayed protective at coating "
                "defects through sacrificial action.",
                ["thermally sprayed aluminium", "coatings", "offshore wind", "ISO 12944"],
            ),
        ],
    },
    {
        **_person(
            "Daniel Kim", "daniel.kim@upc.edu.cn", _UPC_CHEM, "化学/化学工程与技术", ["en"], "available", 2
        ),
        "research_interests": (
            "I develop catalysts and membrane electrode assemblies for anion exchange membrane (AEM) "
            "water electrolysis, aiming at hydrogen production without platinum-group metals. My "
            "work links catalyst synthesis with cell-level testing and degradation analysis under "
            "the fluctuating loads of wind and solar power."
        ),
        "skills": [
            "electrocatalysis",
            "AEM water electrolysis",
            "MEA fabrication",
            "electrochemical testing",
            "XPS",
            "accelerated stress tests",
        ],
        "publications": [
            _pub(
                "NiFe layered double hydroxide on nickel foam as a durable oxygen evolution anode "
                "for AEM electrolysers",
                2022,
                "Applied Catalysis B: Environmental",
                "A one-step hydrothermal route grows NiFe LDH nanosheets directly on nickel foam. In "
                "a single AEM cell the anode delivers 1 A/cm2 at 1.82 V in 1 M KOH and degrades by "
                "12 microvolts per hour over 1,000 h.",
                ["oxygen evolution reaction", "NiFe LDH", "AEM electrolysis", "durability"],
            ),
            _pub(
                "Degradation of anion exchange membranes under fluctuating current loads from "
                "renewable power",
                2023,
                "Journal of Membrane Science",
                "Intermittent operation causes potential cycling that accelerates ionomer and "
                "membrane degradation. Load profiles from a wind farm tripled voltage decay compared "
                "with constant current, mainly through loss of ionomer in the anode catalyst layer.",
                ["anion exchange membrane", "degradation", "dynamic operation", "renewable hydrogen"],
            ),
            _pub(
                "Techno-economic comparison of alkaline, PEM and AEM electrolysis for coastal green hydrogen",
                2024,
                "International Journal of Hydrogen Energy",
                "Using cost and performance data up to 2023, we estimate the levelised hydrogen cost "
                "of a 20 MW coastal plant. AEM electrolysis becomes competitive with alkaline "
                "systems if membrane lifetime exceeds 30,000 h and stack cost falls below 300 USD "
                "per kW.",
                ["levelised cost of hydrogen", "electrolysis", "techno-economic analysis", "green hydrogen"],
            ),
        ],
    },
    {
        **_person("Anna Kowalska", "anna.kowalska@qut.edu.cn", _QUT_CIVIL, "力学", ["en"], "limited", 1),
        "research_interests": (
            "My research covers fatigue and damage of fibre-reinforced composites used in wind "
            "turbine blades and lightweight structures. I combine multi-scale modelling with digital "
            "image correlation and acoustic emission to understand how delamination starts around "
            "drilled holes, bonded joints and manufacturing defects."
        ),
        "skills": [
            "composite fatigue",
            "finite element analysis (Abaqus)",
            "digital image correlation",
            "acoustic emission",
            "cohesive zone modelling",
            "Python",
        ],
        "publications": [
            _pub(
                "Delamination onset around drilled bolt holes in glass/epoxy blade root laminates",
                2021,
                "Composites Part A: Applied Science and Manufacturing",
                "Blade root inserts require drilling thick glass/epoxy laminates, which can cause "
                "entry and exit delamination. Combining thrust force measurements with X-ray CT, we "
                "identify a critical feed rate above which the delaminated area grows rapidly, and "
                "propose drilling parameters that keep the delamination factor below 1.1.",
                ["drilling", "delamination", "glass fibre composites", "wind turbine blades"],
            ),
            _pub(
                "Cohesive zone modelling of fatigue crack growth in adhesively bonded blade shear webs",
                2023,
                "Composite Structures",
                "Bond-line cracks in shear webs are a frequent blade failure mode. A cyclic cohesive "
                "zone model calibrated on double cantilever beam tests predicts crack growth rates "
                "within 20% of full-scale component tests.",
                ["cohesive zone model", "adhesive joints", "fatigue crack growth", "shear web"],
            ),
            _pub(
                "Acoustic emission clustering to separate damage modes in composite coupons",
                2022,
                "Mechanical Systems and Signal Processing",
                "Unsupervised clustering of acoustic emission features separates matrix cracking, "
                "fibre breakage and delamination in tension-fatigue tests of non-crimp fabric "
                "laminates. Cluster labels were confirmed by microscopy of interrupted specimens.",
                ["acoustic emission", "damage modes", "clustering", "non-crimp fabric"],
            ),
        ],
    },
    {
        **_person(
            "Mengqi Liu", "mengqi.liu@qdu.edu.cn", _QDU_MED, "基础医学/临床医学", ["en", "zh"], "available", 2
        ),
        "research_interests": (
            "I am a radiologist by training and now work on AI-assisted diagnosis in breast and "
            "thyroid ultrasound. I focus on making models robust across ultrasound machines and "
            "hospitals, and on reader studies that show whether AI actually changes clinical "
            "decisions."
        ),
        "skills": [
            "medical image analysis",
            "breast ultrasound",
            "deep learning (PyTorch)",
            "reader study design",
            "DICOM",
            "statistics (R)",
        ],
        "publications": [
            _pub(
                "Multi-centre validation of a deep learning model for BI-RADS assessment of breast "
                "ultrasound",
                2023,
                "European Radiology",
                "We trained a convolutional model on 21,000 breast ultrasound images from two "
                "hospitals and tested it on 4,300 images from five external centres. The model "
                "reached an AUC of 0.92 for malignancy, and as a second reader it reduced "
                "unnecessary biopsies of BI-RADS 4a lesions by 27% without missing cancers.",
                ["breast ultrasound", "BI-RADS", "deep learning", "multi-centre validation"],
            ),
            _pub(
                "Domain generalisation across ultrasound vendors with frequency-space augmentation",
                2022,
                "Medical Image Analysis",
                "Differences in transducers and post-processing cause AI models to fail on unseen "
                "ultrasound machines. Random amplitude-spectrum mixing during training narrows the "
                "AUC gap between seen and unseen vendors from 0.11 to 0.03.",
                ["domain generalisation", "ultrasound", "data augmentation", "vendor shift"],
            ),
            _pub(
                "Effect of AI assistance on junior radiologists' thyroid nodule assessment: a reader study",
                2024,
                "Ultrasound in Medicine and Biology",
                "Twelve radiologists read 600 thyroid nodules with and without AI support. "
                "Assistance improved junior readers' specificity from 71% to 82% and their agreement "
                "with senior readers (kappa 0.58 to 0.74), while senior readers were largely "
                "unaffected.",
                ["thyroid nodules", "reader study", "AI assistance", "TI-RADS"],
            ),
        ],
    },
    {
        **_person("Rahul Menon", "rahul.menon@ouc.edu.cn", _OUC_FISH, "水产", ["en"], "available", 2),
        "research_interests": (
            "I study disease prevention in marine finfish aquaculture, focusing on bacterial "
            "vaccines and probiotics for turbot and other flatfish. I am interested in practical "
            "tools for farms: rapid pathogen detection, immersion vaccination and feed-based "
            "immunostimulants."
        ),
        "skills": [
            "fish immunology",
            "vaccine development",
            "qPCR",
            "pathogen diagnostics",
            "probiotics",
            "aquaculture trials",
        ],
        "publications": [
            _pub(
                "Immersion vaccination of juvenile turbot against Edwardsiella piscicida with an "
                "inactivated whole-cell vaccine",
                2021,
                "Fish & Shellfish Immunology",
                "Injection vaccination is impractical for small turbot. A formalin-inactivated "
                "whole-cell vaccine delivered by 30-minute immersion gave a relative percent "
                "survival of 68% after challenge, with higher skin-mucus IgM and upregulated mucosal "
                "immune genes.",
                ["turbot", "immersion vaccination", "Edwardsiella piscicida", "mucosal immunity"],
            ),
            _pub(
                "Loop-mediated isothermal amplification for on-farm detection of Vibrio anguillarum",
                2023,
                "Aquaculture",
                "We designed a LAMP assay that detects V. anguillarum in 40 minutes with a colour "
                "readout and needs only a heating block. The detection limit was 50 CFU per reaction "
                "and results agreed with qPCR in 96% of 180 farm samples.",
                ["LAMP", "Vibrio anguillarum", "rapid detection", "aquaculture"],
            ),
            _pub(
                "Dietary Bacillus probiotics improve growth and disease resistance of turbot in "
                "recirculating systems",
                2022,
                "Aquaculture Reports",
                "Turbot fed a Bacillus subtilis and B. licheniformis mixture for eight weeks grew "
                "11% faster and showed higher lysozyme activity. Survival after a Vibrio challenge "
                "increased from 45% to 70%.",
                ["probiotics", "Bacillus", "turbot", "recirculating aquaculture"],
            ),
        ],
    },
    {
        **_person("Claire Dubois", "claire.dubois@ouc.edu.cn", _OUC_SEA, "海洋科学", ["en"], "available", 2),
        "research_interests": (
            "I work on coastal ocean forecasting, coupling storm surge and wave models with data "
            "assimilation and machine learning. Recent projects include typhoon surge forecasts for "
            "port operations and satellite monitoring of coastal water quality and green tides."
        ),
        "skills": [
            "storm surge modelling (ADCIRC/FVCOM)",
            "data assimilation",
            "satellite remote sensing",
            "machine learning",
            "Python/xarray",
            "HPC",
        ],
        "publications": [
            _pub(
                "Ensemble storm surge forecasting for Jiaozhou Bay driven by perturbed typhoon tracks",
                2023,
                "Ocean Modelling",
                "Typhoon track uncertainty dominates surge forecast errors in semi-enclosed bays. We "
                "drive an unstructured-grid surge model with 50 perturbed tracks and calibrate the "
                "ensemble spread on historical events, improving 48-hour peak water level forecasts "
                "by 25% in RMSE relative to a deterministic run.",
                ["storm surge", "ensemble forecasting", "typhoon", "Jiaozhou Bay"],
            ),
            _pub(
                "A neural-network correction of tide-surge model bias using tide-gauge data",
                2022,
                "Coastal Engineering",
                "Numerical surge models show systematic biases linked to wind drag and bathymetry "
                "errors. An LSTM trained on model output and tide-gauge records corrects the bias in "
                "real time and reduces peak-surge error from 0.31 m to 0.14 m across 14 typhoons.",
                ["bias correction", "LSTM", "tide gauge", "surge forecasting"],
            ),
            _pub(
                "Mapping Ulva prolifera green tides in the Yellow Sea with Sentinel-2 and a deep "
                "segmentation network",
                2024,
                "Remote Sensing of Environment",
                "Floating green algae are patchy and often mixed with cloud shadows. A U-Net trained "
                "on manually labelled Sentinel-2 scenes detects algae patches at 10 m resolution "
                "with an F1 score of 0.89 and tracks daily drift when combined with MODIS.",
                ["green tide", "Ulva prolifera", "Sentinel-2", "semantic segmentation"],
            ),
        ],
    },
    {
        **_person(
            "Tomás Herrera", "tomas.herrera@ruigui-rail.com", _WS_RAIL, "机械工程", ["en"], "available", 2
        ),
        "research_interests": (
            "I develop predictive maintenance methods for rotating machinery, mainly bearings and "
            "gearboxes in rail vehicles and wind turbines. My work connects physics-based vibration "
            "models with data-driven diagnostics so that fault alarms come with an estimate of "
            "remaining useful life."
        ),
        "skills": [
            "vibration analysis",
            "bearing and gear diagnostics",
            "remaining useful life prediction",
            "digital twin",
            "MATLAB",
            "Python",
        ],
        "publications": [
            _pub(
                "Envelope-spectrum features and gradient boosting for axle-box bearing fault "
                "detection in high-speed trains",
                2022,
                "Mechanical Systems and Signal Processing",
                "Axle-box bearings operate under variable speed and track-induced noise. We combine "
                "order-tracked envelope spectra with gradient boosting trees and detect 0.5 mm "
                "outer-race defects on a full-scale rig with 97% accuracy at speeds equivalent to "
                "350 km/h.",
                ["axle-box bearing", "fault detection", "envelope analysis", "high-speed train"],
            ),
            _pub(
                "Physics-informed remaining useful life prediction for planetary gearboxes",
                2023,
                "Reliability Engineering & System Safety",
                "Purely data-driven RUL models extrapolate poorly to unseen load histories. We embed "
                "a crack-growth law into a recurrent network and show on accelerated-life tests "
                "that the RUL error at 70% of life falls from 31% to 12%.",
                [
                    "remaining useful life",
                    "physics-informed machine learning",
                    "planetary gearbox",
                    "prognostics",
                ],
            ),
            _pub(
                "A digital twin of a bogie gearbox for virtual sensor placement",
                2024,
                "Structural Health Monitoring",
                "Sensor locations on bogie gearboxes are constrained by space and cabling. A "
                "calibrated finite element and multibody twin ranks candidate positions by fault "
                "observability, so that two accelerometers replace four with no loss in detection "
                "performance.",
                ["digital twin", "sensor placement", "bogie gearbox", "condition monitoring"],
            ),
        ],
    },
    {
        **_person(
            "Lin Zhao", "lin.zhao@qust.edu.cn", _QUST_MAT, "材料科学与工程", ["en", "zh"], "available", 2
        ),
        "research_interests": (
            "My research is on polymer recycling and bio-based polymers, with a focus on chemical "
            "recycling of PET and on compatibilisers that make mixed polyolefin waste usable in "
            "durable products. I work closely with compounding plants on processing and property "
            "testing."
        ),
        "skills": [
            "polymer processing",
            "chemical recycling",
            "rheology",
            "DSC/TGA",
            "twin-screw extrusion",
            "life cycle assessment",
        ],
        "publications": [
            _pub(
                "Glycolysis of coloured PET textile waste with a recyclable zinc-based ionic liquid catalyst",
                2022,
                "Polymer Degradation and Stability",
                "Dyed polyester textiles are hard to recycle mechanically. A zinc-containing ionic "
                "liquid catalyses glycolysis to BHET with 86% yield at 190 °C, and activated carbon "
                "treatment removes dyes so that repolymerised PET meets fibre-grade colour "
                "specifications.",
                ["PET", "glycolysis", "textile recycling", "ionic liquid"],
            ),
            _pub(
                "Reactive compatibilisation of recycled PP/PE blends for injection-moulded crates",
                2023,
                "Journal of Applied Polymer Science",
                "Post-consumer polyolefins are mixtures of PP and PE with poor impact strength. A "
                "peroxide-initiated reactive compatibiliser added during extrusion doubles notched "
                "impact strength, so crates with 80% recycled content pass drop tests at -20 °C.",
                ["recycled polyolefins", "compatibilisation", "impact strength", "reactive extrusion"],
            ),
            _pub(
                "Life cycle assessment of chemical versus mechanical recycling of polyester fibres",
                2024,
                "Resources, Conservation and Recycling",
                "We compare greenhouse gas emissions and energy use of mechanical recycling, "
                "glycolysis and virgin PET production for fibre applications. Glycolysis saves 32% "
                "of emissions relative to virgin fibre, and the advantage grows when process heat "
                "comes from renewable electricity.",
                ["life cycle assessment", "polyester", "chemical recycling", "carbon footprint"],
            ),
        ],
    },
    {
        **_person(
            "Kenji Watanabe",
            "kenji.watanabe@xinchensemi.com",
            _IB_XINCHEN,
            "电子科学与技术",
            ["en"],
            "limited",
            1,
        ),
        "research_interests": (
            "I work on electronic packaging reliability: solder joint fatigue, thermal interface "
            "materials and warpage of advanced packages. I combine finite element simulation with "
            "thermal cycling tests and X-ray or acoustic microscopy to predict and prevent field "
            "failures."
        ),
        "skills": [
            "electronic packaging",
            "solder joint reliability",
            "ANSYS",
            "thermal cycling tests",
            "X-ray and acoustic microscopy",
            "failure analysis",
        ],
        "publications": [
            _pub(
                "Voiding in SAC305 solder joints of bottom-terminated components and its effect on "
                "thermal cycling life",
                2021,
                "Microelectronics Reliability",
                "QFN and LGA components trap flux volatiles, producing voids in the thermal pad. "
                "X-ray inspection and 2,000 thermal cycles show that total void fractions up to 25% "
                "have little effect on life, whereas single large voids near the pad edge shorten "
                "characteristic life by 35%.",
                ["solder voids", "QFN", "thermal cycling", "X-ray inspection"],
            ),
            _pub(
                "Warpage prediction of fan-out wafer-level packages with viscoelastic mould compound models",
                2023,
                "IEEE Transactions on Components, Packaging and Manufacturing Technology",
                "Warpage during reflow causes non-wet opens in fine-pitch assemblies. With a "
                "viscoelastic mould compound model calibrated by DMA, the simulated warpage agrees "
                "with shadow moire measurements within 8 micrometres across the reflow profile.",
                ["warpage", "fan-out packaging", "viscoelasticity", "reflow"],
            ),
            _pub(
                "Automated detection of head-in-pillow defects from 2.5D X-ray images",
                2024,
                "Soldering & Surface Mount Technology",
                "Head-in-pillow defects in BGA joints are hard to see in top-down X-ray images. An "
                "oblique-view imaging protocol combined with a convolutional classifier detects "
                "these defects with 93% recall on production boards.",
                ["head-in-pillow", "BGA", "X-ray inspection", "defect classification"],
            ),
        ],
    },
    {
        **_person(
            "Hannah Schmidt", "hannah.schmidt@ouc.edu.cn", _OUC_FOOD, "食品科学与工程", ["en"], "available", 2
        ),
        "research_interests": (
            "I study the quality of seafood along the cold chain, especially protein denaturation "
            "during freezing and frozen storage of fish and shrimp. I use spectroscopic and imaging "
            "methods to measure freshness rapidly and non-destructively, so that processors can sort "
            "products and set shelf lives with data."
        ),
        "skills": [
            "seafood processing",
            "protein chemistry",
            "NIR and fluorescence spectroscopy",
            "texture analysis",
            "chemometrics",
            "shelf-life studies",
        ],
        "publications": [
            _pub(
                "Trehalose and alginate oligosaccharides as low-sweetness cryoprotectants for "
                "Alaska pollock surimi",
                2022,
                "Food Hydrocolloids",
                "Commercial surimi relies on sucrose and sorbitol, which add sweetness. A blend of "
                "trehalose and alginate oligosaccharides at 4% preserved gel strength and "
                "water-holding capacity over six months at -18 °C as well as the conventional mix, "
                "while halving perceived sweetness.",
                ["surimi", "cryoprotectants", "frozen storage", "myofibrillar protein"],
            ),
            _pub(
                "Non-destructive freshness grading of large yellow croaker by hyperspectral imaging",
                2023,
                "Food Chemistry",
                "Total volatile basic nitrogen is the standard freshness index but requires "
                "destructive testing. Hyperspectral images of fillets with partial least squares "
                "regression predicted TVB-N with an R2 of 0.93, allowing online grading into three "
                "freshness classes.",
                ["hyperspectral imaging", "fish freshness", "TVB-N", "chemometrics"],
            ),
            _pub(
                "Ice crystal growth and drip loss in shrimp under temperature fluctuations in "
                "cold-chain logistics",
                2024,
                "Journal of Food Engineering",
                "Temperature abuse during transport causes recrystallisation and drip loss. "
                "Simulated fluctuations between -18 and -8 °C increased mean ice crystal size by 60% "
                "and drip loss from 3% to 7%; a kinetic model estimates quality loss from logger "
                "data.",
                ["cold chain", "ice recrystallisation", "drip loss", "shrimp"],
            ),
        ],
    },
    {
        **_person(
            "Ahmed Hassan", "ahmed.hassan@hailanzb.com", _WS_HAILAN, "机械工程", ["en"], "available", 2
        ),
        "research_interests": (
            "I develop robotic welding systems for heavy structures such as ship blocks and steel "
            "bridges. My work covers laser-vision seam tracking, offline path planning from CAD "
            "models and adaptive control of weld parameters when fit-up gaps vary."
        ),
        "skills": [
            "robotic welding",
            "seam tracking",
            "laser vision sensors",
            "offline programming",
            "ROS",
            "C++",
        ],
        "publications": [
            _pub(
                "Laser-vision seam tracking for multi-pass welding of thick ship plates",
                2022,
                "Journal of Manufacturing Processes",
                "Multi-pass welds change groove geometry after every pass, so fixed paths become "
                "inaccurate. A structured-light sensor and a groove-feature extraction algorithm "
                "update the torch path between passes, keeping lateral deviation below 0.3 mm on "
                "40 mm plates.",
                ["seam tracking", "multi-pass welding", "laser vision", "shipbuilding"],
            ),
            _pub(
                "Gap-adaptive weaving control for robotic fillet welding of ship sub-assemblies",
                2023,
                "Robotics and Computer-Integrated Manufacturing",
                "Fit-up gaps in ship sub-assemblies vary between 0 and 3 mm. Measuring the gap "
                "online and adapting weaving width and travel speed reduced undercut and "
                "lack-of-fusion defects by 60% compared with fixed parameters in a shipyard trial.",
                ["adaptive welding", "fillet welds", "weaving", "robotic welding"],
            ),
            _pub(
                "Automatic generation of collision-free welding paths from ship block CAD models",
                2021,
                "The International Journal of Advanced Manufacturing Technology",
                "Programming robots for one-off ship blocks is time-consuming. We extract weld seams "
                "from CAD models and plan collision-free torch orientations with a sampling-based "
                "planner, cutting programming time for a typical block from 6 hours to 40 minutes.",
                ["offline programming", "path planning", "CAD", "ship blocks"],
            ),
        ],
    },
    {
        **_person(
            "Olena Kovalenko",
            "olena.kovalenko@upc.edu.cn",
            _UPC_CHEM,
            "动力工程及工程热物理",
            ["en"],
            "available",
            2,
        ),
        "research_interests": (
            "I model and optimise carbon capture processes for power and industrial flue gases, "
            "including amine absorption, solid sorbents and heat integration with existing boilers. "
            "I am especially interested in lowering the energy penalty of capture so that retrofits "
            "become economical for medium-sized plants."
        ),
        "skills": [
            "Aspen Plus",
            "CO2 capture",
            "heat integration",
            "techno-economic analysis",
            "solid sorbents",
            "Python",
        ],
        "publications": [
            _pub(
                "Heat-integrated amine capture retrofit for a 75 t/h industrial coal boiler",
                2023,
                "International Journal of Greenhouse Gas Control",
                "Small industrial boilers lack the steam cycles that supply reboiler heat in "
                "power-plant capture. We design a retrofit with flue-gas heat recovery and a heat "
                "pump, reducing the specific reboiler duty to 2.5 GJ per tonne of CO2 and the "
                "capture cost to 48 USD per tonne.",
                ["CO2 capture", "amine absorption", "heat integration", "industrial boiler"],
            ),
            _pub(
                "Potassium carbonate sorbents on alumina supports for moving-bed CO2 capture",
                2022,
                "Chemical Engineering Journal",
                "Supported K2CO3 sorbents can capture CO2 from humid flue gas at 60 °C. Optimising "
                "the pore structure of the support raised the working capacity to 1.9 mmol/g and "
                "kept 90% of it after 100 adsorption-regeneration cycles.",
                ["solid sorbents", "potassium carbonate", "moving bed", "CO2 capture"],
            ),
            _pub(
                "Dynamic simulation of capture plant flexibility under variable boiler load",
                2024,
                "Applied Energy",
                "Industrial boilers change load frequently. A dynamic model of absorber, stripper "
                "and control loops shows that a feed-forward solvent-flow strategy keeps the capture "
                "rate above 85% during load ramps of 3% per minute.",
                ["dynamic simulation", "flexible operation", "carbon capture", "process control"],
            ),
        ],
    },
    {
        **_person(
            "Jiayi Sun", "jiayi.sun@sdust.edu.cn", _SDUST_CTRL, "电气工程", ["en", "zh"], "unavailable", 1
        ),
        "research_interests": (
            "I work on optimal operation of battery energy storage in distribution networks and "
            "industrial parks. My models account for battery degradation, electricity prices and "
            "grid constraints, and I develop state estimation methods that keep large battery "
            "systems safe."
        ),
        "skills": [
            "energy storage dispatch",
            "battery degradation modelling",
            "mixed-integer optimisation",
            "state of health estimation",
            "MATLAB",
            "Python (Pyomo)",
        ],
        "publications": [
            _pub(
                "Degradation-aware scheduling of industrial-park battery storage under time-of-use tariffs",
                2023,
                "Applied Energy",
                "Aggressive arbitrage shortens battery life and can erase its profit. We include a "
                "rainflow-based degradation cost in a mixed-integer scheduling model; for a 10 MWh "
                "park system the net present value rises by 14% compared with degradation-blind "
                "scheduling.",
                ["battery storage", "degradation", "scheduling", "time-of-use tariff"],
            ),
            _pub(
                "State-of-health estimation of LFP cells from partial charging curves using "
                "Gaussian process regression",
                2022,
                "Journal of Energy Storage",
                "Full capacity tests are rarely available in the field. Features extracted from "
                "partial incremental-capacity curves feed a Gaussian process model that estimates "
                "state of health with 1.2% RMSE and calibrated uncertainty.",
                ["state of health", "LFP", "incremental capacity analysis", "Gaussian process"],
            ),
            _pub(
                "Coordinated voltage support from distributed storage in feeders with high "
                "photovoltaic penetration",
                2024,
                "IEEE Transactions on Smart Grid",
                "Rooftop PV causes overvoltage in rural feeders. A distributed control scheme for "
                "battery inverters keeps voltages within limits in 99.6% of simulated hours while "
                "reducing PV curtailment by 70%.",
                ["voltage regulation", "distributed energy storage", "photovoltaics", "distribution network"],
            ),
        ],
    },
]

MIXED_POSTDOCS: list[dict[str, Any]] = [
    {
        **_person(
            "何俊峰",
            "hejunfeng@zhiyun-tech.com",
            _IB_ZHIYUN,
            "计算机科学与技术",
            ["zh", "en"],
            "available",
            3,
        ),
        "research_interests": (
            "主要从事工业视觉缺陷检测研究，包括基于YOLOv8和RT-DETR的小目标缺陷检测、few-shot "
            "anomaly detection，以及INT8量化与TensorRT加速，将检测模型部署到Jetson Orin等edge设备上。"
        ),
        "skills": ["机器视觉", "目标跟踪", "YOLOv8", "TensorRT", "OpenCV", "Jetson边缘部署"],
        "csl_papers": ["csl-dev-0202", "csl-dev-0689"],
        "publications": [
            _pub(
                "Lightweight YOLOv8 variant for tiny defect detection on printed circuit boards",
                2023,
                "Journal of Real-Time Image Processing",
                "Tiny defects such as missing holes and mouse bites occupy fewer than 0.1% of the "
                "pixels of a PCB image. We add a high-resolution detection head and a weighted "
                "bidirectional feature pyramid, improving mAP@0.5 by 4.6 points while running at "
                "62 FPS on a Jetson Orin NX.",
                ["YOLOv8", "small object detection", "PCB inspection", "edge deployment"],
            ),
            _pub(
                "Synthetic defect generation with diffusion models for data-scarce visual inspection",
                2024,
                "Computers in Industry",
                "Collecting defect images is slow when yield is high. We fine-tune a latent "
                "diffusion model on a few real samples and paste generated defects into normal "
                "images under mask control; detectors trained on 30 real plus 3,000 synthetic images "
                "approach those trained on 1,000 real ones.",
                ["diffusion models", "data augmentation", "visual inspection", "defect synthesis"],
            ),
        ],
    },
    {
        **_person(
            "林书瑶", "linshuyao@ouc.edu.cn", _OUC_ICE, "计算机科学与技术", ["zh", "en"], "available", 2
        ),
        "research_interests": (
            "研究方向为面向工业场景的大语言模型(LLM)应用，包括RAG检索增强生成、领域知识图谱构建和"
            "LoRA微调，关注中英双语技术文档问答与设备故障知识库的落地。"
        ),
        "skills": ["自然语言处理", "知识图谱", "RAG", "LoRA", "LangChain", "Elasticsearch"],
        "csl_papers": ["csl-dev-0644", "csl-dev-0421"],
        "publications": [
            _pub(
                "Knowledge-graph-enhanced retrieval for fault diagnosis question answering in process plants",
                2024,
                "Knowledge-Based Systems",
                "Fault reports describe symptoms in free text that rarely matches manual wording. "
                "We link symptoms, components and remedies in a knowledge graph extracted from "
                "20,000 work orders and expand retrieval queries with graph neighbourhoods, raising "
                "top-5 recall of relevant procedures from 0.61 to 0.83.",
                ["knowledge graph", "fault diagnosis", "question answering", "retrieval"],
            ),
            _pub(
                "Chinese-English terminology alignment for technical documentation with contrastive learning",
                2023,
                "Natural Language Engineering",
                "Inconsistent terminology hampers bilingual search in engineering documents. A "
                "contrastive model trained on parallel manuals aligns 18,000 term pairs with 92% "
                "precision and improves cross-lingual retrieval accuracy by 11 points.",
                [
                    "terminology alignment",
                    "contrastive learning",
                    "bilingual retrieval",
                    "technical documentation",
                ],
            ),
        ],
    },
    {
        **_person(
            "高文博", "gaowenbo@hengyuan-energy.com", _WS_HENGYUAN, "电气工程", ["zh", "en"], "limited", 1
        ),
        "research_interests": (
            "主要研究储能系统BMS算法，包括融合EKF与LSTM的SOC/SOH estimation、电池一致性评估与热失控"
            "early warning，关注cloud-edge协同的BMS架构在工商业储能电站中的应用。"
        ),
        "skills": ["电池管理系统", "混合储能", "SOC估计", "LSTM", "Simulink", "CAN总线"],
        "csl_papers": ["csl-dev-0622", "csl-dev-0692"],
        "publications": [
            _pub(
                "Hybrid EKF-LSTM state-of-charge estimation for LFP batteries with flat voltage plateaus",
                2023,
                "Journal of Energy Storage",
                "The flat open-circuit voltage curve of LFP cells makes model-based SOC estimation "
                "sensitive to current-sensor bias. An LSTM network learns the residual of an "
                "equivalent-circuit EKF, reducing SOC error under dynamic storage profiles from "
                "3.8% to 1.1%.",
                ["state of charge", "LFP", "extended Kalman filter", "LSTM"],
            ),
            _pub(
                "Early warning of thermal runaway in container energy storage from cell voltage and "
                "temperature anomalies",
                2024,
                "eTransportation",
                "We analyse two years of operating data from 12 container systems and detect "
                "abnormal self-discharge and temperature rise with an isolation-forest model, giving "
                "warnings on average 9 days before a cell was removed for safety reasons.",
                ["thermal runaway", "anomaly detection", "energy storage", "battery safety"],
            ),
        ],
    },
    {
        **_person(
            "孙海洋", "sunhaiyang@qnlm.ac", _IB_LAOSHAN, "船舶与海洋工程", ["zh", "en"], "available", 2
        ),
        "research_interests": (
            "从事AUV/ROV水下导航与运动控制研究，主要包括SINS/DVL/USBL组合导航、基于ROS的水下机器人"
            "软件架构和underwater SLAM，并参与深水耐压结构设计与海上试验。"
        ),
        "skills": ["水下机器人", "组合导航", "ROS", "Kalman滤波", "MATLAB", "海上试验"],
        "csl_papers": ["csl-dev-0442", "csl-dev-0159"],
        "publications": [
            _pub(
                "Online DVL calibration for AUV navigation using USBL position fixes",
                2023,
                "Applied Ocean Research",
                "Misalignment between the DVL and the inertial unit causes heading-dependent drift. "
                "We estimate misalignment angles and scale factor online in an augmented Kalman "
                "filter, reducing end-point error on 10 km survey lines from 1.2% to 0.35% of "
                "distance travelled.",
                ["DVL calibration", "AUV", "USBL", "Kalman filter"],
            ),
            _pub(
                "Sonar-based loop closure for underwater SLAM in harbour environments",
                2022,
                "Ocean Engineering",
                "Forward-looking sonar images of quay walls and piles provide features for loop "
                "closure. A learned sonar descriptor detects revisited places with 88% precision and "
                "bounds the drift of an ROV during a two-hour harbour inspection.",
                ["underwater SLAM", "forward-looking sonar", "loop closure", "ROV"],
            ),
        ],
    },
    {
        **_person("吴振宇", "wuzhenyu@ruigui-rail.com", _WS_RAIL, "力学", ["zh", "en"], "available", 2),
        "research_interests": (
            "研究方向为旋转机械故障诊断与PHM（prognostics and health management），包括振动信号处理、"
            "基于CNN/Transformer的故障识别和digital twin驱动的剩余寿命(RUL)预测，关注齿轮箱与轴承在"
            "轨道交通装备中的状态监测。"
        ),
        "skills": ["故障诊断", "振动信号分析", "支持向量机", "PyTorch", "数字孪生", "LabVIEW"],
        "csl_papers": ["csl-dev-0792", "csl-dev-0552"],
        "publications": [
            _pub(
                "Transformer-based fault diagnosis of gearboxes under variable speed with "
                "order-domain inputs",
                2024,
                "Mechanical Systems and Signal Processing",
                "Speed variation smears fault frequencies in the time domain. Resampling vibration "
                "signals to the angle domain before a Transformer encoder yields 98.3% accuracy on "
                "unseen speed profiles of a drivetrain test bench, six points above CNN baselines.",
                ["gearbox fault diagnosis", "Transformer", "order tracking", "variable speed"],
            ),
            _pub(
                "Transfer learning from test-rig to in-service bearing data for remaining useful "
                "life prediction",
                2023,
                "Reliability Engineering & System Safety",
                "Run-to-failure data from laboratory rigs differ from field data in noise and load. "
                "Adversarial domain adaptation aligns features from both sources and reduces RUL "
                "prediction error on in-service metro bearings by 35%.",
                ["transfer learning", "remaining useful life", "bearings", "domain adaptation"],
            ),
        ],
    },
    {
        **_person(
            "郑雨桐",
            "zhengyutong@xinchensemi.com",
            _IB_XINCHEN,
            "电子科学与技术",
            ["zh", "en"],
            "available",
            2,
        ),
        "research_interests": (
            "主要从事开关电源与宽禁带(SiC/GaN)功率器件应用研究，包括有源箝位正激和LLC谐振变换器设计、"
            "peak current mode控制的斜坡补偿，以及EMI建模与滤波器设计，常用PLECS和LTspice进行仿真。"
        ),
        "skills": ["开关电源", "斜坡补偿", "GaN", "PLECS", "LTspice", "EMI测试"],
        "csl_papers": ["csl-dev-0026", "csl-dev-0659"],
        "publications": [
            _pub(
                "Adaptive slope compensation for peak-current-mode control of wide-input DC/DC converters",
                2022,
                "IEEE Transactions on Power Electronics",
                "Fixed slope compensation either over-damps the loop at low duty cycle or fails to "
                "prevent subharmonic oscillation at high duty cycle. An adaptive ramp proportional to "
                "input voltage keeps the quality factor of the sampling pole near unity across a "
                "9-75 V input range.",
                ["slope compensation", "peak current mode", "DC/DC converter", "subharmonic oscillation"],
            ),
            _pub(
                "Planar transformer design for a 500 kHz GaN active-clamp flyback adapter",
                2023,
                "IEEE Journal of Emerging and Selected Topics in Power Electronics",
                "We interleave PCB windings and shield layers to reduce leakage inductance and "
                "common-mode noise in a 65 W adapter. The prototype reaches 94.1% efficiency and "
                "30 W/in3 power density while passing EN 55032 Class B.",
                ["planar transformer", "GaN", "active clamp flyback", "power density"],
            ),
        ],
    },
    {
        **_person("马骁", "maxiao@hailanzb.com", _WS_HAILAN, "控制科学与工程", ["zh", "en"], "available", 2),
        "research_interests": (
            "研究兴趣为协作机器人运动规划与力控，包括基于ROS 2/MoveIt的焊接、打磨机器人路径规划，"
            "遥操作(teleoperation)中的大时延补偿，以及强化学习(reinforcement learning)的sim-to-real"
            "迁移。"
        ),
        "skills": ["机器人运动规划", "遥操作", "ROS 2", "MoveIt", "强化学习", "力控"],
        "csl_papers": ["csl-dev-0650", "csl-dev-0544"],
        "publications": [
            _pub(
                "Impedance-controlled robotic grinding of weld seams with learned force setpoints",
                2024,
                "Robotics and Computer-Integrated Manufacturing",
                "Manual grinding of weld reinforcement is slow and inconsistent. An impedance "
                "controller whose force setpoint is predicted from laser-scanned seam height removes "
                "reinforcement to within 0.2 mm of the plate surface on curved ship panels.",
                ["robotic grinding", "impedance control", "weld seams", "force control"],
            ),
            _pub(
                "Sim-to-real transfer of reinforcement learning policies for peg-in-hole assembly "
                "with domain randomisation",
                2022,
                "IEEE Robotics and Automation Letters",
                "Policies trained in simulation fail on real robots because of friction and pose "
                "errors. Randomising contact parameters and adding a residual force controller "
                "gives 95% success on real peg-in-hole tasks with 0.1 mm clearance.",
                ["reinforcement learning", "sim-to-real", "robotic assembly", "domain randomisation"],
            ),
        ],
    },
    {
        **_person("冯思琪", "fengsiqi@qdu.edu.cn", _QDU_MED, "基础医学/临床医学", ["zh", "en"], "limited", 1),
        "research_interests": (
            "主要研究医学影像AI，包括基于nnU-Net和Vision Transformer的病灶分割与良恶性分类、乳腺超声"
            "与MRI多模态融合，以及多中心DICOM数据治理与federated learning。"
        ),
        "skills": ["医学影像", "超声诊断", "MRI", "nnU-Net", "PyTorch", "联邦学习"],
        "csl_papers": ["csl-dev-0985", "csl-dev-0720"],
        "publications": [
            _pub(
                "Federated training of a breast lesion segmentation model across four hospitals "
                "without data sharing",
                2023,
                "IEEE Journal of Biomedical and Health Informatics",
                "Privacy rules prevent pooling ultrasound images between hospitals. Federated "
                "averaging with site-specific batch normalisation reached a Dice score of 0.86, "
                "within 0.02 of centralised training and 0.07 above the best single-site model.",
                ["federated learning", "breast ultrasound", "lesion segmentation", "multi-centre study"],
            ),
            _pub(
                "Ultrasound-MRI fusion improves classification of BI-RADS 4 breast lesions",
                2024,
                "European Radiology",
                "Combining ultrasound and dynamic contrast-enhanced MRI features in a late-fusion "
                "network increased the AUC for BI-RADS 4 lesions from 0.84 with ultrasound alone to "
                "0.91 in a retrospective cohort of 1,050 patients.",
                ["multimodal fusion", "breast MRI", "BI-RADS 4", "deep learning"],
            ),
        ],
    },
    {
        **_person(
            "杜可欣", "dukexin@upc.edu.cn", _UPC_CHEM, "化学/化学工程与技术", ["zh", "en"], "available", 2
        ),
        "research_interests": (
            "研究方向为计算化学与分子模拟，包括分子对接(molecular docking)、3D-QSAR与DFT计算，近期"
            "关注AlphaFold结构预测和graph neural network(GNN)在先导化合物虚拟筛选与催化剂设计中的应用。"
        ),
        "skills": ["分子对接", "3D-QSAR", "DFT计算", "Gaussian", "GROMACS", "RDKit"],
        "csl_papers": ["csl-dev-0679", "csl-dev-0034"],
        "publications": [
            _pub(
                "Graph neural network screening of HDAC inhibitors with docking-derived interaction "
                "fingerprints",
                2023,
                "Journal of Chemical Information and Modeling",
                "Docking scores alone rank HDAC inhibitors poorly. Combining ligand graphs with "
                "protein-ligand interaction fingerprints in a GNN raises the enrichment factor at 1% "
                "from 8.2 to 21.5 on a held-out library of 120,000 compounds.",
                ["graph neural networks", "virtual screening", "HDAC inhibitors", "molecular docking"],
            ),
            _pub(
                "DFT study of CO2 hydrogenation to methanol at Cu/ZrO2 interfaces",
                2022,
                "Applied Surface Science",
                "We compute formate and carboxyl pathways on Cu clusters supported on monoclinic "
                "ZrO2. Interfacial oxygen vacancies lower the barrier of the rate-limiting formate "
                "hydrogenation by 0.28 eV, which explains the higher methanol selectivity of "
                "Zr-promoted catalysts.",
                ["density functional theory", "CO2 hydrogenation", "methanol", "Cu/ZrO2"],
            ),
        ],
    },
    {
        **_person("邱晨阳", "qiuchenyang@ouc.edu.cn", _OUC_ENV, "地理学", ["zh", "en"], "available", 2),
        "research_interests": (
            "主要从事水环境遥感研究，利用Sentinel-2/Landsat与MODIS数据反演近海和湖泊的叶绿素a、悬浮物"
            "等水质参数，基于Google Earth Engine开展长时序分析，并用深度学习(U-Net)识别黄海浒苔"
            "(green tide)。"
        ),
        "skills": ["水质遥感", "MODIS", "Google Earth Engine", "U-Net", "Python", "GIS"],
        "csl_papers": ["csl-dev-0614", "csl-dev-0953"],
        "publications": [
            _pub(
                "Long-term chlorophyll-a trends in Jiaozhou Bay from Landsat and Sentinel-2 on "
                "Google Earth Engine",
                2023,
                "Remote Sensing",
                "We harmonise Landsat 5-9 and Sentinel-2 reflectance and apply a regionally tuned "
                "algorithm to estimate chlorophyll-a in Jiaozhou Bay from 1990 to 2022. The series "
                "shows a decline after 2013, consistent with reduced river nutrient loads.",
                ["chlorophyll-a", "Jiaozhou Bay", "Google Earth Engine", "water quality remote sensing"],
            ),
            _pub(
                "Detecting floating green algae under thin clouds with multi-temporal Sentinel-2 imagery",
                2024,
                "International Journal of Applied Earth Observation and Geoinformation",
                "Thin clouds cause false negatives in green tide maps. A U-Net that takes three "
                "consecutive scenes reduces missed detections under thin cloud by 40% compared with "
                "single-date index thresholding.",
                ["green tide", "Sentinel-2", "cloud contamination", "U-Net"],
            ),
        ],
    },
]


# --------------------------------------------------------------------------------------------
# 企业难题清单: the enterprises' problems. ``enterprise`` is resolved to a credit code.
# --------------------------------------------------------------------------------------------
def _challenge(
    enterprise: str,
    sector: str,
    language: str,
    budget_cny: int,
    deadline: str,
    title: str,
    expertise: list[str],
    description: str,
    status: str = "open",
) -> dict[str, Any]:
    """One enterprise problem (揭榜挂帅 call)."""
    return {
        "enterprise": enterprise,
        "title": title,
        "description": description,
        "required_expertise": expertise,
        "sector": sector,
        "budget_cny": budget_cny,
        "deadline": deadline,
        "language": language,
        "status": status,
    }


_HAILAN, _WHALE, _HANHAI, _HENGYUAN, _XINCHEN, _ZHIYUN = (e[0] for e in ENTERPRISES[:6])
(
    _RAIL,
    _LANAN,
    _HAISHENG,
    _XIANHUI,
    _MINGDE,
    _PANSHI,
    _HUAFANG,
    _JINCHENG,
    _GUYUAN,
    _HAIDUN,
    _QINGTU,
    _LVGANG,
    _KANGRUI,
    _RENHE,
    _HUIYING,
    _TONGQU,
    _WOTIAN,
    _HAIYUE,
    _HAIGANG,
    _NORWIND,
    _ECTEC,
    _ANTEX,
    _AOBO,
    _DEKE,
) = (e[0] for e in ENTERPRISES[6:])

CHALLENGES: list[dict[str, Any]] = [
    # ---- electronics 电子信息 -------------------------------------------------------------
    _challenge(
        _MINGDE,
        "electronics",
        "zh",
        2_000_000,
        "2027-06-30",
        "蓝光OLED器件高亮度效率滚降与寿命提升",
        ["有机电致发光器件", "发光材料", "器件光学设计"],
        "我公司从事中小尺寸AMOLED显示模组研发生产。目前自研蓝光OLED器件在1000 cd/m²高亮度下效率"
        "滚降明显，T95寿命仅为红、绿光器件的三分之一左右，已成为整屏寿命和功耗的短板。希望揭榜团队从"
        "主体材料选择、载流子平衡和微腔结构设计入手优化蓝光器件结构：1000 cd/m²下外量子效率滚降≤15%，"
        "T95寿命提升50%以上，色坐标CIEy≤0.10。我方可提供蒸镀线打样和寿命测试条件，需交付器件结构"
        "方案、工艺窗口及验证报告。",
    ),
    _challenge(
        _XINCHEN,
        "electronics",
        "zh",
        800_000,
        "2027-03-31",
        "宽输入电压隔离型DC/DC电源模块效率与环路稳定性优化",
        ["开关电源拓扑", "环路补偿设计", "电磁兼容"],
        "我公司为工业及通信电源客户提供隔离型DC/DC电源模块。现有产品输入范围18–75V，低压满载时效率"
        "仅88%左右，峰值电流模式在占空比大于50%时偶发次谐波振荡，整改依赖反复试凑。希望合作开发一款"
        "9–75V宽输入有源箝位正激电源方案：满载效率≥92%，全输入范围内环路稳定、相位裕度≥45°，并通过"
        "CISPR 32 Class B传导发射测试。交付原理图、补偿网络设计方法和样机测试报告。",
    ),
    _challenge(
        _HAIYUE,
        "electronics",
        "zh",
        1_200_000,
        "2027-05-31",
        "全屋智能家居低功耗无线组网与分布式时间同步",
        ["无线传感器网络", "嵌入式系统", "低功耗设计"],
        "我公司生产智能冰箱、空调等家电，全屋互联场景下一个家庭有20–60个传感节点（门磁、温湿度、"
        "人体存在等）。目前采用ZigBee自组网，存在节点掉线、时间戳不同步导致联动误触发的问题，电池类"
        "节点续航不足一年。希望开发面向家居场景的低功耗组网与分布式时间同步方案：全网同步误差≤1ms，"
        "CR2032电池节点续航≥2年，60节点网络丢包率≤0.5%，并兼容现有Matter/Thread协议栈路线。交付"
        "协议设计、固件和测试报告。",
    ),
    _challenge(
        _WOTIAN,
        "electronics",
        "zh",
        600_000,
        "2027-09-30",
        "基于叶绿素荧光的温室LED动态补光控制系统",
        ["植物光生理", "LED驱动与调光", "温室环境测控"],
        "我公司在平度运营连栋玻璃温室和叶菜植物工厂，补光电耗占运营成本的40%以上。现有LED补光按固定"
        "时段和光强运行，阴天补光不足、晴天又存在浪费。希望开发基于叶绿素荧光等植物生理参数的动态补光"
        "控制系统，根据实时光合效率调节LED光强与光谱配比：在产量不降低的前提下补光能耗降低25%以上，"
        "调光响应时间≤1秒，系统可接入现有温室测控网络(RS485/LoRa)。交付控制算法、驱动硬件原型及一个"
        "生产季的对比试验数据。",
    ),
    _challenge(
        _XINCHEN,
        "electronics",
        "mixed",
        1_500_000,
        "2027-08-31",
        "车载OBC用SiC功率级的EMI与热设计协同优化",
        ["SiC功率器件应用", "EMI建模与滤波", "热设计", "开关电源"],
        "我公司为新能源汽车客户开发11 kW/22 kW车载充电机(OBC)，功率级采用SiC MOSFET。开关频率提高到"
        "100 kHz以上后，传导EMI在150 kHz–30 MHz频段超标约6 dB，满载时模块结温也接近150℃上限。希望"
        "揭榜团队建立包含寄生参数的common-mode noise模型，优化PCB layout、gate drive和EMI filter，同时"
        "完成thermal co-design：满足CISPR 25 Class 3，满载效率≥96%，最高结温≤125℃。交付仿真模型"
        "(PLECS/ANSYS)、设计指南和样机测试报告。",
    ),
    _challenge(
        _ECTEC,
        "electronics",
        "en",
        1_800_000,
        "2027-04-30",
        "AI-based automated optical inspection for fine-pitch solder joints",
        ["machine vision", "solder joint reliability", "deep learning", "SMT process"],
        "We are a foreign-invested electronics manufacturing services (EMS) company in Qingdao "
        "assembling control boards for European automotive and industrial customers. Our rule-based "
        "AOI systems flag about 8% of boards as suspect for 0201 passives and 0.4 mm-pitch QFN joints, "
        "and operators must re-inspect each one by hand. We are looking for a team to develop a "
        "deep-learning classifier that works on our existing AOI and 2.5D X-ray images: false-call "
        "rate below 1%, escape rate below 50 ppm and inference under 200 ms per board. Deliverables: "
        "a labelled-data strategy, the model, integration with our MES and a three-month production "
        "validation.",
    ),
    # ---- high_end_equipment 高端装备 ------------------------------------------------------
    _challenge(
        _RAIL,
        "high_end_equipment",
        "zh",
        2_500_000,
        "2027-07-31",
        "高速列车车下设备吊挂系统隔振与模态匹配优化",
        ["结构动力学", "隔振设计", "模态试验"],
        "我公司为动车组配套车下设备舱及吊挂系统。新型号列车以300km/h运行时，车下变流器吊挂处振动偏大，"
        "车体地板在8–12Hz频段出现明显振动，影响乘坐舒适性评价。希望揭榜团队建立车体—设备—隔振器耦合"
        "动力学模型，完成吊挂设备的模态匹配与隔振参数优化：车体地板垂向加速度降低20%以上，平稳性指标"
        "≤2.5，隔振元件满足EN 12663疲劳要求。我方提供线路实测振动数据和台架试验条件，需交付模型、"
        "参数方案和试验验证报告。",
    ),
    _challenge(
        _PANSHI,
        "high_end_equipment",
        "zh",
        1_600_000,
        "2027-05-31",
        "磁悬浮高速电机电磁轴承控制与挠性临界转速穿越",
        ["电磁轴承控制", "转子动力学", "电机驱动"],
        "我公司生产磁悬浮离心鼓风机和空压机，主电机转速30000–60000 r/min。目前电磁轴承采用分散PID控制，"
        "转子通过一阶弯曲临界转速附近时振动偏大，偶发跌落保护停机。希望开发新一代电磁轴承控制算法"
        "（可考虑不平衡补偿、陷波滤波或鲁棒控制），使转子在全转速范围内径向振动位移≤15μm、平稳穿越"
        "挠性临界转速，控制周期≤50μs并可在现有DSP平台实现。交付转子动力学模型、控制器代码及整机测试"
        "报告。",
    ),
    _challenge(
        _HAILAN,
        "high_end_equipment",
        "zh",
        1_800_000,
        "2027-10-31",
        "机器人用精密减速器参数化设计与可靠性评估",
        ["齿轮传动设计", "可靠性工程", "故障诊断"],
        "我公司为焊接与搬运机器人自主配套RV减速器。小批量装机后反馈，部分减速器运行3000小时后回差超差、"
        "温升偏高，而现有设计主要依赖经验系数，缺乏可靠性评估手段。希望揭榜团队建立减速器参数化设计与"
        "可靠性评估方法，结合台架数据开展可靠性增长分析：额定寿命≥6000小时，回差≤1 arcmin，传动效率"
        "≥85%，并给出早期磨损的在线监测方案。交付设计计算软件模块、优化方案和加速寿命试验方案。",
    ),
    _challenge(
        _RAIL,
        "high_end_equipment",
        "zh",
        1_200_000,
        "2027-12-31",
        "高速列车空心车轴含缺陷疲劳寿命评估与探伤周期优化",
        ["金属疲劳与断裂", "无损检测", "车轴钢材料"],
        "我公司生产的动车组车轴采用EA4T钢，现行探伤周期按经验设定，检修成本高，而在役车轴表面偶有腐蚀"
        "坑和划伤，其对疲劳寿命的影响缺乏定量依据。希望揭榜团队基于断裂力学建立含缺陷车轴的疲劳裂纹"
        "扩展模型，结合实测载荷谱开展寿命评估：给出允许缺陷尺寸和探伤周期建议，模型预测与全尺寸车轴"
        "试验误差≤20%，并提出车轴表面强化或防护改进措施。交付评估方法、计算软件及试验验证报告。",
        status="draft",
    ),
    _challenge(
        _RAIL,
        "high_end_equipment",
        "mixed",
        2_200_000,
        "2027-09-30",
        "转向架轴箱轴承与齿轮箱PHM系统（vibration + digital twin）",
        ["故障诊断", "振动信号处理", "剩余寿命预测", "轨道车辆动力学"],
        "我公司为地铁和城际动车组提供转向架，运营方要求从计划修向状态修(condition-based maintenance)"
        "转变。现有车载监测只做温度阈值报警，轴承和齿轮箱早期故障无法识别。希望开发基于振动信号的PHM"
        "方案：在变转速工况下识别轴承外圈、内圈及齿轮点蚀等早期故障，准确率≥95%，误报率≤1次/千车公里，"
        "并结合digital twin给出剩余寿命(RUL)预测，预测误差≤20%。我方提供台架与线路实测数据，需交付"
        "算法、车载部署方案和验证报告。",
    ),
    # ---- green_energy 绿色能源 -----------------------------------------------------------
    _challenge(
        _HENGYUAN,
        "green_energy",
        "zh",
        1_500_000,
        "2027-06-30",
        "集装箱储能系统液冷与相变材料复合热管理",
        ["电池热管理", "相变储能材料", "传热仿真"],
        "我公司为工商业储能电站提供集装箱储能系统（280Ah磷酸铁锂电芯）。夏季高温工况下，舱内电芯最大"
        "温差可达8℃以上，导致一致性下降、可用容量衰减加快，空调能耗占辅助用电的60%。希望开发液冷与"
        "相变材料复合的电池热管理方案：电芯最大温差≤3℃，辅助能耗降低20%，相变材料模块阻燃等级达到"
        "UL94 V-0。需揭榜方完成热仿真、材料选型与模组级样件验证，并给出量产成本评估。",
    ),
    _challenge(
        _QINGTU,
        "green_energy",
        "zh",
        3_000_000,
        "2027-11-30",
        "AEM电解水制氢用国产阴离子交换膜及膜电极开发",
        ["离子交换膜", "电化学", "膜电极制备"],
        "我公司从事电解水制氢装备研发，正在布局阴离子交换膜(AEM)电解槽路线。目前外购AEM膜价格高，"
        "在60℃碱液中运行500小时后电导率下降超过30%，膜电极寿命无法满足示范项目要求。希望揭榜团队开发"
        "国产化AEM膜及配套膜电极制备工艺：80℃离子电导率≥80 mS/cm，1 A/cm²下小室电压≤1.9V，稳定运行"
        "≥2000小时且衰减率≤10 μV/h，成本较进口膜降低50%。交付膜材料配方、制备工艺和单池/短堆测试报告。",
    ),
    _challenge(
        _LVGANG,
        "green_energy",
        "zh",
        2_000_000,
        "2027-08-31",
        "燃煤工业锅炉污染物协同治理与烟气CO2捕集一体化工艺",
        ["烟气净化", "碳捕集", "燃烧与传热"],
        "我公司为园区热电企业提供节能减排改造服务。客户的75t/h燃煤工业锅炉现有脱硫、脱硝、除尘设施"
        "分散，运行成本高，且面临碳排放核查压力。希望揭榜团队提出污染物协同治理与烟气CO2捕集一体化"
        "工艺：颗粒物、SO2、NOx排放浓度分别≤5、35、50 mg/m³，CO2捕集率≥85%，吨CO2捕集能耗≤2.6 GJ，"
        "并尽量利用现有设备改造。交付工艺包、中试方案及经济性分析。",
    ),
    _challenge(
        _LVGANG,
        "green_energy",
        "zh",
        2_500_000,
        "2027-12-31",
        "面向船用绿色燃料的CO2加氢制甲醇催化剂与反应器优化",
        ["催化剂制备", "反应工程", "化工过程模拟"],
        "为服务港口船舶绿色燃料加注需求，我公司计划建设千吨级CO2加氢制甲醇中试装置。目前筛选的铜基"
        "催化剂在250℃、5MPa条件下甲醇选择性不足60%，运行200小时后因铜烧结活性明显下降。希望揭榜团队"
        "开发高选择性、高稳定性的CO2加氢制甲醇催化剂并完成固定床反应器工艺优化：CO2单程转化率≥15%，"
        "甲醇选择性≥75%，1000小时活性衰减≤10%。交付催化剂配方、制备工艺、反应器参数与放大方案。",
    ),
    _challenge(
        _HENGYUAN,
        "green_energy",
        "mixed",
        900_000,
        "2027-04-30",
        "工商业储能BMS的SOC/SOH高精度估计与safety early warning",
        ["电池管理系统", "状态估计", "机器学习", "嵌入式开发"],
        "我公司已投运约200 MWh工商业储能电站，采用280Ah LFP电芯。由于LFP电压平台平坦，现有BMS的SOC"
        "估计误差在长期运行后可达5%以上，经常需要满充校准，影响可用容量；电芯一致性劣化也缺乏提前预警。"
        "希望开发cloud-edge协同的电池状态估计算法：SOC误差≤2%，SOH误差≤3%，基于运行数据的异常电芯"
        "early warning提前量≥7天，算法可在现有BMS主控(ARM Cortex-M7)上运行。交付算法、嵌入式代码和"
        "基于我方历史数据的验证报告。",
        status="draft",
    ),
    _challenge(
        _NORWIND,
        "green_energy",
        "en",
        3_500_000,
        "2027-10-31",
        "Mooring and hull fatigue assessment for a floating wind demonstrator in the Yellow Sea",
        ["floating offshore wind", "hydrodynamics", "mooring design", "fatigue analysis"],
        "Our Sino-Norwegian joint venture is designing a 16 MW semi-submersible floating wind "
        "demonstrator off the Shandong coast. Site data show frequent wind-wave misalignment and "
        "typhoon-driven swell, and our current fatigue assessment relies on simplified load cases that "
        "make the mooring chains heavy and expensive. We are looking for a team to build a coupled "
        "aero-hydro-servo-elastic model, calibrate it against our 1:60 basin tests and run a full "
        "fatigue assessment: 25-year design life for mooring lines and hull connections, and at least "
        "10% less chain mass than the current design. Deliverables: validated model, load-case "
        "methodology and design report.",
    ),
    # ---- marine 海洋产业 -----------------------------------------------------------------
    _challenge(
        _HAISHENG,
        "marine",
        "zh",
        500_000,
        "2027-09-30",
        "刺参低藻配合饲料与复合益生菌应用",
        ["水产动物营养", "饲料配方", "益生菌应用"],
        "我公司在即墨沿海经营刺参池塘和工厂化育苗，配合饲料中鼠尾藻、马尾藻粉用量大，近年藻粉价格上涨"
        "且质量不稳定。希望研发以发酵豆粕等植物蛋白和复合益生菌为核心的刺参低藻配合饲料：藻粉用量降低"
        "50%以上，特定生长率不低于现有配方，成活率提高5个百分点，饲料成本下降15%。需在我方养殖基地完成"
        "至少一个养殖周期的对比试验，交付配方、加工工艺和试验报告。",
    ),
    _challenge(
        _HAISHENG,
        "marine",
        "zh",
        800_000,
        "2027-06-30",
        "工厂化循环水养殖水质在线监测与细菌性病害早期预警",
        ["水产养殖水环境", "病原快速检测", "传感与数据分析"],
        "我公司工厂化车间养殖大菱鲆和红鳍东方鲀，采用循环水系统。夏季高温期溶解氧、氨氮波动大，细菌性"
        "病害往往在出现死亡后才被发现，单次发病损失可达数十万元。希望建立水质在线监测与病原快速检测"
        "相结合的病害预警方案：溶解氧、氨氮、亚硝酸盐实时监测，嗜水气单胞菌、鳗弧菌等主要病原现场检测"
        "时间≤2小时，提前48小时给出风险预警，预警准确率≥80%。交付检测方法、监测系统原型和一个养殖季的"
        "运行数据。",
    ),
    _challenge(
        _WHALE,
        "marine",
        "zh",
        2_800_000,
        "2027-11-30",
        "深水柔性立管涡激振动预测与抑振装置优化",
        ["海洋工程水动力学", "涡激振动", "模型试验"],
        "我公司承接渤海及南海油气田海洋工程项目。某深水项目的柔性立管在剪切流作用下涡激振动明显，疲劳"
        "评估结果逼近设计下限，而现有螺旋列板方案使拖曳力增加30%以上，安装难度也大。希望揭榜团队开展"
        "涡激振动预测与抑制装置优化：建立剪切来流下立管响应预测模型，优化抑振装置参数，使涡激振动位移"
        "幅值降低70%以上、拖曳力增幅≤15%，疲劳寿命满足20年设计要求。交付数值模型、水池模型试验方案与"
        "结果。",
    ),
    _challenge(
        _WHALE,
        "marine",
        "zh",
        1_500_000,
        "2027-07-31",
        "海底管道巡检ROV近场水声定位算法与国产化声学阵列",
        ["水声信号处理", "阵列波束形成", "水下导航"],
        "我公司使用ROV开展海底管道与导管架巡检，目前依赖进口超短基线(USBL)定位系统，近场作业时多径"
        "干扰严重，定位跳变导致巡检视频与管道位置难以对应。希望开发面向近场作业的水声定位算法与国产化"
        "声学阵列方案：作业距离500米内定位精度≤0.5%斜距，数据更新率≥2Hz，在港池强多径环境下稳定工作。"
        "交付算法、阵列设计和海上试验报告。",
    ),
    _challenge(
        _XIANHUI,
        "marine",
        "zh",
        600_000,
        "2027-05-31",
        "冷冻鱼糜低甜度抗冻保护剂与冻藏品质控制",
        ["水产品加工", "蛋白质化学", "冷链保鲜"],
        "我公司加工冷冻鱼糜、调理鱼片等海产品并出口日韩。产品在−18℃冻藏3个月后持水性和凝胶强度下降"
        "明显，解冻汁液流失率超过8%，客户投诉口感变差。现有抗冻剂以蔗糖、山梨醇为主，甜度偏高且不符合"
        "减糖趋势。希望开发低甜度新型抗冻保护剂（如多糖、蛋白水解物等）及配套冻结工艺：冻藏6个月凝胶"
        "强度保持率≥85%，汁液流失率≤4%，成本增加不超过5%。交付配方、工艺参数和货架期试验报告。",
    ),
    _challenge(
        _HAIGANG,
        "marine",
        "zh",
        1_800_000,
        "2027-08-31",
        "港区台风风暴潮增水与大风精细化预报",
        ["风暴潮数值模拟", "台风路径与强度预报", "机器学习"],
        "我公司负责港区集装箱码头和堆场运营。台风季节港区需提前安排船舶离泊、岸桥锚固和堆场加固，目前"
        "依赖气象部门的区域性预报，对码头前沿增水和局地大风的预判不够精细，去年一次过度防御造成停工损失"
        "近千万元。希望建立港区尺度的台风风暴潮增水与大风精细化预报模型：提前48小时预报码头前沿最高潮位"
        "误差≤20cm，大风等级预报准确率≥85%，结果可接入港口生产调度系统。交付模型、预报系统原型和历史"
        "台风回算报告。",
    ),
    _challenge(
        _WHALE,
        "marine",
        "mixed",
        2_000_000,
        "2027-10-31",
        "长航时AUV组合导航精度提升（SINS/DVL/USBL）",
        ["水下组合导航", "状态估计", "ROS", "海上试验"],
        "我公司为海上风电场和海底管线提供AUV巡检服务，单次任务航程30–50 km。目前采用SINS+DVL dead "
        "reckoning，仅在任务起止点有USBL fix，长航程后位置误差超过航程的1%，检测结果难以与管线坐标对齐。"
        "希望开发融合SINS、DVL、USBL及terrain-aided信息的组合导航算法（可基于factor graph或EKF），在无"
        "GNSS条件下将水平定位误差控制在航程的0.3%以内，并在ROS框架下实现、完成海上试验。交付算法代码、"
        "标定流程和试验报告。",
    ),
    _challenge(
        _NORWIND,
        "marine",
        "en",
        1_600_000,
        "2027-09-30",
        "Corrosion protection of offshore wind monopiles in the splash zone",
        ["marine corrosion", "protective coatings", "cathodic protection", "offshore structures"],
        "Our company supplies monopile foundations and transition pieces for offshore wind farms in "
        "the Yellow Sea and Bohai Sea. Inspections after four years show coating breakdown and pitting "
        "in the splash zone, where neither cathodic protection nor the current epoxy system works "
        "well. We need a team to quantify splash-zone corrosion at our sites and design an improved "
        "protection concept, for example thermally sprayed aluminium or metal-ceramic coatings "
        "combined with a corrosion allowance: 30-year design life without structural maintenance, "
        "field-repairable coatings, and lifecycle cost no higher than today. Deliverables: exposure "
        "test data, coating selection, application procedure and lifecycle cost analysis.",
    ),
    # ---- biomedicine 生物医药 ------------------------------------------------------------
    _challenge(
        _HANHAI,
        "biomedicine",
        "zh",
        3_000_000,
        "2027-12-31",
        "海洋来源难溶性候选药物的口服增溶制剂开发",
        ["药物制剂", "药代动力学", "海洋天然产物"],
        "我公司从海洋微生物中获得一个具有改善胰岛素抵抗活性的候选化合物，已完成药效学研究，但其水溶性"
        "极差(<1 μg/mL)，大鼠口服生物利用度不足5%，制约了后续开发。希望揭榜团队开发适合口服的增溶制剂"
        "（纳米混悬剂、亚微乳或固体分散体等路线均可）：大鼠口服生物利用度提高至原料药的5倍以上，制剂在"
        "25℃放置6个月粒径和含量稳定，工艺可放大至公斤级。交付处方工艺、质量标准草案和药动学研究报告。",
    ),
    _challenge(
        _RENHE,
        "biomedicine",
        "zh",
        4_000_000,
        "2027-12-31",
        "活血化瘀类中成药治疗缺血性中风的多中心临床评价与药效物质研究",
        ["中医临床研究", "循证医学", "中药药效物质基础"],
        "我公司主导产品为一种活血化瘀类中成药胶囊，用于缺血性中风恢复期，已上市多年，但临床证据以小样本"
        "观察为主，难以进入新版诊疗指南和医保谈判。希望与临床研究团队合作，设计并组织多中心随机对照"
        "临床研究，同时阐明主要药效物质基础：纳入受试者≥400例，以NIHSS和mRS评分为主要疗效指标，建立"
        "指纹图谱与主要成分含量测定方法。交付研究方案、统计分析计划及药效物质研究报告。",
    ),
    _challenge(
        _KANGRUI,
        "biomedicine",
        "zh",
        700_000,
        "2027-06-30",
        "口腔纤维桩表面处理与粘结耐久性提升",
        ["口腔修复材料", "粘结技术", "生物力学测试"],
        "我公司生产口腔用纤维桩、树脂粘结剂和氧化锆全瓷冠。临床反馈纤维桩修复后1–2年内脱粘率约6%，高于"
        "进口产品，初步分析与桩表面处理及粘结界面老化有关。希望揭榜团队优化纤维桩表面硅烷化处理与粘结"
        "体系：冷热循环5000次后剪切粘结强度≥15 MPa，临床随访脱粘率降至3%以下，同时评价新粘结体系对"
        "氧化锆全瓷冠边缘强度的影响。交付表面处理工艺、体外测试报告和临床观察方案。",
    ),
    _challenge(
        _HANHAI,
        "biomedicine",
        "zh",
        1_500_000,
        "2027-09-30",
        "抗肿瘤原料药合成路线优化与基因毒性杂质控制",
        ["有机合成工艺", "杂质研究", "药物分析"],
        "我公司一款抗肿瘤原料药现有合成路线7步、总收率不足18%，其中一步使用剧毒试剂并产生大量含卤废液，"
        "基因毒性杂质控制也面临审评发补。希望揭榜团队优化合成路线与关键步骤工艺：总收率提高至30%以上，"
        "去除剧毒试剂，单一未知杂质≤0.10%，基因毒性杂质符合ICH M7要求，并完成百克级工艺验证。交付工艺"
        "路线、杂质谱研究和分析方法验证资料。",
    ),
    _challenge(
        _ANTEX,
        "biomedicine",
        "en",
        2_800_000,
        "2027-11-30",
        "One-month long-acting injectable formulation of olanzapine",
        ["long-acting injectables", "PLGA microspheres", "pharmacokinetics", "analytical method development"],
        "We are a foreign-invested pharmaceutical company developing complex generics for the Chinese "
        "and international markets. Our first project is a one-month long-acting injectable of "
        "olanzapine based on PLGA microspheres. Laboratory batches show an initial burst above 15% and "
        "batch-to-batch variability in particle size that would not pass regulatory review. We need a "
        "formulation team to redesign the microsphere process: 24-hour burst below 5%, release over 28 "
        "days with a Level A in vitro-in vivo correlation, particle size D50 of 40-70 micrometres, and "
        "a process that can move to our aseptic pilot line. Deliverables: formulation, process "
        "parameters, release method and rat pharmacokinetic data.",
    ),
    # ---- artificial_intelligence 人工智能 -------------------------------------------------
    _challenge(
        _HUIYING,
        "artificial_intelligence",
        "zh",
        2_000_000,
        "2027-10-31",
        "乳腺超声结节AI辅助诊断软件的跨设备泛化与多中心验证",
        ["医学影像分析", "乳腺超声诊断", "深度学习", "临床试验设计"],
        "我公司研发的乳腺超声AI辅助诊断软件已在两家医院完成回顾性测试，但在基层医院不同品牌超声设备上"
        "敏感度明显下降，且BI-RADS 4类结节的良恶性区分能力不足，难以达到医疗器械三类证临床评价要求。"
        "希望与临床和算法团队合作，提升模型跨设备泛化能力并设计多中心临床验证：恶性结节敏感度≥95%，"
        "特异度≥85%，在≥5家医院、≥4个设备品牌上性能波动≤3个百分点。交付改进模型、临床试验方案和统计"
        "分析报告。",
    ),
    _challenge(
        _TONGQU,
        "artificial_intelligence",
        "zh",
        2_500_000,
        "2027-08-31",
        "区域交通信号自适应控制与应急车辆优先通行",
        ["交通流建模", "多智能体强化学习", "交通信号控制"],
        "我公司承建青岛某区的智慧交通信号控制系统，覆盖120个路口。目前信号配时以固定方案为主，早晚高峰"
        "主干道排队溢出频繁，救护车、消防车通过路口时常需人工干预。希望开发基于多智能体的区域信号自适应"
        "控制与应急车辆优先通行算法：高峰期平均延误降低15%以上，应急车辆通过路口平均停车次数≤0.5次，"
        "相交道路额外延误≤10%。需利用我方卡口与雷视一体机数据，在仿真平台和至少10个实际路口完成验证。",
    ),
    _challenge(
        _TONGQU,
        "artificial_intelligence",
        "zh",
        1_600_000,
        "2027-06-30",
        "地铁与海底隧道衬砌地质雷达图像缺陷智能识别",
        ["探地雷达信号处理", "隧道工程", "深度学习"],
        "我公司承担青岛地铁与海底隧道的运维检测业务，衬砌质量检测主要采用地质雷达，每公里隧道产生数GB"
        "雷达剖面数据，目前依赖工程师人工判读空洞、脱空和钢筋缺失，判读一致性差、周期长。希望开发地质"
        "雷达图像的衬砌缺陷智能识别软件：空洞、脱空识别召回率≥90%，缺陷定位误差≤0.2m，单公里数据处理"
        "时间≤30分钟，并能输出符合行业规范的检测报告。我方提供约300公里历史数据和部分钻孔验证结果。",
    ),
    _challenge(
        _ZHIYUN,
        "artificial_intelligence",
        "zh",
        1_800_000,
        "2027-09-30",
        "致密油储层测井曲线智能解释与甜点识别",
        ["测井解释", "机器学习", "油藏地质"],
        "我公司为胜利、渤海等油田提供数字化服务。目前测井解释依赖专家逐井分析，致密油储层孔隙度、渗透率"
        "解释误差大，新区块缺乏岩心标定时结果可靠性不足。希望开发融合测井曲线去噪、岩性识别与物性参数"
        "预测的智能解释模型：渗透率预测相对误差≤30%，孔隙度绝对误差≤1.5%，有利储层（甜点）识别符合率"
        "≥85%，单井解释时间从2天缩短至1小时以内。我方提供约800口井的测井和岩心数据。",
    ),
    _challenge(
        _ZHIYUN,
        "artificial_intelligence",
        "mixed",
        1_200_000,
        "2027-05-31",
        "面向设备维修的工业大模型知识库（RAG）",
        ["大语言模型", "信息检索", "知识图谱", "设备故障诊断"],
        "我公司为石化、电力客户提供设备运维平台，积累了约15万条维修工单、数千份中英文设备手册和技术"
        "标准，但一线工程师检索困难，经验主要在老师傅脑中。希望构建基于LLM的维修知识助手：采用RAG架构，"
        "支持中英文cross-lingual检索，回答必须给出出处引用，故障处置建议准确率(专家评估)≥85%，响应时间"
        "≤5秒，可私有化部署在国产GPU服务器上。交付系统原型、领域评测集和部署文档。",
    ),
    _challenge(
        _DEKE,
        "artificial_intelligence",
        "en",
        1_000_000,
        "2027-07-31",
        "Bilingual after-sales assistant for exported packaging machinery",
        ["large language models", "cross-lingual retrieval", "technical documentation", "human evaluation"],
        "We manufacture packaging and filling machinery in Qingdao and export about 70% of it to "
        "Southeast Asia, the Middle East and Latin America. Overseas distributors send around 600 "
        "service requests a month, mostly in English, while our manuals, circuit diagrams and repair "
        "records are largely in Chinese. We want a large-language-model assistant that answers "
        "technicians' questions in English from our Chinese documents, cites the source page and "
        "escalates when unsure. Targets: at least 80% of answers rated correct by our service "
        "engineers, no uncited claims, response under 10 seconds and deployment on our own servers. "
        "Deliverables: system prototype, evaluation set and a six-week pilot with two distributors.",
    ),
    # ---- intelligent_manufacturing 智能制造 -----------------------------------------------
    _challenge(
        _LANAN,
        "intelligent_manufacturing",
        "zh",
        1_500_000,
        "2027-06-30",
        "船体分段焊缝缺陷在线视觉检测系统",
        ["机器视觉", "焊接冶金", "嵌入式部署"],
        "我公司为船舶分段制造企业，年产分段约1200个。目前船体分段焊缝依靠人工目视和抽检超声检测，漏检率"
        "高、效率低，返修往往到合拢阶段才发现，成本成倍增加。希望开发一套基于机器视觉的焊缝缺陷在线检测"
        "系统，能识别气孔、裂纹、未焊透、咬边等缺陷，检出率≥95%，单道焊缝检测时间≤30秒，并能部署在现场"
        "边缘计算设备上，适应车间粉尘、弧光和曲面分段的工况。交付检测装置、算法软件及缺陷与焊接工艺参数"
        "的关联分析报告。",
    ),
    _challenge(
        _ZHIYUN,
        "intelligent_manufacturing",
        "zh",
        1_400_000,
        "2027-07-31",
        "炼化装置关键质量指标软测量与先进控制",
        ["软测量", "过程控制", "化工过程建模"],
        "我公司为炼化企业实施智能工厂项目。某加氢装置的产品馏程、硫含量等关键质量指标依靠每4–8小时一次"
        "的化验分析，操作调整滞后，质量卡边能力差。希望开发基于神经网络等方法的软测量模型并与预测控制"
        "结合：关键指标软测量误差不超过化验允许误差的1.5倍，模型可在线自校正，投用后主要质量指标标准差"
        "降低30%以上。需利用我方DCS历史数据和化验数据，交付模型、先进控制策略及投运报告。",
    ),
    _challenge(
        _HUAFANG,
        "intelligent_manufacturing",
        "zh",
        900_000,
        "2027-04-30",
        "西装个性化定制的参数化自动制版与吊挂流水线动态平衡",
        ["服装结构设计", "生产调度优化", "三维人体测量"],
        "我公司以西装、衬衫个性化定制为主，日均订单约3000单，每单尺寸不同。目前版型由样板师依据量体数据"
        "手工调整，高峰期打版成为瓶颈；吊挂流水线工序平衡依赖班组长经验，工位等待时间占比超过20%。希望"
        "开发基于量体数据的参数化自动制版与流水线动态平衡系统：自动制版合格率≥95%，单件制版时间≤2分钟，"
        "流水线平衡率提高到85%以上。交付版型数学模型、排产算法及与我方MES的接口。",
    ),
    _challenge(
        _HAILAN,
        "intelligent_manufacturing",
        "zh",
        1_000_000,
        "2027-08-31",
        "风电叶片根部厚层合板自动化制孔与分层控制",
        ["复合材料加工", "切削力学", "自适应控制"],
        "我公司为风电叶片厂提供叶根螺栓孔自动化加工装备。叶根为厚度60–90 mm的玻璃纤维/环氧层合板，现有"
        "钻削工艺出口分层和毛刺明显，刀具寿命仅约80孔，叶片厂反馈返修率高。希望揭榜团队研究厚层合板钻削"
        "的切削力与分层机理，优化刀具结构和进给参数，并开发基于切削力监测的自适应控制：分层因子≤1.1，"
        "单孔加工时间≤3分钟，刀具寿命≥200孔。交付工艺参数库、刀具方案及装备控制软件模块。",
    ),
    _challenge(
        _HAIYUE,
        "intelligent_manufacturing",
        "mixed",
        1_300_000,
        "2027-05-31",
        "冰箱钣金与注塑件外观缺陷视觉检测（YOLOv8 + edge部署）",
        ["机器视觉", "深度学习目标检测", "光学照明设计", "边缘部署"],
        "我公司冰箱总装线每天生产约4000台，门体钣金和内胆注塑件的划伤、凹坑、缩痕目前靠人工目检，夜班"
        "漏检率偏高。希望开发基于deep learning的外观缺陷检测系统：采用YOLOv8或同类detector，针对反光"
        "钣金表面设计多角度lighting方案，缺陷检出率≥98%、过检率≤2%，节拍≤6秒/件，模型部署在产线旁"
        "Jetson Orin等edge设备上，并支持few-shot方式新增缺陷类别。交付光学方案、训练代码、部署包与MES"
        "接口。",
    ),
    # ---- new_materials 新材料 ------------------------------------------------------------
    _challenge(
        _JINCHENG,
        "new_materials",
        "zh",
        800_000,
        "2027-06-30",
        "无卤阻燃与纳米抗菌协同的多功能面料整理技术",
        ["阻燃整理", "纳米抗菌材料", "纺织化学"],
        "我公司为酒店、轨道交通和医疗机构供应功能性纺织面料。客户要求面料同时具备阻燃、抗菌和耐洗性能，"
        "现有后整理工艺叠加两种助剂后手感变硬、白度下降，且含卤阻燃剂面临出口限制。希望开发无卤阻燃与"
        "纳米抗菌协同的整理剂或功能纤维方案：极限氧指数≥28%，对金黄色葡萄球菌、大肠杆菌抑菌率≥99%，"
        "50次水洗后性能保持率≥90%，白度下降≤5。交付配方、整理工艺和第三方检测报告。",
    ),
    _challenge(
        _GUYUAN,
        "new_materials",
        "zh",
        1_000_000,
        "2027-09-30",
        "脱硫石膏与粉煤灰基少熟料胶凝材料及泡沫混凝土砌块",
        ["胶凝材料", "固废资源化", "混凝土性能"],
        "我公司年消纳周边电厂和化工企业的脱硫石膏、粉煤灰约30万吨，目前主要用于低值填充，附加值低。希望"
        "揭榜团队开发以原状脱硫石膏、粉煤灰（可掺部分赤泥）为主要原料的少熟料胶凝材料和泡沫混凝土保温"
        "砌块：固废掺量≥70%，砌块干密度≤600 kg/m³、抗压强度≥3.5 MPa、导热系数≤0.12 W/(m·K)，重金属"
        "浸出满足国家标准。交付配方、生产工艺与中试线调试支持。",
    ),
    _challenge(
        _HAIDUN,
        "new_materials",
        "zh",
        1_200_000,
        "2027-07-31",
        "海水泵过流部件耐腐蚀-冲蚀热喷涂涂层",
        ["热喷涂", "腐蚀与防护", "摩擦磨损"],
        "我公司为港口机械、海水泵和海上平台提供防护涂层服务。海水提升泵叶轮与轴套在含沙海水中同时承受"
        "冲蚀和电化学腐蚀，现有WC-Co涂层服役8个月左右即出现点蚀剥落，更换停机成本高。希望开发耐海水"
        "腐蚀-冲蚀协同作用的热喷涂涂层（如WC-CoCr或新型金属陶瓷体系）及工艺：涂层孔隙率≤1%，结合强度"
        "≥70 MPa，盐雾试验≥3000小时无红锈，含沙海水冲蚀失重较现有涂层降低50%。交付涂层体系、喷涂工艺"
        "和实海挂片评价报告。",
    ),
    _challenge(
        _GUYUAN,
        "new_materials",
        "zh",
        900_000,
        "2027-10-31",
        "跨海桥梁与码头海工混凝土耐久性外加剂及寿命预测",
        ["混凝土外加剂", "氯离子侵蚀与耐久性", "寿命预测建模"],
        "我公司为跨海大桥、码头工程供应海工混凝土外加剂。业主对新建码头提出100年设计使用寿命要求，而现有"
        "产品在浪溅区的氯离子扩散系数仍偏高，硫酸盐干湿循环后强度损失明显。希望开发高性能抗氯离子渗透"
        "与抗硫酸盐腐蚀复合外加剂，并建立基于实测数据的寿命预测模型：28天氯离子扩散系数≤1.5×10⁻¹²"
        " m²/s，干湿循环150次强度损失≤10%，提供满足100年寿命要求的配合比设计方法。交付产品配方、试验"
        "报告和寿命评估软件。",
        status="draft",
    ),
    _challenge(
        _AOBO,
        "new_materials",
        "en",
        2_000_000,
        "2027-06-30",
        "Improving high-temperature cycle life of LMFP cathode materials",
        ["cathode materials", "surface coating and doping", "electrochemical testing", "powder processing"],
        "We produce lithium manganese iron phosphate (LMFP) cathode powder, mainly for export to "
        "battery makers in Europe and Southeast Asia. Customer pouch cells retain only 80% capacity "
        "after 800 cycles at 45 °C, and post-mortem analysis points to manganese dissolution and "
        "particle cracking. We need a team to propose and validate coating or doping strategies that "
        "fit our solid-state synthesis and spray-drying lines: at least 90% retention after 1,000 "
        "cycles at 45 °C (1C/1C), tap density of at least 1.3 g/cm3, and added cost below 5%. "
        "Deliverables: material design, kilogram-scale process window and cell test data.",
    ),
]
