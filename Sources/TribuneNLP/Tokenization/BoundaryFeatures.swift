/// The features of a gap between two tokens, for the learned part of sentence splitting.
///
/// A feature is a 64-bit hash of a template number and the values it combines: the shapes of the
/// tokens around the gap (capitalized word, `.`, closing quote…), the words themselves (lowercased),
/// what the rules would decide, how long the sentence is so far and how near the paragraph end it
/// is. Hashing keeps extraction free of allocation, and the same hashes serve training and use.
struct BoundaryFeatures {
    /// The coarse kind of a token.
    enum Shape: UInt8 {
        case capitalized = 1
        case lowercase, allCaps, number, uncased
        case period, exclamation, ellipsis
        case abbreviation, initial
        case openingQuote, closingQuote, openingBracket, closingBracket
        case comma, colon, semicolon, dash, symbol, link, emoticon, clitic
        /// Before the paragraph's first token or after its last.
        case edge

    }

    /// At most this many features per gap.
    static let capacity = 32

    /// The hashes of the current gap's features.
    var hashes = [UInt64](repeating: 0, count: capacity)
    var count = 0
    /// The features that look at shapes only come first; the rest look at the words.
    var shapeCount = 0

    /// The shapes and word hashes of the last few tokens looked at: a token is looked at from up to
    /// four gaps in a row (as the token after the next, the next, the previous, the one before).
    private var cachedToken = [Int](repeating: -1, count: 4)
    private var cachedShape = [Shape](repeating: .edge, count: 4)
    private var cachedWord = [UInt64](repeating: 0, count: 4)

    /// The shape and word hash of the token at `index`.
    @inline(__always)
    private mutating func describe(_ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, _ index: Int)
        -> (shape: Shape, word: UInt64)
    {
        let slot = index & 3
        if cachedToken[slot] != index {
            cachedToken[slot] = index
            cachedShape[slot] = Self.shape(text, buffer, index)
            cachedWord[slot] = Self.word(text, buffer, index)
        }
        return (cachedShape[slot], cachedWord[slot])
    }

    /// What a gap's features are computed from, beyond the tokens.
    struct Context {
        /// What the rules say about the gap.
        var ruleSaysEnd: Bool
        /// Tokens since the current sentence began.
        var sentenceLength: Int
        /// Tokens left in the paragraph after the gap.
        var remaining: Int
        /// Whether the writer starts sentences in lowercase (see ``SentenceSplitter``).
        var lowercaseStyle: Bool
        /// Whether the word after the gap is a common sentence starter.
        var nextIsStarter: Bool
    }

    /// Computes the features of the gap after token `index` of a paragraph whose tokens are
    /// `tokens`.
    mutating func extract(
        _ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, after index: Int, in tokens: Range<Int>,
        _ context: Context
    ) {
        count = 0
        let p2 = index - 1 >= tokens.lowerBound ? index - 1 : nil
        let n2 = index + 2 < tokens.upperBound ? index + 2 : nil
        let (shapeP, wordP) = describe(text, buffer, index)
        let (shapeN, wordN) = describe(text, buffer, index + 1)
        let (shapeP2, wordP2) = p2.map { describe(text, buffer, $0) } ?? (.edge, 0)
        let (shapeN2, wordN2) = n2.map { describe(text, buffer, $0) } ?? (.edge, 0)
        let p = UInt64(shapeP.rawValue)
        let n = UInt64(shapeN.rawValue)
        let p2Shape = UInt64(shapeP2.rawValue)
        let n2Shape = UInt64(shapeN2.rawValue)
        let rule: UInt64 = context.ruleSaysEnd ? 1 : 0
        let starter: UInt64 = context.nextIsStarter ? 1 : 0

        // The shapes and the rules' verdict
        add(1, 0)
        add(2, rule, p, n)
        add(3, p2Shape, p, n)
        add(4, p, n, n2Shape)
        add(5, starter, p2Shape, p)
        add(6, context.lowercaseStyle ? 1 : 0, p, n)
        add(7, p, n, Self.bucket(context.sentenceLength))
        add(8, p, n, Self.bucket(context.remaining))
        add(15, starter, p)
        add(16, buffer.traits[index + 1].contains(.spaceBefore) ? 1 : 0, p)
        shapeCount = count
        // The words
        add(9, wordP, n)
        add(10, p, wordN)
        add(11, wordP, wordN)
        add(12, wordP2, wordP, n)
        add(13, wordP2, p)
        add(14, p2Shape, wordP)
        add(17, wordN, wordN2)
        add(18, p, wordN, n2Shape)
    }

    @inline(__always)
    private mutating func add(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0) {
        var hash = 0xcbf2_9ce4_8422_2325 ^ template
        hash = (hash ^ a) &* 0x100_0000_01b3
        hash = (hash ^ (hash >> 31) ^ b) &* 0x100_0000_01b3
        hash = (hash ^ (hash >> 31) ^ c) &* 0x100_0000_01b3
        hash ^= hash >> 29
        hashes[count] = hash == 0 ? 1 : hash  // 0 marks an empty slot in the model's table
        count += 1
    }

    /// 0, 1, 2, 3, 4–6, 7–10, 11–20, more.
    static func bucket(_ value: Int) -> UInt64 {
        switch value {
        case ..<4: return UInt64(max(0, value))
        case 4...6: return 4
        case 7...10: return 5
        case 11...20: return 6
        default: return 7
        }
    }

    /// The token's bytes, ASCII-lowercased, hashed (at most the first 24 bytes).
    static func word(_ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, _ index: Int) -> UInt64 {
        let token = buffer.tokens[index]
        var hash: UInt64 = 0x8422_2325_cbf2_9ce4
        var offset = Int(token.start)
        let end = min(Int(token.end), offset + 24)
        while offset < end {
            let byte = text[offset]
            hash = (hash ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* 0x100_0000_01b3
            offset += 1
        }
        return hash
    }

    static func shape(_ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, _ index: Int) -> Shape {
        let traits = buffer.traits[index]
        let token = buffer.tokens[index]
        if traits.contains(.initial) { return .initial }
        if traits.contains(.abbreviation) || traits.contains(.listMarker) { return .abbreviation }
        if traits.contains(.capitalized) {
            // Two or more letters, all capitals: "IMU", "AM", "PLEASE"
            var offset = Int(token.start)
            var upper = 0
            while offset < Int(token.end) {
                let byte = text[offset]
                if byte >= 0x61 && byte <= 0x7A { return .capitalized }
                if byte >= 0x41 && byte <= 0x5A { upper += 1 }
                offset += 1
            }
            return upper >= 2 ? .allCaps : .capitalized
        }
        if traits.contains(.clitic) { return .clitic }
        if traits.contains(.lowercase) { return .lowercase }
        if traits.contains(.number) { return .number }
        if traits.contains(.uncased) { return .uncased }
        if traits.contains(.terminal) {
            if token.end - token.start > 1 { return text[Int(token.start)] == 0x2E ? .ellipsis : .exclamation }
            switch text[Int(token.start)] {
            case 0x2E: return .period
            case 0x21, 0x3F: return .exclamation
            default: return .ellipsis
            }
        }
        if traits.contains(.openingQuote) { return .openingQuote }
        if traits.contains(.closingQuote) { return .closingQuote }
        if traits.contains(.openingBracket) { return .openingBracket }
        if traits.contains(.closingBracket) { return .closingBracket }
        if traits.contains(.pause) {
            switch text[Int(token.start)] {
            case 0x2C: return .comma
            case 0x3A: return .colon
            default: return .semicolon
            }
        }
        if traits.contains(.dash) { return .dash }
        if traits.contains(.link) { return .link }
        if traits.contains(.emoticon) { return .emoticon }
        return .symbol
    }
}
