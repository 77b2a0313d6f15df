import JixiaoYAML
import TestSupport
import Testing
import Yams

@Suite struct YAMLGuardTests {
    @Test(arguments: [false, true])
    func aliasBombIsRefusedAtItsFirstAnchor(asKey: Bool) {
        #expect(YAMLGuard.check(TestSupport.aliasBomb(asKey: asKey)) == YAMLRefusal(kind: .anchorOrAlias, line: 1, column: 4))
    }

    /// `&`, `*` and `?` that libyaml reads as text: inside quotes, plain scalars, comments,
    /// block scalars and tags.
    @Test(arguments: [
        "department: \"*不是别名*\"",
        "department: '&不是锚点 ''*'' ? x'",
        "# *注释* &注释\nyear: 2025 # &a *b ? c",
        "note: 3*4",
        "note: 3 * 4 & 5 ? 6",
        "note: a&b",
        "- x *y\n- 不是?键",
        "note: |\n  &a *b\n  ? c\n  - *d\nnext: 1",
        "note: >-\n    &a\n\n    *b\n  # 仍是注释\nnext: 1",
        "list:\n  - |\n    &a\n  - ok",
        "note: \"多行\n  &a *b \\\" *c\"\nnext: 1",
        "note: 'it''s\n  *a'",
        "note: 第一行\n  &续行 *b",
        "?not-a-key: v",
        "flow: [a, \"*b\", 'c&', d*e]",
        "flow: {k: \"&v\"}",
        "tag: !foo&bar x",
        "%YAML 1.1\n--- # &notes\n",
        "计算: 计数() * 2",
        "url: http://a.b/?q=1&r=*",
    ])
    func textThatOnlyLooksLikeAnIndicatorPasses(text: String) {
        #expect(YAMLGuard.check(text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("year: &y 2025", YAMLRefusal.Kind.anchorOrAlias, 1, 7),
        ("a: 1\nb: *a", .anchorOrAlias, 2, 4),
        ("base: &base {x: 1}\nitem:\n  <<: *base", .anchorOrAlias, 1, 7),
        ("- &a x", .anchorOrAlias, 1, 3),
        ("flow: [x, *a]", .anchorOrAlias, 1, 11),
        ("note: |\n  text\n&a x: 1", .anchorOrAlias, 3, 1),
        ("note: \"closed\" &a", .anchorOrAlias, 1, 16),
        ("? a\n: b", .complexKey, 1, 1),
        ("outer:\n  ? [a, b]\n  : c", .complexKey, 2, 3),
        ("[a, b]: c", .complexKey, 1, 1),
        ("x: {{a: b}: c}", .complexKey, 1, 5),
        ("x: [? a]", .complexKey, 1, 5),
        ("x: 'a''\n  b'\ny: *z", .anchorOrAlias, 3, 4),
        ("x: a\u{2028}y: &z 1", .anchorOrAlias, 2, 4),
        ("x: a\r\ny: &z 1", .anchorOrAlias, 2, 4),
    ])
    func anchorsAliasesAndComplexKeysAreRefused(text: String, kind: YAMLRefusal.Kind, line: Int, column: Int) {
        #expect(YAMLGuard.check(text) == YAMLRefusal(kind: kind, line: line, column: column), "\(text)")
    }

    /// What libyaml rejects ends the check there: Yams reports the error itself before it
    /// composes anything after it.
    @Test func aControlCharacterEndsTheCheck() {
        #expect(YAMLGuard.check("a: 1\u{1}\nb: &x [1]") == nil)
        #expect((try? Yams.compose(yaml: "a: 1\u{1}\nb: &x [1]")) == nil)
    }

    /// Random fragments, each small enough for Yams to compose: whenever the guard lets a text
    /// through and Yams composes it, the tree holds no anchor and no collection as a key; and
    /// an anchor or alias the guard reports is one Yams sees too.
    @Test func agreesWithYamsOnRandomText() {
        let fragments = ["a", "b", "中", ": ", ":", "- ", "-", "? ", "?", "&x ", "*x", "&", "*", "# c", " #", "\n",
                         "\n  ", "\n    ", " ", "\t", "'", "\"", "''", "\\\"", "\\", "[", "]", "{", "}", ", ", ",",
                         "|", ">", "|-\n  ", ">2\n", "!t ", "!!str ", "---\n", "...\n", "%YAML 1.1\n", "3*4", "x&y",
                         "\r\n", "\u{2028}", "\u{85}", "--- ", "k: ", "- k: ", "|\n", "|2\n", "\n  &x", "\n- ", "  - ",
                         "\n      ", ">+\n", "\n#", "!<a,b> ", "\n...", "\n---", "\"\n", "'\n"]
        var random = SplitMix(seed: 20250101)
        var composed = 0
        for _ in 0..<20_000 {
            let count = Int(random.next() % 16) + 1
            let text = (0..<count).map { _ in fragments[Int(random.next() % UInt64(fragments.count))] }.joined()
            let verdict = YAMLGuard.check(text)
            // Nodes hold their anchors weakly; the parser keeps them alive.
            guard let parser = try? Parser(yaml: text), let node = try? parser.singleRoot() else { continue }
            composed += 1
            withExtendedLifetime(parser) {
                if verdict == nil {
                    #expect(!Self.hasAnchorOrCollectionKey(node), "let through: \(text.debugDescription)")
                } else if verdict?.kind == .anchorOrAlias {
                    #expect(Self.hasAnchorOrCollectionKey(node), "refused text without an anchor: \(text.debugDescription)")
                }
            }
        }
        #expect(composed > 2_000)
    }

    static func hasAnchorOrCollectionKey(_ node: Node) -> Bool {
        if node.anchor != nil { return true }
        switch node {
        case .scalar, .alias: return false
        case .sequence(let seq): return seq.contains(where: hasAnchorOrCollectionKey)
        case .mapping(let map):
            return map.contains { key, value in
                key.scalar == nil || hasAnchorOrCollectionKey(key) || hasAnchorOrCollectionKey(value)
            }
        }
    }
}

/// A seeded generator, so a failure names a text that fails again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
