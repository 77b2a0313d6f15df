/// How close two spellings are: what a "did you mean" offers.
public enum Spelling {
    /// Levenshtein distance at most one, in time linear in the length: a cell may hold a very
    /// long text and the registry thousands of codes.
    public static func withinOneEdit(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        guard abs(a.count - b.count) <= 1, !a.isEmpty, !b.isEmpty else { return false }
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        if a.count == b.count { return i == a.count || a[(i + 1)...] == b[(i + 1)...] }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        return long[(i + 1)...] == short[i...]
    }

    /// The one candidate within one slip of `typed`, or nil when none or several are.
    public static func nearest(to typed: String, in candidates: [String]) -> String? {
        let t = Array(typed.unicodeScalars)
        let close = Set(candidates.filter { $0 != typed && withinOneEdit(t, Array($0.unicodeScalars)) })
        return close.count == 1 ? close.first : nil
    }
}
