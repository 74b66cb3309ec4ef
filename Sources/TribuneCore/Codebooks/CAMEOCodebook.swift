/// One CAMEO event code with what researchers read off it.
public struct CAMEOCode: Hashable, Sendable {
    /// Two to four digits: `19`, `190`, `1823`.
    public var code: String
    /// The codebook's name for it ("Use conventional military force").
    public var name: String
    /// Its Goldstein conflict–cooperation score, −10 to +10.
    public var goldstein: Double

    public init(code: String, name: String, goldstein: Double) {
        self.code = code
        self.name = name
        self.goldstein = goldstein
    }

    /// The two-digit cue category (root code).
    public var root: String { CAMEOCodebook.root(of: code) }
    /// The QuadClass of its root: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    public var quadClass: Int { CAMEOCodebook.quadClass(ofRoot: root) ?? 0 }
}

/// The CAMEO event codebook: every code with its name and Goldstein score, and the QuadClass of
/// each root.
///
/// Shipped as `cameo-codes.tsv` in TribuneCore's resources (`code<TAB>quad<TAB>goldstein<TAB>name`),
/// rebuilt by `tribune train codebooks` (``CodebookBuilder``).
public struct CAMEOCodebook: Sendable {
    public static let file = "cameo-codes.tsv"

    /// A line of the codebook file that does not read.
    public struct FormatError: Error, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "\(CAMEOCodebook.file) line \(line): cannot read \"\(text)\"" }
    }

    private let codes: [String: CAMEOCode]
    /// Every code in codebook order.
    public let all: [CAMEOCode]

    /// Reads the codebook text (`code<TAB>quad<TAB>goldstein<TAB>name`, `#` comments).
    public init(text: String) throws {
        var all: [CAMEOCode] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 4, let goldstein = Double(fields[2]), Self.isCode(fields[0]) else {
                throw FormatError(line: number + 1, text: line)
            }
            all.append(CAMEOCode(code: String(fields[0]), name: String(fields[3]), goldstein: goldstein))
        }
        self.all = all
        codes = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Loads the shipped codebook.
    public init() throws {
        try self.init(text: ResourceLocator.text(Self.file, module: "TribuneCore", sourceFile: #filePath))
    }

    public subscript(code: String) -> CAMEOCode? { codes[code] }

    /// The entry of `code`, or of the nearest code above it in the hierarchy (`0213` → `021` → `02`)
    /// when the code itself is not in the codebook.
    public func nearest(_ code: String) -> CAMEOCode? {
        var code = Substring(code)
        while code.count >= 2 {
            if let entry = codes[String(code)] { return entry }
            code = code.dropLast()
        }
        return nil
    }

    /// The root (two-digit cue category) of a code.
    public static func root(of code: String) -> String { String(code.prefix(2)) }

    /// QuadClass by root, as GDELT and ICEWS assign it: 01–05 verbal cooperation (1), 06–08
    /// material cooperation (2), 09–13 verbal conflict (3), 14–20 material conflict (4).
    public static func quadClass(ofRoot root: String) -> Int? {
        guard root.count == 2, let value = Int(root) else { return nil }
        switch value {
        case 1...5: return 1
        case 6...8: return 2
        case 9...13: return 3
        case 14...20: return 4
        default: return nil
        }
    }

    /// Whether `text` is two to four digits.
    public static func isCode(_ text: Substring) -> Bool {
        (2...4).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
