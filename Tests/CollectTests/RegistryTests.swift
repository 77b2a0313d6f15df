import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoWorkspace
import TestSupport
import Testing

@Suite struct RegistryTests {
    static let streets = ["吴家山街道", "将军路街道", "慈惠街道", "走马岭街道", "径河街道", "长青街道", "金银湖街道",
                          "常青花园新区街道", "辛安渡办事处", "东山办事处", "新沟镇街道", "柏泉办事处"]

    func load(_ text: String) throws(JixiaoError) -> [ReportingUnit] {
        try Registry.load(Data(text.utf8))
    }

    @Test func defaultRegistryListsTheDistrictAndTwelveStreetsInOrder() throws {
        let units = try Registry.load(Data(DefaultFiles.units.utf8))
        #expect(units.first?.code == "QU00")
        #expect(units.first?.kind == .district)
        let streets = units.filter { $0.kind == .street }
        #expect(streets.map(\.code) == (1...12).map { String(format: "JD%02d", $0) })
        #expect(streets.map(\.street) == Self.streets)
        #expect(units.contains { $0.kind == .enterprise && $0.firstPeriod > Period(year: 2025, month: 1)! })
        #expect(units.filter { $0.kind == .society || $0.kind == .school }.count >= 3)
    }

    @Test func readsTheRegistrySavedAsGBKWithCRLF() throws {
        let gbk = try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("units-gbk.csv"))
        #expect(String(data: gbk, encoding: .utf8) == nil, "the fixture must really be GBK")
        let units = try Registry.load(gbk)
        #expect(units == (try Registry.load(Data(DefaultFiles.units.utf8))))
    }

    @Test func acceptsMonthsAsExcelRewritesThem() throws {
        let units = try load("""
            单位代码,单位名称,单位类型,所属街道,应报起始月,停报月
            jd01 , 甲 ,街道科协,吴家山街道,2025/3/1,2025年11月
            QY09,乙,企业科协,,2025.7,
            """)
        #expect(units[0].code == "JD01")
        #expect(units[0].name == "甲")
        #expect(units[0].firstPeriod == Period(year: 2025, month: 3))
        #expect(units[0].lastPeriod == Period(year: 2025, month: 11))
        #expect(units[1].firstPeriod == Period(year: 2025, month: 7))
        #expect(units[1].lastPeriod == nil)
        #expect(units[1].contact == "")
    }

    @Test func duplicateCodeNamesBothLines() {
        #expect(throws: JixiaoError.configuration(WorkspaceMessages.registryDuplicateCode("JD01", line: 3, firstLine: 2))) {
            try load("单位代码,单位名称,单位类型,所属街道,应报起始月\nJD01,甲,街道科协,甲街道,2025-01\nJD01,乙,街道科协,乙街道,2025-01\n")
        }
    }

    @Test func missingColumnIsNamed() {
        #expect(throws: JixiaoError.configuration(WorkspaceMessages.registryMissingColumns(["单位类型", "应报起始月"], line: 1))) {
            try load("单位代码,单位名称,所属街道\nJD01,甲,甲街道\n")
        }
    }

    @Test func badMonthNamesTheLine() {
        #expect(throws: JixiaoError.configuration(WorkspaceMessages.registryBadMonth(line: 2, column: "应报起始月", value: "一月"))) {
            try load("单位代码,单位名称,单位类型,所属街道,应报起始月\nJD01,甲,街道科协,甲街道,一月\n")
        }
    }

    @Test func unknownKindNamesTheLine() {
        #expect(throws: JixiaoError.configuration(WorkspaceMessages.registryBadKind("协会", line: 2))) {
            try load("单位代码,单位名称,单位类型,所属街道,应报起始月\nXX,甲,协会,甲街道,2025-01\n")
        }
    }

    @Test(arguments: [
        "单位代码,单位名称,单位类型,所属街道,应报起始月\n",
        "单位代码,单位名称,单位类型,所属街道,应报起始月\n,甲,学会,,2025-01\n",
        "单位代码,单位名称,单位类型,所属街道,应报起始月\nJD01,甲,街道科协,,2025-01\n",
        "单位代码,单位名称,单位类型,所属街道,应报起始月,停报月\nJD01,甲,学会,,2025-05,2025-02\n",
        "单位代码,单位名称,单位类型,所属街道,应报起始月\nJD 01,甲,学会,,2025-01\n",
        "单位代码,单位名称,单位类型,所属街道,应报起始月\nJD01,甲,学会,,2025-13\n",
    ])
    func rejectsInvalidRegistries(text: String) {
        #expect(throws: JixiaoError.self) { try load(text) }
    }

    @Test func registryLargerThanFourMegabytesIsRefusedUnread() throws {
        let big = Data(repeating: UInt8(ascii: "a"), count: Registry.maxBytes + 1)
        let refusal = JixiaoError.configuration(WorkspaceMessages.registryTooLarge(bytes: big.count))
        #expect(refusal.message == "单位名册 units.csv 有 4.0 MB，超过 4 MB 的上限，不像是单位名册；请检查是否选错了文件")
        #expect(throws: refusal) { try Registry.load(big) }
        let ws = try TestSupport.workspace()
        try big.write(to: ws.unitsURL)
        #expect(throws: refusal) { try Workspace.open(at: ws.root) }
    }

    @Test func moreThanTenThousandUnitsAreRefused() throws {
        var text = "单位代码,单位名称,单位类型,所属街道,应报起始月\n"
        for i in 1...Registry.maxUnits { text += "U\(i),单位\(i),学会,,2025-01\n" }
        #expect(try load(text).count == 10_000)
        text += "U10001,单位10001,学会,,2025-01\n"
        #expect(throws: JixiaoError.configuration(
            "单位名册 units.csv 从第 10002 行起超过了 10000 个单位的上限，不像是单位名册；请检查是否把别的表格存成了 units.csv")) {
            try load(text)
        }
    }

    /// Characters nobody sees in Excel but that make two equal-looking names differ or
    /// reorder what the printed lists show.
    @Test(arguments: [
        ("单位名称", "甲\t乙", "制表符（Tab）"),
        ("单位名称", "\"甲\n乙\"", "换行符"),
        ("单位名称", "甲\u{2028}乙", "换行符"),
        ("联系人", "张\u{85}三", "换行符"),
        ("单位名称", "甲\u{202E}乙", "文字方向控制符（U+202E）"),
        ("所属街道", "吴家山\u{2066}街道", "文字方向控制符（U+2066）"),
        ("单位代码", "JD\u{1}01", "控制字符（U+0001）"),
        ("联系人", "张\u{1B}三", "控制字符（U+001B）"),
        ("联系电话", "027\u{7F}8888", "控制字符（U+007F）"),
        ("联系电话", "027\u{9B}8888", "控制字符（U+009B）"),
        ("停报月", "2025-0\u{3}6", "控制字符（U+0003）"),
    ])
    func invisibleControlCharactersNameTheRowAndColumn(column: String, value: String, what: String) {
        var row = ["单位代码": "JD01", "单位名称": "甲", "单位类型": "街道科协", "所属街道": "吴家山街道",
                   "联系人": "张三", "联系电话": "027-8888", "应报起始月": "2025-01", "停报月": ""]
        row[column] = value
        let text = Registry.headers.joined(separator: ",") + "\n" + Registry.headers.map { row[$0] ?? "" }.joined(separator: ",") + "\n"
        #expect(throws: JixiaoError.configuration("单位名册 units.csv 第 2 行的“\(column)”中有看不见的\(what)，请在 Excel 中清空这一格后重新输入")) {
            try load(text)
        }
    }

    @Test func spacesAndTabsAroundAValueAreStillTrimmed() throws {
        let units = try load("单位代码,单位名称,单位类型,所属街道,应报起始月\n\tJD01 ,甲\t, 街道科协 ,吴家山街道\u{3000},2025-01\n")
        #expect(units.map(\.code) == ["JD01"])
        #expect(units[0].name == "甲")
        #expect(units[0].street == "吴家山街道")
    }

    @Test func blankLinesAreIgnored() throws {
        let units = try load("\n单位代码,单位名称,单位类型,所属街道,应报起始月\n\n,,,,\nXH01,学会甲,学会,,2025-01\n\n")
        #expect(units.map(\.code) == ["XH01"])
    }
}
