/// 催报清单 as the office uses it: one phone call per unit, about every month it still owes
/// and why each is owed. Both the workbook and `jixiao status` show this value, so they
/// cannot tell different stories.
public struct CallList: Sendable, Hashable {
    /// Why a due month has no accepted submission.
    public enum Reason: Sendable, Hashable {
        /// Nothing came.
        case notSubmitted
        /// A file came and was sent back; `error` is its first error.
        case rejected(file: String, error: Diagnostic?)
        /// A file came that could not be read as a submission at all (`file.*` errors).
        case unreadable(file: String, error: Diagnostic?)

        /// The unit tried: the call is about fixing a file, not about a forgotten month.
        public var sentSomething: Bool {
            if case .notSubmitted = self { return false }
            return true
        }

        /// The file the unit sent, as received.
        public var fileName: String? {
            switch self {
            case .notSubmitted: return nil
            case .rejected(let file, _), .unreadable(let file, _): return file
            }
        }

        /// What was wrong, in the words of the check: `活动明细!C7 活动日期“2025-13-05”不是有效日期…`
        /// for a rejected file, the reader's explanation for one that could not be read.
        public var detail: String? {
            switch self {
            case .notSubmitted: return nil
            case .rejected(_, let error): return error?.inWords
            case .unreadable(_, let error):
                // Its message already begins with 文件无法读取, which the reason itself says.
                guard let message = error?.message else { return nil }
                let prefix = "文件无法读取："
                return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
            }
        }
    }

    /// One owed month.
    public struct Month: Sendable, Hashable {
        public var period: Period
        public var reason: Reason

        public init(period: Period, reason: Reason) {
            self.period = period
            self.reason = reason
        }
    }

    /// Months owed for the same reason, said together: `1–3月、5月 未报送`.
    public struct Group: Sendable, Hashable {
        public var periods: [Period]
        public var reason: Reason
    }

    /// One unit to call.
    public struct Entry: Sendable, Hashable {
        public var unit: ReportingUnit
        /// Oldest first.
        public var months: [Month]

        public init(unit: ReportingUnit, months: [Month]) {
            self.unit = unit
            self.months = months.sorted { $0.period < $1.period }
        }

        public var periods: [Period] { months.map(\.period) }

        /// The latest month owed, which decides where the unit stands in the list.
        public var newest: Month { months[months.count - 1] }

        /// Same-reason months together, in the order of their first month; every 未报送 month
        /// is one group, each rejected file its own.
        public var groups: [Group] {
            var out: [Group] = []
            for m in months {
                if let i = out.firstIndex(where: { $0.reason == m.reason }) {
                    out[i].periods.append(m.period)
                } else {
                    out.append(Group(periods: [m.period], reason: m.reason))
                }
            }
            return out
        }
    }

    /// One unit-month, for the by-month listing.
    public struct Row: Sendable, Hashable {
        public var unit: ReportingUnit
        public var period: Period
        public var reason: Reason
    }

    public var through: Period
    /// In calling order: the unit owing the newest month first; among units whose newest owed
    /// month is the same, those that sent a file for it first; then by 单位代码.
    public var entries: [Entry]

    public init(through: Period, entries: [Entry]) {
        self.through = through
        self.entries = entries.filter { !$0.months.isEmpty }.sorted(by: Self.callsBefore)
    }

    /// Every owed unit-month: newest month first, then as in `entries`.
    public var rows: [Row] {
        entries.flatMap { e in e.months.map { Row(unit: e.unit, period: $0.period, reason: $0.reason) } }
            .sorted { a, b in
                if a.period != b.period { return a.period > b.period }
                if a.reason.sentSomething != b.reason.sentSomething { return a.reason.sentSomething }
                return a.unit.code < b.unit.code
            }
    }

    /// Owed unit-months in all.
    public var monthCount: Int { entries.reduce(0) { $0 + $1.months.count } }

    static func callsBefore(_ a: Entry, _ b: Entry) -> Bool {
        let x = a.newest, y = b.newest
        if x.period != y.period { return x.period > y.period }
        if x.reason.sentSomething != y.reason.sentSomething { return x.reason.sentSomething }
        return a.unit.code < b.unit.code
    }
}

extension LedgerSnapshot {
    /// Due (unit, month) pairs with no accepted submission, per unit, each with its reason:
    /// the latest rejected file for that unit and month, else nothing received.
    /// One pass over the rejected files.
    public var callList: CallList {
        get throws {
            let codes = Set(units.map(\.code))
            var latest: [String: [Period: (rank: (Int64, Int), file: FileOutcome)]] = [:]
            var index = 0
            try files.forEach(only: [.rejected]) { file in
                defer { index += 1 }
                guard let (code, period) = owner(of: file, codes: codes) else { return }
                // `files` is newest run first, in received order within a run.
                let rank = (file.runID, index)
                if let known = latest[code]?[period], known.rank > rank { return }
                latest[code, default: [:]][period] = (rank, file)
            }
            return callList(latest)
        }
    }

    private func callList(_ latest: [String: [Period: (rank: (Int64, Int), file: FileOutcome)]]) -> CallList {
        let months = Period.months(of: info.year, through: through)
        let entries = units.map { unit in
            let accepted = acceptedPeriods[unit.code] ?? []
            let owed = months.filter { isDue(unit, $0) && !accepted.contains($0) }.map { period in
                CallList.Month(period: period, reason: latest[unit.code]?[period].map { CallList.reason(for: $0.file) } ?? .notSubmitted)
            }
            return CallList.Entry(unit: unit, months: owed)
        }
        return CallList(through: through, entries: entries)
    }

    /// The registry unit and month a rejected file was meant for. A file that could not be read
    /// names neither in the ledger; its name still may (`JD05_径河街道科协_2025-06.xlsx`), and it
    /// only ever explains a month that is owed anyway.
    private func owner(of file: FileOutcome, codes: Set<String>) -> (String, Period)? {
        let code = file.unitCode.flatMap { codes.contains($0) ? $0 : nil }
        if let code, let period = file.period { return (code, period) }
        guard let named = CallList.unitMonth(named: file.fileName, year: info.year, codes: codes) else { return nil }
        if let code, code != named.code { return nil }
        if let period = file.period, period != named.period { return nil }
        return (named.code, named.period)
    }
}

extension CallList {
    static func reason(for file: FileOutcome) -> Reason {
        let error = file.diagnostics.first { $0.severity == .error }
        if let error, error.code.hasPrefix("file.") { return .unreadable(file: file.fileName, error: error) }
        return .rejected(file: file.fileName, error: error)
    }

    /// Unit and month from a file's name as the template writes it (`JD01_吴家山街道科协_2025-03.xlsx`)
    /// or as a CSV may be named (`JD01_2025-03.csv`), looking at a ZIP member's own name before
    /// the folders and the bundle around it. Nil unless exactly one registry code and one month
    /// of `year` are found in the same part.
    static func unitMonth(named path: String, year: Int, codes: Set<String>) -> (code: String, period: Period)? {
        for part in path.split(separator: "/").reversed() {
            let name = folded(String(part))
            guard let end = name.firstIndex(where: { $0 == "_" || $0 == " " }) else { continue }
            let code = String(name[..<end]).uppercased()
            guard codes.contains(code) else { continue }
            let found = Set(months(in: name[end...], year: year))
            if found.count == 1, let period = found.first { return (code, period) }
        }
        return nil
    }

    /// Months of `year` written as `2025-03`, `2025.3`, `202503` or `2025年3月`.
    static func months(in text: Substring, year: Int) -> [Period] {
        let chars = Array(text)
        let y = Array(String(year))
        var out: [Period] = []
        var i = 0
        while i + y.count <= chars.count {
            guard Array(chars[i..<(i + y.count)]) == y, i == 0 || !chars[i - 1].isASCIIDigit else {
                i += 1
                continue
            }
            var j = i + y.count
            if j < chars.count, "-./年".contains(chars[j]) { j += 1 }
            var digits = ""
            while j < chars.count, chars[j].isASCIIDigit, digits.count < 2 {
                digits.append(chars[j])
                j += 1
            }
            if let m = Int(digits), let p = Period(year: year, month: m) { out.append(p) }
            i = j
        }
        return out
    }

    /// Full-width ASCII to ASCII, as people type codes on a Chinese keyboard (`ＪＤ０１`).
    static func folded(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            (0xFF01...0xFF5E).contains(u.value) ? Unicode.Scalar(u.value - 0xFEE0)! : (u.value == 0x3000 ? " " : u)
        }))
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Diagnostic {
    /// Where and what: `活动明细!C7 活动日期“2025-13-05”不是有效日期…`, with the value seen when
    /// the message does not already quote it.
    public var inWords: String {
        let at = location.isEmpty ? "" : "\(location) "
        let seen = value.map { message.contains($0) ? "" : "（填写的是“\($0)”）" } ?? ""
        return at + message + seen
    }
}
