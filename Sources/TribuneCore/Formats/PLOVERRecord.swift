/// PLOVER event records: one JSON object per event, with the field names of the PLOVER
/// manual's "Data Fields" chapter, meant to be written one per line (JSONL) as it suggests.
///
/// Standard fields: `id`, `date`, `actor` and `recipient` (lists of entity objects with `code`,
/// `sector`, `entity_text`…), `event`, `mode`, `context`, `event_loc` (the manual's location
/// object), `event_text`, `quad_code`, `text`, `text_info`, `cite_info`, `coder`, `size`
/// (`dead`, `injured`, `arrested`). Tribune adds, as the manual invites, what CAMEO users and
/// auditors need: `cameo`, `goldstein`, `modality`, `confidence`, `document`.
public enum PLOVERRecord {
    /// The coder named in every record.
    public static let coder = "tribune"

    /// Writes one event's record.
    ///
    /// - Parameter id: the record's `id`, unique within the data set (the store passes its event number).
    public static func write(
        _ event: Event, in context: EventContext, id: String, countries: CountryCodes = .none, to w: inout JSONWriter
    ) {
        let document = context.document
        w.beginObject()
        w.member("id", id)
        w.key("has_event")
        w.value(event.plover != nil)
        w.member("date", context.day(of: event))
        w.key("actor")
        writeActors(code: event.sourceCode, entity: context.entity(event.source), span: event.span, context, &w)
        w.key("recipient")
        writeActors(code: event.targetCode, entity: context.entity(event.target), span: event.span, context, &w)
        w.member("event", event.plover.map { [$0.type] } ?? [])
        w.member("mode", event.plover?.mode.map { [$0] } ?? [])
        w.member("context", event.plover?.context ?? [])
        w.key("event_loc")
        writeLocation(context.place(of: event), entity: context.entity(event.place), countries: countries, &w)
        w.member("event_text", [context.text(event.trigger)])
        w.member("quad_code", event.quad)
        w.key("size")
        writeSize(context.counts(of: event), &w)
        w.member("text", context.text(event.span))
        w.key("text_info")
        w.beginObject()
        w.member("sequence", event.sentence)
        w.member("start", event.span.start)
        w.member("end", event.span.end)
        w.endObject()
        w.key("cite_info")
        w.beginObject()
        w.member("url", document.source.uri)
        w.member("title", document.title)
        w.member("language", document.language)
        w.member("publication", document.site)
        w.member("coder", coder)
        w.endObject()
        w.member("coder", coder)
        w.member("cameo", event.cameo)
        w.member("goldstein", event.goldstein)
        w.member("modality", event.modality.rawValue)
        w.member("confidence", event.confidence)
        w.member("document", document.id)
        w.endObject()
    }

    /// One record as a line of JSONL, without its line feed.
    public static func line(_ event: Event, in context: EventContext, id: String, countries: CountryCodes = .none)
        -> [UInt8]
    {
        var writer = JSONWriter(pretty: false)
        write(event, in: context, id: id, countries: countries, to: &writer)
        return writer.bytes
    }

    /// An actor list: empty when the event names none; PLOVER's `code` is the 3-letter top of
    /// the CAMEO code (the country, or `IGO`, `REB`… for non-state actors).
    private static func writeActors(
        code: String?, entity: Entity?, span: Span, _ context: EventContext, _ w: inout JSONWriter
    ) {
        w.beginArray()
        if code != nil || entity != nil {
            let cameo = code ?? entity?.actor?.code
            w.beginObject()
            w.member("code", entity?.actor?.country ?? cameo.map { String($0.prefix(3)) })
            w.member("sector", entity?.actor?.sector)
            let mention = entity?.mentions.first { span.contains($0) } ?? entity?.mentions.first
            w.member("entity_text", mention.map(context.text))
            w.member("entity_name", entity?.name)
            w.member("cameo_code", cameo)
            w.endObject()
        }
        w.endArray()
    }

    private static func writeLocation(_ place: Place?, entity: Entity?, countries: CountryCodes, _ w: inout JSONWriter)
    {
        guard let place else { return w.null() }
        let country = countries.country(alpha2: place.country)
        w.beginObject()
        w.member("extracted_place", entity?.name ?? place.name)
        w.member("resolved_place", place.name)
        w.member("geonameid", place.geonameid)
        w.member("lat", place.lat)
        w.member("lon", place.lon)
        w.member("province", place.admin1)
        w.member("country", country?.name)
        w.member("country_code", country?.alpha3)
        w.member("feature_class", place.featureClass)
        // The manual's resolution: 4 city, 2 province, 1 country.
        let resolution: Int? =
            switch place.featureClass {
            case "P": 4
            case "A": place.admin1 == nil ? 1 : 2
            default: nil
            }
        w.member("resolution", resolution)
        w.endObject()
    }

    /// The manual's size object, with Tribune's count kinds under its names (`killed` → `dead`,
    /// `wounded` → `injured`); other kinds keep their own. Two counts of one kind for one event
    /// are usually the same people reported twice, so the larger stands.
    private static func writeSize(_ counts: [Count], _ w: inout JSONWriter) {
        guard !counts.isEmpty else { return w.null() }
        var totals: [(String, Int)] = []
        for count in counts {
            let name =
                switch count.kind {
                case "killed": "dead"
                case "wounded": "injured"
                default: count.kind
                }
            if let index = totals.firstIndex(where: { $0.0 == name }) {
                totals[index].1 = max(totals[index].1, count.value)
            } else {
                totals.append((name, count.value))
            }
        }
        w.beginObject()
        for (name, value) in totals { w.member(name, value) }
        w.endObject()
    }
}
