import Foundation

/// Turns the bytes of a text file (CSV, tab-separated "Unicode text") into a String.
/// Order: a BOM decides; otherwise strict UTF-8; otherwise GB18030 (a superset of GBK,
/// what Excel on Chinese Windows writes).
public enum TextDecoding {
    /// Foundation on Linux knows GB18030 only by its CoreFoundation number; GBK files decode through it.
    public static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    public static func decode(_ data: Data) throws(ReadError) -> String {
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(validating: data.dropFirst(3), as: UTF8.self) else {
                throw .undecodableText(ReadMessages.invalidAfterBOM("UTF-8"))
            }
            return s
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            guard let s = decodeUTF16(data.dropFirst(2), littleEndian: little) else {
                throw .undecodableText(ReadMessages.invalidAfterBOM(little ? "UTF-16LE" : "UTF-16BE"))
            }
            return s
        }
        if let s = String(validating: data, as: UTF8.self) { return s }
        if let s = String(data: data, encoding: gb18030) { return s }
        throw .undecodableText(ReadMessages.notUTF8OrGB18030)
    }

    private static func decodeUTF16(_ data: Data, littleEndian: Bool) -> String? {
        guard data.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2)
        var it = data.makeIterator()
        while let a = it.next(), let b = it.next() {
            units.append(littleEndian ? UInt16(a) | UInt16(b) << 8 : UInt16(b) | UInt16(a) << 8)
        }
        var out = String.UnicodeScalarView()
        var decoder = UTF16()
        var unitIterator = units.makeIterator()
        loop: while true {
            switch decoder.decode(&unitIterator) {
            case .scalarValue(let v): out.append(v)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        return String(out)
    }
}
