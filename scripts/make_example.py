#!/usr/bin/env python3
"""Writes the 2025 东西湖区 example workspace data: examples/dongxihu-2025/units.csv,
inbox/ (a year of monthly submissions as the units really send them) and EXPECTED.md.

The year's activities and workload are laid out first as plain records; each unit-month is
then written as the unit's own "program" would write it (our template through XlsxWriter,
another spreadsheet program through openpyxl, CSV in various encodings, a ZIP bundle with
GBK member names), with the typing habits of the person filling it in. Everything is fixed:
the random generator is seeded and document timestamps are constant, so a rerun gives
byte-identical files.

Usage: python3 scripts/make_example.py [--out DIR]
"""

import argparse
import csv
import datetime as dt
import io
import os
import random
import shutil
from collections import defaultdict, namedtuple
from dataclasses import dataclass, field
from pathlib import Path

# openpyxl serialises differently with lxml installed; the committed files were written without.
os.environ.setdefault("OPENPYXL_LXML", "False")

import openpyxl
import xlsxwriter
from openpyxl.styles import Alignment, Font

from example_common import STREETS, YEAR, tally
from workbook_kit import (ACTIVITY_HEADERS, CATEGORIES, CHOICES, DEVIATION_HEADERS, DEVIATION_SHEET, FIXED_TIME, FORMS,
                          THEMES, WORKLOAD_HEADER, WORKLOAD_ITEMS, district_rows, info_rows, op_rows, repack, workload_rows,
                          xw_rows, zip_bytes)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "examples" / "dongxihu-2025"

# ---------------------------------------------------------------------------------------------
# The registry

@dataclass
class Unit:
    code: str
    name: str
    kind: str
    street: str
    first: str = "2025-01"
    last: str = ""
    contact: str = ""
    phone: str = ""


def build_units(rng):
    units = [Unit("QU00", "东西湖区科协", "区科协", "")]
    for i, street in enumerate(STREETS, start=1):
        short = street[:-2] if street.endswith("街道") else street
        units.append(Unit(f"JD{i:02d}", f"{short}街道科协" if street.endswith("街道") else f"{street}科协", "街道科协", street))
    units += [
        Unit("QY01", "TCL空调企业科协", "企业科协", "吴家山街道"),
        Unit("QY02", "旭东食品企业科协", "企业科协", "走马岭街道"),
        Unit("QY03", "播鲜生企业科协", "企业科协", "径河街道"),
        Unit("QY04", "银江创享企业科协", "企业科协", "金银湖街道", first="2025-07"),
        Unit("QY05", "银桥南海光电企业科协", "企业科协", "将军路街道", first="2025-07"),
        Unit("QY06", "维农种苗企业科协", "企业科协", "东山办事处", first="2025-07"),
        Unit("XH01", "区食品科学技术学会", "学会", "吴家山街道"),
        Unit("XH02", "区科普作家协会", "学会", "常青花园新区街道"),
        Unit("XX01", "吴家山中学", "学校", "吴家山街道"),
        Unit("XX02", "东西湖实验小学", "学校", "常青花园新区街道"),
    ]
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
    given = ["丽", "敏", "静", "伟", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
             "秀英", "霞", "平", "刚", "桂英", "文", "晨", "欣怡", "浩然", "志刚", "雪梅", "红霞", "建华"]
    taken = set()
    for u in units:
        while True:
            name = rng.choice(surnames) + rng.choice(given)
            if name not in taken:
                taken.add(name)
                break
        u.contact = name
        if u.kind in ("区科协", "街道科协", "学校"):
            u.phone = f"027-8389{rng.randint(0, 9999):04d}"
        else:
            u.phone = f"1{rng.choice(['38', '39', '35', '59', '86'])}{rng.randint(0, 99999999):08d}"
    return units


def write_units_csv(units, path):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["单位代码", "单位名称", "单位类型", "所属街道", "联系人", "联系电话", "应报起始月", "停报月"])
    for u in units:
        w.writerow([u.code, u.name, u.kind, u.street, u.contact, u.phone, u.first, u.last])
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


def write_config(office, path):
    """The example's jixiao.yaml: the 2025 year (jixiao init would take the current one) and
    the 指标表 footer; every other key keeps the default of templates/jixiao.yaml."""
    path.write_text("\n".join([
        "# 2025 东西湖区示例工作目录的配置；未写的项目取 jixiao init 生成的默认值。",
        "department: 武汉市东西湖区科学技术协会",
        f"year: {YEAR}",
        "deadline_day: 10",
        f"preparer: {office.contact}",
        f'phone: "{office.phone}"',
        "",
    ]), encoding="utf-8")


def months_due(unit):
    first = int(unit.first[5:])
    last = int(unit.last[5:]) if unit.last else 12
    return list(range(first, last + 1))

# ---------------------------------------------------------------------------------------------
# The year's activities and workload (what the accepted, non-superseded files must say)

@dataclass
class Act:
    unit: str
    month: int
    day: int
    name: str
    form: str
    category: str
    theme: str
    coverage: int
    place: str = ""
    partner: str = ""
    note: str = ""
    # How the person typed 覆盖人数 when not as a plain number (must normalise to `coverage`).
    coverage_text: str = ""
    date_text: str = ""

    @property
    def date(self):
        return dt.date(YEAR, self.month, self.day)


@dataclass
class Work:
    unit: str
    month: int
    item: str
    quantity: int
    note: str = ""


# Unit-months with no accepted submission (the 催报清单 of the year-end report).
MISSING = [("JD04", 8), ("JD10", 2), ("QY03", 11)]
REJECTED = ("JD05", 6)
RESUBMITTED = ("JD03", 5)

COMMUNITIES = {
    "吴家山街道": ["七雄路社区", "田园社区", "海口社区"],
    "将军路街道": ["将军路社区", "十里铺社区", "宏图社区"],
    "慈惠街道": ["墨水湖社区", "慈惠农场社区", "石榴红村"],
    "走马岭街道": ["走马岭社区", "汇通社区", "新华社区"],
    "径河街道": ["径河社区", "三店社区", "临空港社区"],
    "长青街道": ["长墩堤社区", "长青社区", "长宜社区"],
    "金银湖街道": ["金银湖社区", "银湖社区", "东方社区"],
    "常青花园新区街道": ["常青花园七社区", "常青花园五社区", "常青花园十社区"],
    "辛安渡办事处": ["辛安渡社区", "马投潭村", "黄狮海社区"],
    "东山办事处": ["东山社区", "红光社区", "李家墩村"],
    "新沟镇街道": ["新沟镇社区", "邓店村", "杨家口社区"],
    "柏泉办事处": ["柏泉社区", "茅庙集村", "丰荷村"],
}

FOOD_TOPICS = [
    "年夜饭里的食品安全", "春季野菜能放心吃吗", "读懂食品标签", "食用油的选择与储存", "儿童零食怎么选",
    "保健食品不是药", "外卖食品安全须知", "夏季食物中毒预防", "冰箱不是保险箱", "农药残留的真相",
    "隔夜菜还能吃吗", "野生菌中毒防范", "食品添加剂的误区", "中秋月饼选购指南", "水产品安全食用",
    "粮油质量安全那些事", "腌制食品与亚硝酸盐", "网购食品避坑指南", "校园食品安全", "冬季火锅食材安全",
    "科学认识转基因",
]


BRAND = "李培武院士食品安全科普工作室"
LIVE = "“科普东西湖”视频号直播"
STREET_UNITS = [f"JD{i:02d}" for i in range(1, 13)]

Draw = namedtuple("Draw", "lo hi step", defaults=(10,))

# The year's activities, in the order they are planned (the order of the random draws). A row is
# (unit, month, name, form, category, theme, coverage[, place[, partner[, note[, day]]]]), one
# activity, or one per element where fields are lists (lists in a row run in step, the other
# fields repeat). Draw(lo, hi[, step]) is a coverage drawn from that range; without a day, one is
# drawn after the coverage. In a name or place, {c0} {c1} {c2} are the unit's street's three
# communities (COMMUNITIES) and {cm} the one at the month's index.
ACTIVITIES = [
    # 食品安全: "临空i科普" lectures online (21) — most of the year's coverage.
    ("QU00", [1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12],
     [f"“临空i科普”食品安全公益科普讲座第{n}期：{topic}" for n, topic in enumerate(FOOD_TOPICS, start=1)],
     "线上", "科普活动", "食品安全", Draw(5400, 8400), LIVE, BRAND, "“守护舌尖安全”科普品牌"),
    # 食品安全 offline (31): district events, lectures in communities and schools, streets, society.
    ("QU00", 3, "3·15消费者权益日“守护舌尖安全”食品安全科普宣传", "线下", "科普活动", "食品安全", 1200,
     "东西湖区市民之家广场", f"区市场监管局、{BRAND}", "", 15),
    ("QU00", 9, "武汉市“科学大家面对面”暨东西湖区全国科普月主场活动", "线下", "科普活动", "食品安全", 1600,
     "东西湖区科技馆", f"武汉市科协、{BRAND}", "院士现场分享科研成果", 20),
    ("QU00", 3, "“临空i科普”食品安全公益科普讲座进社区（常青花园七社区）", "线下", "科普活动", "食品安全", Draw(80, 420), "常青花园七社区", BRAND),
    ("QU00", 4, "“临空i科普”食品安全公益科普讲座进社区（长墩堤社区）", "线下", "科普活动", "食品安全", Draw(80, 420), "长墩堤社区", BRAND),
    ("QU00", 4, "“临空i科普”食品安全公益科普讲座进校园（将军路三小）", "线下", "科普活动", "食品安全", Draw(80, 420), "将军路三小", BRAND),
    ("QU00", 5, "“临空i科普”食品安全公益科普讲座进校园（东西湖实验小学）", "线下", "科普活动", "食品安全", Draw(80, 420), "东西湖实验小学", BRAND),
    ("QU00", 5, "“临空i科普”食品安全公益科普讲座进校园（吴家山中学）", "线下", "科普活动", "食品安全", Draw(80, 420), "吴家山中学", BRAND),
    ("QU00", 6, "“临空i科普”食品安全公益科普讲座进社区（金银湖社区）", "线下", "科普活动", "食品安全", Draw(80, 420), "金银湖社区", BRAND),
    ("QU00", 6, "“临空i科普”食品安全公益科普讲座进社区（走马岭社区）", "线下", "科普活动", "食品安全", Draw(80, 420), "走马岭社区", BRAND),
    ("QU00", 9, "“临空i科普”食品安全公益科普讲座进社区（慈惠农场社区）", "线下", "科普活动", "食品安全", Draw(80, 420), "慈惠农场社区", BRAND),
    ("QU00", 10, "“临空i科普”食品安全公益科普讲座进社区（径河社区）", "线下", "科普活动", "食品安全", Draw(80, 420), "径河社区", BRAND),
    ("QU00", 10, "“临空i科普”食品安全公益科普讲座进社区（新沟镇社区）", "线下", "科普活动", "食品安全", Draw(80, 420), "新沟镇社区", BRAND),
    ("QU00", 11, "“临空i科普”食品安全公益科普讲座进社区（柏泉社区）", "线下", "科普活动", "食品安全", Draw(80, 420), "柏泉社区", BRAND),
    ("QU00", 12, "“临空i科普”食品安全公益科普讲座进社区（辛安渡社区）", "线下", "科普活动", "食品安全", Draw(80, 420), "辛安渡社区", BRAND),
    (["JD01", "JD02", "JD03", "JD04", "JD06", "JD07", "JD08", "JD09", "JD10", "JD11", "JD12"],
     [3, 4, 5, 6, 3, 6, 7, 11, 12, 9, 10],
     "“守护舌尖安全”食品安全知识进社区（{cm}）", "线下", "科普活动", "食品安全", Draw(60, 260), "{cm}", "区科协"),
    ("XH01", [3, 6, 8, 12],
     ["“学会科普进一线”食品营养与安全专家讲座", "夏季饮食安全专家讲座", "食品生产企业质量安全培训讲座", "冬季食品安全与健康饮食讲座"],
     "线下", "科普活动", "食品安全", Draw(60, 180), "吴家山街道{cm}", "区科协"),
    ("QY02", 9, "旭东食品“透明工厂”食品安全开放日", "线下", "科普活动", "食品安全", 180, "旭东食品生产基地"),
    ("XX02", 11, "“小手拉大手”校园食品安全主题班会", "线下", "科普活动", "食品安全", 420, "东西湖实验小学"),

    # 青少年科技教育 (48): 寒假科学公开课 and the summer 护苗同行 科学逐梦 campaign in every street.
    (["JD01", "JD02", "JD03", "JD04", "JD05", "JD06", "JD07", "JD08"], 1, "“临空i科普”寒假科学公开课（{c1}）",
     "线下", "科普活动", "青少年科技教育", Draw(30, 90, 5), "{c1}新时代文明实践站", "区科协"),
    (["JD06", "JD07", "JD09", "JD11", "JD12"], 2, "寒假科学公开课：趣味科学实验（{c2}）", "线下", "科普活动", "青少年科技教育",
     Draw(30, 90, 5), "{c2}", "区科协"),
    ("QU00", 2, "寒假科学公开课·线上直播：走进航天", "线上", "科普活动", "青少年科技教育", 3800, LIVE, "武汉科技馆"),
    (STREET_UNITS, 7, "“护苗同行 科学逐梦”暑期科普行动（{c0}）", "线下", "科普活动", "青少年科技教育", Draw(40, 120, 5),
     "{c0}", "区科协"),
    ("QU00", 7, "“护苗同行 科学逐梦”暑期科普直播课：身边的物理", "线上", "科普活动", "青少年科技教育", 2600, LIVE),
    ("QU00", 7, "“护苗同行 科学逐梦”暑期科普直播课：昆虫的秘密", "线上", "科普活动", "青少年科技教育", 2300, LIVE),
    ("XH02", 7, "“护苗同行 科学逐梦”科普作家进社区讲故事", "线下", "科普活动", "青少年科技教育", 65, "常青花园五社区"),
    ("XX01", 7, "“护苗同行 科学逐梦”青少年科技夏令营", "线下", "科普活动", "青少年科技教育", 180, "吴家山中学", "区科协"),
    ("QY05", 7, "暑期光电科普体验日", "线下", "科普活动", "青少年科技教育", 55, "银桥南海光电展厅"),
    ("XH02", 7, "科普作家带你读科幻——暑期读书会", "线下", "科普活动", "青少年科技教育", 40, "东西湖区图书馆"),
    (["JD01", "JD02", "JD03", "JD05", "JD06", "JD07", "JD08", "JD09", "JD10", "JD11", "JD12"], 8,
     "暑期“科学逐梦”少儿科学实验课（{c2}）", "线下", "科普活动", "青少年科技教育", Draw(30, 100, 5), "{c2}", "区科协"),
    ("QU00", 8, "“护苗同行 科学逐梦”暑期科普直播课：防溺水安全", "线上", "科普活动", "青少年科技教育", 4100, LIVE, "区应急管理局"),
    ("XH02", 8, "暑期科普写作小课堂", "线下", "科普活动", "青少年科技教育", 35, "东西湖区图书馆"),
    ("JD01", 8, "“护苗同行”少儿编程体验营", "线下", "科普活动", "青少年科技教育", 60, "七雄路社区党群服务中心"),
    ("JD08", 8, "“护苗同行”天文观测夜", "线下", "科普活动", "青少年科技教育", 85, "常青花园七社区广场"),
    ("JD07", 8, "“护苗同行”无人机科普体验", "线下", "科普活动", "青少年科技教育", 70, "金银湖社区"),

    # 应急防灾 (16).
    (["JD01", "JD03", "JD05", "JD08", "JD10"], 5, "防灾减灾日应急科普宣传（{c1}）", "线下", "科普活动", "应急防灾",
     Draw(80, 300), "{c1}", "区应急管理局", "", 12),
    ("QU00", 5, "“全国防灾减灾日”应急科普知识线上答题", "线上", "科普活动", "应急防灾", 5200, "“科普东西湖”微信公众号",
     "区应急管理局", "", 12),
    (["JD02", "JD06", "JD11"], 6, "“安全生产月”应急科普进社区（{c2}）", "线下", "科普活动", "应急防灾", Draw(60, 200), "{c2}",
     "区应急管理局"),
    (["JD04", "JD07", "JD09", "JD12"], 11, "“119消防宣传月”消防安全科普（{c0}）", "线下", "科普活动", "应急防灾",
     Draw(80, 600), "{c0}", "区消防救援大队", "", 9),
    ("XX01", 11, "“119消防宣传月”消防安全科普（吴家山中学）", "线下", "科普活动", "应急防灾", Draw(80, 600), "吴家山中学",
     "区消防救援大队", "", 9),
    ("JD10", 3, "世界气象日气象防灾科普", "线下", "科普活动", "应急防灾", 75, "东山社区", "区气象局", "", 23),
    ("JD11", 7, "汛期防汛避险科普宣传", "线下", "科普活动", "应急防灾", 110, "杨家口社区"),

    # 网络安全 (12).
    ("QU00", 9, "国家网络安全宣传周线上科普直播", "线上", "科普活动", "网络安全", 4600, LIVE, "区委网信办"),
    (["JD01", "JD02", "JD07", "JD08"], 9, "网络安全宣传周“网络安全为人民”科普（{c2}）", "线下", "科普活动", "网络安全",
     Draw(50, 220), "{c2}", "区委网信办"),
    ("QY04", 9, "网络安全宣传周“网络安全为人民”科普（银江创享科技园）", "线下", "科普活动", "网络安全", Draw(50, 220),
     "银江创享科技园", "区委网信办"),
    (["JD03", "JD06"], 4, "全民国家安全教育日网络安全科普（{c0}）", "线下", "科普活动", "网络安全", Draw(60, 180), "{c0}",
     "", "", 15),
    ("XX01", 10, "“防范电信网络诈骗”主题讲座", "线下", "科普活动", "网络安全", 520, "吴家山中学报告厅", "区公安分局"),
    ("XX02", 12, "小学生网络安全科普课", "线下", "科普活动", "网络安全", 360, "东西湖实验小学"),
    ("JD12", 12, "老年人防范网络诈骗科普", "线下", "科普活动", "网络安全", 70, "柏泉社区"),
    ("JD09", 3, "反诈科普进乡村", "线下", "科普活动", "网络安全", 90, "马投潭村"),

    # 其他 themes (25): 群团携手进驿站, 学会科普进一线, 科技活动周, 科普月 in communities, reading clubs.
    ("QU00", [4, 6, 8, 10, 12], "“群团携手进驿站·科普服务惠民生”活动", "线下", "科普活动", "其他", Draw(60, 150),
     "户外劳动者服务驿站", "区总工会、团区委、区妇联"),
    ("XH01", [3, 6, 9, 12], "“学会科普进一线”农产品质量与健康专题活动", "线下", "科普活动", "其他", Draw(40, 160), "{cm}", "区科协"),
    ("XH02", [4, 7, 10, 11], "“学会科普进一线”科普创作与阅读专题活动", "线下", "科普活动", "其他", Draw(40, 160), "{cm}", "区科协"),
    ("QU00", 5, "全国科技活动周东西湖区科普展览", "线下", "科普活动", "其他", 950, "东西湖区科技馆"),
    (["JD02", "JD08"], 5, "科技活动周社区科普展板巡展", "线下", "科普活动", "其他", Draw(100, 300), "{c0}"),
    ("JD09", 4, "世界地球日科普宣传", "线下", "科普活动", "其他", 85, "辛安渡社区", "", "", 22),
    (["JD03", "JD04", "JD05", "JD06", "JD10", "JD11"], 9, "全国科普月社区科普集市（{c1}）", "线下", "科普活动", "其他",
     Draw(100, 320), "{c1}"),
    ("XH02", 1, "新春科普读书会", "线下", "科普活动", "其他", 45, "东西湖区图书馆"),
    ("XH02", 6, "科普作家进社区分享会", "线下", "科普活动", "其他", 55, "常青花园十社区"),

    # 科创服务 (5) and 学术交流 (2): 目标一.
    ("QU00", 2, "专家科创工作站申报政策解读会", "线下", "科创服务", "其他", 45, "区科协会议室", "武汉市科协"),
    ("QU00", 4, "“科创湖北”试点区建设推进会暨企业技术需求对接会", "线下", "科创服务", "其他", 60, "东西湖区政务服务中心",
     "湖北省科协"),
    ("QU00", 5, "省复合材料学会与企业技术需求精准对接", "线下", "科创服务", "其他", 35, "力地液压", "湖北省复合材料学会"),
    ("QU00", 6, "协办湖北省科创沙龙（东西湖场）", "线下", "科创服务", "其他", 80, "临空港创新中心", "湖北省科协"),
    ("QU00", 11, "科创联络员企业服务对接活动", "线下", "科创服务", "其他", 40, "金银湖科技园"),
    ("QU00", 10, "“科创湖北”学会专家荆楚行（东西湖站）", "线下", "学术交流", "其他", 120, "东西湖区科技馆",
     "湖北省科协、省级学会"),
    ("XH01", 11, "东西湖区食品产业发展对策研讨会", "线下", "学术交流", "其他", 70, "区食品科学技术学会会议室",
     "湖北省食品科学技术学会"),

    # 科创科普 (11): 目标六, 专家工作站、人才离岸工作站、科技小院.
    ("JD11", 10, "食汇缘科技小院参加“武创荟·农业及生物技术科技成果对接会”", "线下", "科创科普", "其他", 150,
     "湖北食汇缘科技小院", "湖北食汇缘"),
    ("JD03", 6, "第三届“昊诚杯”知识竞赛", "线下", "科创科普", "其他", 120, "昊诚锂电", "昊诚锂电"),
    ("JD03", 6, "锂电安全知识培训", "线下", "科创科普", "应急防灾", 90, "昊诚锂电", "昊诚锂电"),
    ("JD05", 4, "九信中药产业链共建共享大会", "线下", "科创科普", "其他", 200, "九信中药", "九信中药"),
    ("QY01", 8, "“星火再燃 共创未来”人才培养与成长活动", "线下", "科创科普", "其他", 160, "TCL空调武汉基地"),
    ("JD02", 1, "力地液压“以科技之名 共赴创新之约”科创总结会", "线下", "科创科普", "其他", 85, "力地液压", "力地液压"),
    ("JD02", 11, "“高端装备制造业大集结、共绘区域发展新蓝图”交流会", "线下", "科创科普", "其他", 110, "力地液压", "力地液压"),
    ("JD12", 3, "芸薹科技小院联合申报座谈会", "线下", "科创科普", "其他", 30, "武汉汇春名优", "华中农业大学、武汉汇春名优"),
    ("QY02", 9, "专家工作站科普开放日", "线下", "科创科普", "其他", 60, "旭东食品专家工作站"),
    ("QY03", 10, "预制菜保鲜技术科普开放日", "线下", "科创科普", "其他", 55, "播鲜生专家工作站"),
    ("QY06", 12, "种苗科技开放日", "线下", "科创科普", "其他", 45, "维农种苗育苗基地"),

    # 科学家精神宣讲 (10) and 培训 (3): 目标七.
    ("XX01", 5, "桂建芳院士“弘扬科学家精神 争做时代追梦人”主题报告", "线下", "科学家精神宣讲", "科学家精神", 650,
     "吴家山中学", "区科协、中国科学院水生生物研究所"),
    ("QU00", 5, "全国科技工作者日科学家精神宣讲", "线下", "科学家精神宣讲", "科学家精神", 120, "东西湖区科技馆", "", "", 30),
    ("XX02", 3, "科学家精神宣讲（东西湖实验小学）", "线下", "科学家精神宣讲", "科学家精神", Draw(60, 480), "东西湖实验小学", "武汉市科协"),
    ("XX01", 9, "科学家精神宣讲（吴家山中学）", "线下", "科学家精神宣讲", "科学家精神", Draw(60, 480), "吴家山中学", "武汉市科协"),
    ("JD01", 6, "科学家精神宣讲（七雄路社区）", "线下", "科学家精神宣讲", "科学家精神", Draw(60, 480), "七雄路社区", "武汉市科协"),
    ("JD08", 10, "科学家精神宣讲（常青花园七社区）", "线下", "科学家精神宣讲", "科学家精神", Draw(60, 480), "常青花园七社区", "武汉市科协"),
    ("XH02", 11, "科学家精神宣讲（东西湖区图书馆）", "线下", "科学家精神宣讲", "科学家精神", Draw(60, 480), "东西湖区图书馆", "武汉市科协"),
    ("QU00", 12, "科学家精神宣讲（东西湖区科技馆）", "线下", "科学家精神宣讲", "科学家精神", Draw(60, 480), "东西湖区科技馆", "武汉市科协"),
    ("JD07", 4, "科学家精神宣讲（金银湖社区）", "线下", "科学家精神宣讲", "科学家精神", Draw(60, 480), "金银湖社区", "武汉市科协"),
    ("XX02", 10, "科学家精神宣讲（东西湖实验小学）", "线下", "科学家精神宣讲", "科学家精神", Draw(60, 480), "东西湖实验小学", "武汉市科协"),
    ("QU00", [4, 6, 10], "新修订《中华人民共和国科学技术普及法》专题培训", "线下", "培训", "其他", [70, 65, 65], "区科协会议室",
     "湖北省科协"),

    # 其他 (2).
    ("QU00", 5, "全国科技工作者日走访慰问科技工作者", "线下", "其他", "其他", 16, "区内企业及科研单位", "", "", 29),
    ("QU00", 7, "“党建引领·科技赋能”特色活动", "线下", "其他", "其他", 45, "学会党建工作联合体"),
]

# 工作量 (unit, month, item, quantity, note), spread over units and months as the report tells it;
# lists run in step as in ACTIVITIES.
WORKLOAD = [
    ("QY04", 7, "新成立企业科协", 1, "完成组织章程及架构"), ("QY04", 7, "吸纳科技工作者", 36, "首批会员"),
    ("QY05", 7, "新成立企业科协", 1, "完成组织章程及架构"), ("QY05", 7, "吸纳科技工作者", 32, "首批会员"),
    ("QY06", 7, "新成立企业科协", 1, "完成组织章程及架构"), ("QY06", 7, "吸纳科技工作者", 25, "首批会员"),
    ("QY01", 6, "获批专家工作站", 1, "2025年武汉市专家工作站"), ("QY01", 6, "引进专家人才", 7, "引进专家团队1个"),
    ("QY02", 6, "获批专家工作站", 1, "2025年武汉市专家工作站"), ("QY02", 6, "引进专家人才", 6, "引进专家团队1个"),
    ("QY03", 6, "获批专家工作站", 1, "2025年武汉市专家工作站"), ("QY03", 6, "引进专家人才", 6, "引进专家团队1个"),
    ("QU00", 3, "申报科普项目", 8, "申报省级科普项目"),
    ("QU00", 4, "申报科普项目", 2, "申报市级科普项目"),
    ("JD02", 4, "申报科普项目", 1, "将军路三小"),
    ("JD06", 4, "申报科普项目", 1, "长墩堤社区"),
    ("QU00", 6, "获批科普项目", 6, "省级科普项目"),
    ("QU00", 7, "获批科普项目", 2, "市级科普项目：武汉天下先、中科晶上"),
    ("JD02", 7, "获批科普项目", 1, "市级科普项目：将军路三小"),
    ("QU00", 5, "编印科普读物", 1000, "《守护舌尖安全》科普手册"),
    ("QU00", 9, "编印科普读物", 500, "科普月加印"),
    ("QU00", list(range(1, 13)), "制作科普视频", 1, "“科普中国”平台播放"),
    ("QU00", list(range(1, 12)), "制作科普图文", 1, "“科普东西湖”微信公众号"),
    ("QU00", 5, "举荐科技人才", 1, "荆楚最美科技工作者"),
    ("QU00", 8, "举荐科技人才", 2, "武汉科技人才朝阳托举工程"),
]


def each(row):
    """The records of a table row: one per element of its list fields, taken in step."""
    lengths = {len(v) for v in row if isinstance(v, list)}
    assert len(lengths) <= 1, row
    return [tuple(v[i] if isinstance(v, list) else v for v in row) for i in range(lengths.pop() if lengths else 1)]


class Year:
    def __init__(self, rng, units):
        self.rng = rng
        self.units = {u.code: u for u in units}
        self.acts = []
        self.work = []

    def day(self, month, lo=3, hi=26):
        return self.rng.randint(lo, min(hi, 28))

    def add(self, unit, month, name, form, category, theme, coverage, place="", partner="", note="", day=None):
        assert form in FORMS and category in CATEGORIES and theme in THEMES, (form, category, theme)
        a = Act(unit, month, day or self.day(month), name, form, category, theme, coverage, place, partner, note)
        self.acts.append(a)
        return a

    def communities(self, unit, month):
        """What {c0} {c1} {c2} {cm} stand for in ACTIVITIES, for the unit and month."""
        street = self.units[unit].street
        if not street:
            return {}
        c = COMMUNITIES[street]
        return {"c0": c[0], "c1": c[1], "c2": c[2], "cm": c[month % 3]}

    def cov(self, lo, hi, step=10):
        return self.rng.randrange(lo, hi + 1, step)

    def workload(self, unit, month, item, quantity, note=""):
        assert item in dict(WORKLOAD_ITEMS), item
        self.work.append(Work(unit, month, item, quantity, note))


def plan_year(rng, units):
    y = Year(rng, units)
    for row in ACTIVITIES:
        row += ("", "", "", None)[len(row) - 7:]
        for unit, month, name, form, category, theme, coverage, place, partner, note, day in each(row):
            near = y.communities(unit, month)
            if isinstance(coverage, Draw):
                coverage = y.cov(*coverage)
            name, place = name.format(**near), place.format(**near)
            y.add(unit, month, name, form, category, theme, coverage, place, partner, note, day)
    for row in WORKLOAD:
        for record in each(row):
            y.workload(*record)

    # Typed habits that must normalise to the figures above (each only a warning).
    def retype(unit, month, predicate, coverage, text):
        hits = [a for a in y.acts if a.unit == unit and a.month == month and predicate(a)]
        assert hits, (unit, month)
        hits[0].coverage, hits[0].coverage_text = coverage, text

    retype("JD06", 3, lambda a: a.theme == "食品安全", 50, "约50")
    retype("JD04", 6, lambda a: True, 120, "120人")
    retype("JD08", 7, lambda a: a.theme == "食品安全", 120, "１２０")
    retype("JD12", 10, lambda a: True, 50, "50余")
    retype("QU00", 1, lambda a: a.form == "线上", 20000, "2万")
    retype("QU00", 3, lambda a: "3·15" in a.name, 1200, "1,200")
    for unit, m, form in [("XH01", 6, "{y}.{m}.{d}"), ("QY06", 12, "{m}月{d}日")]:
        act = next(a for a in y.acts if a.unit == unit and a.month == m)
        act.date_text = form.format(y=YEAR, m=act.month, d=act.day)
    return y


def settle_total_coverage(year, target):
    """Brings the year's coverage to `target` through the largest plain-typed online lecture."""
    total = sum(a.coverage for a in year.acts)
    lecture = max((a for a in year.acts if a.unit == "QU00" and a.form == "线上" and not a.coverage_text),
                  key=lambda a: a.coverage)
    lecture.coverage += target - total
    assert 5000 < lecture.coverage < 15000, lecture.coverage


# ---------------------------------------------------------------------------------------------
# How each unit fills in its files

@dataclass
class Style:
    program: str = "template"        # template (XlsxWriter) | other (openpyxl)
    date_as: str = "date"            # date | cjk (2025年3月5日) | slash (2025/3/5) | iso (2025-03-05 text)
    period_as: str = "iso"           # iso | cjk | slash | date
    title_rows: bool = False          # a title row above the header / form
    colon_labels: bool = False        # 单位代码：
    extra_column: bool = False        # 备注2
    padded: bool = False              # spaces around enum values, synonyms
    sheet_spaces: bool = False        # " 工作量 "
    fullwidth_labels: bool = False    # 新成立企业科协（家）
    date1904: bool = False
    merged_info: bool = False
    renamed: dict = field(default_factory=dict)  # month -> new name of 活动明细


STYLES = defaultdict(Style, {
    "JD02": Style("other", date_as="cjk", title_rows=True, colon_labels=True),
    "JD04": Style("other", date_as="slash", period_as="cjk"),
    "JD06": Style("other", period_as="slash", renamed={4: "4月活动情况"}),
    "JD08": Style("other", extra_column=True, merged_info=True),
    "JD09": Style("template", date1904=True),
    "JD10": Style("other", date_as="iso", period_as="date", padded=True),
    "JD12": Style("other", sheet_spaces=True),
    "QY03": Style("other"),
    "QY04": Style("other", sheet_spaces=True),
    "QY05": Style("other", fullwidth_labels=True, title_rows=True),
    "QY06": Style("other", date_as="slash"),
    "XH02": Style("other", date_as="cjk"),
    "XX02": Style("other"),
})

FORM_SYNONYM = {"线下": "线下活动", "线上": "线上直播"}


def date_cell(act, style):
    """The 活动日期 value as the unit types it: a real date or a text form."""
    if act.date_text:
        return act.date_text
    d = act.date
    return {"date": d, "cjk": f"{d.year}年{d.month}月{d.day}日", "slash": f"{d.year}/{d.month}/{d.day}",
            "iso": d.isoformat()}[style.date_as]


def period_cell(month, style):
    return {"iso": f"{YEAR}-{month:02d}", "cjk": f"{YEAR}年{month}月", "slash": f"{YEAR}/{month}",
            "date": dt.date(YEAR, month, 1)}[style.period_as]


def activity_row(i, act, style):
    form, category, theme = act.form, act.category, act.theme
    if style.padded:
        form = " " + FORM_SYNONYM[form]
        category = category + "\u3000"
        theme = " " + theme + " "
    coverage = act.coverage_text or act.coverage
    return [i, act.name, date_cell(act, style), form, category, theme, coverage, act.place, act.partner, act.note]


def filled_on(month, offset=3):
    """填报日期: the first days of the following month."""
    return dt.date(YEAR + 1, 1, offset) if month == 12 else dt.date(YEAR, month + 1, offset)


@dataclass
class Submission:
    unit: Unit
    month: int
    acts: list
    work: list
    district: list = None
    fill_offset: int = 3
    deviation: list = None   # 偏差原因 rows [一级指标, 三级指标, 分值, 偏差原因]

    @property
    def is_zero_report(self):
        """A month with nothing to report: the unit declares 零报告 (otherwise it is a 空表)."""
        return not self.acts and not any(w.quantity for w in self.work) and not self.district


def district_sheet_values():
    goal = ("持续推进“科创湖北”试点区建设，开展产学融合技术创新服务活动不少于3场；打造“守护舌尖安全”科普品牌，"
            "线上线下开展食品安全主题科普活动不少于15场，其中线下不少于5场；完成申报武汉市专家科创工作站1家或引进专家人才2名；"
            "举办各级各类科普惠民活动不少于130场；指导申报上级科普项目不少于5个；推动专家科创工作站、人才离岸工作站和科技小院"
            "开展科创科普活动不少于7场；开展科学家精神宣讲和科技工作者培训活动3场以上；指导成立企业科协组织3家。")
    done = ("各项目标均已完成。推动开展科创服务活动5场、学术交流活动2场；依托院士食品安全科普工作室开展“临空i科普”"
            "食品安全公益科普讲座50余场，其中线下超30场，覆盖群众20万余人次；TCL空调、旭东食品、播鲜生3家企业获批"
            "武汉市专家工作站，引进专家人才19人；全年开展各类科普活动超150场，实现全区12个街道全覆盖；获批省、市科普项目9个；"
            "开展科创科普活动10余场；承办科学家精神宣讲活动10场，开展《科学技术普及法》专题培训3场次；指导成立银江创享、"
            "银桥南海光电、维农种苗3家企业科协，吸纳科技工作者93人。")
    return [381.71, 34.00, 45.07, 323.21, 520, 498, goal, done]


# 偏差原因分析及改进措施 the district office writes in December's 偏差原因 sheet, for the indicators
# scoring below their weight (indicators.yaml gives none: the sheet is where the office writes them).
DEVIATION_REASONS = {
    "预算执行率": "部分项目按实施进度结算，年末尚未支付完毕。下一步将加强预算执行进度管理，按月跟踪支出，提高资金使用效率。",
}


def indicator_rows(path):
    """(一级指标, 三级指标, 分值) of an indicators.yaml, in 指标表 order as the template lists them:
    by 一级指标分值's order, then by first appearance of the 二级指标 in the group, then file order.
    Read line by line: the file is the office's plain YAML, one key per line."""
    groups, items, section = [], [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.split("#", 1)[0].rstrip()
        if not text:
            continue
        if not line.startswith(" "):
            section = text.rstrip(":").split(":")[0]
            continue
        key, _, value = text.strip().removeprefix("- ").partition(": ")
        if section == "一级指标分值":
            groups.append(key)
        elif section == "指标" and key in ("一级指标", "二级指标", "三级指标", "分值"):
            if text.strip().startswith("- "):
                items.append({})
            items[-1][key] = value.strip()
    level2_order = {}
    for item in items:
        level2_order.setdefault((item["一级指标"], item["二级指标"]), len(level2_order))
    ordered = sorted(enumerate(items), key=lambda e: (groups.index(e[1]["一级指标"]),
                                                      level2_order[(e[1]["一级指标"], e[1]["二级指标"])], e[0]))
    return [(i["一级指标"], i["三级指标"], float(i["分值"]) if "." in i["分值"] else int(i["分值"])) for _, i in ordered]


def deviation_sheet_rows():
    rows = [[level1, name, weight, DEVIATION_REASONS.get(name, "")]
            for level1, name, weight in indicator_rows(DEFAULT_OUT / "indicators.yaml")]
    assert set(DEVIATION_REASONS) <= {r[1] for r in rows}, "a reason for an indicator indicators.yaml lacks"
    return rows


def plan_submissions(units, year):
    by_key = defaultdict(list)
    for a in year.acts:
        by_key[(a.unit, a.month)].append(a)
    work_by_key = defaultdict(list)
    for w in year.work:
        work_by_key[(w.unit, w.month)].append(w)
    subs = {}
    for u in units:
        for m in months_due(u):
            key = (u.code, m)
            if key in MISSING or key == REJECTED:
                assert key not in by_key and key not in work_by_key, f"planned data in a month never accepted: {key}"
                continue
            acts = sorted(by_key.get(key, []), key=lambda a: (a.day, a.name))
            december = key == ("QU00", 12)
            subs[key] = Submission(u, m, acts, work_by_key.get(key, []), district_sheet_values() if december else None,
                                   deviation=deviation_sheet_rows() if december else None)
    planned = set(by_key) | set(work_by_key)
    assert planned <= set(subs), planned - set(subs)
    return subs

# ---------------------------------------------------------------------------------------------
# Writers

def doc_stamp(sub):
    d = filled_on(sub.month, sub.fill_offset)
    return (d.year, d.month, d.day, 9, 30, 0)


def basic_values(sub, style):
    u = sub.unit
    values = [u.code, u.name, period_cell(sub.month, style), u.contact, u.phone, filled_on(sub.month, sub.fill_offset)]
    return values + ["是"] if sub.is_zero_report else values


def workload_of(sub, style, all_items):
    qty = defaultdict(int)
    notes = {}
    for w in sub.work:
        qty[w.item] += w.quantity
        notes[w.item] = w.note
    return workload_rows(qty, notes, all_items, style.fullwidth_labels)


def write_template_xlsx(sub, style, rows_override=None):
    """Our own template, filled in Excel: dropdowns, frozen header, real dates."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "date_1904": style.date1904})
    wb.set_properties({"title": "月度报送表", "author": sub.unit.contact, "created": dt.datetime(*doc_stamp(sub))})
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})

    def label_bold(c, value):
        return bold if c == 0 else None

    info = wb.add_worksheet("基本信息")
    info.set_column(0, 0, 14)
    info.set_column(1, 1, 30)
    xw_rows(info, info_rows(basic_values(sub, style)), cell_format=label_bold, date_format=date_fmt)

    acts = wb.add_worksheet("活动明细")
    for c, w in enumerate([6, 40, 12, 10, 16, 16, 10, 24, 24, 20]):
        acts.set_column(c, c, w)
    xw_rows(acts, [ACTIVITY_HEADERS], cell_format=bold)
    acts.freeze_panes(1, 0)
    for header, choices in CHOICES.items():
        col = ACTIVITY_HEADERS.index(header)
        acts.data_validation(1, col, 200, col, {"validate": "list", "source": choices})
    rows = rows_override if rows_override is not None else [activity_row(i, a, style) for i, a in enumerate(sub.acts, 1)]
    xw_rows(acts, rows, 1, date_format=date_fmt)

    work = wb.add_worksheet("工作量")
    work.set_column(0, 0, 22)
    work.set_column(2, 2, 30)
    xw_rows(work, [WORKLOAD_HEADER], cell_format=bold)
    xw_rows(work, workload_of(sub, style, all_items=True), 1)

    if sub.district:
        d = wb.add_worksheet("预算与满意度")
        d.set_column(0, 0, 22)
        d.set_column(1, 1, 80)
        money = wb.add_format({"num_format": "0.00"})

        def district_format(c, value):
            if c == 0:
                return bold
            return money if isinstance(value, float) else wrap if isinstance(value, str) else None
        xw_rows(d, district_rows(sub.district), cell_format=district_format)

    if sub.deviation:
        reasons = wb.add_worksheet(DEVIATION_SHEET)
        for c, w in enumerate([12, 26, 6, 52]):
            reasons.set_column(c, c, w)
        xw_rows(reasons, [DEVIATION_HEADERS], cell_format=bold)
        xw_rows(reasons, sub.deviation, 1, cell_format=lambda c, value: wrap if c == 3 else None)

    notes = wb.add_worksheet("填报说明")
    notes.set_column(0, 0, 12)
    notes.set_column(1, 1, 60)
    xw_rows(notes, [
        ("活动日期", "如 2025-03-05，须在报送月份内"), ("活动形式", "线上或线下"),
        ("活动类别", "从下拉列表选择"), ("活动主题", "从下拉列表选择"), ("覆盖人数", "人次，填整数"),
    ], cell_format=label_bold)
    wb.close()
    return repack(buf.getvalue(), FIXED_TIME, doc_stamp(sub))


def write_other_xlsx(sub, style):
    """A workbook made by hand in another program: no dropdowns, the user's own layout habits."""
    wb = openpyxl.Workbook()
    wb.properties.creator = sub.unit.contact
    stamp = dt.datetime(*doc_stamp(sub))
    wb.properties.created = stamp
    wb.properties.modified = stamp
    pad = (lambda s: f" {s} ") if style.sheet_spaces else (lambda s: s)

    info = wb.active
    info.title = pad("基本信息")
    if style.title_rows:
        info.append([f"{sub.unit.name}{YEAR}年{sub.month}月科普工作报送表"])
        info["A1"].font = Font(bold=True, size=14)
    op_rows(info, info_rows(basic_values(sub, style), colon=style.colon_labels), date_format="yyyy-mm-dd")
    if style.merged_info:
        info.merge_cells(start_row=2, start_column=2, end_row=2, end_column=4)
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 30

    acts = wb.create_sheet(style.renamed.get(sub.month, pad("活动明细")))
    headers = ACTIVITY_HEADERS + (["备注2"] if style.extra_column else [])
    if style.title_rows:
        acts.append([f"{sub.unit.name}{sub.month}月活动明细"])
        acts.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        acts["A1"].alignment = Alignment(horizontal="center")
    acts.append(headers)
    op_rows(acts, [activity_row(i, a, style) + (["已上报街道" if i == 1 else ""] if style.extra_column else [])
                   for i, a in enumerate(sub.acts, start=1)], date_format="yyyy/m/d")
    acts.column_dimensions["B"].width = 40

    work = wb.create_sheet(pad("工作量"))
    op_rows(work, [WORKLOAD_HEADER] + workload_of(sub, style, all_items=False))
    buf = io.BytesIO()
    wb.save(buf)
    return repack(buf.getvalue(), FIXED_TIME, doc_stamp(sub))


def write_csv(rows, encoding, delimiter=",", unit_columns=None):
    """活动明细 as CSV; `unit_columns` = (code, period) adds 单位代码/报送月份 columns."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(ACTIVITY_HEADERS + (["单位代码", "报送月份"] if unit_columns else []))
    for row in rows:
        row = ["" if v is None else v for v in row]
        w.writerow(row + (list(unit_columns) if unit_columns else []))
    text = buf.getvalue()
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(encoding)


def csv_rows(sub, style):
    return [activity_row(i, a, style) for i, a in enumerate(sub.acts, 1)]


# ---------------------------------------------------------------------------------------------
# Laying out the inbox

def file_name(sub, suffix="", ext="xlsx"):
    return f"{sub.unit.code}_{sub.unit.name}_{YEAR}-{sub.month:02d}{suffix}.{ext}"


def folder(month):
    return f"{YEAR}-{month:02d}"


class Inbox:
    def __init__(self, root):
        self.root = root
        self.files = []   # (relative path, note) for EXPECTED.md
        self.rejected = {}      # what EXPECTED.md says of the rejected file
        self.resubmission = {}  # … and of the resubmission

    def put(self, rel, data, note=""):
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files.append((rel, note))


def write_inbox(subs, inbox, units):
    zip_members = []

    # CSV submissions (活动明细 only; these unit-months have no workload).
    csv_plan = {
        ("XH02", 4): lambda s: (f"{folder(4)}/学会/区科普作家协会4月活动明细.csv",
                                write_csv(csv_rows(s, STYLES["XH02"]), "gb18030", unit_columns=("XH02", "2025-04")),
                                "CSV，GB18030（GBK）编码，单位代码/报送月份在列中"),
        ("XX02", 3): lambda s: (f"{folder(3)}/XX02_2025-03.csv",
                                write_csv(csv_rows(s, STYLES["XX02"]), "utf-8-sig"),
                                "CSV，UTF-8 带 BOM，单位与月份取自文件名"),
        ("JD12", 3): lambda s: (f"{folder(3)}/JD12_2025-03.csv",
                                write_csv(csv_rows(s, STYLES["JD12"]), "utf-16", delimiter="\t"),
                                "Excel“Unicode 文本”：UTF-16 带 BOM、制表符分隔，单位与月份取自文件名"),
    }
    zip_plan = {("XH01", 10), ("XX01", 10), ("XX02", 10)}

    for key in sorted(subs, key=lambda k: (k[1], k[0])):
        sub = subs[key]
        style = STYLES[sub.unit.code]
        if key in csv_plan:
            assert not sub.work and not sub.is_zero_report, key
            rel, data, note = csv_plan[key](sub)
            inbox.put(rel, data, note)
            continue
        if key in zip_plan:
            zip_members.append(sub)
            continue
        if key == RESUBMITTED:
            write_resubmission(sub, style, inbox)
            continue
        data = write_template_xlsx(sub, style) if style.program == "template" else write_other_xlsx(sub, style)
        rel = f"{folder(sub.month)}/{file_name(sub)}"
        if sub.unit.code == "JD08":
            rel = f"{folder(sub.month)}/微信文件/{sub.unit.name}{sub.month}月报送表.xlsx"
        inbox.put(rel, data, describe(sub, style))

    write_rejected(inbox, next(u for u in units if u.code == REJECTED[0]))

    members = []
    for sub in zip_members:
        style = STYLES[sub.unit.code]
        if sub.unit.code == "XX02":
            assert not sub.work and not sub.is_zero_report
            members.append((f"10月报送/{sub.unit.code}_{YEAR}-10_{sub.unit.name}.csv",
                            write_csv(csv_rows(sub, style), "utf-8")))
        else:
            data = write_template_xlsx(sub, style) if style.program == "template" else write_other_xlsx(sub, style)
            members.append((f"10月报送/{file_name(sub)}", data))
    # Zipped in Windows Explorer on a Chinese system.
    bundle = zip_bytes(members, (2025, 11, 4, 16, 20, 0), level=9, gbk_names=True, from_windows=True)
    inbox.put(f"{folder(10)}/学会学校10月报送.zip", bundle,
              "ZIP，成员名 GBK 编码（无 UTF-8 标志）：" + "、".join(n for n, _ in members))


# What each habit of a Style looks like in a file, for EXPECTED.md.
HABITS = [
    ("date1904", {True: "1904 日期系统"}),
    ("date_as", {"cjk": "日期为文本 2025年3月5日", "slash": "日期为文本 2025/3/5", "iso": "日期为文本 2025-03-05"}),
    ("period_as", {"cjk": "报送月份 2025年3月", "slash": "报送月份 2025/3", "date": "报送月份为日期"}),
    ("title_rows", {True: "表头上方有标题行"}),
    ("colon_labels", {True: "标签带冒号"}),
    ("extra_column", {True: "多出“备注2”列"}),
    ("padded", {True: "多余空格与同义词（线下活动）"}),
    ("sheet_spaces", {True: "工作表名带空格"}),
    ("fullwidth_labels", {True: "工作量标签用全角括号"}),
    ("merged_info", {True: "基本信息有合并单元格"}),
]


def describe(sub, style):
    parts = ["模板（XlsxWriter）" if style.program == "template" else "其他软件（openpyxl）"]
    parts += [names[getattr(style, attr)] for attr, names in HABITS if getattr(style, attr) in names]
    if sub.month in style.renamed:
        parts.append(f"活动明细工作表改名为“{style.renamed[sub.month]}”")
    if sub.is_zero_report:
        parts.append("零报告（本月无活动）")
    typed = [a.coverage_text for a in sub.acts if a.coverage_text]
    if typed:
        parts.append("覆盖人数写作 " + "、".join(typed))
    typed = [a.date_text for a in sub.acts if a.date_text]
    if typed:
        parts.append("活动日期写作 " + "、".join(typed))
    return "；".join(parts)


def write_resubmission(sub, style, inbox):
    """The first file has a duplicated row and a mistyped 覆盖人数; the 更正 file corrects both."""
    right = [activity_row(i, a, style) for i, a in enumerate(sub.acts, 1)]
    wrong = [list(r) for r in right]
    food = next(i for i, a in enumerate(sub.acts) if a.theme == "食品安全")
    wrong[food][6] = sub.acts[food].coverage * 10
    dup = next(i for i, a in enumerate(sub.acts) if a.theme == "应急防灾")
    wrong.append([len(wrong) + 1] + wrong[dup][1:])
    first = write_template_xlsx(sub, style, rows_override=wrong)
    inbox.put(f"{folder(sub.month)}/{file_name(sub)}", first,
              "被更正文件替代：多一行重复的应急防灾活动、食品安全活动覆盖人数多打一个 0")
    sub.fill_offset = 9
    corrected = write_template_xlsx(sub, style)
    inbox.put(f"{folder(sub.month)}/{file_name(sub, '_更正')}", corrected, "更正后的重报文件（以此为准）")
    inbox.resubmission.update(first_rows=len(wrong), rows=len(right),
                              wrong_coverage=wrong[food][6], right_coverage=sub.acts[food].coverage,
                              food_cell=f"G{food + 2}", extra_rows=len(wrong) - len(right),
                              extra_coverage=sum(r[6] for r in wrong) - sum(r[6] for r in right))


def write_rejected(inbox, unit):
    """径河街道's June file: the sixth activity's date typed as 2025-13-05 (meant 6-13)."""
    m = REJECTED[1]
    acts = [
        Act(unit.code, m, 5, "“安全生产月”应急科普进社区（径河社区）", "线下", "科普活动", "应急防灾", 160, "径河社区", "区应急管理局"),
        Act(unit.code, m, 8, "端午节食品安全科普宣传", "线下", "科普活动", "食品安全", 120, "三店社区"),
        Act(unit.code, m, 10, "防溺水安全科普进校园", "线下", "科普活动", "青少年科技教育", 300, "径河小学"),
        Act(unit.code, m, 12, "科普大篷车进社区", "线下", "科普活动", "其他", 210, "临空港社区"),
        Act(unit.code, m, 12, "老年人智能手机防诈骗课堂", "线下", "科普活动", "网络安全", 45, "径河社区"),
        Act(unit.code, m, 13, "夏季用电安全科普", "线下", "科普活动", "应急防灾", 80, "三店社区", date_text="2025-13-05"),
    ]
    sub = Submission(unit, m, acts, [])
    data = write_template_xlsx(sub, STYLES[unit.code])
    rel = f"{folder(m)}/{file_name(sub)}"
    inbox.put(rel, data, "退回：活动明细!C7 活动日期 2025-13-05 不是有效日期")
    inbox.rejected.update(file=rel, cell="活动明细!C7", value="2025-13-05", rows=len(acts),
                          coverage=sum(a.coverage for a in acts))


# ---------------------------------------------------------------------------------------------
# Expected figures


def figures(acts, work, units):
    return tally(({"unit": a.unit, "month": a.month, "form": a.form, "category": a.category, "theme": a.theme,
                   "coverage": a.coverage} for a in acts),
                 ((w.item, w.quantity) for w in work), {u.code: u.street for u in units})


# 指标值 of the count indicators, to name those the scoring stage flags as set too low (≥ 3×).
TARGETS = [("食品安全主题科普活动场次", "食品安全主题活动场次", 15), ("其中线下活动场次", "其中线下", 5),
           ("科创服务活动场次", "科创服务活动场次(学术交流+科创服务)", 3), ("科普惠民活动场次", "科普活动场次", 130),
           ("申报上级科普项目数", "工作量:申报科普项目", 5), ("科创科普活动场次", "科创科普活动场次", 7),
           ("科学家精神宣讲和科技工作者培训场次", "科学家精神宣讲和培训场次", 3),
           ("指导成立企业科协数", "工作量:新成立企业科协", 3), ("科普活动覆盖人次", "覆盖人数合计", 100000),
           ("新吸纳科技工作者人数", "工作量:吸纳科技工作者", 50),
           ("获批专家工作站或引进专家人才（工作站）", "工作量:获批专家工作站", 1),
           ("获批专家工作站或引进专家人才（专家人才）", "工作量:引进专家人才", 2)]


def write_expected(path, f, units, inbox):
    miss = sorted(MISSING + [REJECTED], key=lambda k: -k[1])
    name = {u.code: u for u in units}
    lines = [
        "# 2025 东西湖区 example — expected results",
        "",
        "Generated by `scripts/make_example.py` (do not edit by hand); cross-checked from the files",
        "themselves by `python3 scripts/check_example.py`. The figures count only accepted, not",
        "superseded submissions: the rejected file and the superseded file hold rows that would",
        "change them if they were counted.",
        "",
        "## Figures",
        "",
        "| figure | value |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in f.items()]
    lines += [
        "",
        "## 指标表 (the seed's 2025 evaluation)",
        "",
        "| 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |",
        "|---|---|---|---|---|",
        "| 预算执行率 | =100% | 87.2% (323.21 / 370.64) | 20 | 17.4 |",
        f"| 科创服务活动场次 | ≥3场 | {f['科创服务活动场次(学术交流+科创服务)']}场 | 5 | 5 |",
        f"| 食品安全主题科普活动场次 | ≥15场 | {f['食品安全主题活动场次']}场 | 3 | 3 |",
        f"| 其中线下活动场次 | ≥5场 | {f['其中线下']}场 | 2 | 2 |",
        f"| 获批专家工作站或引进专家人才 | ≥1家 或 ≥2名 | {f['工作量:获批专家工作站']}家、{f['工作量:引进专家人才']}名 | 5 | 5 |",
        f"| 科普惠民活动场次 | ≥130场 | {f['科普活动场次']}场 | 5 | 5 |",
        f"| 申报上级科普项目数 | ≥5个 | {f['工作量:申报科普项目']}个 | 5 | 5 |",
        f"| 科创科普活动场次 | ≥7场 | {f['科创科普活动场次']}场 | 5 | 5 |",
        f"| 科学家精神宣讲和科技工作者培训场次 | ≥3场 | {f['科学家精神宣讲和培训场次']}场 | 5 | 5 |",
        f"| 指导成立企业科协数 | ≥3家 | {f['工作量:新成立企业科协']}家 | 5 | 5 |",
        f"| 科普活动覆盖人次 | ≥10万人次 | {f['覆盖人数合计']}人次 | 10 | 10 |",
        f"| 街道科普活动覆盖率 | =100% | {f['覆盖街道数']}/12 = 100.0% | 10 | 10 |",
        f"| 新吸纳科技工作者人数 | ≥50人 | {f['工作量:吸纳科技工作者']}人 | 10 | 10 |",
        "| 服务对象满意度 | ≥90% | 95.8% (498 / 520) | 10 | 10 |",
        "",
        "Groups: 成本指标 17.4 / 20, 产出指标 40 / 40, 效益指标 30 / 30, 满意度指标 10 / 10.",
        "Total **97.4**, 评价结果类型 **A**, 级别 **优**.",
        "",
        "District inputs (QU00, 2025-12, sheet 预算与满意度): 年初预算数 381.71, 追加数 34.00,",
        "调减数 45.07 (全年预算数 370.64), 全年执行数 323.21, 有效问卷 520, 满意及以上 498.",
        "",
        "偏差原因 (QU00, 2025-12, sheet 偏差原因, one row per 三级指标): "
        + "; ".join(f"{name} “{reason}”" for name, reason in DEVIATION_REASONS.items())
        + ". indicators.yaml gives no reason, so 指标表 prints these; every other row is left blank.",
        "",
        "Indicators whose actual is ≥ 3× the target (the scoring stage warns 目标值设置可能偏低, as",
        "the seed's own figures do): "
        + ", ".join(f"{label} {f[key]} vs {target}" for label, key, target in TARGETS if f[key] >= 3 * target) + ".",
        "",
        "## The rejected file",
        "",
        f"- `inbox/{inbox.rejected['file']}` — rejected, one error at **{inbox.rejected['cell']}**:",
        f"  活动日期 `{inbox.rejected['value']}` is not a valid date (month 13). Its {inbox.rejected['rows']} rows",
        f"  ({inbox.rejected['rows']} 科普活动, {inbox.rejected['coverage']} 人次) are not counted; the unit-month stays",
        "  in 催报清单 as rejected (退回修改). Counting it would give 科普活动场次 "
        f"{f['科普活动场次'] + inbox.rejected['rows']} and 覆盖人数合计 {f['覆盖人数合计'] + inbox.rejected['coverage']}.",
        "",
        "## The resubmission",
        "",
        f"- `inbox/{folder(RESUBMITTED[1])}/{RESUBMITTED[0]}_{name[RESUBMITTED[0]].name}_2025-05.xlsx` — accepted, then",
        "  superseded: it has a duplicated 应急防灾 row (a duplicate-row warning) and 覆盖人数",
        f"  {inbox.resubmission['wrong_coverage']} at 活动明细!{inbox.resubmission['food_cell']} "
        f"({inbox.resubmission['first_rows']} rows).",
        f"- `inbox/{folder(RESUBMITTED[1])}/{RESUBMITTED[0]}_{name[RESUBMITTED[0]].name}_2025-05_更正.xlsx` — the same",
        f"  month re-sent with {inbox.resubmission['rows']} rows and 覆盖人数 {inbox.resubmission['right_coverage']}; it",
        "  sorts after the first file, is collected later and replaces it. Counting the first file",
        f"  instead would give 活动总数 {f['活动总数'] + inbox.resubmission['extra_rows']}, 科普活动场次 "
        f"{f['科普活动场次'] + inbox.resubmission['extra_rows']} and 覆盖人数合计 "
        f"{f['覆盖人数合计'] + inbox.resubmission['extra_coverage']}.",
        "",
        "## 催报清单 (year-end report, newest month first)",
        "",
        "| 报送月份 | 单位代码 | 单位名称 | 联系人 | 联系电话 | note |",
        "|---|---|---|---|---|---|",
    ]
    for code, m in miss:
        u = name[code]
        lines.append(f"| {YEAR}-{m:02d} | {code} | {u.name} | {u.contact} | {u.phone} | "
                     f"{'file rejected (退回修改)' if (code, m) == REJECTED else 'nothing received'} |")
    lines += [
        "",
        "## Files",
        "",
        f"{len(inbox.files)} files in `inbox/`; the ZIP holds 3 submissions, so {len(inbox.files) + 2} submissions:",
        f"{len(inbox.files)} counted, 1 rejected, 1 superseded (accepted, then replaced by its 更正 file).",
        "Months with no activity are submitted with an empty 活动明细 (header only) and are accepted.",
        "jixiao.yaml here sets the year 2025 and the 指标表 footer (填报人, 联系电话); indicators.yaml is",
        "the default set of `jixiao init` (SPEC §5).",
        "",
        "What the files exercise — all accepted (warnings at most) except the ones marked 退回 and",
        "被更正文件替代; each habit must normalise to the figures above:",
        "",
    ]
    groups = defaultdict(list)
    for rel, note in sorted(inbox.files):
        groups[note].append(rel)
    for note, rels in sorted(groups.items(), key=lambda g: g[1][0]):
        if note in ("模板（XlsxWriter）", "其他软件（openpyxl）"):
            continue
        lines.append(f"- {note}: " + ", ".join(f"`{r}`" for r in rels))
    plain = sum(len(groups[n]) for n in ("模板（XlsxWriter）", "其他软件（openpyxl）"))
    lines.append(f"- {plain} further files written plainly, from the template or another program.")
    lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    rng = random.Random(20250101)

    units = build_units(rng)
    year = plan_year(rng, units)
    settle_total_coverage(year, 206_358)
    subs = plan_submissions(units, year)

    out = args.out
    if (out / "inbox").exists():
        shutil.rmtree(out / "inbox")
    out.mkdir(parents=True, exist_ok=True)
    write_units_csv(units, out / "units.csv")
    write_config(units[0], out / "jixiao.yaml")
    inbox = Inbox(out / "inbox")
    write_inbox(subs, inbox, units)
    f = figures(year.acts, year.work, units)
    write_expected(out / "EXPECTED.md", f, units, inbox)
    total = sum(p.stat().st_size for p in (out / "inbox").rglob("*") if p.is_file())
    print(f"{len(inbox.files)} files, {total / 1e6:.2f} MB in {out / 'inbox'}")
    for k, v in f.items():
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main()
