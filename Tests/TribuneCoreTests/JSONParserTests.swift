import Testing

@testable import TribuneCore

@Suite("Reading JSON")
struct JSONParserTests {
    @Test("reads a JSONL record as a feed sends it")
    func record() throws {
        let line =
            #"{"id": "rferl-1", "url": "https://www.rferl.org/a/1", "text": "Gilani said \"no\".", "n": -12.5e1}"#
        let value = try JSONParser.parse(line)
        #expect(value["id"]?.string == "rferl-1")
        #expect(value["text"]?.string == "Gilani said \"no\".")
        #expect(value["n"]?.number == -125)
        #expect(value.object?.keys == ["id", "url", "text", "n"])
    }

    @Test("decodes \\u escapes, surrogate pairs included")
    func unicodeEscapes() throws {
        #expect(try JSONParser.parse(#""\u00e9\ud83d\ude00\u2014""#) == .string("é😀—"))
        #expect(try JSONParser.parse(#""\ud83d""#) == .string("\u{FFFD}"), "a lone surrogate becomes U+FFFD")
    }

    @Test("keeps integers exact up to 2^53")
    func integers() throws {
        #expect(try JSONParser.parse("9007199254740992").int == 9_007_199_254_740_992)
        #expect(try JSONParser.parse("1168197").int == 1_168_197)
        #expect(try JSONParser.parse("0.5").int == nil)
    }

    @Test(
        "rejects malformed text with the byte where it stopped",
        arguments: [
            ("{\"a\": 1,}", 8), ("[1 2]", 3), ("\"open", 5), ("tru", 0), ("01", 1), ("{\"a\" 1}", 5), ("", 0),
            ("\"tab\there\"", 4),
        ])
    func malformed(text: String, offset: Int) {
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            (error as? JSONSyntaxError)?.offset == offset
        }
    }

    @Test("refuses hostile nesting instead of overflowing the stack")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }
}
