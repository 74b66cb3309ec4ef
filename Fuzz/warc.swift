// libFuzzer target: the WARC reader (plain and gzip-compressed records, HTTP chunked and
// content codings) and the gzip/deflate decoder.
import TribuneCore
import TribuneExtract

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = WARCReader(bytes: bytes, uri: "fuzz:warc")
    var items = 0
    while let item = reader.next() {
        items += 1
        if case .source(let page) = item { precondition(page.bytes.count <= WARCReader.payloadLimit) }
        // Every item consumes input: a reader that loops without progress is a hang.
        precondition(items <= bytes.count + 1, "WARC reader yields more items than input bytes")
    }
    _ = WARCReader.looksLikeWARC(bytes)
    if let inflated = try? Gzip.decompress(bytes, limit: 16 << 20) { precondition(inflated.count <= 16 << 20) }
    return 0
}
