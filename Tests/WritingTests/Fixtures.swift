import Foundation
import JixiaoModel

/// Inputs at the seed report's figures (2025, 97.4, 优), built by hand so these tests do
/// not depend on the scoring engine.
enum Fixtures {
    static func d(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    static let info = DepartmentInfo(department: "武汉市东西湖区科学技术协会", year: 2025, preparer: "李明", phone: "027-83200000")
    static let december = Period(year: 2025, month: 12)!

    /// (一级, 二级, 三级, 指标值, 实际, 分值, 得分, 完成率, 偏差原因)
    static let rows: [(String, String, String, String, String, String, String, String?, String)] = [
        ("成本指标", "经济成本指标", "预算执行率", "=100%", "87.2%", "20", "17.4", "0.872", "年中调减项目预算，部分项目按进度结转。"),
        ("产出指标", "数量指标", "科创服务活动场次", "≥3场", "7场", "5", "5", "1", ""),
        ("产出指标", "数量指标", "食品安全主题科普活动场次", "≥15场", "52场", "3", "3", "1", ""),
        ("产出指标", "数量指标", "其中线下活动场次", "≥5场", "31场", "2", "2", "1", ""),
        ("产出指标", "数量指标", "获批专家工作站或引进专家人才", "≥1家 或 ≥2名", "3家、19名", "5", "5", "1", ""),
        ("产出指标", "数量指标", "科普惠民活动场次", "≥130场", "153场", "5", "5", "1", ""),
        ("产出指标", "数量指标", "申报上级科普项目数", "≥5个", "9个", "5", "5", "1", ""),
        ("产出指标", "数量指标", "科创科普活动场次", "≥7场", "10场", "5", "5", "1", ""),
        ("产出指标", "数量指标", "科学家精神宣讲和科技工作者培训场次", "≥3场", "13场", "5", "5", "1", ""),
        ("产出指标", "数量指标", "指导成立企业科协数", "≥3家", "3家", "5", "5", "1", ""),
        ("效益指标", "社会效益指标", "科普活动覆盖人次", "≥10万人次", "20.3万人次", "10", "10", "1", ""),
        ("效益指标", "社会效益指标", "街道科普活动覆盖率", "=100%", "100.0%", "10", "10", "1", ""),
        ("效益指标", "可持续影响指标", "新吸纳科技工作者人数", "≥50人", "93人", "10", "10", "1", ""),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "96.5%", "10", "10", nil, ""),
    ]

    static func evaluation(period: Period = december, indicators: [IndicatorResult]? = nil,
                           budget: BudgetBlock?? = nil) -> Evaluation {
        let items = indicators ?? rows.map { r in
            IndicatorResult(level1: r.0, level2: r.1, name: r.2, targetText: r.3, actualText: r.4,
                            weight: d(r.5), score: d(r.6), completion: r.7.map(d),
                            progress: r.7 == nil ? .notMeasured : (r.7 == "1" ? .met : .behind),
                            deviationReason: r.8)
        }
        let groups = ["成本指标", "产出指标", "效益指标", "满意度指标"].map { name in
            IndicatorGroup(name: name,
                           points: items.filter { $0.level1 == name }.reduce(Decimal(0)) { $0 + $1.weight },
                           score: items.filter { $0.level1 == name }.reduce(Decimal(0)) { $0 + $1.score })
        }
        let block = BudgetBlock(initialBudget: d("381.71"), fullYearBudget: d("370.64"), executed: d("323.21"),
                                executionRate: d("323.21") / d("370.64"), weight: 20, score: d("17.4"),
                                note: "追加34.00万元、调减45.07万元")
        return Evaluation(
            info: info, period: period, scheduleProgress: Decimal(period.month) / 12,
            budget: budget ?? block,
            overallGoal: "持续推进“科创湖北”试点区建设；打造食品安全科普品牌，线上线下开展主题科普活动不少于15场；举办科普惠民活动不少于130场；指导成立企业科协3家。",
            actualCompletion: "全年开展各类科普活动超150场，覆盖20万余人次，实现全区12个街道全覆盖；3家企业获批武汉市专家工作站，引进专家人才19人；指导成立企业科协3家，吸纳科技工作者93人。",
            indicators: items, groups: groups,
            total: items.reduce(Decimal(0)) { $0 + $1.score },
            grade: Grade(letter: "A", label: "优"), notes: [])
    }

    static let streetNames = ["吴家山街道", "将军路街道", "慈惠街道", "走马岭街道", "径河街道", "长青街道", "金银湖街道",
                              "常青花园新区街道", "辛安渡办事处", "东山办事处", "新沟镇街道", "柏泉办事处"]

    static let jan = Period(year: 2025, month: 1)!
    static let district = ReportingUnit(code: "QU00", name: "武汉市东西湖区科学技术协会", kind: .district,
                                        street: "吴家山街道", contact: "王芳", phone: "027-83200001", firstPeriod: jan)

    static var units: [ReportingUnit] {
        [district] + streetNames.enumerated().map { i, street in
            ReportingUnit(code: String(format: "JD%02d", i + 1), name: "\(street)科协", kind: .street, street: street,
                          contact: "联系人\(i + 1)", phone: "1380000\(String(format: "%04d", i))", firstPeriod: jan)
        }
    }

    static func record(_ unit: String, _ period: Period, row: Int, name: String = "食品安全进社区科普讲座",
                       coverage: Int = 120) -> ActivityRecord {
        ActivityRecord(unitCode: unit, period: period, sequence: row - 1, name: name,
                       date: CalendarDate(year: period.year, month: period.month, day: 5)!,
                       form: .offline, category: .popularScience, theme: .foodSafety, coverage: coverage,
                       place: "社区活动中心", partner: "", note: "",
                       source: SourceRef(file: "\(unit)_\(period).xlsx", sheet: "活动明细", row: row))
    }

    /// Three months: JD01 reports every month, JD02 misses February, the rest report nothing.
    static func rollup(extraRecords: Int = 0, adjust: (inout [ActivityRecord]) -> Void = { _ in }) -> Rollup {
        let periods = Period.months(of: 2025, through: Period(year: 2025, month: 3))
        var records: [ActivityRecord] = []
        for p in periods {
            records.append(record("JD01", p, row: 2))
            records.append(record("JD01", p, row: 3, coverage: 80))
            if p.month != 2 { records.append(record("JD02", p, row: 2, coverage: 50)) }
        }
        for i in 0..<extraRecords { records.append(record("JD03", periods[2], row: 2 + i, coverage: i % 300)) }
        adjust(&records)
        let unitRows = units.map { u -> Rollup.UnitRow in
            var months: [Period: Rollup.UnitMonth] = [:]
            for p in periods {
                let mine = records.filter { $0.unitCode == u.code && $0.period == p }
                if !mine.isEmpty {
                    months[p] = Rollup.UnitMonth(activities: mine.count, coverage: mine.reduce(0) { $0 + $1.coverage })
                }
            }
            return Rollup.UnitRow(unit: u, months: months, due: periods)
        }
        let streets = streetNames.map { s -> Rollup.StreetRow in
            let codes = Set(units.filter { $0.street == s }.map(\.code))
            let mine = records.filter { codes.contains($0.unitCode) }
            return Rollup.StreetRow(street: s, units: codes.count, activities: mine.count,
                                    coverage: mine.reduce(0) { $0 + $1.coverage })
        }
        let months = periods.map { p -> Rollup.MonthRow in
            let mine = records.filter { $0.period == p }
            return Rollup.MonthRow(period: p, activities: mine.count, coverage: mine.reduce(0) { $0 + $1.coverage })
        }
        return Rollup(periods: periods, units: unitRows, streets: streets, months: months, records: records)
    }
}
