// libFuzzer target: the JSON parser and the JSONL / JSON record readers.
import TribuneCore
import TribuneExtract

let reader = InputReader(paths: [])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let value = try? JSONParser.parse(bytes) { _ = value.array?.count }
    for name in ["feed.jsonl", "records.json"] {
        reader.read(bytes: bytes, uri: "fuzz:\(name)", name: name) { item in
            if case .source(let source) = item { precondition(!source.uri.isEmpty) }
        }
    }
    return 0
}
