import Testing

@testable import TribuneNLP

@Suite("Tokenizer: the conventions of the UD English treebanks")
struct TokenizerTests {
    @Test("splits punctuation off words and keeps the rest of a plain sentence whole")
    func plainSentence() {
        #expect(
            tokens("He gave no other details.") == ["He", "gave", "no", "other", "details", "."])
        #expect(
            tokens("Last year, Pakistani forces claimed to have killed at least 150 Uzbek militants.")
                == [
                    "Last", "year", ",", "Pakistani", "forces", "claimed", "to", "have", "killed", "at", "least", "150",
                    "Uzbek", "militants", ".",
                ])
    }

    @Test(
        "splits clitics, straight or curly, as UD does",
        arguments: [
            ("Pakistan's volatile tribal areas", ["Pakistan", "'s", "volatile", "tribal", "areas"]),
            ("We've seen more", ["We", "'ve", "seen", "more"]),
            ("there's something", ["there", "'s", "something"]),
            ("it’s here", ["it", "’s", "here"]),
            ("They don't know", ["They", "do", "n't", "know"]),
            ("I can't go", ["I", "ca", "n't", "go"]),
            ("it won’t", ["it", "wo", "n’t"]),
            ("you'll, they're, I'd, I'm", ["you", "'ll", ",", "they", "'re", ",", "I", "'d", ",", "I", "'m"]),
            ("DON'T", ["DO", "N'T"]),
            ("I cannot say", ["I", "can", "not", "say"]),
            ("we're gonna win", ["we", "'re", "gon", "na", "win"]),
            ("Gonna happen", ["Gon", "na", "happen"]),
            ("the Christians' view", ["the", "Christians", "'", "view"]),
        ])
    func clitics(text: String, expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test("keeps apostrophes inside names and decades")
    func apostrophesInNames() {
        #expect(
            tokens("O'Reilly met Qa'ida's envoy in the '90s") == [
                "O'Reilly", "met", "Qa'ida", "'s", "envoy", "in", "the", "'90s",
            ])
    }

    @Test(
        "keeps the period of abbreviations, titles, initials and acronyms",
        arguments: [
            ("Dr. Smith", ["Dr.", "Smith"]),
            ("George W. Bush", ["George", "W.", "Bush"]),
            ("on Jan. 5", ["on", "Jan.", "5"]),
            ("at 10 a.m. Monday", ["at", "10", "a.m.", "Monday"]),
            ("the U.S. State Department's list", ["the", "U.S.", "State", "Department", "'s", "list"]),
            ("Maj.-Gen. Abbas", ["Maj.", "-", "Gen.", "Abbas"]),
            ("Sen. McCain's remarks", ["Sen.", "McCain", "'s", "remarks"]),
            (
                "Acme Inc. and Ph.D. students, e.g. here",
                ["Acme", "Inc.", "and", "Ph.D.", "students", ",", "e.g.", "here"]
            ),
            ("No. 5", ["No.", "5"]),
        ])
    func abbreviations(text: String, expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test("splits a sentence's final period off a word that is no abbreviation")
    func finalPeriod() {
        #expect(tokens("I said no.") == ["I", "said", "no", "."])
        #expect(tokens("in late 2001.") == ["in", "late", "2001", "."])
        #expect(tokens("aired on Space.com.") == ["aired", "on", "Space.com", "."])
    }

    @Test(
        "keeps numbers, dates and times whole, and splits currency and percent signs",
        arguments: [
            ("3,500,000 people", ["3,500,000", "people"]),
            ("$3.5 million", ["$", "3.5", "million"]),
            ("up 5%", ["up", "5", "%"]),
            ("dated 4/14/00 at 10:30", ["dated", "4/14/00", "at", "10:30"]),
            ("call 713-853-5025 now", ["call", "713-853-5025", "now"]),
            ("from 1969-1970", ["from", "1969", "-", "1970"]),
            ("200-250 people", ["200", "-", "250", "people"]),
            ("€1.78 billion", ["€", "1.78", "billion"]),
        ])
    func numbers(text: String, expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test(
        "splits hyphens, except after UD's prefixes and in Arabic names",
        arguments: [
            ("Aiman al-Zawahiri.", ["Aiman", "al-Zawahiri", "."]),
            ("an Al-Qaeda-inspired group", ["an", "Al-Qaeda", "-", "inspired", "group"]),
            ("the U.S.-led topping", ["the", "U.S.", "-", "led", "topping"]),
            ("pro-Taliban militants", ["pro-Taliban", "militants"]),
            ("an e-mail from a co-founder", ["an", "e-mail", "from", "a", "co-founder"]),
            ("Major-General Ahtar Abbas", ["Major", "-", "General", "Ahtar", "Abbas"]),
            ("a well-known figure", ["a", "well", "-", "known", "figure"]),
            ("unclear -- although", ["unclear", "--", "although"]),
            ("a new strategy - one", ["a", "new", "strategy", "-", "one"]),
        ])
    func hyphens(text: String, expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test("keeps slashes in dates and short acronyms, splits them between words")
    func slashes() {
        #expect(tokens("RFE/RL's Uzbek Service") == ["RFE/RL", "'s", "Uzbek", "Service"])
        #expect(tokens("and/or") == ["and", "/", "or"])
        #expect(tokens("AT&T and R&D") == ["AT&T", "and", "R&D"])
    }

    @Test("keeps URLs and e-mail addresses whole, without the punctuation around them")
    func links() {
        #expect(
            tokens("See http://www.rferl.org/content/Pakistan_Blames_IMU/1178491.html.") == [
                "See", "http://www.rferl.org/content/Pakistan_Blames_IMU/1178491.html", ".",
            ])
        #expect(tokens("(www.bbc.co.uk/news)") == ["(", "www.bbc.co.uk/news", ")"])
        #expect(tokens("Write to press@example.org, or") == ["Write", "to", "press@example.org", ",", "or"])
        #expect(tokens("<mailto:chris.abel@enron.com>") == ["<", "mailto:chris.abel@enron.com", ">"])
    }

    @Test("treats quotes, ellipses and emoticons as UD does")
    func quotesAndEllipses() {
        #expect(
            tokens("\"Clearly, there's something going on here.\"") == [
                "\"", "Clearly", ",", "there", "'s", "something", "going", "on", "here", ".", "\"",
            ])
        #expect(tokens("“Yes…” he said...") == ["“", "Yes", "…", "”", "he", "said", "..."])
        #expect(tokens("``Quoted'' text") == ["``", "Quoted", "''", "text"])
        #expect(tokens("Great service :) Thanks!!!") == ["Great", "service", ":)", "Thanks", "!!!"])
    }

    @Test("separates words at non-ASCII white space and splits Unicode punctuation")
    func unicode() {
        #expect(
            tokens("Antonín\u{00A0}Dvořák\u{2003}(1841–1904)") == ["Antonín", "Dvořák", "(", "1841", "–", "1904", ")"])
        #expect(tokens("東京\u{3000}大阪") == ["東京", "大阪"])
    }

    @Test("gives byte offsets into the UTF-8 text")
    func offsets() {
        let text = "Dvořák’s “New World”."
        let segmentation = sharedSegmenter.segment(text)
        let bytes = Array(text.utf8)
        #expect(segmentation.tokens.first == Token(start: 0, end: 8))  // "ř" and "á" take two bytes each
        for token in segmentation.tokens {
            #expect(String(validating: bytes[token.range], as: UTF8.self) != nil)
        }
        #expect(segmentation.tokens.count == 7)
    }
}
