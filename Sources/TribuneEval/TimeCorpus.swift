import Foundation
import TribuneCoding

/// One document of a time-annotated corpus: its text, paragraphs, anchor date and gold
/// time expressions (byte ranges into the text).
struct TimeDocument {
    struct Gold {
        var bytes: Range<Int>
        var type: String
        var value: String
    }

    var name: String
    var text: [UInt8]
    var paragraphs: [Range<Int>]
    /// The document creation time, as TimeML calls the publication date.
    var anchor: CalendarDate?
    var gold: [Gold]
    /// The part of the text that was annotated (MEANTIME annotates only an article's first
    /// sentences); expressions found after it are not scored.
    var annotatedEnd: Int?
}

/// Reads TimeML (TempEval-3) files: the `<DCT>` anchor and the `<TEXT>` with its `<TIMEX3>`
/// elements; tags are removed and entities decoded, so offsets point into the plain text.
enum TimeMLReader {
    static func read(_ url: URL) throws -> TimeDocument {
        let xml = Array(try Data(contentsOf: url))
        let name = url.deletingPathExtension().lastPathComponent
        var anchor: CalendarDate?
        if let dct = find(Array("<DCT>".utf8), in: xml, from: 0),
            let timex = find(Array("<TIMEX3".utf8), in: xml, from: dct),
            let value = attribute("value", in: xml, from: timex)
        {
            anchor = CalendarDate(iso: value)
        }
        guard let open = find(Array("<TEXT>".utf8), in: xml, from: 0),
            let close = find(Array("</TEXT>".utf8), in: xml, from: open)
        else {
            throw CorpusError(file: url.path, reason: "no <TEXT> element")
        }
        var text: [UInt8] = []
        var gold: [TimeDocument.Gold] = []
        var openTimex: (start: Int, type: String, value: String)?
        var index = open + 6
        while index < close {
            let byte = xml[index]
            if byte == UInt8(ascii: "<") {
                let end = find([UInt8(ascii: ">")], in: xml, from: index) ?? close
                let tag = Array(xml[index...end])
                if tag.starts(with: Array("<TIMEX3".utf8)) {
                    openTimex = (
                        text.count, attribute("type", in: tag, from: 0) ?? "DATE",
                        attribute("value", in: tag, from: 0) ?? ""
                    )
                } else if tag.starts(with: Array("</TIMEX3".utf8)), let timex = openTimex {
                    gold.append(.init(bytes: timex.start..<text.count, type: timex.type, value: timex.value))
                    openTimex = nil
                }
                index = end + 1
            } else if byte == UInt8(ascii: "&"), let semicolon = find([UInt8(ascii: ";")], in: xml, from: index),
                semicolon - index <= 6
            {
                let entity = String(decoding: xml[(index + 1)..<semicolon], as: UTF8.self)
                let decoded: [UInt8] =
                    ["amp": [0x26], "lt": [0x3C], "gt": [0x3E], "quot": [0x22], "apos": [0x27]][entity]
                    ?? Array(xml[index...semicolon])
                text.append(contentsOf: decoded)
                index = semicolon + 1
            } else {
                text.append(byte)
                index += 1
            }
        }
        return TimeDocument(name: name, text: text, paragraphs: paragraphs(text), anchor: anchor, gold: gold)
    }

    /// Paragraphs: runs of text between blank lines.
    static func paragraphs(_ text: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        var index = 0
        while index < text.count {
            if text[index] == 0x0A, index + 1 < text.count, text[index + 1] == 0x0A || text[index + 1] == 0x0D {
                if let s = start { result.append(s..<index) }
                start = nil
            } else if start == nil, text[index] > 0x20 {
                start = index
            }
            index += 1
        }
        if let s = start { result.append(s..<text.count) }
        return result
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The value of `name="…"` in the tag that starts at `start`.
    static func attribute(_ name: String, in bytes: [UInt8], from start: Int) -> String? {
        let end = find([UInt8(ascii: ">")], in: bytes, from: start) ?? bytes.count
        let pattern = Array(" \(name)=\"".utf8)
        guard let at = find(pattern, in: Array(bytes[start..<end]), from: 0) else { return nil }
        let valueStart = start + at + pattern.count
        guard let quote = find([UInt8(ascii: "\"")], in: bytes, from: valueStart) else { return nil }
        return String(decoding: bytes[valueStart..<quote], as: UTF8.self)
    }
}

/// Reads MEANTIME CAT XML: tokens with ids and sentence numbers, `TIMEX3` markables anchored on
/// token ids. The text is rebuilt from the tokens (one space between tokens, a blank line between
/// sentences); the anchor is the value of the markable whose function is `CREATION_TIME`.
enum MeantimeReader {
    static func read(_ url: URL) throws -> TimeDocument {
        let xml = Array(try Data(contentsOf: url))
        let name = url.deletingPathExtension().lastPathComponent
        var text: [UInt8] = []
        var paragraphs: [Range<Int>] = []
        var tokenRanges: [String: Range<Int>] = [:]
        var sentence: String?
        var paragraphStart = 0
        var index = 0
        let tokenTag = Array("<token ".utf8)
        while let at = TimeMLReader.find(tokenTag, in: xml, from: index) {
            guard let close = TimeMLReader.find([UInt8(ascii: ">")], in: xml, from: at),
                let end = TimeMLReader.find(Array("</token>".utf8), in: xml, from: close)
            else { break }
            let id = TimeMLReader.attribute("t_id", in: xml, from: at) ?? ""
            let number = TimeMLReader.attribute("sentence", in: xml, from: at)
            if number != sentence {
                if sentence != nil {
                    paragraphs.append(paragraphStart..<text.count)
                    text.append(contentsOf: [0x0A, 0x0A])
                }
                paragraphStart = text.count
                sentence = number
            } else {
                text.append(0x20)
            }
            let word = decode(Array(xml[(close + 1)..<end]))
            tokenRanges[id] = text.count..<(text.count + word.count)
            text.append(contentsOf: word)
            index = end
        }
        if sentence != nil { paragraphs.append(paragraphStart..<text.count) }
        var gold: [TimeDocument.Gold] = []
        var anchor: CalendarDate?
        let timexTag = Array("<TIMEX3 ".utf8)
        index = 0
        while let at = TimeMLReader.find(timexTag, in: xml, from: index) {
            guard let end = TimeMLReader.find(Array("</TIMEX3>".utf8), in: xml, from: at) else { break }
            let value = TimeMLReader.attribute("value", in: xml, from: at) ?? ""
            let type = TimeMLReader.attribute("type", in: xml, from: at) ?? "DATE"
            if TimeMLReader.attribute("functionInDocument", in: xml, from: at) == "CREATION_TIME" {
                anchor = CalendarDate(iso: value)
            }
            var ranges: [Range<Int>] = []
            var cursor = at
            let anchorTag = Array("<token_anchor t_id=\"".utf8)
            while let found = TimeMLReader.find(anchorTag, in: xml, from: cursor), found < end {
                let idStart = found + anchorTag.count
                let quote = TimeMLReader.find([UInt8(ascii: "\"")], in: xml, from: idStart) ?? idStart
                if let range = tokenRanges[String(decoding: xml[idStart..<quote], as: UTF8.self)] {
                    ranges.append(range)
                }
                cursor = quote
            }
            if let first = ranges.map(\.lowerBound).min(), let last = ranges.map(\.upperBound).max(), !value.isEmpty {
                gold.append(.init(bytes: first..<last, type: type, value: value))
            }
            index = end
        }
        // Every markable's tokens, to find the last annotated sentence.
        var annotatedEnd = 0
        let anyAnchor = Array("<token_anchor t_id=\"".utf8)
        index = 0
        while let found = TimeMLReader.find(anyAnchor, in: xml, from: index) {
            let idStart = found + anyAnchor.count
            let quote = TimeMLReader.find([UInt8(ascii: "\"")], in: xml, from: idStart) ?? idStart
            if let range = tokenRanges[String(decoding: xml[idStart..<quote], as: UTF8.self)] {
                annotatedEnd = max(annotatedEnd, range.upperBound)
            }
            index = quote + 1
        }
        // Extend to the end of that sentence.
        annotatedEnd = paragraphs.first { $0.contains(annotatedEnd - 1) }?.upperBound ?? annotatedEnd
        return TimeDocument(
            name: name, text: text, paragraphs: paragraphs, anchor: anchor, gold: gold, annotatedEnd: annotatedEnd)
    }

    private static func decode(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "&")) else { return bytes }
        let string = String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        return Array(string.utf8)
    }
}

struct CorpusError: Error, CustomStringConvertible {
    var file: String
    var reason: String
    var description: String { "\(file): \(reason)" }
}
