"""Random monthly submissions in the template's layout (月度报送表), for the collect
benchmarks. Writing uses XlsxWriter; random_content alone needs nothing."""
import datetime
import random

from workbook_kit import CATEGORIES, FORMS, THEMES, write_submission


def random_activities(rng, year, month, count):
    """`count` plausible 活动明细 rows dated inside the month."""
    rows = []
    for i in range(count):
        rows.append([i + 1, f"{rng.choice(THEMES)}科普讲座第{i + 1}场", datetime.date(year, month, rng.randint(1, 28)),
                     rng.choice(FORMS), rng.choice(CATEGORIES), rng.choice(THEMES), rng.randint(10, 500),
                     "社区活动中心", "", ""])
    return rows


def random_content(rng, unit, name, year, month, rows):
    """write_submission's arguments after the path: `rows` random activities and a random
    工作量, drawn from `rng` in this order."""
    activities = random_activities(rng, year, month, rows)
    return unit, name, f"{year}-{month:02d}", activities, {"吸纳科技工作者": rng.randint(0, 5),
                                                          "申报科普项目": rng.randint(0, 2)}


def random_submission(path, rng, unit, name, year, month, rows):
    write_submission(path, *random_content(rng, unit, name, year, month, rows))


if __name__ == "__main__":
    random_submission("/tmp/example-submission.xlsx", random.Random(1), "JD01", "吴家山街道科协", 2025, 3, 20)
    print("/tmp/example-submission.xlsx")
