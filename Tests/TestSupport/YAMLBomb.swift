extension TestSupport {
    /// Nine levels of YAML aliases, each repeating the level below nine times: 9⁹ leaves from
    /// under 400 bytes, starting on line `firstLine`, then used as a mapping key (`? *i : v`,
    /// which makes Yams hash every leaf: minutes) or as a value (`j: *i`).
    public static func aliasBomb(asKey: Bool, firstLine: Int = 1) -> String {
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        var lines = Array(repeating: "# 前言", count: firstLine - 1)
        lines.append("a: &a [x,x,x,x,x,x,x,x,x]")
        for (below, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(below)", count: 9).joined(separator: ",") + "]")
        }
        lines.append(asKey ? "? *i : v" : "j: *i")
        return lines.joined(separator: "\n") + "\n"
    }
}
