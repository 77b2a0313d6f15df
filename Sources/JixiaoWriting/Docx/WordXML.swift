import Foundation

/// A Word document as a list of styled paragraphs: all the self-evaluation report needs.
struct WordDocument {
    enum Style: String {
        case title = "Title"
        case heading1 = "Heading1"
        case heading2 = "Heading2"
        case heading3 = "Heading3"
        case body = "BodyText"
        /// The line saying the document is a generated draft.
        case draftNote = "DraftNote"
    }

    struct Run {
        var text: String
        var bold = false
        /// 待填写 and other places the office is to complete: highlighted so none is missed.
        var toFill = false
    }

    struct Paragraph {
        var style: Style
        var runs: [Run]
    }

    var paragraphs: [Paragraph] = []

    mutating func add(_ style: Style, _ text: String) { paragraphs.append(Paragraph(style: style, runs: [Run(text: text)])) }
    mutating func add(_ style: Style, runs: [Run]) { paragraphs.append(Paragraph(style: style, runs: runs)) }

    /// word/document.xml: A4 portrait, margins of the GB/T 9704 official-document layout, the
    /// page number (`footerXML`) in every page's footer.
    var documentXML: String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#
            + #" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
        for p in paragraphs {
            xml += #"<w:p><w:pPr><w:pStyle w:val="\#(p.style.rawValue)"/></w:pPr>"#
            for run in p.runs {
                xml += "<w:r>"
                if run.bold || run.toFill {
                    xml += "<w:rPr>" + (run.bold ? "<w:b/><w:bCs/>" : "") + (run.toFill ? #"<w:highlight w:val="yellow"/>"# : "") + "</w:rPr>"
                }
                xml += #"<w:t xml:space="preserve">\#(WordXML.escape(run.text))</w:t></w:r>"#
            }
            xml += "</w:p>"
        }
        xml += #"<w:sectPr><w:footerReference w:type="default" r:id="\#(Self.footerRelationship)"/><w:pgSz w:w="11906" w:h="16838"/>"#
            + #"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>"#
            + #"<w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>"#
        xml += "</w:body></w:document>"
        return xml
    }

    /// The relationship (word/_rels/document.xml.rels) by which the section finds its footer.
    static let footerRelationship = "rId3"
    static let footerPart = "footer1.xml"

    /// word/footer1.xml: the page number as GB/T 9704 prints it, `— 3 —` in 宋体 四号, centred.
    /// Word and LibreOffice fill in the PAGE field on each page; the `1` stored in it is only
    /// what a reader that does not compute fields shows, the same in every file.
    static let footerXML: String = {
        let dash = #"<w:r><w:t xml:space="preserve">"#
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        xml += #"<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>"#
        xml += dash + "— </w:t></w:r>"
        xml += #"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#
        xml += #"<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#
        xml += #"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>"#
        xml += #"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        xml += dash + " —</w:t></w:r></w:p></w:ftr>"
        return xml
    }()

    /// word/styles.xml: body in 仿宋 三号 (16 pt) with a two-character first-line indent, the
    /// title in 宋体 二号, headings as Word's own heading styles (so the navigation pane and
    /// a table of contents see them) under their Chinese names.
    static let stylesXML: String = {
        func fonts(_ eastAsia: String) -> String {
            #"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="\#(eastAsia)" w:cs="Times New Roman"/>"#
        }
        func paragraphStyle(id: String, name: String, alias: String?, outline: Int?, eastAsia: String, halfPoints: Int,
                            bold: Bool, centered: Bool, indent: Bool, before: Int, after: Int, color: String? = nil) -> String {
            var s = #"<w:style w:type="paragraph" w:styleId="\#(id)"><w:name w:val="\#(name)"/>"#
            if let alias { s += #"<w:aliases w:val="\#(alias)"/>"# }
            s += #"<w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/>"#
            s += #"<w:spacing w:before="\#(before)" w:after="\#(after)" w:line="560" w:lineRule="exact"/>"#
            if indent { s += #"<w:ind w:firstLineChars="200" w:firstLine="640"/>"# }
            if centered { s += #"<w:jc w:val="center"/>"# } else { s += #"<w:jc w:val="both"/>"# }
            if let outline { s += #"<w:outlineLvl w:val="\#(outline)"/>"# }
            s += "</w:pPr><w:rPr>" + fonts(eastAsia) + (bold ? "<w:b/><w:bCs/>" : "")
            if let color { s += #"<w:color w:val="\#(color)"/>"# }
            s += #"<w:sz w:val="\#(halfPoints)"/><w:szCs w:val="\#(halfPoints)"/></w:rPr></w:style>"#
            return s
        }
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        xml += "<w:docDefaults><w:rPrDefault><w:rPr>" + fonts("仿宋")
            + #"<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>"#
            + #"<w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>"#
        xml += #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:aliases w:val="正文"/><w:qFormat/>"#
            + #"<w:pPr><w:jc w:val="both"/></w:pPr></w:style>"#
        xml += paragraphStyle(id: "Title", name: "Title", alias: "标题", outline: nil, eastAsia: "宋体", halfPoints: 44,
                              bold: true, centered: true, indent: false, before: 0, after: 240)
        xml += paragraphStyle(id: "Heading1", name: "heading 1", alias: "标题 1", outline: 0, eastAsia: "宋体", halfPoints: 32,
                              bold: true, centered: false, indent: true, before: 120, after: 0)
        xml += paragraphStyle(id: "Heading2", name: "heading 2", alias: "标题 2", outline: 1, eastAsia: "仿宋", halfPoints: 32,
                              bold: true, centered: false, indent: true, before: 0, after: 0)
        xml += paragraphStyle(id: "Heading3", name: "heading 3", alias: "标题 3", outline: 2, eastAsia: "仿宋", halfPoints: 32,
                              bold: true, centered: false, indent: true, before: 0, after: 0)
        xml += paragraphStyle(id: "BodyText", name: "Body Text", alias: "正文文本", outline: nil, eastAsia: "仿宋", halfPoints: 32,
                              bold: false, centered: false, indent: true, before: 0, after: 0)
            .replacingOccurrences(of: "<w:keepNext/>", with: "")
        xml += paragraphStyle(id: "DraftNote", name: "Draft Note", alias: "草稿说明", outline: nil, eastAsia: "仿宋", halfPoints: 24,
                              bold: false, centered: false, indent: false, before: 0, after: 240, color: "C00000")
            .replacingOccurrences(of: "<w:keepNext/>", with: "")
            .replacingOccurrences(of: #"w:line="560""#, with: #"w:line="400""#)
        // The footer's page number: 宋体 四号 (14 pt), a single line at its natural height.
        xml += #"<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:aliases w:val="页脚"/>"#
            + #"<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>"#
            + "<w:rPr>" + fonts("宋体") + #"<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#
        xml += "</w:styles>"
        return xml
    }()
}

enum WordXML {
    /// Text as XML character data; characters XML 1.0 cannot hold (control codes a cell may
    /// carry) are dropped rather than making the document unreadable.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
