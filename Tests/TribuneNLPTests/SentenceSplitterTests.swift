import Testing

@testable import TribuneNLP

@Suite("Sentence splitter: news text")
struct SentenceSplitterTests {
    @Test("ends a sentence after the closing quote when the quotation ends it")
    func quotationEndsSentence() {
        let text =
            "Speaking on June 28, Gilani stated that \"foreign elements hailing from Central Asian republics are "
            + "disturbing peace in the tribal areas.\" Gilani was apparently referring to the mainly Uzbek Islamic "
            + "Movement of Uzbekistan (IMU), an Al-Qaeda-inspired group."
        #expect(
            sentences(text) == [
                "Speaking on June 28, Gilani stated that \"foreign elements hailing from Central Asian republics are "
                    + "disturbing peace in the tribal areas.\"",
                "Gilani was apparently referring to the mainly Uzbek Islamic Movement of Uzbekistan (IMU), "
                    + "an Al-Qaeda-inspired group.",
            ])
    }

    @Test("splits inside a quotation, and not before the speech tag that follows it")
    func speechTags() {
        let text =
            "\"We've seen more and more of these people coming in. We have seen more suicide bombers in "
            + "Afghanistan who supposed to be Uzbek from Uzbekistan,\" Rashid said. \"Clearly, there's something "
            + "going on here.\""
        #expect(
            sentences(text) == [
                "\"We've seen more and more of these people coming in.",
                "We have seen more suicide bombers in Afghanistan who supposed to be Uzbek from Uzbekistan,\" Rashid said.",
                "\"Clearly, there's something going on here.\"",
            ])
        #expect(sentences("\"Why?\" he asked. Nobody answered.") == ["\"Why?\" he asked.", "Nobody answered."])
    }

    @Test("does not end sentences at abbreviations, titles or initials inside them")
    func abbreviationsInside() {
        #expect(
            sentences(
                "Many of its members ended up in Pakistan following the U.S.-led topping of the Taliban in late 2001. "
                    + "The Pakistani government has been carrying out negotiations.") == [
                    "Many of its members ended up in Pakistan following the U.S.-led topping of the Taliban in late 2001.",
                    "The Pakistani government has been carrying out negotiations.",
                ])
        #expect(
            sentences(
                "What is unclear is the real strength of the IMU, which is on the U.S. State Department's list of "
                    + "designated foreign terrorist organizations."
            ).count == 1)
        #expect(sentences("Dr. Smith met George W. Bush at 10 a.m. Monday. They spoke on Jan. 5 too.").count == 2)
        #expect(
            sentences("Days after Sen. McCain's remarks, the Air Force said the contract would be revived.").count == 1)
        #expect(
            sentences(
                "The aircraft was greeted by the Prime Minister of Singapore, Mr. Lee Hsien Loong, at the airport."
            ).count == 1)
        #expect(
            sentences("Senior officials including Maj.-Gen. Ahtar Abbas acknowledge that action is not imminent.")
                .count == 1)
    }

    @Test("ends a sentence at an abbreviation when a sentence clearly starts after it")
    func abbreviationAtEnd() {
        #expect(
            sentences("A second A380 is also travelling to the U.S. The first one landed on Monday.") == [
                "A second A380 is also travelling to the U.S.", "The first one landed on Monday.",
            ])
        #expect(
            sentences("A second A380 is also travelling to the U.S. on Monday, but without passengers.").count == 1)
        #expect(sentences("The plane left four hours after its scheduled 9:45 a.m. local time departure.").count == 1)
    }

    @Test("ends sentences after numbers, and keeps lists and money together")
    func numbers() {
        #expect(
            sentences(
                "There have been several past reports that Yuldash 40, had been killed. But each time they were "
                    + "apparently disproved.") == [
                    "There have been several past reports that Yuldash 40, had been killed.",
                    "But each time they were apparently disproved.",
                ])
        #expect(sentences("The order is worth $3.5 million, 5% more than expected.").count == 1)
        #expect(
            sentences("1. Matter is composed of atoms. 2. Atoms are tiny.") == [
                "1. Matter is composed of atoms.", "2. Atoms are tiny.",
            ])
    }

    @Test("keeps a dash and what follows it in the sentence")
    func dashes() {
        let text =
            "And what Pakistan intends to do about the presence of the militants remains unclear -- although senior "
            + "officials including Major-General Ahtar Abbas acknowledge that military action against them is not "
            + "imminent."
        #expect(sentences(text) == [text])
    }

    @Test("makes a headline without final punctuation a sentence of its own")
    func headlines() {
        let text =
            "History Of Violence\n\nPakistan's \"Daily Times\" has described IMU leader Tohir Yuldash as "
            + "staunch follower of Al-Qaeda's second-in-command, Aiman al-Zawahiri. Yuldash reportedly believes so."
        #expect(
            sentences(text) == [
                "History Of Violence",
                "Pakistan's \"Daily Times\" has described IMU leader Tohir Yuldash as staunch follower of "
                    + "Al-Qaeda's second-in-command, Aiman al-Zawahiri.",
                "Yuldash reportedly believes so.",
            ])
        #expect(
            sentences("Pakistan Blames IMU Militants For Afghan Border Unrest\nFor months, reports said so.") == [
                "Pakistan Blames IMU Militants For Afghan Border Unrest", "For months, reports said so.",
            ])
    }

    @Test("keeps links and addresses inside the sentence")
    func links() {
        #expect(
            sentences("Write to press@example.org or see www.example.com/news. We answer within a day.") == [
                "Write to press@example.org or see www.example.com/news.", "We answer within a day.",
            ])
        #expect(
            sentences("In an audio clip sent to RFE/RL's Uzbek Service in January, a spokesman described the clashes.")
                .count == 1)
    }
}

@Suite("Sentence splitter: paragraphs and odd input")
struct ParagraphTests {
    @Test("never lets a sentence cross a paragraph end, and ends one at every paragraph")
    func paragraphEnds() {
        let text = "First paragraph without a period\n\nSecond one, also open-ended\n\n\n\nThird."
        #expect(sentences(text) == ["First paragraph without a period", "Second one, also open-ended", "Third."])
    }

    @Test("gives every token to exactly one sentence, in order")
    func coverage() throws {
        let text = "He gave no other details. And what Pakistan intends to do remains unclear.\n\nHistory Of Violence"
        let segmentation = sharedSegmenter.segment(text)
        var next = 0
        for sentence in segmentation.sentences {
            #expect(sentence.tokens.lowerBound == next)
            #expect(!sentence.tokens.isEmpty)
            #expect(sentence.bytes.lowerBound == Int(segmentation.tokens[sentence.tokens.lowerBound].start))
            #expect(sentence.bytes.upperBound == Int(segmentation.tokens[sentence.tokens.upperBound - 1].end))
            next = sentence.tokens.upperBound
        }
        #expect(next == segmentation.tokens.count)
    }

    @Test("copes with empty, blank, out-of-range and overlapping paragraphs")
    func oddParagraphs() {
        let bytes = Array("  \n \t One.  Two.".utf8)
        let segmentation = bytes.withUnsafeBufferPointer {
            sharedSegmenter.segment($0, paragraphs: [0..<0, 0..<3, 3..<bytes.count, 50..<90, 7..<9, 5..<4000])
        }
        #expect(segmentation.sentences.map(\.bytes.count).allSatisfy { $0 > 0 })
        #expect(segmentation.tokens.allSatisfy { $0.end <= Int32(bytes.count) })
        #expect(sharedSegmenter.segment("").tokens.isEmpty)
        #expect(sharedSegmenter.segment("\n\n \n").sentences.isEmpty)
    }

    @Test("handles a paragraph cut in the middle of a character")
    func cutCharacter() {
        let bytes = Array("Dvořák".utf8)
        let segmentation = bytes.withUnsafeBufferPointer { sharedSegmenter.segment($0, paragraphs: [4..<bytes.count]) }
        #expect(segmentation.sentences.count == 1)
    }

    @Test(
        "takes linear time on long runs without spaces, of punctuation, or of short lines",
        arguments: ["abc", ".", "-a", "?!\"'(", "Word\n", "x@y.", "http://a.b/", "U.S.", "a/)", "))", ":)", "[1]"])
    func longRuns(unit: String) {
        // Compares two sizes in the same run, so a loaded machine or a debug build cannot fail it:
        // linear work grows about 4× from n to 4n, quadratic work 16×. The smaller size is grown
        // until it takes long enough for the clock to be trusted.
        func seconds(_ size: Int) -> Double {
            let input = String(repeating: unit, count: size / unit.utf8.count)
            var best = Double.infinity
            for _ in 0..<2 {
                var segmentation = Segmentation()
                let elapsed = ContinuousClock().measure { segmentation = sharedSegmenter.segment(input) }
                #expect(!segmentation.sentences.isEmpty)
                best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            return best
        }
        var size = 4_000
        var small = seconds(size)
        while small < 0.05 && size < 256_000 {
            size *= 2
            small = seconds(size)
        }
        let large = seconds(4 * size)
        #expect(large / small < 10, "\(unit): \(size) bytes in \(small) s, \(4 * size) in \(large) s")
    }

    @Test("survives random text", arguments: 0..<20)
    func randomText(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let alphabet = Array("aZ9 .,;:!?'\"’“”()[]-–—…/@&%$\n\u{00A0}\u{3000}éД東😀#*_=<>`")
        let text = String((0..<2000).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        let segmentation = sharedSegmenter.segment(text)
        let count = text.utf8.count
        var previousEnd: Int32 = 0
        for token in segmentation.tokens {
            #expect(token.start >= previousEnd && token.end > token.start && Int(token.end) <= count)
            previousEnd = token.end
        }
    }
}
