extension Document {
    /// The document as `tribune.document/1` JSON, keys in schema order.
    ///
    /// `pretty` lays it out for reading; otherwise it is one line, as JSONL wants.
    public func jsonBytes(pretty: Bool) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        write(to: &writer)
        return writer.bytes
    }

    public func jsonString(pretty: Bool) -> String {
        String(decoding: jsonBytes(pretty: pretty), as: UTF8.self)
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("schema", Self.schema)
        w.member("id", id)
        w.key("source")
        w.beginObject()
        w.member("uri", source.uri)
        w.member("format", source.format.rawValue)
        w.endObject()
        w.member("title", title)
        w.member("published", published)
        w.member("authors", authors)
        w.member("site", site)
        w.member("language", language)
        w.member("text", text)
        w.key("paragraphs")
        writeSpans(paragraphs, to: &w)
        w.key("removed")
        w.beginArray()
        for r in removed {
            w.beginObject()
            w.member("text", r.text)
            w.member("reason", r.reason.rawValue)
            w.endObject()
        }
        w.endArray()
        w.key("sentences")
        writeSpans(sentences, to: &w)
        if let tokens {
            w.key("tokens")
            w.beginArray()
            for t in tokens { t.write(to: &w) }
            w.endArray()
        }
        w.key("entities")
        w.beginArray()
        for e in entities { e.write(to: &w) }
        w.endArray()
        w.key("events")
        w.beginArray()
        for e in events { e.write(to: &w) }
        w.endArray()
        w.key("quotes")
        w.beginArray()
        for q in quotes { q.write(to: &w) }
        w.endArray()
        w.key("times")
        w.beginArray()
        for t in times { t.write(to: &w) }
        w.endArray()
        w.key("places")
        w.beginArray()
        for p in places { p.write(to: &w) }
        w.endArray()
        w.key("counts")
        w.beginArray()
        for c in counts { c.write(to: &w) }
        w.endArray()
        w.endObject()
    }

    private func writeSpans(_ spans: [Span], to w: inout JSONWriter) {
        w.beginArray()
        for s in spans { w.value(s) }
        w.endArray()
    }

    /// Reads a document back from its JSON.
    public init(json: JSONValue) throws(JSONShapeError) {
        let f = try JSONFields(json)
        let schema = try f.string("schema")
        guard schema == Self.schema else {
            throw JSONShapeError(
                path: "$.schema", message: "unsupported schema \"\(schema)\"; expected \"\(Self.schema)\"")
        }
        guard let source = try f.fields("source") else {
            throw JSONShapeError(path: "$.source", message: "missing object")
        }
        let formatName = try source.string("format")
        guard let format = DocumentSource.Format(rawValue: formatName) else {
            throw JSONShapeError(path: "$.source.format", message: "unknown format \"\(formatName)\"")
        }
        self.init(
            id: try f.string("id"),
            source: DocumentSource(uri: try source.string("uri"), format: format),
            title: try f.optionalString("title"),
            published: try f.optionalString("published"),
            authors: try f.strings("authors"),
            site: try f.optionalString("site"),
            language: try f.optionalString("language"),
            text: try f.string("text"),
            paragraphs: try Self.spans(f, "paragraphs"),
            removed: try f.each("removed") { r throws(JSONShapeError) in
                RemovedText(text: try r.string("text"), reason: .init(rawValue: try r.string("reason")))
            },
            sentences: try Self.spans(f, "sentences"),
            tokens: try f.optionalArray("tokens") == nil ? nil : f.each("tokens", DocumentToken.init(fields:)),
            entities: try f.each("entities", Entity.init(fields:)),
            events: try f.each("events", Event.init(fields:)),
            quotes: try f.each("quotes", Quote.init(fields:)),
            times: try f.each("times", TimeExpression.init(fields:)),
            places: try f.each("places", Place.init(fields:)),
            counts: try f.each("counts", Count.init(fields:))
        )
    }

    /// Reads a document from JSON text.
    public init(jsonBytes: some Collection<UInt8>) throws {
        try self.init(json: try JSONParser.parse(jsonBytes))
    }

    private static func spans(_ f: JSONFields, _ key: String) throws(JSONShapeError) -> [Span] {
        var result: [Span] = []
        for (i, value) in try f.array(key).enumerated() {
            result.append(try JSONFields.span(value, path: "\(f.path).\(key)[\(i)]"))
        }
        return result
    }
}

/// Decodes a raw value into an enum, naming the path on failure.
private func decodeEnum<E: RawRepresentable>(
    _ f: JSONFields, _ key: String, as: E.Type
) throws(JSONShapeError) -> E where E.RawValue == String {
    let raw = try f.string(key)
    guard let value = E(rawValue: raw) else {
        throw JSONShapeError(path: "\(f.path).\(key)", message: "unknown value \"\(raw)\"")
    }
    return value
}

extension DocumentToken {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("span", span)
        w.member("pos", pos)
        w.member("lemma", lemma)
        w.member("head", head)
        w.member("dep", dep)
        w.member("ner", ner)
        w.endObject()
    }

    init(fields f: JSONFields) throws(JSONShapeError) {
        self.init(
            span: try f.span("span"), pos: try f.optionalString("pos"), lemma: try f.optionalString("lemma"),
            head: try f.optionalInt("head"), dep: try f.optionalString("dep"), ner: try f.optionalString("ner"))
    }
}

extension Entity {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("id", id)
        w.member("type", type.rawValue)
        w.member("name", name)
        w.key("mentions")
        w.beginArray(inline: true)
        for m in mentions { w.value(m) }
        w.endArray()
        w.member("titles", titles)
        w.key("actor")
        if let actor {
            w.beginObject()
            w.member("code", actor.code)
            w.member("country", actor.country)
            w.member("sector", actor.sector)
            w.endObject()
        } else {
            w.null()
        }
        w.member("place", place)
        w.endObject()
    }

    init(fields f: JSONFields) throws(JSONShapeError) {
        var actor: ActorCode?
        if let a = try f.fields("actor") {
            actor = ActorCode(
                code: try a.string("code"), country: try a.optionalString("country"),
                sector: try a.optionalString("sector"))
        }
        var mentions: [Span] = []
        for (i, m) in try f.array("mentions").enumerated() {
            mentions.append(try JSONFields.span(m, path: "\(f.path).mentions[\(i)]"))
        }
        self.init(
            id: try f.string("id"), type: try decodeEnum(f, "type", as: Kind.self), name: try f.string("name"),
            mentions: mentions, titles: try f.strings("titles"), actor: actor, place: try f.optionalInt("place"))
    }
}

extension Event {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("id", id)
        w.member("sentence", sentence)
        w.member("source", source)
        w.member("target", target)
        w.member("sourceCode", sourceCode)
        w.member("targetCode", targetCode)
        w.member("cameo", cameo)
        w.member("root", root)
        w.member("quad", quad)
        w.member("goldstein", goldstein)
        w.key("plover")
        if let plover {
            w.beginObject()
            w.member("type", plover.type)
            w.member("mode", plover.mode)
            w.member("context", plover.context)
            w.endObject()
        } else {
            w.null()
        }
        w.member("trigger", trigger)
        w.member("span", span)
        w.member("date", date)
        w.member("place", place)
        w.member("modality", modality.rawValue)
        w.member("attribution", attribution)
        w.member("confidence", confidence)
        w.endObject()
    }

    init(fields f: JSONFields) throws(JSONShapeError) {
        var plover: PloverCoding?
        if let p = try f.fields("plover") {
            plover = PloverCoding(
                type: try p.string("type"), mode: try p.optionalString("mode"), context: try p.strings("context"))
        }
        self.init(
            id: try f.string("id"), sentence: try f.int("sentence"), source: try f.optionalString("source"),
            target: try f.optionalString("target"), sourceCode: try f.optionalString("sourceCode"),
            targetCode: try f.optionalString("targetCode"), cameo: try f.string("cameo"), root: try f.string("root"),
            quad: try f.int("quad"), goldstein: try f.double("goldstein"), plover: plover,
            trigger: try f.span("trigger"), span: try f.span("span"), date: try f.optionalString("date"),
            place: try f.optionalString("place"), modality: try decodeEnum(f, "modality", as: Modality.self),
            attribution: try f.optionalString("attribution"), confidence: try f.double("confidence"))
    }
}

extension Quote {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("id", id)
        w.member("kind", kind.rawValue)
        w.member("text", text)
        w.member("span", span)
        w.member("speaker", speaker)
        w.member("speakerText", speakerText)
        w.member("cue", cue)
        w.member("cueSpan", cueSpan)
        w.member("date", date)
        w.endObject()
    }

    init(fields f: JSONFields) throws(JSONShapeError) {
        self.init(
            id: try f.string("id"), kind: try decodeEnum(f, "kind", as: Kind.self), text: try f.string("text"),
            span: try f.span("span"), speaker: try f.optionalString("speaker"),
            speakerText: try f.optionalString("speakerText"), cue: try f.optionalString("cue"),
            cueSpan: try f.optionalSpan("cueSpan"), date: try f.optionalString("date"))
    }
}

extension TimeExpression {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("span", span)
        w.member("text", text)
        w.member("type", type.rawValue)
        w.member("value", value)
        if let mod {
            w.member("mod", mod)
        }
        if let anchored {
            w.key("anchored")
            w.value(anchored)
        }
        w.endObject()
    }

    init(fields f: JSONFields) throws(JSONShapeError) {
        self.init(
            span: try f.span("span"), text: try f.string("text"), type: try decodeEnum(f, "type", as: Kind.self),
            value: try f.string("value"), mod: try f.optionalString("mod"), anchored: try f.optionalBool("anchored"))
    }
}

extension Place {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("entity", entity)
        w.member("name", name)
        w.member("geonameid", geonameid)
        w.member("lat", lat)
        w.member("lon", lon)
        w.member("country", country)
        w.member("admin1", admin1)
        w.member("featureClass", featureClass)
        w.member("confidence", confidence)
        w.endObject()
    }

    init(fields f: JSONFields) throws(JSONShapeError) {
        self.init(
            entity: try f.string("entity"), name: try f.string("name"), geonameid: try f.optionalInt("geonameid"),
            lat: try f.double("lat"), lon: try f.double("lon"), country: try f.optionalString("country"),
            admin1: try f.optionalString("admin1"), featureClass: try f.optionalString("featureClass"),
            confidence: try f.double("confidence"))
    }
}

extension Count {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("span", span)
        w.member("kind", kind)
        w.member("value", value)
        w.member("qualifier", qualifier)
        w.member("subject", subject)
        w.member("event", event)
        w.endObject()
    }

    init(fields f: JSONFields) throws(JSONShapeError) {
        self.init(
            span: try f.span("span"), kind: try f.string("kind"), value: try f.int("value"),
            qualifier: try f.optionalString("qualifier"), subject: try f.optionalString("subject"),
            event: try f.optionalString("event"))
    }
}
