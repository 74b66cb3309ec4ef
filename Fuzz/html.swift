// libFuzzer target: the HTML tokenizer, tree builder and article extractor, on bytes as a page.
import TribuneCore
import TribuneExtract

let extractor = try! HTMLExtractor()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let document = HTMLDocument(parsing: HTMLCharset.utf8(bytes))
    // The tree's invariants: pre-order numbering, each subtree inside its parent's.
    let nodes = document.nodes
    precondition(!nodes.isEmpty && Int(nodes[0].end) == nodes.count)
    for i in nodes.indices.dropFirst() {
        let parent = Int(nodes[i].parent)
        precondition(parent >= 0 && parent < i && Int(nodes[i].end) > i && nodes[i].end <= nodes[parent].end)
    }
    let article = extractor.extract(html: bytes, url: "https://example.org/fuzz")
    precondition(!article.paragraphs.contains { $0.isEmpty })
    return 0
}
