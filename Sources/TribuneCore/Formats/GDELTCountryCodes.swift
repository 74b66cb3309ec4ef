/// The country codes the export formats translate between.
///
/// Tribune's places carry ISO 3166-1 alpha-2 codes (`PK`); GDELT's geography columns use
/// FIPS 10-4 codes (`PK` for Pakistan, but `GM` for Germany), and PLOVER's locations ISO
/// alpha-3 codes (`PAK`) and names. The table is data: the store ships it as
/// `country-codes.tsv`, and ``init(tsv:)`` reads that file's format.
public struct CountryCodes: Sendable {
    public struct Country: Hashable, Sendable {
        public var alpha2: String
        public var alpha3: String
        /// FIPS 10-4, or `nil` where FIPS has no code.
        public var fips: String?
        public var name: String

        public init(alpha2: String, alpha3: String, fips: String?, name: String) {
            self.alpha2 = alpha2
            self.alpha3 = alpha3
            self.fips = fips
            self.name = name
        }
    }

    /// A table that knows no country: exports then leave the translated columns empty.
    public static let none = CountryCodes([])

    private var byAlpha2: [String: Country] = [:]

    public init(_ countries: [Country]) {
        for country in countries { byAlpha2[country.alpha2] = country }
    }

    /// Reads tab-separated lines `alpha2, alpha3, fips, name`; `#` starts a comment line.
    public init(tsv: String) throws(CountryCodesError) {
        var countries: [Country] = []
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, fields[0].count == 2, fields[1].count == 3 else {
                throw CountryCodesError(line: number + 1, text: String(trimmed))
            }
            countries.append(
                Country(
                    alpha2: fields[0], alpha3: fields[1], fips: fields[2].isEmpty ? nil : fields[2], name: fields[3]))
        }
        self.init(countries)
    }

    /// The country with this ISO alpha-2 code (any case), if the table has it.
    public func country(alpha2: String?) -> Country? {
        guard let alpha2 else { return nil }
        return byAlpha2[alpha2.uppercased()]
    }

    public var count: Int { byAlpha2.count }
}

/// A line of a country-code table that does not have the four fields.
public struct CountryCodesError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var text: String

    public var description: String {
        "country codes, line \(line): expected alpha-2, alpha-3, FIPS and name separated by tabs, got \"\(text)\""
    }
}
