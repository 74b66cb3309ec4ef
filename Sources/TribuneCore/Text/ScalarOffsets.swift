/// Converts between UTF-8 byte offsets and Unicode scalar indexes of one text.
///
/// Tribune's stages work on UTF-8 bytes; the document JSON speaks in scalar indexes.
/// Only continuation bytes are stored, so an ASCII text costs nothing and conversion is a
/// binary search.
public struct ScalarOffsets: Sendable {
    /// Byte offsets of every UTF-8 continuation byte, ascending.
    private let continuations: [Int32]
    public let byteCount: Int

    public init(_ utf8: some Sequence<UInt8>) {
        var continuations: [Int32] = []
        var offset = 0
        for byte in utf8 {
            if byte & 0xC0 == 0x80 { continuations.append(Int32(truncatingIfNeeded: offset)) }
            offset += 1
        }
        self.continuations = continuations
        self.byteCount = offset
    }

    public init(_ text: String) { self.init(text.utf8) }

    public var isASCII: Bool { continuations.isEmpty }

    public var scalarCount: Int { byteCount - continuations.count }

    /// The scalar index of the scalar that starts at (or contains) byte `offset`.
    public func scalarIndex(ofByte offset: Int) -> Int {
        if continuations.isEmpty { return offset }
        var low = 0
        var high = continuations.count
        while low < high {
            let mid = (low + high) / 2
            if Int(continuations[mid]) < offset { low = mid + 1 } else { high = mid }
        }
        return offset - low
    }

    /// The byte offset where scalar `index` starts (`byteCount` for the end).
    public func byteOffset(ofScalar index: Int) -> Int {
        if continuations.isEmpty { return index }
        var low = 0
        var high = continuations.count
        while low < high {
            let mid = (low + high) / 2
            if Int(continuations[mid]) - mid <= index { low = mid + 1 } else { high = mid }
        }
        return index + low
    }

    public func span(bytes range: Range<Int>) -> Span {
        Span(scalarIndex(ofByte: range.lowerBound), scalarIndex(ofByte: range.upperBound))
    }

    public func byteRange(_ span: Span) -> Range<Int> {
        byteOffset(ofScalar: span.start)..<byteOffset(ofScalar: span.end)
    }
}

extension String {
    /// The text of a scalar-index span, as `text[start:end]` in Python.
    public func slice(_ span: Span) -> Substring {
        let scalars = unicodeScalars
        guard let start = scalars.index(scalars.startIndex, offsetBy: span.start, limitedBy: scalars.endIndex),
            let end = scalars.index(start, offsetBy: span.length, limitedBy: scalars.endIndex)
        else { return "" }
        return self[start..<end]
    }
}
