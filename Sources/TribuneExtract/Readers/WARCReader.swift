import TribuneCore

/// Reads the pages of a WARC file (ISO 28500, WARC/0.17 to WARC/1.1), plain or gzip-compressed
/// record by record (`.warc.gz`, as crawlers write them) or as a whole.
///
/// Each `response` record whose HTTP payload is HTML (by its `Content-Type`, or by its first bytes
/// when it has none) becomes one page, addressed by its `WARC-Target-URI`; a `resource` record
/// holding `text/html` does too. Other records (`warcinfo`, `request`, `metadata`, `revisit`,
/// responses that are redirects, errors, images or scripts) are skipped. The HTTP layer is undone:
/// chunked transfer coding and gzip or deflate content coding are decoded.
///
/// Compressed members are decompressed one at a time and records are handed on as they complete,
/// so memory holds the file and about one record, never the whole decompressed archive.
/// A record that cannot be read (a `Content-Length` that runs past the end of the file or does not
/// end where the record does, a damaged gzip member, a broken HTTP header) becomes one failure
/// naming the file, the record and the byte; reading goes on at the next record.
///
/// ```swift
/// var reader = WARCReader(bytes: archive, uri: "file:///crawl/00001.warc.gz")
/// while let item = reader.next() {
///     if case .source(let page) = item { print(page.uri, page.bytes.count) }
/// }
/// ```
public struct WARCReader: Sendable {
    /// Pages larger than this (after content decoding) are refused rather than read.
    public static let payloadLimit = 64 << 20

    private let file: [UInt8]
    private let uri: String
    private let compressed: Bool
    /// The next compressed member to decompress, in `file`.
    private var memberOffset = 0
    /// Decompressed (or, for a plain file, the file's) bytes not yet consumed, from `position`.
    private var buffer: [UInt8] = []
    private var position = 0
    /// Where `buffer[0]` stands in the decompressed stream, for messages.
    private var bufferBase = 0
    private var inputEnded = false
    private var recordNumber = 0

    /// - Parameters:
    ///   - bytes: the whole file, compressed or not (told by its first bytes).
    ///   - uri: the file's address, for failures.
    public init(bytes: [UInt8], uri: String) {
        file = bytes
        self.uri = uri
        compressed = Gzip.isGzip(bytes)
        if !compressed {
            buffer = bytes
            inputEnded = true
        }
    }

    /// Whether `bytes` start like a WARC file (plain: `WARC/`; compressed: a gzip member whose
    /// output starts so).
    public static func looksLikeWARC(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: Array("WARC/".utf8)) { return true }
        guard Gzip.isGzip(bytes) else { return false }
        var head: [UInt8] = []
        // One member is one record in a well-formed .warc.gz; a small limit reads just its start.
        _ = try? Gzip.decompressMember(bytes, at: 0, into: &head, limit: 1 << 20)
        return head.starts(with: Array("WARC/".utf8))
    }

    /// The next page or failure, or `nil` at the end of the file.
    public mutating func next() -> InputItem? {
        while true {
            guard let outcome = nextRecord() else { return nil }
            switch outcome {
            case .failure(let failure):
                return .failure(failure)
            case .record(let record):
                if let item = page(record) { return item }
            }
        }
    }

    // MARK: Records

    struct Record {
        var number: Int
        /// Where the record starts in the decompressed stream.
        var offset: Int
        var headers: HTTPHeaders
        var block: ArraySlice<UInt8>
    }

    private enum Outcome {
        case record(Record)
        case failure(AnalysisError)
    }

    private func failure(_ record: Int, at offset: Int, _ reason: String) -> AnalysisError {
        AnalysisError(uri: "\(uri)#record\(record)", reason: "\(reason) (WARC record \(record) at byte \(offset))")
    }

    private mutating func nextRecord() -> Outcome? {
        // Records are separated by CRLF CRLF; writers that add more blank lines are forgiven.
        while true {
            while position < buffer.count, buffer[position] == 0x0D || buffer[position] == 0x0A {
                position += 1
            }
            if position < buffer.count { break }
            switch more() {
            case .some(let failure): return .failure(failure)
            case nil: if inputEnded && position >= buffer.count { return nil }
            }
        }
        compact()
        recordNumber += 1
        let number = recordNumber
        let start = position
        let offset = bufferBase + start
        guard startsWithVersion(at: start) else {
            let skipped = resynchronize(from: start)
            return .failure(failure(number, at: offset, "not a WARC record header (skipped \(skipped) bytes)"))
        }
        // The header ends at the first blank line.
        var headerEnd: Range<Int>
        while true {
            if let end = blankLine(from: start) {
                headerEnd = end
                break
            }
            if inputEnded {
                position = buffer.count
                return .failure(failure(number, at: offset, "truncated: the file ends inside the record header"))
            }
            if let failure = more() { return .failure(failure) }
        }
        let headers = HTTPHeaders(buffer[start..<headerEnd.lowerBound], skippingFirstLine: true)
        guard let lengthText = headers["content-length"], let length = Int(lengthText), length >= 0 else {
            _ = resynchronize(from: headerEnd.upperBound)
            return .failure(failure(number, at: offset, "the record has no valid Content-Length"))
        }
        let blockStart = headerEnd.upperBound
        while buffer.count - blockStart < length && !inputEnded {
            if let failure = more() { return .failure(failure) }
        }
        let available = buffer.count - blockStart
        guard available >= length else {
            let skipped = resynchronize(from: blockStart)
            return .failure(
                failure(
                    number, at: offset,
                    "truncated: Content-Length says \(length) bytes but \(available) remain"
                        + (skipped < available ? " before the next record" : "")))
        }
        let blockEnd = blockStart + length
        // The block must be followed by the record's CRLF CRLF, then another record or the end.
        while buffer.count - blockEnd < 4 && !inputEnded {
            if let failure = more() { return .failure(failure) }
        }
        guard endsCleanly(at: blockEnd) else {
            _ = resynchronize(from: blockStart)
            return .failure(
                failure(number, at: offset, "Content-Length (\(length)) does not end where the record does"))
        }
        position = blockEnd
        return .record(Record(number: number, offset: offset, headers: headers, block: buffer[blockStart..<blockEnd]))
    }

    /// Appends the next compressed member's output to the buffer; `nil` when it did (or there is
    /// nothing more), a failure when the member is damaged (reading then resumes at the next
    /// gzip signature).
    private mutating func more() -> AnalysisError? {
        guard !inputEnded else { return nil }
        while memberOffset < file.count, file[memberOffset] == 0 { memberOffset += 1 }
        guard memberOffset < file.count else {
            inputEnded = true
            return nil
        }
        let start = memberOffset
        let kept = buffer.count
        do {
            memberOffset = try Gzip.decompressMember(
                file, at: start, into: &buffer, limit: buffer.count + Self.payloadLimit * 2)
            return nil
        } catch {
            // Whatever the damaged member held is lost; the next member may be whole.
            buffer.removeSubrange(kept...)
            var next = start + 1
            while next + 2 < file.count, !(file[next] == 0x1F && file[next + 1] == 0x8B && file[next + 2] == 8) {
                next += 1
            }
            memberOffset = next + 2 < file.count ? next : file.count
            return AnalysisError(uri: uri, reason: "\(error) (in the gzip member at byte \(start) of the file)")
        }
    }

    /// Drops consumed bytes once they are most of the buffer, so that memory stays near one record.
    private mutating func compact() {
        guard compressed, position > 1 << 20, position * 2 > buffer.count else { return }
        buffer.removeFirst(position)
        bufferBase += position
        position = 0
    }

    private func startsWithVersion(at index: Int) -> Bool {
        let version: [UInt8] = Array("WARC/".utf8)
        guard buffer.count - index >= version.count else { return false }
        return buffer[index..<index + version.count].elementsEqual(version)
    }

    /// The range of the first blank line (CRLF CRLF, or LF LF from lenient writers) at or after
    /// `start`.
    private func blankLine(from start: Int) -> Range<Int>? {
        var i = start
        while i + 1 < buffer.count {
            if buffer[i] == 0x0A {
                if buffer[i + 1] == 0x0A { return i..<i + 2 }
                if buffer[i + 1] == 0x0D, i + 2 < buffer.count, buffer[i + 2] == 0x0A { return i..<i + 3 }
            }
            i += 1
        }
        return nil
    }

    /// Whether only line breaks stand between `index` and the next record or the end.
    private func endsCleanly(at index: Int) -> Bool {
        var i = index
        while i < buffer.count, buffer[i] == 0x0D || buffer[i] == 0x0A { i += 1 }
        if i == buffer.count { return inputEnded || i > index }
        return i > index && startsWithVersion(at: i)
    }

    /// Moves to the next line that starts a record after `start` (or to the end) and returns how
    /// many bytes were skipped. Only what the buffer holds is searched: in a compressed file,
    /// records start members, and the next member is read next anyway.
    private mutating func resynchronize(from start: Int) -> Int {
        var i = start
        while i < buffer.count {
            if buffer[i] == 0x0A, startsWithVersion(at: i + 1) {
                position = i + 1
                return position - start
            }
            i += 1
        }
        position = buffer.count
        return position - start
    }

    // MARK: Pages

    private func page(_ record: Record) -> InputItem? {
        let type = record.headers["warc-type"]?.lowercased() ?? ""
        let target = record.headers["warc-target-uri"].map(Self.unbracketed)
        let address = target ?? "\(uri)#record\(record.number)"
        switch type {
        case "response":
            let contentType = record.headers["content-type"]?.lowercased() ?? ""
            guard contentType.hasPrefix("application/http") else { return nil }
            switch HTTPResponse.parse(record.block, payloadLimit: Self.payloadLimit) {
            case .failure(let reason):
                return .failure(AnalysisError(uri: address, reason: "\(reason) (WARC record \(record.number))"))
            case .success(let response):
                guard (200..<300).contains(response.status),
                    Self.isHTML(response.headers["content-type"], response.body)
                else { return nil }
                return .source(SourceDocument(uri: address, format: .warc, content: .html, bytes: response.body))
            }
        case "resource":
            guard Self.isHTML(record.headers["content-type"], Array(record.block)) else { return nil }
            return .source(SourceDocument(uri: address, format: .warc, content: .html, bytes: Array(record.block)))
        default:
            return nil
        }
    }

    /// `<http://…>` (as some WARC/1.1 writers put it) without its brackets.
    static func unbracketed(_ value: String) -> String {
        value.hasPrefix("<") && value.hasSuffix(">") ? String(value.dropFirst().dropLast()) : value
    }

    /// HTML by its media type, or, when there is none, by how the payload starts.
    static func isHTML(_ contentType: String?, _ body: [UInt8]) -> Bool {
        if let contentType = contentType?.lowercased(), !contentType.isEmpty {
            return contentType.hasPrefix("text/html") || contentType.hasPrefix("application/xhtml")
        }
        var i = body.startIndex
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { i += 3 }
        while i < body.endIndex, body[i] == 0x20 || (0x09...0x0D).contains(body[i]) { i += 1 }
        let head = String(decoding: body[i..<min(body.endIndex, i + 64)], as: UTF8.self).lowercased()
        return ["<!doctype html", "<html", "<head", "<body"].contains { head.hasPrefix($0) }
    }
}

/// Header fields (`Name: value` lines) by lower-cased name, the first occurrence winning;
/// continuation lines are joined to the field before.
struct HTTPHeaders: Sendable {
    private var fields: [String: String] = [:]
    /// The first line, when it was skipped (a WARC version or an HTTP status line).
    private(set) var firstLine = ""

    init(_ bytes: ArraySlice<UInt8>, skippingFirstLine: Bool) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0.last == 0x0D ? $0.dropLast() : $0, as: UTF8.self)
        }
        if skippingFirstLine, !lines.isEmpty { firstLine = lines.removeFirst() }
        var last: String?
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", let name = last {
                fields[name, default: ""] += " " + line.trimmingSpaces
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingSpaces.lowercased()
            if fields[name] == nil { fields[name] = line[line.index(after: colon)...].trimmingSpaces }
            last = name
        }
    }

    subscript(name: String) -> String? { fields[name] }
}

/// An HTTP response as a WARC `response` record stores it: status line, headers, body; with the
/// transfer and content codings undone.
struct HTTPResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    static func parse(_ block: ArraySlice<UInt8>, payloadLimit: Int) -> Result<HTTPResponse, HTTPFailure> {
        // Header ends at the first blank line; a response with no blank line has no body.
        var headerEnd = block.endIndex
        var bodyStart = block.endIndex
        var i = block.startIndex
        while i + 1 < block.endIndex {
            if block[i] == 0x0A {
                if block[i + 1] == 0x0A {
                    (headerEnd, bodyStart) = (i, i + 2)
                    break
                }
                if block[i + 1] == 0x0D, i + 2 < block.endIndex, block[i + 2] == 0x0A {
                    (headerEnd, bodyStart) = (i, i + 3)
                    break
                }
            }
            i += 1
        }
        let headers = HTTPHeaders(block[block.startIndex..<headerEnd], skippingFirstLine: true)
        let statusLine = headers.firstLine.split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else {
            return .failure(HTTPFailure("the response does not start with an HTTP status line"))
        }
        var body = Array(block[bodyStart...])
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            // Many archives store the body already de-chunked but keep the header: only decode
            // what reads as chunks.
            if let decoded = dechunked(body) { body = decoded }
        }
        switch headers["content-encoding"]?.lowercased() ?? "identity" {
        case "gzip", "x-gzip":
            guard Gzip.isGzip(body) else { break }  // stored decoded, header kept
            do {
                body = try Gzip.decompress(body, limit: payloadLimit)
            } catch {
                return .failure(HTTPFailure("the gzip-coded body cannot be decoded: \(error)"))
            }
        case "deflate":
            // The zlib wrapper (RFC 1950) around DEFLATE, or raw DEFLATE as some servers send.
            let start =
                body.count >= 2 && body[0] & 0x0F == 8 && (UInt16(body[0]) << 8 | UInt16(body[1])) % 31 == 0 ? 2 : 0
            var output: [UInt8] = []
            do {
                _ = try Deflate.inflate(body, at: start, into: &output, limit: payloadLimit)
                body = output
            } catch {
                return .failure(HTTPFailure("the deflate-coded body cannot be decoded: \(error)"))
            }
        case "identity", "", "none", "utf-8":
            break
        case let coding:
            return .failure(HTTPFailure("the body's content coding \"\(coding)\" is not supported"))
        }
        guard body.count <= payloadLimit else {
            return .failure(HTTPFailure("the page is larger than \(payloadLimit >> 20) MB"))
        }
        return .success(HTTPResponse(status: status, headers: headers, body: body))
    }

    /// The body of a chunked transfer (RFC 9112 §7.1), or `nil` when the bytes are not chunks.
    static func dechunked(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var i = 0
        while true {
            var size = 0
            var digits = 0
            while i < bytes.count, let digit = hexValue(bytes[i]) {
                guard size < 1 << 28 else { return nil }
                size = size * 16 + digit
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            // Chunk extensions, then the line's end.
            while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            guard i < bytes.count else { return nil }
            i += 1
            if size == 0 { return output }
            guard bytes.count - i >= size else { return nil }
            output.append(contentsOf: bytes[i..<i + size])
            i += size
            if i < bytes.count, bytes[i] == 0x0D { i += 1 }
            if i < bytes.count, bytes[i] == 0x0A { i += 1 }
        }
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }
}

struct HTTPFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
