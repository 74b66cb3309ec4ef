import TribuneCore

/// A unit of time as TIMEX3 values write it.
enum TimeUnit: String, Sendable, Hashable {
    case second = "S"
    case minute = "MIN"
    case hour = "H"
    case day = "D"
    case week = "W"
    case fortnight = "FN"
    case month = "M"
    case quarter = "Q"
    case year = "Y"
    case decade = "DE"
    case century = "CE"
    case weekend = "WE"

    /// Whether durations in this unit are written after `T` (`PT3H`).
    var isClock: Bool { self == .second || self == .minute || self == .hour }

    /// The duration of `count` units (`nil` count: an unspecified number, `PXY`).
    func duration(_ count: Int?) -> String {
        let n = count.map(String.init) ?? "X"
        switch self {
        case .second: return "PT\(n)S"
        case .minute: return "PT\(n)M"
        case .hour: return "PT\(n)H"
        case .fortnight: return "P\(count.map { String($0 * 2) } ?? "X")W"
        case .weekend: return "P\(n)WE"
        case .decade: return count.map { "P\($0 * 10)Y" } ?? "PXDE"
        default: return "P\(n)\(rawValue)"
        }
    }
}

/// Everything the time lexicon says about one word; a word may be several things ("may",
/// "second", "last", "earlier").
struct TimeWord: Sendable, Hashable {
    var month: Int?
    var weekday: Int?
    var season: String?
    var unit: TimeUnit?
    /// A cardinal; -1 for a vague quantity ("several", "few").
    var number: Int?
    var ordinal: Int?
    /// A decade named in words: "nineties" 9.
    var decadeWord: Int?
    var daypart: String?
    /// Days from the anchor ("yesterday" -1).
    var day: Int?
    var deictic: String?
    var reference: String?
    var modifier: String?
    var every = false
    var adverbialSet: TimeUnit?
    /// +1 / -1 for words that shift from the anchor ("ago", "later").
    var ago: Int?
    var approx: String?
    var meridian: String?
    var clock: String?
    var future = false
    var past = false
    var present = false
    var reporting = false
    /// A verb of saying in the past tense: "said", "announced".
    var reportingPast = false
}

/// The words of `time-words-en.txt`, looked up straight from token bytes.
struct TimeLexicon: Sendable {
    private var words: [WordKey: TimeWord] = [:]
    /// Named days ("Christmas", "Thanksgiving Day"), from `time-holidays-en.txt`.
    private(set) var holidays = HolidayTable()

    static let fileName = "time-words-en.txt"

    /// Loads the shipped lists.
    init() throws {
        try self.init(text: ResourceLocator.text(Self.fileName, module: "TribuneCoding", sourceFile: #filePath))
        holidays = try HolidayTable.shipped()
    }

    init(text: String, holidays: HolidayTable = HolidayTable()) throws {
        self.holidays = holidays
        for (number, line) in DataFile.entries(text).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 3, let key = WordKey(fields[0]) else {
                throw TimeLexiconError(line: String(line), reason: "expected: word kind value (entry \(number + 1))")
            }
            var word = words[key] ?? TimeWord()
            let value = String(fields[2])
            switch fields[1] {
            case "month": word.month = Int(value)
            case "weekday": word.weekday = Int(value)
            case "season": word.season = value
            case "unit": word.unit = TimeUnit(rawValue: value)
            case "number": word.number = Int(value)
            case "ordinal": word.ordinal = Int(value)
            case "decade": word.decadeWord = Int(value)
            case "daypart": word.daypart = value
            case "day": word.day = Int(value)
            case "deictic": word.deictic = value
            case "reference": word.reference = value
            case "modifier": word.modifier = value
            case "every": word.every = true
            case "adverbialset": word.adverbialSet = TimeUnit(rawValue: value)
            case "ago": word.ago = Int(value)
            case "approx": word.approx = value
            case "meridian": word.meridian = value
            case "clock": word.clock = value
            case "future": word.future = true
            case "past": word.past = true
            case "present": word.present = true
            case "reporting":
                word.reporting = true
                word.reportingPast = value == "past"
            default:
                throw TimeLexiconError(line: String(line), reason: "unknown kind \(fields[1])")
            }
            words[key] = word
        }
    }

    func word(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> TimeWord? {
        guard let key = WordKey(text, range) else { return nil }
        return words[key]
    }
}

struct TimeLexiconError: Error, CustomStringConvertible {
    var file = TimeLexicon.fileName
    var line: String
    var reason: String
    var description: String { "\(file): \(reason): \(line)" }
}
