import Foundation

/// A half-open byte range into the part being scanned.
struct ByteSpan: Hashable {
    var start: Int
    var end: Int
    var count: Int { end - start }
}

/// One step of the pull scanner. Names are local names (prefix dropped), so `<x:c>`,
/// transitional and Strict OOXML all look the same to the readers.
enum XMLEvent {
    /// `attributes` is the raw span between the name and `>` (already checked for well-formedness).
    case start(name: ByteSpan, attributes: ByteSpan)
    case end(name: ByteSpan)
    /// Character data with entities still encoded.
    case text(ByteSpan)
    /// A CDATA section: literal text.
    case cdata(ByteSpan)
    /// The bytes so far end inside a token and more are coming (see `moreInput`): the caller
    /// waits for them, raises `count` and asks again. Never returned for a complete part.
    case needMore
    case eof
}

/// A streaming scanner for the XML that SpreadsheetML parts use, over bytes in memory.
///
/// It is not a general XML parser: no DTD is accepted (so no entity can expand), only the
/// five predefined entities and numeric references are decoded, and namespaces are ignored
/// in favour of local names. It does check what matters for a well-formed document: tags
/// nest and match, attributes are quoted, one root, nesting depth capped. Every byte
/// access is bounds-checked against `count`.
struct XMLScanner {
    let base: UnsafePointer<UInt8>
    /// Bytes available. While a part is still being inflated on another thread, this grows
    /// (the buffer never moves) and `moreInput` stays true until the last byte has arrived.
    var count: Int
    var moreInput = false
    let part: String
    let maxDepth: Int
    private(set) var position = 0
    /// Qualified-name spans of open elements, innermost last (storage owned by `withScanner`).
    private let open: UnsafeMutablePointer<ByteSpan>
    /// The first `attributeSlots` attributes of the last start tag, as (qualified name, value)
    /// spans, recorded while the tag is checked so readers need not parse it again.
    private let slots: UnsafeMutablePointer<ByteSpan>
    private(set) var attributeCount = 0
    static let attributeSlots = 4
    private let stops = XMLScanner.nameStops
    private(set) var depth = 0
    private var pendingEnd: ByteSpan?
    private var sawRoot = false

    /// The deepest nesting a scanner can be configured for; the stack is allocated up front.
    static let depthCeiling = 1 << 16

    /// `stack` holds `maxDepth + 2 * attributeSlots` spans.
    init(_ buffer: UnsafeRawBufferPointer, part: String, maxDepth: Int, stack: UnsafeMutablePointer<ByteSpan>) {
        // An empty buffer still needs a valid pointer; reading stops at `count` anyway.
        base = buffer.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? UnsafePointer(bitPattern: 1)!
        count = buffer.count
        self.part = part
        self.maxDepth = min(maxDepth, XMLScanner.depthCeiling)
        open = stack
        slots = stack + self.maxDepth
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { position = 3 }
    }

    func fail(_ detail: String, at offset: Int? = nil) -> ReadError {
        .malformedXML(part: part, offset: offset ?? position, detail: detail)
    }

    @inline(__always) func byte(_ i: Int) -> UInt8 { i < count ? base[i] : 0 }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// Index of the next `b` at or after `from`, or `count`.
    @inline(__always) func find(_ b: UInt8, from: Int) -> Int {
        guard from < count else { return count }
        guard let p = memchr(base + from, Int32(b), count - from) else { return count }
        return UnsafeRawPointer(p) - UnsafeRawPointer(base)
    }

    /// Index just after the next occurrence of `needle`, or nil.
    func findEnd(of needle: StaticString, from: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        let first = needle.utf8Start[0]
        var i = from
        while true {
            i = find(first, from: i)
            if i + n > count { return nil }
            if memcmp(base + i, needle.utf8Start, n) == 0 { return i + n }
            i += 1
        }
    }

    func localName(_ q: ByteSpan) -> ByteSpan {
        var i = q.end - 1
        while i >= q.start {
            if base[i] == UInt8(ascii: ":") { return ByteSpan(start: i + 1, end: q.end) }
            i -= 1
        }
        return q
    }

    @inline(__always) func equals(_ span: ByteSpan, _ literal: StaticString) -> Bool {
        let n = span.count
        guard n == literal.utf8CodeUnitCount else { return false }
        let lit = literal.utf8Start
        // Element names in sheets are one to three bytes: compare inline, no call.
        for k in 0..<n where base[span.start + k] != lit[k] { return false }
        return true
    }

    @inline(__always) func sameBytes(_ a: ByteSpan, _ b: ByteSpan) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        for k in 0..<n where base[a.start + k] != base[b.start + k] { return false }
        return true
    }

    func string(_ span: ByteSpan) -> String {
        String(decoding: UnsafeBufferPointer(start: base + span.start, count: max(0, span.count)), as: UTF8.self)
    }

    @inline(__always)
    mutating func next() throws(ReadError) -> XMLEvent {
        if let e = pendingEnd {
            pendingEnd = nil
            return .end(name: e)
        }
        while true {
            guard position < count else {
                if moreInput { return .needMore }
                if depth > 0 { throw fail(ReadMessages.xmlUnclosed(string(open[depth - 1]))) }
                if !sawRoot { throw fail(ReadMessages.xmlNoRoot) }
                return .eof
            }
            if base[position] != UInt8(ascii: "<") {
                let lt = find(UInt8(ascii: "<"), from: position)
                if lt == count && moreInput { return .needMore }
                let span = ByteSpan(start: position, end: lt)
                if depth == 0 {
                    for i in span.start..<span.end where !XMLScanner.isSpace(base[i]) {
                        throw fail(ReadMessages.xmlTextOutsideRoot, at: i)
                    }
                    position = lt
                    continue
                }
                position = lt
                return .text(span)
            }
            if !moreInput {
                if let event = try markup() { return event }
                continue
            }
            // A token cut off at the end of the bytes so far fails to parse; with more to come,
            // that is a wait, not an error: start the token again once they are here.
            let tokenStart = position
            do {
                if let event = try markup() { return event }
            } catch {
                position = tokenStart
                return .needMore
            }
        }
    }

    /// The token at `position`, which starts with `<`; nil after skipping a comment or a
    /// processing instruction.
    private mutating func markup() throws(ReadError) -> XMLEvent? {
        let c = byte(position + 1)
        if c == UInt8(ascii: "/") { return try endTag() }
        if c == UInt8(ascii: "?") {
            guard let e = findEnd(of: "?>", from: position + 2) else { throw fail(ReadMessages.xmlUnexpectedEnd) }
            position = e
            return nil
        }
        if c == UInt8(ascii: "!") { return try markupDeclaration() }
        return try startTag()
    }

    private mutating func markupDeclaration() throws(ReadError) -> XMLEvent? {
        let at = position
        if byte(at + 2) == UInt8(ascii: "-") && byte(at + 3) == UInt8(ascii: "-") {
            guard let e = findEnd(of: "-->", from: at + 4) else { throw fail(ReadMessages.xmlBadComment) }
            position = e
            return nil
        }
        if count - at >= 9, memcmp(base + at, "<![CDATA[", 9) == 0 {
            guard depth > 0 else { throw fail(ReadMessages.xmlTextOutsideRoot) }
            guard let e = findEnd(of: "]]>", from: at + 9) else { throw fail(ReadMessages.xmlUnexpectedEnd) }
            position = e
            return .cdata(ByteSpan(start: at + 9, end: e - 3))
        }
        if count - at >= 9, memcmp(base + at, "<!DOCTYPE", 9) == 0 { throw fail(ReadMessages.xmlDTD) }
        throw fail(ReadMessages.xmlBadTag)
    }

    /// Bytes that end a name, as a 256-entry table (one load per byte in the name loops).
    // Written once at initialisation, read-only afterwards.
    nonisolated(unsafe) static let nameStops: UnsafePointer<Bool> = {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        for b in 0..<256 {
            let u = UInt8(b)
            table[b] = isSpace(u) || u == UInt8(ascii: "/") || u == UInt8(ascii: ">") || u == UInt8(ascii: "=")
                || u == UInt8(ascii: "<") || u == UInt8(ascii: "\"") || u == UInt8(ascii: "'") || u == 0
        }
        return UnsafePointer(table)
    }()

    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool { !nameStops[Int(b)] }

    @inline(__always)
    private mutating func scanName(from: Int) throws(ReadError) -> ByteSpan {
        var i = from
        while i < count && !stops[Int(base[i])] { i += 1 }
        guard i > from else { throw fail(ReadMessages.xmlBadTag, at: from) }
        let first = base[from]
        // A name cannot start with a digit, '-' or '.'.
        if (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") {
            throw fail(ReadMessages.xmlBadTag, at: from)
        }
        return ByteSpan(start: from, end: i)
    }

    private mutating func startTag() throws(ReadError) -> XMLEvent {
        if depth == 0 && sawRoot { throw fail(ReadMessages.xmlSecondRoot) }
        let name = try scanName(from: position + 1)
        var i = name.end
        let attrStart = i
        attributeCount = 0
        // Attributes: (space+ name space* = space* quote value quote)*, then space* and `>` or `/>`.
        while true {
            var sawSpace = false
            while i < count && XMLScanner.isSpace(base[i]) { i += 1; sawSpace = true }
            guard i < count else { throw fail(ReadMessages.xmlUnexpectedEnd) }
            let b = base[i]
            if b == UInt8(ascii: ">") || b == UInt8(ascii: "/") { break }
            guard sawSpace else { throw fail(ReadMessages.xmlBadAttribute, at: i) }
            let an = try scanName(from: i)
            i = an.end
            while i < count && XMLScanner.isSpace(base[i]) { i += 1 }
            guard byte(i) == UInt8(ascii: "=") else { throw fail(ReadMessages.xmlBadAttribute, at: i) }
            i += 1
            while i < count && XMLScanner.isSpace(base[i]) { i += 1 }
            let q = byte(i)
            guard q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") else { throw fail(ReadMessages.xmlBadAttribute, at: i) }
            // Values are short: one inline pass finds the closing quote and refuses `<`.
            var close = i + 1
            while close < count {
                let v = base[close]
                if v == q { break }
                if v == UInt8(ascii: "<") { throw fail(ReadMessages.xmlBadAttribute, at: close) }
                close += 1
            }
            guard close < count else { throw fail(ReadMessages.xmlUnexpectedEnd) }
            if attributeCount < XMLScanner.attributeSlots {
                slots[2 * attributeCount] = an
                slots[2 * attributeCount + 1] = ByteSpan(start: i + 1, end: close)
            }
            attributeCount += 1
            i = close + 1
        }
        let attrs = ByteSpan(start: attrStart, end: i)
        let selfClosing = base[i] == UInt8(ascii: "/")
        if selfClosing {
            guard byte(i + 1) == UInt8(ascii: ">") else { throw fail(ReadMessages.xmlBadTag, at: i) }
            i += 1
        }
        position = i + 1
        sawRoot = true
        let local = localName(name)
        if selfClosing {
            pendingEnd = local
        } else {
            guard depth < maxDepth else {
                throw .limitExceeded(limit: ReadMessages.limitDepth, detail: ReadMessages.depthDetail(maxDepth))
            }
            open[depth] = name
            depth += 1
        }
        return .start(name: local, attributes: attrs)
    }

    private mutating func endTag() throws(ReadError) -> XMLEvent {
        let name = try scanName(from: position + 2)
        var i = name.end
        while i < count && XMLScanner.isSpace(base[i]) { i += 1 }
        guard byte(i) == UInt8(ascii: ">") else { throw fail(ReadMessages.xmlBadTag, at: i) }
        guard depth > 0, sameBytes(open[depth - 1], name) else {
            throw fail(ReadMessages.xmlMismatchedEnd(string(name)))
        }
        depth -= 1
        position = i + 1
        return .end(name: localName(name))
    }

    /// The common cell shape, taken in one step: right after `<c …>` was returned, if the
    /// part continues with exactly `<v>text</v></c>`, consumes it, closes `c` and returns the
    /// text span (entities still encoded) and whether it is literal (see `isLiteral`). Otherwise
    /// consumes nothing and returns nil, and the caller goes on event by event. The text holds
    /// no `<`, so it is well-formed as found.
    @inline(__always)
    mutating func takeSimpleCellValue() -> (ByteSpan, literal: Bool)? {
        guard pendingEnd == nil, depth > 0 else { return nil }
        let top = open[depth - 1]
        guard top.count == 1, base[top.start] == UInt8(ascii: "c") else { return nil }
        guard let (text, literal) = simpleValue(from: position) else { return nil }
        position = text.end + 8
        depth -= 1
        return (text, literal)
    }

    /// A `<c>` element read whole by `takeSimpleCell`: the raw spans of its `r`, `s` and `t`
    /// attributes (nil when absent) and of its `<v>` text (nil for `<c …/>`).
    struct SimpleCell {
        var ref: ByteSpan?
        var style: ByteSpan?
        var type: ByteSpan?
        var value: ByteSpan?
        /// The value holds no entity reference or carriage return (see `isLiteral`).
        var literal = true
    }

    /// The usual cell, `<c r="B2" s="1" t="s"><v>7</v></c>` or `<c r="B2" s="1"/>`, in one
    /// step instead of an event per tag: a million cells spent a third of their time going
    /// through `next` and the generic start tag. Accepts only what the event path would
    /// accept with the same result (the same well-formedness checks, in the same order),
    /// and returns nil having consumed nothing for anything else, so the caller goes on event
    /// by event and reports whatever is wrong exactly as before: a prefixed name, a repeated
    /// `r`/`s`/`t`, a formula, an inline string, the depth limit, bytes not yet inflated.
    @inline(__always)
    mutating func takeSimpleCell() -> SimpleCell? {
        var i = position
        guard pendingEnd == nil, depth > 0, i + 2 < count, base[i] == UInt8(ascii: "<"), base[i + 1] == UInt8(ascii: "c")
        else { return nil }
        i += 2
        let afterName = base[i]
        guard XMLScanner.isSpace(afterName) || afterName == UInt8(ascii: ">") || afterName == UInt8(ascii: "/") else { return nil }
        var cell = SimpleCell()
        while true {
            var sawSpace = false
            while i < count && XMLScanner.isSpace(base[i]) { i += 1; sawSpace = true }
            guard i < count else { return nil }
            let b = base[i]
            if b == UInt8(ascii: ">") || b == UInt8(ascii: "/") { break }
            guard sawSpace, let (name, value) = simpleAttribute(from: &i) else { return nil }
            if name.count == 1 {
                switch base[name.start] {
                case UInt8(ascii: "r"): guard cell.ref == nil else { return nil }; cell.ref = value
                case UInt8(ascii: "s"): guard cell.style == nil else { return nil }; cell.style = value
                case UInt8(ascii: "t"): guard cell.type == nil else { return nil }; cell.type = value
                default: break
                }
            } else if base[name.end - 2] == UInt8(ascii: ":") {
                return nil  // `x:r` is `r` by its local name: left to the event path
            }
        }
        if base[i] == UInt8(ascii: "/") {
            guard i + 1 < count, base[i + 1] == UInt8(ascii: ">") else { return nil }
            position = i + 2
            return cell
        }
        guard depth < maxDepth, let (text, literal) = simpleValue(from: i + 1) else { return nil }
        cell.value = text
        cell.literal = literal
        position = text.end + 8
        return cell
    }

    /// One `name="value"` at `i` (spaces allowed around `=`), checked as `startTag` checks it;
    /// moves `i` past the closing quote. Nil where `startTag` would fail or need more bytes.
    @inline(__always)
    private func simpleAttribute(from i: inout Int) -> (name: ByteSpan, value: ByteSpan)? {
        let nameStart = i
        while i < count && !stops[Int(base[i])] { i += 1 }
        guard i > nameStart else { return nil }
        let first = base[nameStart]
        if (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") { return nil }
        let name = ByteSpan(start: nameStart, end: i)
        while i < count && XMLScanner.isSpace(base[i]) { i += 1 }
        guard byte(i) == UInt8(ascii: "=") else { return nil }
        i += 1
        while i < count && XMLScanner.isSpace(base[i]) { i += 1 }
        let q = byte(i)
        guard q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") else { return nil }
        var close = i + 1
        while close < count {
            let v = base[close]
            if v == q { break }
            if v == UInt8(ascii: "<") { return nil }
            close += 1
        }
        guard close < count else { return nil }
        let value = ByteSpan(start: i + 1, end: close)
        i = close + 1
        return (name, value)
    }

    /// `<v>text</v></c>` starting at `i`: the text span and whether it is literal, or nil.
    @inline(__always)
    private func simpleValue(from i: Int) -> (ByteSpan, literal: Bool)? {
        guard i + 3 <= count, base[i] == UInt8(ascii: "<"), base[i + 1] == UInt8(ascii: "v"),
              base[i + 2] == UInt8(ascii: ">") else { return nil }
        var lt = i + 3
        var literal = true
        while lt < count {
            let b = base[lt]
            if b == UInt8(ascii: "<") { break }
            if b == UInt8(ascii: "&") || b == 0x0D { literal = false }
            lt += 1
        }
        guard lt + 8 <= count, base[lt + 1] == UInt8(ascii: "/"), base[lt + 2] == UInt8(ascii: "v"),
              base[lt + 3] == UInt8(ascii: ">"), base[lt + 4] == UInt8(ascii: "<"), base[lt + 5] == UInt8(ascii: "/"),
              base[lt + 6] == UInt8(ascii: "c"), base[lt + 7] == UInt8(ascii: ">") else { return nil }
        return (ByteSpan(start: i + 3, end: lt), literal)
    }

    // MARK: attributes

    /// Attribute `k` of the last start tag (k < min(attributeCount, attributeSlots)): local name and raw value.
    @inline(__always) func recordedAttribute(_ k: Int) -> (name: ByteSpan, value: ByteSpan) {
        (localName(slots[2 * k]), slots[2 * k + 1])
    }

    /// Calls `body` with each attribute's local name and raw value span (entities still encoded).
    @inline(__always) func forEachAttribute(_ span: ByteSpan, _ body: (ByteSpan, ByteSpan) throws(ReadError) -> Void) throws(ReadError) {
        var i = span.start
        while i < span.end {
            while i < span.end && XMLScanner.isSpace(base[i]) { i += 1 }
            if i >= span.end { return }
            let nameStart = i
            while i < span.end && XMLScanner.isNameByte(base[i]) { i += 1 }
            let name = localName(ByteSpan(start: nameStart, end: i))
            while i < span.end && base[i] != UInt8(ascii: "\"") && base[i] != UInt8(ascii: "'") { i += 1 }
            guard i < span.end else { return }
            let q = base[i]
            let close = find(q, from: i + 1)
            try body(name, ByteSpan(start: i + 1, end: min(close, span.end)))
            i = close + 1
        }
    }

    /// The decoded value of one attribute, or nil.
    func attribute(_ wanted: StaticString, in span: ByteSpan) throws(ReadError) -> String? {
        var found: ByteSpan?
        try forEachAttribute(span) { name, value in
            if found == nil && equals(name, wanted) { found = value }
        }
        guard let value = found else { return nil }
        var buf: [UInt8] = []
        try appendDecoded(value, to: &buf, attribute: true)
        return String(decoding: buf, as: UTF8.self)
    }

    // MARK: text and entities

    /// True when the span holds no entity reference or carriage return, so its bytes are its text.
    @inline(__always) func isLiteral(_ span: ByteSpan) -> Bool {
        var i = span.start
        while i < span.end {
            let b = base[i]
            if b == UInt8(ascii: "&") || b == 0x0D { return false }
            i += 1
        }
        return true
    }

    /// Appends character data with entities decoded and line ends normalised as XML requires.
    func appendDecoded(_ span: ByteSpan, to out: inout [UInt8], attribute: Bool = false) throws(ReadError) {
        var i = span.start
        var runStart = i
        while i < span.end {
            let b = base[i]
            if b == UInt8(ascii: "&") || b == 0x0D || (attribute && (b == 0x0A || b == 0x09)) {
                out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart))
                if b == UInt8(ascii: "&") {
                    i = try decodeEntity(at: i, end: span.end, into: &out)
                } else if b == 0x0D {
                    out.append(attribute ? 0x20 : 0x0A)
                    i += byte(i + 1) == 0x0A && i + 1 < span.end ? 2 : 1
                } else {
                    out.append(0x20)
                    i += 1
                }
                runStart = i
            } else {
                i += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: span.end - runStart))
    }

    private func decodeEntity(at amp: Int, end: Int, into out: inout [UInt8]) throws(ReadError) -> Int {
        var semi = amp + 1
        while semi < end && semi - amp <= 12 && base[semi] != UInt8(ascii: ";") { semi += 1 }
        guard semi < end, base[semi] == UInt8(ascii: ";") else { throw fail(ReadMessages.xmlBadEntity, at: amp) }
        let name = ByteSpan(start: amp + 1, end: semi)
        if equals(name, "lt") { out.append(UInt8(ascii: "<")) }
        else if equals(name, "gt") { out.append(UInt8(ascii: ">")) }
        else if equals(name, "amp") { out.append(UInt8(ascii: "&")) }
        else if equals(name, "quot") { out.append(UInt8(ascii: "\"")) }
        else if equals(name, "apos") { out.append(UInt8(ascii: "'")) }
        else if name.count >= 2 && base[name.start] == UInt8(ascii: "#") {
            var value: UInt32 = 0
            let hex = base[name.start + 1] == UInt8(ascii: "x")
            var i = name.start + (hex ? 2 : 1)
            guard i < name.end else { throw fail(ReadMessages.xmlBadEntity, at: amp) }
            while i < name.end {
                let d = base[i]
                let digit: UInt32
                switch d {
                case 0x30...0x39: digit = UInt32(d - 0x30)
                case 0x61...0x66 where hex: digit = UInt32(d - 0x61 + 10)
                case 0x41...0x46 where hex: digit = UInt32(d - 0x41 + 10)
                default: throw fail(ReadMessages.xmlBadEntity, at: amp)
                }
                value = value * (hex ? 16 : 10) + digit
                guard value <= 0x10FFFF else { throw fail(ReadMessages.xmlBadEntity, at: amp) }
                i += 1
            }
            // XML 1.0 Char: tab, LF, CR, and everything from space up except surrogates and FFFE/FFFF.
            guard value == 0x9 || value == 0xA || value == 0xD || value >= 0x20,
                  let scalar = Unicode.Scalar(value), value != 0xFFFE, value != 0xFFFF else {
                throw fail(ReadMessages.xmlBadEntity, at: amp)
            }
            out.append(contentsOf: String(Character(scalar)).utf8)
        } else {
            throw fail(ReadMessages.xmlBadEntity, at: amp)
        }
        return semi + 1
    }
}
