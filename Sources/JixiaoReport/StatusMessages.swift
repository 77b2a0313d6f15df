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
        parts.append("已接收 " + (line.accepted.isEmpty ? "无" : Period.monthList(line.accepted)))
        if !line.zeroReports.isEmpty { parts.append("其中零报告 " + Period.monthList(line.zeroReports)) }
        parts += line.groups.map(owedMonths)
        return DisplayText.escaped("\(line.unit.code) \(line.unit.name)：" + parts.joined(separator: "；"))
    }

    /// `退回待改 6月（活动明细!C7 …）`: the error in brackets, as messages may hold a “；”.
    static func owedMonths(_ group: CallList.Group) -> String {
        let months = Period.monthList(group.periods)
        switch group.reason {
        case .notSubmitted:
            return "未报 \(months)"
        case .rejected:
            return "退回待改 \(months)" + (group.reason.detail.map { "（\($0)）" } ?? "")
        case .unreadable(let file, _):
            return "文件无法读取 \(months)（\(file)）"
        }
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
        DisplayText.escaped("    \(d.severity.label)：\(d.inWords)")
    }

    static func statusMoreDiagnostics(_ n: Int) -> String { "    ……另有 \(n) 个问题，详见 校验报告" }

    static let statusNoRuns = "还没有收集过任何文件：把报送表放进 inbox/ 后运行 jixiao collect"
}
