import Foundation
import JixiaoReading
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path as the file system spells it. Names in inbox/ need not be UTF-8 (unzipping a
/// Windows zip leaves GBK folder names), and a String made from them would name another
/// file or none, so everything that touches the disk goes through these bytes.
struct RawPath: Hashable, Sendable {
    /// Without the terminating NUL.
    let bytes: [UInt8]

    init(_ path: String) { bytes = Array(path.utf8) }
    init(bytes: [UInt8]) { self.bytes = bytes }

    func appending(_ name: [UInt8]) -> RawPath {
        RawPath(bytes: bytes.last == UInt8(ascii: "/") ? bytes + name : bytes + [UInt8(ascii: "/")] + name)
    }

    /// The folder holding it (`/` for a name at the root).
    var parent: RawPath {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return RawPath(".") }
        return RawPath(bytes: slash == 0 ? [UInt8(ascii: "/")] : Array(bytes[..<slash]))
    }

    func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// `unlink(2)`: 0, or -1 with `errno` set.
    func removeFile() -> Int32 { withCString { unlink($0) } }

    /// Makes the removal of its entries durable.
    func syncDirectory() {
        let fd = withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

/// How a name read from the disk is shown and recorded.
enum FileName {
    /// UTF-8 as it is; otherwise GB18030 (a superset of GBK, what Chinese Windows writes)
    /// where the bytes decode; otherwise UTF-8 with each stray byte written `\xFF`, so the
    /// name is still recognisable and no two different names look alike by accident.
    static func display(_ name: [UInt8]) -> String {
        if let text = String(validating: name, as: UTF8.self) { return text }
        if let text = String(data: Data(name), encoding: TextDecoding.gb18030) { return text }
        var out = ""
        var i = 0
        while i < name.count {
            let lead = name[i]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            if length > 0, i + length <= name.count, let scalar = String(validating: name[i..<i + length], as: UTF8.self) {
                out += scalar
                i += length
            } else {
                let hex = String(lead, radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                i += 1
            }
        }
        return out
    }
}
