"""What scripts/make_example.py and scripts/check_example.py share: the example's year, its
streets and the year's tally. The template's vocabulary comes from workbook_kit."""

from collections import defaultdict

from workbook_kit import WORKLOAD_ITEMS

YEAR = 2025

# 东西湖区's streets, JD01…JD12 in this order.
STREETS = ["吴家山街道", "将军路街道", "慈惠街道", "走马岭街道", "径河街道", "长青街道", "金银湖街道",
           "常青花园新区街道", "辛安渡办事处", "东山办事处", "新沟镇街道", "柏泉办事处"]


def tally(acts, work, street_of):
    """The figures EXPECTED.md lists. `acts`: dicts with unit, month, form, category, theme,
    coverage; `work`: (item, quantity) pairs; `street_of`: unit code → 所属街道."""
    acts = list(acts)
    cats = defaultdict(int)
    for a in acts:
        cats[a["category"]] += 1
    food = [a for a in acts if a["theme"] == "食品安全"]
    work_sum = defaultdict(int)
    for item, quantity in work:
        work_sum[item] += quantity
    f = {
        "活动总数": len(acts),
        "科普活动场次": cats["科普活动"],
        "食品安全主题活动场次": len(food),
        "其中线下": sum(1 for a in food if a["form"] == "线下"),
        "科创服务活动场次(学术交流+科创服务)": cats["学术交流"] + cats["科创服务"],
        "学术交流": cats["学术交流"],
        "科创服务": cats["科创服务"],
        "科创科普活动场次": cats["科创科普"],
        "科学家精神宣讲和培训场次": cats["科学家精神宣讲"] + cats["培训"],
        "科学家精神宣讲": cats["科学家精神宣讲"],
        "培训": cats["培训"],
        "覆盖人数合计": sum(a["coverage"] for a in acts),
        "覆盖街道数": len({street_of[a["unit"]] for a in acts} & set(STREETS)),
    }
    for item, _ in WORKLOAD_ITEMS:
        f[f"工作量:{item}"] = work_sum[item]
    # 按街道 and the monthly trend of 汇总表: activities from units whose 所属街道 is the street.
    for street in STREETS:
        here = [a for a in acts if street_of[a["unit"]] == street]
        f[f"街道活动:{street}"] = len(here)
        f[f"街道覆盖人数:{street}"] = sum(a["coverage"] for a in here)
    for m in range(1, 13):
        f[f"月份活动:{YEAR}-{m:02d}"] = sum(1 for a in acts if a["month"] == m)
    return f
