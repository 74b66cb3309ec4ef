// libFuzzer target: charset detection and decoding (declared charsets, BOMs, UTF-16,
// windows-1252 fallback), the binary-file check, and text-mode cleanup of what decodes.
import TribuneCore
import TribuneExtract

let extractor = try! ArticleExtractor()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The first line, if short, doubles as a declared charset name.
    let line = bytes.prefix { $0 != 0x0A }
    let declared = line.count < 40 ? String(decoding: line, as: UTF8.self) : nil
    let utf8 = HTMLCharset.utf8(bytes, declared: declared)
    precondition(String(validating: utf8, as: UTF8.self) != nil, "HTMLCharset.utf8 returned invalid UTF-8")
    if let declared { _ = HTMLCharset.encoding(named: declared) }
    _ = TextDecoding.binaryKind(bytes)
    if let text = try? TextDecoding.decode(bytes) {
        precondition(!text.utf8.contains(0x0D), "line ends not normalized")
    }
    let source = SourceDocument(uri: "fuzz:charset", format: .text, content: .text, bytes: bytes)
    _ = try? extractor.extract(source)
    return 0
}
