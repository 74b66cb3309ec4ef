import Foundation
import TribuneCore

/// One thing read from the inputs: a source to analyze, or a failure to report and move past.
public enum InputItem: Sendable {
    case source(SourceDocument)
    case failure(AnalysisError)
}

/// Reads the inputs a user names — files, directories (recursively), glob patterns and `-`
/// for standard input — into sources, in the order given.
///
/// Each file's container is told by its name and, failing that, its first bytes:
/// `.jsonl`/`.ndjson` hold one record per line, `.json` one record or an array of them,
/// `.html`/`.htm` a page, `.warc`/`.warc.gz` the pages of a web archive (``WARCReader``),
/// anything else text (or a page, if it starts like one); a gzip-compressed file (`.html.gz`,
/// `.jsonl.gz`) is read as what it holds. A record is
/// `{"id", "url", "text" | "html", "published", "title", "site"}`. A bad file or line becomes a
/// `.failure` naming it, and reading goes on.
public struct InputReader: Sendable {
    public var paths: [String]
    /// A page or text file (or a compressed one) larger than this is refused with a failure
    /// naming it, before its bytes are read into memory; feeds and archives (`.jsonl`, `.json`,
    /// `.warc`) are exempt, since each of their records is checked on its own. `nil`: no limit.
    public var maximumPageBytes: Int?

    public init(paths: [String], maximumPageBytes: Int? = nil) {
        self.paths = paths
        self.maximumPageBytes = maximumPageBytes
    }

    /// The reason given for a page over ``maximumPageBytes``.
    public static func tooLarge(_ size: Int, limit: Int) -> String {
        "too large: \(size) bytes, over the limit of \(limit) (--max-bytes)"
    }

    public func read(_ body: (InputItem) throws -> Void) rethrows {
        for path in paths {
            if path == "-" {
                let bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
                try read(bytes: bytes, uri: "stdin", name: "", body)
                continue
            }
            let files = Self.expand(path)
            if files.isEmpty {
                try body(.failure(AnalysisError(uri: path, reason: "no such file or directory")))
            }
            for file in files {
                let uri = URL(fileURLWithPath: file).standardizedFileURL.absoluteString
                if let limit = maximumPageBytes, Self.holdsOnePage(file),
                    let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue,
                    size > limit
                {
                    try body(.failure(AnalysisError(uri: uri, reason: Self.tooLarge(size, limit: limit))))
                    continue
                }
                let bytes: [UInt8]
                do {
                    bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped))
                } catch {
                    try body(.failure(AnalysisError(uri: uri, reason: "cannot read: \(Self.describe(error))")))
                    continue
                }
                try read(bytes: bytes, uri: uri, name: file, body)
            }
        }
    }

    /// Whether a file named so holds one page or text (not a feed or an archive of many).
    static func holdsOnePage(_ name: String) -> Bool {
        var lower = name.lowercased()
        if lower.hasSuffix(".gz") { lower.removeLast(3) }
        return ![".jsonl", ".ndjson", ".json", ".warc"].contains { lower.hasSuffix($0) }
    }

    /// The regular files a path names: itself, the files below a directory (sorted, hidden ones
    /// skipped), or the matches of a glob pattern.
    public static func expand(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return [path] }
            guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
            var files: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                let full = (path as NSString).appendingPathComponent(relative)
                var nested: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &nested), !nested.boolValue {
                    files.append(full)
                }
            }
            return files.sorted()
        }
        guard path.contains(where: { "*?[".contains($0) }) else { return [] }
        return glob(path).flatMap { expand($0) }
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Foundation.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { i in
            result.gl_pathv[i].flatMap { String(validatingCString: $0) }
        }
    }

    private enum Container { case records, recordOrArray, page, text }

    /// The most a gzip-compressed input may expand to: a guard against decompression bombs.
    static let decompressedLimit = 1 << 30
    private static let warcSignature = Array("WARC/".utf8)

    /// Reads bytes already in memory as a file named `name` (its extension tells the container
    /// when the bytes do not), each source named by `uri`.
    public func read(bytes: [UInt8], uri: String, name: String, _ body: (InputItem) throws -> Void) rethrows {
        let lower = name.lowercased()
        let container: Container
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            container = .records
        } else if lower.hasSuffix(".json") {
            container = .recordOrArray
        } else if lower.hasSuffix(".warc") || lower.hasSuffix(".warc.gz") || bytes.starts(with: Self.warcSignature) {
            var reader = WARCReader(bytes: bytes, uri: uri)
            while let item = reader.next() { try body(item) }
            return
        } else if Gzip.isGzip(bytes) {
            // `page.html.gz`, `feed.jsonl.gz`: the inner name says what the contents are.
            let inner = lower.hasSuffix(".gz") ? String(name.dropLast(3)) : name
            let contents: [UInt8]
            // A compressed page may not expand past the page limit: a bomb stops early.
            let pageLimit = Self.holdsOnePage(inner) && !WARCReader.looksLikeWARC(bytes) ? maximumPageBytes : nil
            do {
                contents = try Gzip.decompress(bytes, limit: pageLimit ?? Self.decompressedLimit)
            } catch {
                let reason =
                    if error.kind == .tooLarge, let pageLimit {
                        "too large: expands to more than \(pageLimit) bytes (--max-bytes)"
                    } else {
                        "\(error)"
                    }
                try body(.failure(AnalysisError(uri: uri, reason: reason)))
                return
            }
            try read(bytes: contents, uri: uri, name: inner, body)
            return
        } else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") {
            container = .page
        } else {
            container = Self.sniff(bytes)
        }
        switch container {
        case .records:
            try readLines(bytes, uri: uri, body)
        case .recordOrArray:
            let items: [InputItem]
            do {
                let value = try JSONParser.parse(bytes)
                items = (value.array ?? [value]).enumerated().map { i, record in
                    Self.source(record: record, uri: uri, position: "record \(i + 1)")
                }
            } catch {
                items = [.failure(AnalysisError(uri: uri, reason: "\(error)"))]
            }
            for item in items { try body(item) }
        case .page:
            try body(.source(SourceDocument(uri: uri, format: .html, content: .html, bytes: bytes)))
        case .text:
            try body(.source(SourceDocument(uri: uri, format: .text, content: .text, bytes: bytes)))
        }
    }

    private static func sniff(_ bytes: [UInt8]) -> Container {
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        while start < bytes.endIndex, bytes[start] == 0x20 || (0x09...0x0D).contains(bytes[start]) { start += 1 }
        guard start < bytes.endIndex else { return .text }
        if bytes[start] == UInt8(ascii: "{") { return .records }
        let head = String(decoding: bytes[start..<min(bytes.endIndex, start + 512)], as: UTF8.self).lowercased()
        for marker in ["<!doctype html", "<html", "<head", "<body", "<?xml"] where head.hasPrefix(marker) {
            return marker == "<?xml" && !head.contains("<html") ? .text : .page
        }
        return .text
    }

    private func readLines(_ bytes: [UInt8], uri: String, _ body: (InputItem) throws -> Void) rethrows {
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            lineNumber += 1
            let line = bytes[start..<end]
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let item: InputItem
            do {
                item = Self.source(record: try JSONParser.parse(line), uri: uri, position: "line \(lineNumber)")
            } catch {
                item = .failure(AnalysisError(uri: "\(uri)#line\(lineNumber)", reason: "\(error)"))
            }
            try body(item)
        }
    }

    /// Turns a JSON record into a source, or a failure naming where the record was.
    public static func source(record: JSONValue, uri: String, position: String) -> InputItem {
        guard let object = record.object else {
            return .failure(AnalysisError(uri: "\(uri) (\(position))", reason: "a record must be a JSON object"))
        }
        func field(_ key: String) -> String? { object[key]?.string }
        let id = field("id") ?? object["id"]?.int.map(String.init)
        let recordURI = field("url") ?? "\(uri)#\(id ?? position.replacingOccurrences(of: " ", with: ""))"
        let content: SourceDocument.Content
        let payload: String
        if let html = field("html") {
            content = .html
            payload = html
        } else if let text = field("text") {
            content = .text
            payload = text
        } else {
            return .failure(
                AnalysisError(uri: recordURI, reason: "record has neither \"text\" nor \"html\" (\(position))"))
        }
        return .source(
            SourceDocument(
                uri: recordURI, format: .jsonl, content: content, bytes: Array(payload.utf8),
                title: field("title"), published: field("published"), site: field("site")))
    }

    private static func describe(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
