@testable import JixiaoReading
import Testing

@Suite struct RelationshipTests {
    @Test(arguments: [
        ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "worksheet"),
        ("http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings", "sharedStrings"),
        ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument/", "officeDocument"),
        ("styles", "styles"), ("a//b//", "b"), ("/", ""), ("", ""), ("//x", "x"),
    ])
    func kindIsTheLastPathSegment(type: String, kind: String) {
        let rel = Relationship(id: "rId1", type: type, target: "xl/x.xml")
        #expect(rel.kind == kind)
        #expect(rel.kind == (type.split(separator: "/").last ?? ""))
    }
}
