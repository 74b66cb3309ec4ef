import TribuneCore

/// The article a page describes in JSON-LD (schema.org): headline, dates, authors, publisher,
/// language and body, from the object whose `@type` is the most article-like, with `@graph`
/// arrays walked and `{"@id": …}` references followed.
struct JSONLDArticle {
    var headline: String?
    var published: String?
    var modified: String?
    var authors: [String] = []
    var publisher: String?
    var siteName: String?
    var language: String?
    var body: String?

    init(_ values: [JSONValue], vocabulary: ExtractionVocabulary) {
        var objects: [JSONObject] = []
        var byID: [String: JSONObject] = [:]
        // Every object, depth-first, without recursion.
        var pending: [(JSONValue, Int)] = values.map { ($0, 0) }
        while let (value, depth) = pending.popLast() {
            guard depth < 8 else { continue }
            switch value {
            case .array(let items):
                pending += items.reversed().map { ($0, depth + 1) }
            case .object(let object):
                objects.append(object)
                if let id = object["@id"]?.string, object.members.count > 1 { byID[id] = byID[id] ?? object }
                if let graph = object["@graph"] { pending.append((graph, depth + 1)) }
                for key in ["mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"] {
                    if let nested = object[key], nested.object != nil || nested.array != nil {
                        pending.append((nested, depth + 1))
                    }
                }
            default:
                continue
            }
        }
        func types(_ object: JSONObject) -> [String] {
            switch object["@type"] {
            case .string(let type)?: [type.lowercased()]
            case .array(let list)?: list.compactMap { $0.string?.lowercased() }
            default: []
            }
        }
        func resolve(_ value: JSONValue) -> JSONValue {
            if let object = value.object, object.members.count == 1, let id = object["@id"]?.string,
                let target = byID[id]
            {
                return .object(target)
            }
            return value
        }
        func text(_ value: JSONValue?) -> String? {
            guard let value else { return nil }
            if let string = value.string {
                return string.isEmpty ? nil : CharacterReferences.shared.decode(string)
            }
            if let array = value.array { return array.lazy.compactMap { text($0) }.first }
            if let object = resolve(value).object { return text(object["name"]) ?? text(object["@value"]) }
            return nil
        }

        let rank: (JSONObject) -> Int? = { object in
            types(object).compactMap { vocabulary.articleTypes.firstIndex(of: $0) }.min()
        }
        let article = objects.filter { rank($0) != nil }.min { rank($0)! < rank($1)! }
        if let article {
            headline = text(article["headline"]) ?? text(article["name"])
            published = text(article["datePublished"]) ?? text(article["dateCreated"])
            modified = text(article["dateModified"])
            body = text(article["articleBody"]) ?? text(article["text"])
            language = text(article["inLanguage"])
            for key in ["author", "creator"] {
                guard authors.isEmpty, let value = article[key] else { continue }
                for item in value.array ?? [value] {
                    if let name = text(resolve(item)) { authors.append(name) }
                }
            }
            // A personal blog names its author as its publisher: that is no site name.
            if let value = article["publisher"], let object = resolve(value).object, !types(object).contains("person") {
                publisher = text(.object(object))
            } else if let value = article["publisher"], value.object == nil {
                publisher = text(value)
            }
            if let page = article["isPartOf"].map(resolve)?.object, types(page).contains("website") {
                siteName = text(page["name"])
            }
        }
        if siteName == nil,
            let site = objects.first(where: { types($0).contains("website") }), let name = text(site["name"])
        {
            siteName = name
        }
        if publisher == nil,
            let organization = objects.first(where: { !Set(types($0)).isDisjoint(with: vocabulary.siteTypes) })
        {
            publisher = text(organization["name"])
        }
    }
}
