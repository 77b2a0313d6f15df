import CZip
import Foundation

/// A WordprocessingML package: a fixed set of parts zipped through libzip, in memory, so the
/// same parts always give the same bytes (fixed entry order, times and compression).
struct DocxPackage {
    /// 1980-01-01 00:00 local DOS time, the earliest a zip entry can carry: no clock leaks in.
    static let entryTime: time_t = 315_532_800
    /// docProps/core.xml's dates: fixed, for the same reason.
    static let documentTime = "2000-01-01T00:00:00Z"

    var parts: [(name: String, xml: String)] = []

    init(document: String, styles: String, footer: String, title: String, creator: String) {
        parts = [
            ("[Content_Types].xml", Self.contentTypes),
            ("_rels/.rels", Self.packageRelationships),
            ("docProps/core.xml", Self.core(title: title, creator: creator)),
            ("docProps/app.xml", Self.app),
            ("word/document.xml", document),
            ("word/styles.xml", styles),
            ("word/settings.xml", Self.settings),
            ("word/" + WordDocument.footerPart, footer),
            ("word/_rels/document.xml.rels", Self.documentRelationships),
        ]
    }

    /// The zipped package.
    func bytes(naming file: String) throws -> Data {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let buffer = zip_source_buffer_create(nil, 0, 0, &error) else {
            throw WritingError(WritingMessages.documentFailure(file, "zip_source_buffer_create"))
        }
        // The archive frees its source on close; kept here to read the bytes back.
        zip_source_keep(buffer)
        defer { zip_source_free(buffer) }
        guard let archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error) else {
            throw WritingError(WritingMessages.documentFailure(file, String(cString: zip_error_strerror(&error))))
        }
        for part in parts {
            let bytes = Array(part.xml.utf8)
            guard let copy = malloc(max(bytes.count, 1)) else {
                zip_discard(archive)
                throw WritingError(WritingMessages.documentFailure(file, "malloc"))
            }
            bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            guard let source = zip_source_buffer(archive, copy, zip_uint64_t(bytes.count), 1) else {
                free(copy)
                zip_discard(archive)
                throw WritingError(WritingMessages.documentFailure(file, String(cString: zip_strerror(archive))))
            }
            let index = zip_file_add(archive, part.name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
            guard index >= 0,
                  zip_file_set_mtime(archive, zip_uint64_t(index), Self.entryTime, 0) == 0,
                  zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_DEFLATE, 9) == 0 else {
                if index < 0 { zip_source_free(source) }
                let reason = String(cString: zip_strerror(archive))
                zip_discard(archive)
                throw WritingError(WritingMessages.documentFailure(file, reason))
            }
        }
        guard zip_close(archive) == 0 else {
            let reason = String(cString: zip_strerror(archive))
            zip_discard(archive)
            throw WritingError(WritingMessages.documentFailure(file, reason))
        }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_source_stat(buffer, &stat) == 0, zip_source_open(buffer) == 0 else {
            throw WritingError(WritingMessages.documentFailure(file, "zip_source_open"))
        }
        defer { zip_source_close(buffer) }
        var data = Data(count: Int(stat.size))
        let read = data.withUnsafeMutableBytes { zip_source_read(buffer, $0.baseAddress, stat.size) }
        guard read == zip_int64_t(stat.size) else { throw WritingError(WritingMessages.documentFailure(file, "zip_source_read")) }
        return data
    }

    func write(to url: URL) throws {
        let data = try bytes(naming: url.lastPathComponent)
        do {
            try data.write(to: url)
        } catch {
            // Foundation's own description is English: say the system's reason in Chinese.
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? Int(EIO)
            throw WritingError(WritingMessages.cannotRename(url.path, Int32(code)))
        }
    }

    // MARK: the fixed parts

    static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
    <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
    <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
    <Override PartName="/word/\(WordDocument.footerPart)" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
    <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
    <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
    </Types>
    """

    static let packageRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
    </Relationships>
    """

    static let documentRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
    <Relationship Id="\(WordDocument.footerRelationship)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="\(WordDocument.footerPart)"/>\
    </Relationships>
    """

    static let settings = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
    <w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>\
    <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
    </w:settings>
    """

    static let app = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>jixiao</Application></Properties>
    """

    static func core(title: String, creator: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
        <dc:title>\(WordXML.escape(title))</dc:title><dc:creator>\(WordXML.escape(creator))</dc:creator>\
        <dcterms:created xsi:type="dcterms:W3CDTF">\(documentTime)</dcterms:created>\
        <dcterms:modified xsi:type="dcterms:W3CDTF">\(documentTime)</dcterms:modified>\
        </cp:coreProperties>
        """
    }
}
