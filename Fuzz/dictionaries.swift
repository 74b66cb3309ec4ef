// libFuzzer target: the dictionary loaders: Phoenix actor and agent files, CAMEO verb
// dictionaries in their source and compiled forms.
import TribuneCoding

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var actors = ActorDictionary()
    actors.add(PhoenixReader.read(text, file: "fuzz.txt"))
    _ = actors.compiled(header: "# fuzz")
    if let verbs = try? VerbDictionary(source: text, file: "fuzz-verbs.txt") {
        _ = try? VerbDictionary(compiled: verbs.compiled())
    }
    _ = try? VerbDictionary(compiled: text)
    return 0
}
