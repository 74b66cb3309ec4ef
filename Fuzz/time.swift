// libFuzzer target: the time-expression tagger and TIMEX3 normalizer, anchored and not.
import TribuneCoding
import TribuneNLP

let segmenter = try! Segmenter()
let tagger = try! TemporalTagger()
let anchor = CalendarDate(year: 2008, month: 7, day: 1)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for date in [anchor, nil] {
        for (span, match) in tagger.tag(text, anchor: date, segmenter: segmenter) {
            precondition(!span.isEmpty && !match.value.isEmpty)
        }
    }
    return 0
}
