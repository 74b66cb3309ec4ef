/// Decompresses gzip files (RFC 1952) and raw DEFLATE streams (RFC 1951) in pure Swift.
///
/// Stored, fixed-Huffman and dynamic-Huffman blocks are supported; a gzip file may hold several
/// members one after another (as WARC files do), and each member's CRC-32 and length are checked.
/// Bad input never crashes: truncated or corrupt data and output beyond `limit` throw a
/// ``Gzip/Failure`` that says what was wrong and where.
///
/// ```swift
/// let html = try Gzip.decompress(Array(try Data(contentsOf: url)))
/// ```
public enum Gzip {
    /// Output larger than this throws unless a caller asks for more: a guard against
    /// decompression bombs.
    public static let defaultLimit = 1 << 30

    /// Why decompression stopped.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public enum Kind: String, Hashable, Sendable {
            /// The data ends before the stream does.
            case truncated
            /// The data breaks the format: a bad header, block type, code or distance.
            case corrupt
            /// The stream decodes, but its CRC-32 or length does not match the trailer.
            case checksum
            /// The output would exceed the caller's limit.
            case tooLarge
        }

        public var kind: Kind
        public var message: String
        /// The byte offset in the input where the problem was noticed.
        public var offset: Int

        public init(_ kind: Kind, _ message: String, offset: Int) {
            self.kind = kind
            self.message = message
            self.offset = offset
        }

        public var description: String { "\(kind.rawValue) gzip data at byte \(offset): \(message)" }
    }

    /// Whether `bytes` start like a gzip member.
    public static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0x1F, 0x8B])
    }

    /// Decompresses every member of a gzip file and returns their outputs joined.
    ///
    /// Zero bytes after the last member (block padding) are ignored; anything else there is an
    /// error, since it means a member whose header was damaged.
    public static func decompress(_ bytes: [UInt8], limit: Int = defaultLimit) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, bytes.count * 4))
        var offset = 0
        repeat {
            offset = try decompressMember(bytes, at: offset, into: &output, limit: limit)
            while offset < bytes.count, bytes[offset] == 0 { offset += 1 }
        } while offset < bytes.count
        return output
    }

    /// Decompresses the one gzip member that starts at `offset`, appending to `output`, and
    /// returns the offset just past it: the way to walk a multi-member file record by record.
    ///
    /// - Parameter limit: the most `output` may hold when this returns.
    public static func decompressMember(
        _ bytes: [UInt8], at offset: Int, into output: inout [UInt8], limit: Int = defaultLimit
    ) throws(Failure) -> Int {
        let bodyStart = try headerEnd(bytes, at: offset)
        let start = output.count
        let bodyEnd = try Deflate.inflate(bytes, at: bodyStart, into: &output, limit: limit)
        guard bodyEnd + 8 <= bytes.count else {
            throw Failure(.truncated, "the member ends without its CRC-32 and length", offset: bytes.count)
        }
        func word(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        let crc = output.withUnsafeBufferPointer { CRC32.checksum(UnsafeBufferPointer(rebasing: $0[start...])) }
        guard crc == word(bodyEnd) else {
            throw Failure(.checksum, "CRC-32 does not match the member's trailer", offset: bodyEnd)
        }
        guard UInt32(truncatingIfNeeded: output.count - start) == word(bodyEnd + 4) else {
            throw Failure(.checksum, "length does not match the member's trailer", offset: bodyEnd + 4)
        }
        return bodyEnd + 8
    }

    /// Checks a member header (RFC 1952 §2.3) and returns where its DEFLATE data begins.
    private static func headerEnd(_ bytes: [UInt8], at start: Int) throws(Failure) -> Int {
        guard start + 10 <= bytes.count else {
            throw Failure(.truncated, "the gzip header is incomplete", offset: bytes.count)
        }
        guard bytes[start] == 0x1F, bytes[start + 1] == 0x8B else {
            throw Failure(.corrupt, "not gzip data (no 1F 8B signature)", offset: start)
        }
        guard bytes[start + 2] == 8 else {
            throw Failure(.corrupt, "unknown compression method \(bytes[start + 2])", offset: start + 2)
        }
        let flags = bytes[start + 3]
        guard flags & 0xE0 == 0 else { throw Failure(.corrupt, "reserved header flags set", offset: start + 3) }
        var offset = start + 10
        if flags & 0x04 != 0 {  // FEXTRA
            guard offset + 2 <= bytes.count else { throw Failure(.truncated, "extra field", offset: bytes.count) }
            offset += 2 + (Int(bytes[offset]) | Int(bytes[offset + 1]) << 8)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            while offset < bytes.count, bytes[offset] != 0 { offset += 1 }
            offset += 1
        }
        if flags & 0x02 != 0 { offset += 2 }  // FHCRC
        guard offset <= bytes.count else {
            throw Failure(.truncated, "the gzip header is incomplete", offset: bytes.count)
        }
        return offset
    }
}

/// Raw DEFLATE decoding (RFC 1951), the compressed body of gzip and zlib streams.
public enum Deflate {
    /// Decodes the DEFLATE stream that starts at `offset`, appending to `output`, and returns the
    /// offset of the first byte after it (the stream ends on a byte boundary).
    public static func inflate(
        _ bytes: [UInt8], at offset: Int, into output: inout [UInt8], limit: Int = Gzip.defaultLimit
    ) throws(Gzip.Failure) -> Int {
        guard offset >= 0, offset <= bytes.count else {
            throw Gzip.Failure(.truncated, "no DEFLATE data", offset: bytes.count)
        }
        do {
            return try bytes.withUnsafeBufferPointer { buffer throws(Gzip.Failure) -> Int in
                var inflater = Inflater(input: buffer, position: offset, limit: limit)
                do throws(Gzip.Failure) {
                    try inflater.run(into: &output)
                } catch {
                    // Decoding ran into the zeros read past the end: the data stops early.
                    if error.kind == .corrupt && inflater.position > buffer.count {
                        throw Gzip.Failure(.truncated, "the DEFLATE stream ends early", offset: buffer.count)
                    }
                    throw error
                }
                return inflater.bytePosition
            }
        }
    }
}

/// The DEFLATE decoder's state: a little-endian bit reader over the input and the block loop.
private struct Inflater {
    let input: UnsafeBufferPointer<UInt8>
    /// The next input byte to load into `bits`.
    var position: Int
    var bits: UInt64 = 0
    var bitCount = 0
    let limit: Int

    init(input: UnsafeBufferPointer<UInt8>, position: Int, limit: Int) {
        self.input = input
        self.position = position
        self.limit = limit
    }

    /// The offset of the first input byte not yet consumed (whole bytes only).
    var bytePosition: Int { position - bitCount / 8 }

    /// Past the end, zero bytes are loaded so that decoding stays branch-light; `checkInput`
    /// turns having consumed any of them into a `.truncated` error.
    @inline(__always)
    mutating func refill() {
        while bitCount <= 56 {
            if position < input.count { bits |= UInt64(input[position]) << UInt64(bitCount) }
            position += 1
            bitCount += 8
        }
    }

    @inline(__always)
    func checkInput() throws(Gzip.Failure) {
        if position - bitCount / 8 > input.count {
            throw Gzip.Failure(.truncated, "the DEFLATE stream ends early", offset: input.count)
        }
    }

    @inline(__always)
    mutating func take(_ count: Int) -> Int {
        if bitCount < count { refill() }
        let value = Int(truncatingIfNeeded: bits & ((1 << UInt64(count)) - 1))
        bits >>= UInt64(count)
        bitCount -= count
        return value
    }

    mutating func run(into result: inout [UInt8]) throws(Gzip.Failure) {
        var output = OutputBuffer(capacity: max(1 << 16, min(limit - result.count, input.count * 4)))
        defer { output.deallocate() }
        try blocks(into: &output, limit: limit - result.count)
        result.append(contentsOf: output.bytes)
    }

    private mutating func blocks(into output: inout OutputBuffer, limit: Int) throws(Gzip.Failure) {
        var last = false
        while !last {
            last = take(1) == 1
            switch take(2) {
            case 0: try storedBlock(into: &output, limit: limit)
            case 1:
                try huffmanBlock(
                    literals: Self.fixedLiterals, distances: Self.fixedDistances, into: &output, limit: limit)
            case 2:
                let (literals, distances) = try dynamicTables()
                try huffmanBlock(literals: literals, distances: distances, into: &output, limit: limit)
            default: throw Gzip.Failure(.corrupt, "reserved block type 3", offset: bytePosition)
            }
            try checkInput()
        }
        // The stream ends on a byte boundary: drop the rest of the last byte.
        _ = take(bitCount % 8)
    }

    private mutating func storedBlock(into output: inout OutputBuffer, limit: Int) throws(Gzip.Failure) {
        _ = take(bitCount % 8)
        let length = take(16)
        let complement = take(16)
        try checkInput()
        guard length == ~complement & 0xFFFF else {
            throw Gzip.Failure(.corrupt, "stored block length check fails", offset: bytePosition)
        }
        // Copy straight from the input: rewind the bit buffer to a byte position first.
        let start = bytePosition
        bits = 0
        bitCount = 0
        guard start + length <= input.count else {
            throw Gzip.Failure(.truncated, "stored block runs past the end", offset: input.count)
        }
        guard output.count + length <= limit else { throw tooLarge }
        output.reserve(length)
        if length > 0 { (output.base + output.count).update(from: input.baseAddress! + start, count: length) }
        output.count += length
        position = start + length
    }

    private var tooLarge: Gzip.Failure {
        Gzip.Failure(.tooLarge, "output exceeds the limit of \(limit) bytes", offset: bytePosition)
    }

    private mutating func huffmanBlock(
        literals: HuffmanCode, distances: HuffmanCode, into output: inout OutputBuffer, limit: Int
    ) throws(Gzip.Failure) {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                guard output.count < limit else { throw tooLarge }
                output.reserve(1)
                output.base[output.count] = UInt8(truncatingIfNeeded: symbol)
                output.count += 1
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < 29 else { throw Gzip.Failure(.corrupt, "bad length code", offset: bytePosition) }
            let length = Self.lengthBase[lengthIndex] + take(Self.lengthExtra[lengthIndex])
            let distanceSymbol = try decode(distances)
            guard distanceSymbol < 30 else {
                throw Gzip.Failure(.corrupt, "bad distance code", offset: bytePosition)
            }
            let distance = Self.distanceBase[distanceSymbol] + take(Self.distanceExtra[distanceSymbol])
            try checkInput()
            guard distance <= output.count else {
                throw Gzip.Failure(.corrupt, "distance \(distance) reaches before the output", offset: bytePosition)
            }
            guard output.count + length <= limit else { throw tooLarge }
            output.reserve(length)
            let to = output.base + output.count
            if distance >= length {
                to.update(from: to - distance, count: length)
            } else {
                // The source overlaps what is being written: byte by byte repeats the pattern.
                for k in 0..<length { to[k] = to[k - distance] }
            }
            output.count += length
        }
    }

    /// Reads a dynamic block's code-length code, then its literal/length and distance codes.
    private mutating func dynamicTables() throws(Gzip.Failure) -> (HuffmanCode, HuffmanCode) {
        let literalCount = take(5) + 257
        let distanceCount = take(5) + 1
        let lengthCodeCount = take(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw Gzip.Failure(.corrupt, "too many literal or distance codes", offset: bytePosition)
        }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<lengthCodeCount { codeLengthLengths[Self.codeLengthOrder[i]] = UInt8(take(3)) }
        try checkInput()
        let codeLengths = try HuffmanCode(lengths: codeLengthLengths[...], at: bytePosition)
        var lengths = [UInt8](repeating: 0, count: literalCount + distanceCount)
        var i = 0
        while i < lengths.count {
            let symbol = try decode(codeLengths)
            let (value, repeats): (UInt8, Int)
            switch symbol {
            case 0..<16: (value, repeats) = (UInt8(symbol), 1)
            case 16:
                guard i > 0 else {
                    throw Gzip.Failure(.corrupt, "repeat with no previous length", offset: bytePosition)
                }
                (value, repeats) = (lengths[i - 1], 3 + take(2))
            case 17: (value, repeats) = (0, 3 + take(3))
            default: (value, repeats) = (0, 11 + take(7))
            }
            guard i + repeats <= lengths.count else {
                throw Gzip.Failure(.corrupt, "code lengths overrun the table", offset: bytePosition)
            }
            for _ in 0..<repeats {
                lengths[i] = value
                i += 1
            }
        }
        try checkInput()
        guard lengths[256] != 0 else { throw Gzip.Failure(.corrupt, "no end-of-block code", offset: bytePosition) }
        return (
            try HuffmanCode(lengths: lengths[..<literalCount], at: bytePosition),
            try HuffmanCode(lengths: lengths[literalCount...], at: bytePosition)
        )
    }

    @inline(__always)
    private mutating func decode(_ code: HuffmanCode) throws(Gzip.Failure) -> Int {
        if bitCount < 15 { refill() }
        let entry = code.fast[Int(truncatingIfNeeded: bits) & (HuffmanCode.fastSize - 1)]
        if entry != 0 {
            let length = Int(entry & 0xF)
            bits >>= UInt64(length)
            bitCount -= length
            try checkInput()
            return Int(entry >> 4)
        }
        // A code longer than the fast table: walk the canonical code bit by bit (RFC 1951 §3.2.2).
        var codeValue = 0
        var first = 0
        var index = 0
        var peek = bits
        for length in 1...15 {
            codeValue |= Int(peek & 1)
            peek >>= 1
            let count = Int(code.counts[length])
            if codeValue - first < count {
                bits >>= UInt64(length)
                bitCount -= length
                try checkInput()
                return Int(code.symbols[index + codeValue - first])
            }
            index += count
            first = (first + count) << 1
            codeValue <<= 1
        }
        throw Gzip.Failure(.corrupt, "a code that is not in the Huffman table", offset: bytePosition)
    }

    private static let lengthBase = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258,
    ]
    private static let lengthExtra = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    // RFC 1951 §3.2.6; both tables are complete codes, so building them cannot fail.
    private static let fixedLiterals = try! HuffmanCode(
        lengths: ([UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112)
            + [UInt8](repeating: 7, count: 24) + [UInt8](repeating: 8, count: 8))[...],
        at: 0)
    private static let fixedDistances = try! HuffmanCode(lengths: [UInt8](repeating: 5, count: 30)[...], at: 0)
}

/// The growing output of one DEFLATE stream: raw memory, since a match copies from the output
/// into itself and `Array`'s per-byte checks would dominate.
private struct OutputBuffer {
    var base: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    func deallocate() { base.deallocate() }
}

/// A canonical Huffman code: a lookup table for codes up to `fastBits` long, and the counts
/// and symbols the bit-by-bit decoder walks for longer ones.
private struct HuffmanCode: Sendable {
    static let fastBits = 10
    static let fastSize = 1 << fastBits

    /// Indexed by the next `fastBits` input bits: `symbol << 4 | length`, or 0 when longer.
    var fast: [UInt16]
    /// How many codes have each length 0…15.
    var counts: [UInt16]
    /// The symbols ordered by code.
    var symbols: [UInt16]

    /// Builds the code from each symbol's code length; throws if the lengths over-subscribe the
    /// code space. (Incomplete codes are allowed: RFC 1951 permits a one-code distance tree, and
    /// a missing code then fails when it is read.)
    init(lengths: ArraySlice<UInt8>, at offset: Int) throws(Gzip.Failure) {
        counts = [UInt16](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1...15 {
            left = (left << 1) - Int(counts[length])
            guard left >= 0 else { throw Gzip.Failure(.corrupt, "over-subscribed Huffman code", offset: offset) }
        }
        var next = [Int](repeating: 0, count: 16)
        for length in 1..<15 { next[length + 1] = next[length] + Int(counts[length]) }
        symbols = [UInt16](repeating: 0, count: lengths.count)
        fast = [UInt16](repeating: 0, count: Self.fastSize)
        var code = 0
        var firstCode = [Int](repeating: 0, count: 16)
        for length in 1...15 {
            code = (code + (length > 1 ? Int(counts[length - 1]) : 0)) << (length > 1 ? 1 : 0)
            firstCode[length] = code
        }
        for (symbol, length) in zip(0..., lengths) where length != 0 {
            let length = Int(length)
            symbols[next[length]] = UInt16(symbol)
            next[length] += 1
            guard length <= Self.fastBits else { continue }
            // Codes are sent most significant bit first; the table is indexed by input order.
            let value = firstCode[length]
            firstCode[length] += 1
            var reversed = 0
            for bit in 0..<length where value & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
            var slot = reversed
            while slot < Self.fastSize {
                fast[slot] = UInt16(symbol << 4 | length)
                slot += 1 << length
            }
        }
    }
}

/// CRC-32 (ISO 3309, the polynomial gzip, PNG and zip use), eight bytes at a step
/// ("slicing-by-8").
public enum CRC32 {
    /// `tables[k][b]`: the CRC of byte `b` followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            tables[n] = c
        }
        for k in 1..<8 {
            for n in 0..<256 {
                let previous = tables[(k - 1) * 256 + n]
                tables[k * 256 + n] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return tables
    }()

    /// The checksum of `bytes`, continuing from `crc` (0 to start).
    public static func checksum(_ bytes: UnsafeBufferPointer<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        tables.withUnsafeBufferPointer { t in
            var i = 0
            let count = bytes.count
            while i + 8 <= count {
                let low =
                    c
                    ^ (UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3])
                        << 24)
                c =
                    t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(bytes[i + 4])] ^ t[2 * 256 + Int(bytes[i + 5])]
                    ^ t[256 + Int(bytes[i + 6])] ^ t[Int(bytes[i + 7])]
                i += 8
            }
            while i < count {
                c = t[Int((c ^ UInt32(bytes[i])) & 0xFF)] ^ (c >> 8)
                i += 1
            }
        }
        return ~c
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { checksum($0) }
    }
}
