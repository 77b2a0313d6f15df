import JixiaoModel

/// What `jixiao status` prints, in one place.
enum StatusMessages {
    // MARK:Status

    // Unit and department names come from units.csv and jixiao.yaml, file names and values
    // from the files received: none of them may break a line or disguise it.

    static func statusHeader(_ info: DepartmentInfo, through: Period) -> String {
        DisplayText.escaped("\(info.department) \(info.year) 年度报送情况（截至 \(through.chineseDescription)）")
    }

    static func statusUnit(_ line: StatusReport.UnitLine) -> String {
        var parts: [String] = []
        parts.append("已接收 " + (line.accepted.isEmpty ? "无" : monthList(line.accepted)))
        if !line.rejected.isEmpty { parts.append("退回待改 " + monthList(line.rejected)) }
        if !line.missing.isEmpty { parts.append("未报 " + monthList(line.missing)) }
        return DisplayText.escaped("\(line.unit.code) \(line.unit.name)：" + parts.joined(separator: "；"))
    }

    static func statusTotals(units: Int, complete: Int, missing: Int) -> String {
        "共 \(units) 个单位，\(complete) 个已报齐，\(missing) 个月次未报或待改"
    }

    static func statusLastRun(_ runID: Int64, rejected: Int) -> String {
        rejected == 0 ? "第 \(runID) 次收集没有退回的文件" : "第 \(runID) 次收集退回的文件（\(rejected) 份）："
    }

    static func statusRejectedFile(_ outcome: FileOutcome) -> String {
        let who = [outcome.unitCode, outcome.period?.description].compactMap { $0 }.joined(separator: " ")
        return DisplayText.escaped("  \(outcome.fileName)" + (who.isEmpty ? "" : "（\(who)）"))
    }

    static func statusDiagnostic(_ d: Diagnostic) -> String {
        let at = d.location.isEmpty ? "" : "\(d.location) "
        // Most messages already quote the value; repeat it only when they don't.
        let seen = d.value.map { d.message.contains($0) ? "" : "（填写的是“\($0)”）" } ?? ""
        return DisplayText.escaped("    \(d.severity.label)：\(at)\(d.message)\(seen)")
    }

    static func statusMoreDiagnostics(_ n: Int) -> String { "    ……另有 \(n) 个问题，详见 校验报告" }

    static let statusNoRuns = "还没有收集过任何文件：把报送表放进 inbox/ 后运行 jixiao collect"

    /// `1–3月、5月` for January to March and May.

    static func monthList(_ periods: [Period]) -> String {
        let months = periods.sorted().map(\.month)
        var out: [String] = []
        var i = 0
        while i < months.count {
            var j = i
            while j + 1 < months.count, months[j + 1] == months[j] + 1 { j += 1 }
            out.append(i == j ? "\(months[i])月" : "\(months[i])–\(months[j])月")
            i = j + 1
        }
        return out.joined(separator: "、")
    }
}
