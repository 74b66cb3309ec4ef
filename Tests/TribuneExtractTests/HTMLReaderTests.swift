import Foundation
import Testing

@testable import TribuneExtract

/// The HTML reader: the tree a browser would build for the markup that shapes a page's text.
@Suite("HTML reader")
struct HTMLReaderTests {
    /// The element tree as `tag(child child)`, text as its words in quotes.
    func tree(_ html: String) -> String { Self.render(HTMLDocument(parsing: Array(html.utf8))) }

    static func render(_ document: HTMLDocument) -> String {
        var out = ""
        var open: [Int] = []  // ends of the open elements
        for i in document.nodes.indices {
            while let end = open.last, i >= end {
                out += ")"
                open.removeLast()
            }
            if !out.isEmpty && !out.hasSuffix("(") { out += " " }
            let node = document.nodes[i]
            if node.isText {
                out += "\"" + String(decoding: document.textBytes(of: i), as: UTF8.self) + "\""
            } else {
                out += node.tag.name + "("
                open.append(Int(node.end))
            }
        }
        out += String(repeating: ")", count: open.count)
        return out.replacingOccurrences(of: "()", with: "")
    }

    /// The children of the root (or of `body`, when the page has one).
    func body(_ html: String) -> String {
        var rendered = Substring(tree(html))
        for wrapper in ["html(", "body("] where rendered.hasPrefix(wrapper) {
            rendered = rendered.dropFirst(wrapper.count).dropLast()
        }
        return String(rendered)
    }

    @Test("closes a paragraph at the next block, an item at the next item, a cell at the next cell")
    func impliedEndTags() {
        #expect(body("<p>One<p>Two<div>Three</div>") == #"p("One") p("Two") div("Three")"#)
        #expect(body("<ul><li>a<li>b</ul>") == #"ul(li("a") li("b"))"#)
        #expect(body("<table><tr><td>a<td>b<tr><td>c</table>") == #"table(tr(td("a") td("b")) tr(td("c")))"#)
        #expect(body("<dl><dt>term<dd>definition<dt>next</dl>") == #"dl(dt("term") dd("definition") dt("next"))"#)
        #expect(body("<h2>One<h3>Two</h3>") == #"h2("One") h3("Two")"#)
    }

    @Test("ignores end tags that match nothing and closes misnested ones as a browser does")
    func misnestedTags() {
        #expect(body("<div>a</span>b</div>") == #"div("ab")"#)
        #expect(body("<p>a<b>bold</p>after") == #"p("a" b("bold")) "after""#)
        // An inline end tag does not close the block opened inside it.
        #expect(body("<b><p>x</b>y</p>") == #"b(p("xy"))"#)
        // A new link closes an open one.
        #expect(body("<a href=1>one<a href=2>two") == #"a("one") a("two")"#)
        // A `</div>` inside a cell does not close the div around the table.
        #expect(
            body("<div><table><tr><td></div>cell</td></tr></table>after</div>")
                == #"div(table(tr(td("cell"))) "after")"#)
    }

    @Test("gives void elements no content, even when written with an end tag or `/>`")
    func voidElements() {
        #expect(body("<p>a<br>b<img src=x>c</p>") == #"p("a" br "b" img "c")"#)
        #expect(body("<p>a<br/>b</br>c</p>") == #"p("a" br "b" br "c")"#)
        #expect(body("<div/>inside</div>") == #"div("inside")"#)
    }

    @Test("skips scripts, styles, templates, comments and CDATA, but keeps JSON-LD aside")
    func skippedContent() {
        let html = """
            <head><style>p { color: red } </p></style>
            <script type="application/ld+json">{"headline": "A <b> title"}</script></head>
            <body><script>document.write("<p>not text</p>")</script><!-- <p>comment</p> -->
            <p>kept</p><template><p>template</p></template><![CDATA[cdata]]></body>
            """
        let document = HTMLDocument(parsing: Array(html.utf8))
        let text = document.text(of: 0)
        #expect(text.contains("kept"))
        for hidden in ["color", "not text", "comment", "template", "cdata", "headline"] {
            #expect(!text.contains(hidden), "\(hidden) leaked into the text")
        }
        #expect(document.jsonLD.map { String(decoding: $0, as: UTF8.self) } == [#"{"headline": "A <b> title"}"#])
    }

    @Test("decodes named, numeric and legacy character references, in text and attributes")
    func characterReferences() {
        let document = HTMLDocument(
            parsing: Array(
                "<p title=\"AT&amp;T &quot;x&quot;\">caf&eacute; &#233; &#xE9; &mdash; &notit; &amp &lt;b&gt; &#0; &#x110000; &bogus;</p>"
                    .utf8))
        let p = document.nodes.indices.first { document.nodes[$0].tag == .p }!
        #expect(document.text(of: p) == "café é é — ¬it; & <b> \u{FFFD} \u{FFFD} &bogus;")
        #expect(document.attribute(.title, of: p) == "AT&T \"x\"")
    }

    @Test("reads a page nested 100,000 elements deep without recursion, its text intact")
    func deepNesting() {
        let depth = 100_000
        let html = String(repeating: "<div>", count: depth) + "deep text" + String(repeating: "</div>", count: depth)
        let document = HTMLDocument(parsing: Array(html.utf8))
        #expect(document.text(of: 0) == "deep text")
        #expect(document.nodes.map(\.depth).max()! <= UInt16(HTMLTreeBuilder.maximumDepth + 1))
        let article = try! HTMLExtractor().extract(html: Array(html.utf8))
        #expect(article.paragraphs.joined().contains("deep text") || article.paragraphs.isEmpty)
    }

    @Test("survives invalid UTF-8 and stray bytes, replacing what cannot be read")
    func invalidBytes() {
        var bytes = Array("<p>caf".utf8) + [0xE9, 0xFF, 0xC3] + Array(" ok</p>".utf8)
        var document = HTMLDocument(parsing: HTMLCharset.utf8(bytes))
        #expect(document.text(of: 0).hasSuffix(" ok"))
        bytes = [0x3C, 0x00, 0x3C, 0x2F, 0xFE, 0x3E, 0x3C, 0x21, 0x2D]  // "<\0</\xFE><!-"
        document = HTMLDocument(parsing: HTMLCharset.utf8(bytes))
        #expect(document.nodes.count >= 1)
    }

    @Test("decodes windows-1252 when the bytes are not UTF-8, and follows a meta charset")
    func charsets() {
        let latin =
            Array("<p>caf".utf8) + [0xE9] + Array(" \u{0022}quoted\u{0022} ".utf8) + [0x93, 0x61, 0x94]
            + Array("</p>".utf8)
        let decoded = String(decoding: HTMLCharset.utf8(latin), as: UTF8.self)
        #expect(decoded.contains("café"))
        #expect(decoded.contains("\u{201C}a\u{201D}"))
        let declared = Array("<meta charset=\"iso-8859-1\"><p>na".utf8) + [0xEF] + Array("ve</p>".utf8)
        #expect(String(decoding: HTMLCharset.utf8(declared), as: UTF8.self).contains("naïve"))
        let bom = [0xEF, 0xBB, 0xBF] + Array("<p>ünïcode</p>".utf8)
        #expect(String(decoding: HTMLCharset.utf8(bom), as: UTF8.self).contains("ünïcode"))
    }

    @Test("keeps the attributes extraction reads, case-insensitively, and drops the rest")
    func attributes() {
        let document = HTMLDocument(
            parsing: Array(#"<DIV CLASS='post-body' Data-X=1 id=main itemprop=articleBody>x</DIV>"#.utf8))
        let div = document.nodes.indices.first { document.nodes[$0].tag == .div }!
        #expect(document.attribute(.class, of: div) == "post-body")
        #expect(document.attribute(.id, of: div) == "main")
        #expect(document.attribute(.itemprop, of: div) == "articleBody")
        #expect(document.attributes(of: div).count == 3)
    }

    @Test("puts head content in the head and everything after it in the body")
    func headAndBody() {
        #expect(tree("<head><title>T</title><p>x") == #"html(head(title("T")) p("x"))"#)
        #expect(tree("<html><body><p>a</p></body></html><p>after</p>").hasSuffix(#"body(p("a") p("after")))"#))
    }
}
