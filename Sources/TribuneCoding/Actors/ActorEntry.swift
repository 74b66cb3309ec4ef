/// A named actor of a CAMEO/Phoenix actor dictionary: a person, group, organization or country,
/// its other names, and the codes it holds over time.
public struct ActorEntry: Hashable, Sendable {
    /// The entry's name as the dictionary gives it, words separated by spaces
    /// (`HAMID KARZAI`).
    public var name: String
    /// The `+` lines: other names and spellings.
    public var synonyms: [String]
    /// In dictionary order.
    public var roles: [ActorRole]
    /// Where the entry starts.
    public var origin: DictionaryLine

    public init(name: String, synonyms: [String] = [], roles: [ActorRole], origin: DictionaryLine) {
        self.name = name
        self.synonyms = synonyms
        self.roles = roles
        self.origin = origin
    }

    /// Every name: ``name`` first, then the ``synonyms``.
    public var names: [String] { [name] + synonyms }

    /// The role that holds on `day`, as PETRARCH picks it: the first dated role whose dates
    /// contain the day; failing that, the first role without dates. Without a day, the present
    /// as the dictionary knows it: the open-ended role (`>d`) that starts last, else the first
    /// role without dates, else the last role listed.
    public func role(on day: ActorDay?) -> ActorRole? {
        if let day {
            if let dated = roles.first(where: { !$0.dates.isAlways && $0.dates.contains(day) }) { return dated }
            return roles.first { $0.dates.isAlways }
        }
        let current = roles.filter { $0.dates.from != nil && $0.dates.until == nil }
        if let latest = current.max(by: { $0.dates.from! < $1.dates.from! }) { return latest }
        return roles.first { $0.dates.isAlways } ?? roles.last
    }
}

/// A generic agent of the agents dictionary ("police", "prime minister", "militant"), the
/// sector code it adds to a country code, and its forms.
public struct AgentEntry: Hashable, Sendable {
    /// Where the code goes: most agents follow a country (`[~MIL]`: `PAK` + `MIL`); a few come
    /// before (`[IGO~]`).
    public enum Placement: String, Hashable, Sendable {
        case suffix
        case prefix
    }

    /// The agent's words, space-separated (`PRIME MINISTER`).
    public var phrase: String
    /// Every form that names it: the phrase, its explicit `{…}` plurals, substitution-set
    /// expansions and the regular plurals.
    public var forms: [String]
    /// The code without its `~` (`MIL`, `GOVBUS`).
    public var code: String
    public var placement: Placement
    public var origin: DictionaryLine

    public init(phrase: String, forms: [String], code: String, placement: Placement, origin: DictionaryLine) {
        self.phrase = phrase
        self.forms = forms
        self.code = code
        self.placement = placement
        self.origin = origin
    }
}
