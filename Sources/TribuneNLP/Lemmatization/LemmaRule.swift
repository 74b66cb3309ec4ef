/// How a word becomes its lemma: optionally lowercase it, cut bytes from its end, add bytes.
/// `studies` → `study` is "cut 3, add `y`"; `The` → `the` is "lowercase"; `went` → `go` is
/// "cut 4, add `go`". Written in the rule files as `L-3+y` (`L` for lowercase, `=` for as is).
struct LemmaRule: Hashable, Sendable {
    var lowercase: Bool
    var cut: Int
    var add: [UInt8]

    /// The rule that turns `form` into `lemma` with the least cutting; lowercasing when that
    /// cuts no more (so `said` and `Said` follow one rule to `say`).
    init(form: [UInt8], lemma: [UInt8]) {
        let lower = LemmaRule.lowercased(form)
        let asIs = Self.sharedPrefix(form, lemma)
        let lowered = Self.sharedPrefix(lower, lemma)
        lowercase = lowered >= asIs
        let base = lowercase ? lower : form
        let kept = lowercase ? lowered : asIs
        cut = base.count - kept
        add = Array(lemma[kept...])
    }

    init(lowercase: Bool, cut: Int, add: [UInt8]) {
        self.lowercase = lowercase
        self.cut = cut
        self.add = add
    }

    /// Whether the rule can apply to a word of `length` bytes.
    func applies(toLength length: Int) -> Bool { cut < length || (cut == length && !add.isEmpty) }

    /// The lemma of a word, given its bytes and their lowercase.
    func apply(form: UnsafeBufferPointer<UInt8>, lower: [UInt8]) -> String {
        if lowercase {
            return lower.withUnsafeBufferPointer { Self.build($0, cut: cut, add: add) }
        }
        return Self.build(form, cut: cut, add: add)
    }

    private static func build(_ base: UnsafeBufferPointer<UInt8>, cut: Int, add: [UInt8]) -> String {
        let keep = max(0, base.count - cut)
        if add.isEmpty { return String(decoding: UnsafeBufferPointer(rebasing: base[..<keep]), as: UTF8.self) }
        var bytes = Array(base[..<keep])
        bytes += add
        return String(decoding: bytes, as: UTF8.self)
    }

    var text: String {
        (lowercase ? "L" : "=") + "-\(cut)+" + String(decoding: add, as: UTF8.self)
    }

    init?(text: Substring) {
        guard let first = text.first, first == "L" || first == "=", let plus = text.firstIndex(of: "+"),
            text.dropFirst().first == "-", let cut = Int(text[text.index(text.startIndex, offsetBy: 2)..<plus]),
            cut >= 0
        else { return nil }
        self.init(lowercase: first == "L", cut: cut, add: Array(text[text.index(after: plus)...].utf8))
    }

    /// The longest shared prefix of two byte strings, backed off to a character boundary.
    static func sharedPrefix(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var length = 0
        while length < a.count, length < b.count, a[length] == b[length] { length += 1 }
        while length > 0, length < a.count, a[length] & 0xC0 == 0x80 { length -= 1 }
        return length
    }

    /// Lowercase bytes: ASCII by table, anything else through `String.lowercased()`.
    static func lowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { lowercased($0) }
    }

    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        if bytes.allSatisfy({ $0 < 0x80 }) { return bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }
        return Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
    }
}
