import Foundation

/// The binary container of Tribune's model files: a magic number, a kind and a version, then
/// sections written and read in the same order. Numbers are little-endian; arrays are a count
/// followed by their elements, read in one copy (a model loads in milliseconds).
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(kind: String, version: UInt32) {
        bytes.append(contentsOf: Array("TRBN".utf8))
        write(kind)
        write(version)
    }

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Float) { write(value.bitPattern) }

    mutating func write(_ value: String) {
        let utf8 = Array(value.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func write(_ values: [String]) {
        write(UInt32(values.count))
        for value in values { write(value) }
    }

    /// An array of integers, in the host's byte order (little-endian on every platform Swift
    /// targets here).
    mutating func write<T: FixedWidthInteger>(_ values: [T]) {
        write(UInt64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    func save(to url: URL) throws {
        try Data(bytes).write(to: url, options: .atomic)
    }
}

/// Reads what ``BinaryWriter`` wrote; any inconsistency throws ``ModelFileError``.
struct BinaryReader {
    private let data: [UInt8]
    private var offset = 0
    let name: String

    /// Checks the header: the magic number, the kind and the version.
    init(_ data: [UInt8], name: String, kind: String, version: UInt32) throws {
        self.data = data
        self.name = name
        guard data.count >= 4, Array(data[0..<4]) == Array("TRBN".utf8) else {
            throw ModelFileError(file: name, reason: "not a Tribune model file")
        }
        offset = 4
        let foundKind = try readString()
        guard foundKind == kind else {
            throw ModelFileError(file: name, reason: "holds a \(foundKind) model, not a \(kind) model")
        }
        let foundVersion: UInt32 = try read()
        guard foundVersion == version else {
            throw ModelFileError(
                file: name, reason: "format version \(foundVersion), this build reads \(version): retrain it")
        }
    }

    init(contentsOf url: URL, kind: String, version: UInt32) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelFileError(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        try self.init([UInt8](data), name: url.path, kind: kind, version: version)
    }

    private mutating func take(_ count: Int) throws -> Range<Int> {
        guard count >= 0, count <= data.count - offset else {
            throw ModelFileError(file: name, reason: "truncated at byte \(offset)")
        }
        defer { offset += count }
        return offset..<offset + count
    }

    mutating func read<T: FixedWidthInteger>() throws -> T {
        let range = try take(MemoryLayout<T>.size)
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { target in
            data.withUnsafeBytes { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
        return T(littleEndian: value)
    }

    mutating func readFloat() throws -> Float { Float(bitPattern: try read()) }

    mutating func readString() throws -> String {
        let count: UInt32 = try read()
        let range = try take(Int(count))
        return String(decoding: data[range], as: UTF8.self)
    }

    mutating func readStrings() throws -> [String] {
        let count: UInt32 = try read()
        guard Int(count) <= data.count - offset else { throw ModelFileError(file: name, reason: "bad string count") }
        return try (0..<Int(count)).map { _ in try readString() }
    }

    mutating func readArray<T: FixedWidthInteger>(of: T.Type = T.self) throws -> [T] {
        let count: UInt64 = try read()
        guard count <= UInt64(data.count) else { throw ModelFileError(file: name, reason: "bad array length") }
        let range = try take(Int(count) * MemoryLayout<T>.stride)
        return [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            data.withUnsafeBytes {
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[range]))
            }
            initialized = Int(count)
        }
    }

    /// Throws unless every byte was read.
    func finish() throws {
        guard offset == data.count else {
            throw ModelFileError(file: name, reason: "\(data.count - offset) unexpected bytes at the end")
        }
    }
}

/// A model file that cannot be used, and why.
public struct ModelFileError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "model file \(file): \(reason)" }
}
