import ArgumentParser
import Foundation
import TribuneCoding

/// `tribune actors lookup NAME --date YYYY-MM-DD`: the CAMEO code a name gets, and why.
struct ActorLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Show the CAMEO actor code of a name on a date, and the dictionary lines it comes from.",
        discussion: """
            Reads the shipped actor and agent dictionaries (and any --dict files in the Phoenix format) as \
            the pipeline does: "Hamid Karzai" on 2008-06-30 is AFGGOV, "Pakistani forces" is PAK + MIL.
            """
    )

    @Argument(help: "The name or phrase to code, e.g. \"Hamid Karzai\" or \"Uzbek militants\".")
    var name: String

    @Option(help: "The day the code must hold on (YYYY-MM-DD); without it, the undated or most recent role.")
    var date: String?

    @Option(name: .customLong("dict"), help: "Another dictionary file in the Phoenix format (repeatable).")
    var dictionaries: [String] = []

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    func validate() throws {
        if let date, DateRestriction.day(iso: date) == nil {
            throw ValidationError("--date \(date): expected YYYY-MM-DD")
        }
        for file in dictionaries where !FileManager.default.fileExists(atPath: file) {
            throw ValidationError("--dict \(file): no such file")
        }
    }

    func run() throws {
        let coder: ActorCoder
        do {
            coder = try ActorCoder(adding: dictionaries.map { URL(fileURLWithPath: $0) })
        } catch {
            throw ValidationError("\(error)")
        }
        // Lines of the user's files that could not be read are named, not skipped in silence.
        let names = Set(dictionaries.map { URL(fileURLWithPath: $0).lastPathComponent })
        for problem in coder.dictionary.problems where names.contains(where: { problem.hasPrefix("\($0):") }) {
            FileHandle.standardError.write(Data("tribune: dictionary \(problem)\n".utf8))
        }
        let day = date.flatMap(DateRestriction.day(iso:))
        guard let coding = coder.code(name, on: day) else {
            if json {
                print("{\"name\": \(quoted(name)), \"code\": null}")
            } else {
                print("\(name): no code (nothing in it is in the actor or agent dictionaries)")
            }
            throw ExitCode(1)
        }
        if json {
            let reasons = coding.reasons.map(quoted).joined(separator: ", ")
            let lines = coding.lines.map { quoted($0.description) }.joined(separator: ", ")
            print(
                "{\"name\": \(quoted(name)), \"date\": \(date.map(quoted) ?? "null"), "
                    + "\"code\": \(quoted(coding.actor.code)), \"country\": \(coding.actor.country.map(quoted) ?? "null"), "
                    + "\"sector\": \(coding.actor.sector.map(quoted) ?? "null"), \"reasons\": [\(reasons)], "
                    + "\"lines\": [\(lines)]}")
            return
        }
        print("\(name)\(date.map { " on \($0)" } ?? ""): \(coding.actor.code)")
        if let country = coding.actor.country { print("  country: \(country)") }
        if let sector = coding.actor.sector { print("  sector:  \(sector)") }
        print("  why:")
        for reason in coding.reasons { print("    - \(reason)") }
    }

    private func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
