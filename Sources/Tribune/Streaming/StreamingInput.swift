import Foundation
import TribuneCore
import TribuneExtract

/// One input of a stream, numbered in reading order: a source to analyze, or a failure to
/// report in its place, with the record's own `id` when it has one.
public struct StreamItem: Sendable {
    public var item: InputItem
    /// The JSONL record's `"id"`, so that an error record can name it.
    public var recordID: String?
}

/// Reads inputs as a stream: JSONL on standard input record by record as it arrives (so that
/// output starts before the input ends and memory holds only the records in flight), and
/// everything else through ``InputReader``.
public struct StreamingInput: Sendable {
    public var paths: [String]
    /// Records longer than this fail with an error naming them, rather than fill memory; page and
    /// text files larger than this are refused before they are read.
    public var maximumLineBytes: Int

    public init(paths: [String], maximumLineBytes: Int = 64 << 20) {
        self.paths = paths
        self.maximumLineBytes = maximumLineBytes
    }

    /// Calls `body` for each input in order until it returns `false`.
    public func read(_ body: (StreamItem) -> Bool) {
        for path in paths {
            if path == "-" {
                guard readStandardInput(body) else { return }
                continue
            }
            var going = true
            InputReader(paths: [path], maximumPageBytes: maximumLineBytes).read { item in
                if going { going = body(StreamItem(item: item, recordID: nil)) }
            }
            guard going else { return }
        }
    }

    /// Standard input: line by line when it holds JSON records, else read whole as one input.
    private func readStandardInput(_ body: (StreamItem) -> Bool) -> Bool {
        let input = FileHandle.standardInput
        // The first bytes tell records from a page.
        var head: [UInt8] = []
        var chunk: [UInt8] = []
        repeat {
            chunk = Array(input.availableData)
            head += chunk
        } while !chunk.isEmpty && !head.contains(where: { !Self.isSpace($0) })
        guard head.first(where: { !Self.isSpace($0) }) == UInt8(ascii: "{") else {
            while !chunk.isEmpty {
                chunk = Array(input.availableData)
                head += chunk
            }
            var going = true
            InputReader(paths: []).read(bytes: head, uri: "stdin", name: "") { item in
                if going { going = body(StreamItem(item: item, recordID: nil)) }
            }
            return going
        }
        var line: [UInt8] = []
        var lineNumber = 0
        var oversized = false
        chunk = head
        while true {
            var from = 0
            while from < chunk.count {
                let newline = chunk[from...].firstIndex(of: 0x0A)
                let end = newline ?? chunk.count
                if !oversized { line += chunk[from..<end] }
                from = end + 1
                if line.count > maximumLineBytes, !oversized {
                    oversized = true
                    line = []
                }
                guard newline != nil else { break }
                lineNumber += 1
                if oversized {
                    // Said once, in the record's place; the rest of it was dropped as it came.
                    oversized = false
                    let failure = AnalysisError(
                        uri: "stdin#line\(lineNumber)", reason: "a record longer than \(maximumLineBytes) bytes")
                    if !body(StreamItem(item: .failure(failure), recordID: nil)) { return false }
                } else if let item = record(line[...], number: lineNumber), !body(item) {
                    return false
                }
                line.removeAll(keepingCapacity: true)
            }
            chunk = Array(input.availableData)
            if chunk.isEmpty { break }
        }
        // A last record without a newline.
        if oversized || !line.isEmpty {
            lineNumber += 1
            if oversized {
                let failure = AnalysisError(
                    uri: "stdin#line\(lineNumber)", reason: "a record longer than \(maximumLineBytes) bytes")
                return body(StreamItem(item: .failure(failure), recordID: nil))
            }
            if let item = record(line[...], number: lineNumber) { return body(item) }
        }
        return true
    }

    private func record(_ line: ArraySlice<UInt8>, number: Int) -> StreamItem? {
        guard line.contains(where: { !Self.isSpace($0) }) else { return nil }
        do {
            let value = try JSONParser.parse(line)
            let id = value.object?["id"].flatMap { $0.string ?? $0.int.map(String.init) }
            return StreamItem(
                item: InputReader.source(record: value, uri: "stdin", position: "line \(number)"), recordID: id)
        } catch {
            return StreamItem(
                item: .failure(AnalysisError(uri: "stdin#line\(number)", reason: "\(error)")), recordID: nil)
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
