import Foundation
import TribuneCore

/// One attribution of a brat standoff corpus (PolNeAR): the content attributed, its cue and its
/// source, each as scalar-index spans (a span may be discontinuous).
struct GoldAttribution: Sendable {
    var content: [Span]
    var cue: [Span]
    var source: [Span]
}

/// An article of PolNeAR: its text and the attributions one annotator marked in it.
struct AttributedArticle: Sendable {
    var name: String
    var text: String
    var attributions: [GoldAttribution]
}

/// Reads PolNeAR (`dev/quotes/polnear/<split>/{text,attributions}`): brat standoff, `T` lines
/// for Source, Cue and Content spans (`T3<TAB>Content 226 297;300 310<TAB>words`) and `E` lines
/// linking them (`E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`). An article annotated by
/// several annotators is read from the first annotator's file.
enum QuoteCorpus {
    static let folder = "dev/quotes/polnear"

    struct ReadError: Error, CustomStringConvertible {
        var file: String
        var reason: String
        var description: String { "\(file): \(reason)" }
    }

    static func articles(_ data: SharedData, split: String, limit: Int?) throws -> [AttributedArticle] {
        let root = data.url(folder).appendingPathComponent(split)
        let annotations = root.appendingPathComponent("attributions")
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: annotations.path).filter {
                $0.hasSuffix(".ann")
            }
            .sorted()
        } catch {
            throw ReadError(file: annotations.path, reason: "cannot be listed (\(error.localizedDescription))")
        }
        var seen: Set<String> = []
        var articles: [AttributedArticle] = []
        for file in files {
            // `<article>_<annotator>.ann`: the annotator id is the last underscore-separated part.
            guard let underscore = file.lastIndex(of: "_") else { continue }
            let name = String(file[..<underscore])
            guard seen.insert(name).inserted else { continue }
            if let limit, articles.count >= limit { break }
            let textURL = root.appendingPathComponent("text").appendingPathComponent(name + ".txt")
            let annURL = annotations.appendingPathComponent(file)
            guard let text = try? String(contentsOf: textURL, encoding: .utf8) else {
                throw ReadError(file: textURL.path, reason: "cannot be read as UTF-8")
            }
            guard let standoff = try? String(contentsOf: annURL, encoding: .utf8) else {
                throw ReadError(file: annURL.path, reason: "cannot be read as UTF-8")
            }
            articles.append(
                AttributedArticle(name: name, text: text, attributions: try parse(standoff, file: annURL.path)))
        }
        return articles
    }

    /// The attributions of one brat standoff file.
    static func parse(_ standoff: String, file: String) throws -> [GoldAttribution] {
        var spans: [String: (type: String, spans: [Span])] = [:]
        var relations: [[Substring]] = []
        for line in standoff.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let id = fields.first else { continue }
            if id.hasPrefix("T") {
                let head = fields[1].split(separator: " ", maxSplits: 1)
                guard head.count == 2 else { throw ReadError(file: file, reason: "bad line \(line)") }
                var parts: [Span] = []
                for piece in head[1].split(separator: ";") {
                    let bounds = piece.split(separator: " ").compactMap { Int($0) }
                    guard bounds.count == 2, bounds[0] <= bounds[1] else {
                        throw ReadError(file: file, reason: "bad offsets in \(line)")
                    }
                    parts.append(Span(bounds[0], bounds[1]))
                }
                spans[String(id)] = (String(head[0]), parts)
            } else if id.hasPrefix("E") {
                relations.append(fields[1].split(separator: " "))
            }
        }
        return relations.compactMap { roles in
            var attribution = GoldAttribution(content: [], cue: [], source: [])
            for role in roles {
                let pair = role.split(separator: ":")
                guard pair.count == 2, let target = spans[String(pair[1])] else { continue }
                switch pair[0] {
                case "Content": attribution.content += target.spans
                case "Cue": attribution.cue += target.spans
                case "Source": attribution.source += target.spans
                default: continue
                }
            }
            return attribution.content.isEmpty ? nil : attribution
        }
    }
}
