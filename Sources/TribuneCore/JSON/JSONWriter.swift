/// Writes JSON into a byte buffer, keys in the order they are given.
///
/// Foundation's `JSONEncoder` sorts keys on Linux and spreads every array over many lines;
/// the document schema wants its own key order and readable spans (`[0, 212]`), so Tribune
/// writes its JSON itself. Pretty output puts each object member and each element of an array
/// of containers on its own line, and arrays of plain values on one line.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    public let pretty: Bool

    private struct Level {
        var isInline: Bool
        var count = 0
    }

    private var levels: [Level] = []
    private var afterKey = false

    public init(pretty: Bool) {
        self.pretty = pretty
        bytes.reserveCapacity(4096)
    }

    // MARK: Containers

    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        levels.append(Level(isInline: false))
    }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Starts an array; an `inline` one stays on one line in pretty output.
    public mutating func beginArray(inline: Bool = false) {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        levels.append(Level(isInline: inline || levels.last?.isInline == true))
    }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes a member name; the next value written is its value.
    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    // MARK: Values

    /// Writes a member: its name, then its value.
    public mutating func member(_ name: String, _ string: String?) {
        key(name)
        value(string)
    }

    public mutating func member(_ name: String, _ int: Int?) {
        key(name)
        value(int)
    }

    public mutating func member(_ name: String, _ double: Double?) {
        key(name)
        value(double)
    }

    public mutating func member(_ name: String, _ strings: [String]) {
        key(name)
        value(strings)
    }

    public mutating func member(_ name: String, _ span: Span?) {
        key(name)
        value(span)
    }

    public mutating func null() {
        beforeValue()
        appendLiteral("null")
    }

    public mutating func value(_ string: String?) {
        guard let string else { return null() }
        beforeValue()
        appendString(string)
    }

    public mutating func value(_ int: Int?) {
        guard let int else { return null() }
        beforeValue()
        appendLiteral(String(int))
    }

    /// Writes a number in its shortest round-tripping form (`-2.0`, `34.008`); NaN and infinities as `null`.
    public mutating func value(_ double: Double?) {
        guard let double, double.isFinite else { return null() }
        beforeValue()
        appendLiteral(double.description)
    }

    public mutating func value(_ bool: Bool?) {
        guard let bool else { return null() }
        beforeValue()
        appendLiteral(bool ? "true" : "false")
    }

    public mutating func value(_ strings: [String]) {
        beginArray(inline: true)
        for s in strings { value(s) }
        endArray()
    }

    /// Writes a span as `[start, end]`, or `null`.
    public mutating func value(_ span: Span?) {
        guard let span else { return null() }
        beginArray(inline: true)
        value(span.start)
        value(span.end)
        endArray()
    }

    /// Writes an already parsed value.
    public mutating func value(_ json: JSONValue) {
        switch json {
        case .null: null()
        case .bool(let b): value(b)
        case .number(let n):
            if n.rounded() == n && abs(n) <= 9_007_199_254_740_992 { value(Int(n)) } else { value(n) }
        case .string(let s): value(s)
        case .array(let elements):
            beginArray(inline: !elements.contains { $0.array != nil || $0.object != nil })
            for element in elements { value(element) }
            endArray()
        case .object(let object):
            beginObject()
            for member in object.members {
                key(member.key)
                value(member.value)
            }
            endObject()
        }
    }

    // MARK: Layout

    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
        } else {
            separate()
        }
    }

    private mutating func separate() {
        guard !levels.isEmpty else { return }
        let level = levels[levels.count - 1]
        if level.count > 0 {
            bytes.append(UInt8(ascii: ","))
            if pretty && level.isInline { bytes.append(UInt8(ascii: " ")) }
        }
        levels[levels.count - 1].count += 1
        if pretty && !level.isInline { newline(depth: levels.count) }
    }

    private mutating func close(_ bracket: UInt8) {
        let level = levels.removeLast()
        if pretty && !level.isInline && level.count > 0 { newline(depth: levels.count) }
        bytes.append(bracket)
    }

    private mutating func newline(depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<depth {
            bytes.append(UInt8(ascii: " "))
            bytes.append(UInt8(ascii: " "))
        }
    }

    private mutating func appendLiteral(_ s: String) { bytes.append(contentsOf: s.utf8) }

    private mutating func appendEscape(_ letter: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(letter)
    }

    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var utf8 = s.utf8.makeIterator()
        while let b = utf8.next() {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): appendEscape(b)
            case 0x0A: appendEscape(UInt8(ascii: "n"))
            case 0x0D: appendEscape(UInt8(ascii: "r"))
            case 0x09: appendEscape(UInt8(ascii: "t"))
            case 0..<0x20, 0x7F:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30])
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 0xF)])
            case 0xE2:
                // U+2028 and U+2029 are valid JSON but end lines in JavaScript; escape them.
                let b1 = utf8.next()
                let b2 = utf8.next()
                if b1 == 0x80, let b2, b2 == 0xA8 || b2 == 0xA9 {
                    bytes.append(contentsOf: Array("\\u202".utf8))
                    bytes.append(b2 == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                } else {
                    bytes.append(b)
                    if let b1 { bytes.append(b1) }
                    if let b2 { bytes.append(b2) }
                }
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
