import TribuneExtract

/// Renders an HTML page to the visible text a naive scraper leaves behind: the *input* the
/// text-mode cleanup is evaluated on, not Tribune's HTML extractor.
///
/// It is naive on purpose, like BeautifulSoup's `get_text("\n")` on the body, with block tags
/// as line breaks. Over the bytes, in one pass:
/// - `head`, `script`, `style`, `noscript`, `template` elements and comments are dropped with
///   their content; other markup is dropped and its text kept;
/// - block-level tags (`p`, `div`, `li`, `h1`…, `td`, …) and `<br>` end the line; paragraph-like
///   blocks (`p`, headings, lists, tables, `blockquote`, `pre`) also leave a blank line;
/// - character references are decoded (numeric ones and the HTML 4 names);
/// - runs of white space become one space, lines are trimmed, at most one blank line in a row.
///
/// Pages that are not valid UTF-8 are read as windows-1252.
public enum NaiveRendering {
    public static func text(html bytes: [UInt8]) -> String {
        if String(validating: bytes, as: UTF8.self) == nil {
            return render(Array(TextDecoding.decodeWindows1252(bytes).utf8))
        }
        return render(bytes)
    }

    private static func render(_ input: [UInt8]) -> String {
        var renderer = Renderer(input: input)
        renderer.run()
        return String(decoding: renderer.output, as: UTF8.self)
    }

    /// Elements dropped with everything inside them.
    fileprivate static let hidden: Set<[UInt8]> = Set(
        ["head", "script", "style", "noscript", "template"].map { Array($0.utf8) })
    /// Elements whose content is raw text: only their own end tag closes them.
    fileprivate static let rawText: Set<[UInt8]> = Set(["script", "style"].map { Array($0.utf8) })
    /// Block-level elements: a line break before and after.
    fileprivate static let lineBlocks: Set<[UInt8]> = Set(
        """
        address article aside body br dd details dialog div dl dt fieldset figcaption figure footer form
        header hgroup hr html li main nav section summary tbody thead tfoot tr td th caption option select
        textarea legend menu
        """.split(whereSeparator: \.isWhitespace).map { Array($0.utf8) })
    /// Blocks that leave a blank line after them, as paragraphs do in a scraper's text.
    fileprivate static let paragraphBlocks: Set<[UInt8]> = Set(
        "p h1 h2 h3 h4 h5 h6 ul ol table blockquote pre".split(separator: " ").map { Array($0.utf8) })

    /// The HTML 4 named character references (and `apos`): name, then code point in hex.
    fileprivate static let entities: [[UInt8]: UInt32] = {
        let table = """
            quot=22 amp=26 lt=3C gt=3E nbsp=A0 iexcl=A1 cent=A2 pound=A3 curren=A4 yen=A5 brvbar=A6 sect=A7
            uml=A8 copy=A9 ordf=AA laquo=AB not=AC shy=AD reg=AE macr=AF deg=B0 plusmn=B1 sup2=B2 sup3=B3
            acute=B4 micro=B5 para=B6 middot=B7 cedil=B8 sup1=B9 ordm=BA raquo=BB frac14=BC frac12=BD frac34=BE
            iquest=BF Agrave=C0 Aacute=C1 Acirc=C2 Atilde=C3 Auml=C4 Aring=C5 AElig=C6 Ccedil=C7 Egrave=C8
            Eacute=C9 Ecirc=CA Euml=CB Igrave=CC Iacute=CD Icirc=CE Iuml=CF ETH=D0 Ntilde=D1 Ograve=D2 Oacute=D3
            Ocirc=D4 Otilde=D5 Ouml=D6 times=D7 Oslash=D8 Ugrave=D9 Uacute=DA Ucirc=DB Uuml=DC Yacute=DD
            THORN=DE szlig=DF agrave=E0 aacute=E1 acirc=E2 atilde=E3 auml=E4 aring=E5 aelig=E6 ccedil=E7
            egrave=E8 eacute=E9 ecirc=EA euml=EB igrave=EC iacute=ED icirc=EE iuml=EF eth=F0 ntilde=F1 ograve=F2
            oacute=F3 ocirc=F4 otilde=F5 ouml=F6 divide=F7 oslash=F8 ugrave=F9 uacute=FA ucirc=FB uuml=FC
            yacute=FD thorn=FE yuml=FF OElig=152 oelig=153 Scaron=160 scaron=161 Yuml=178 fnof=192 circ=2C6
            tilde=2DC Alpha=391 Beta=392 Gamma=393 Delta=394 Epsilon=395 Zeta=396 Eta=397 Theta=398 Iota=399
            Kappa=39A Lambda=39B Mu=39C Nu=39D Xi=39E Omicron=39F Pi=3A0 Rho=3A1 Sigma=3A3 Tau=3A4 Upsilon=3A5
            Phi=3A6 Chi=3A7 Psi=3A8 Omega=3A9 alpha=3B1 beta=3B2 gamma=3B3 delta=3B4 epsilon=3B5 zeta=3B6
            eta=3B7 theta=3B8 iota=3B9 kappa=3BA lambda=3BB mu=3BC nu=3BD xi=3BE omicron=3BF pi=3C0 rho=3C1
            sigmaf=3C2 sigma=3C3 tau=3C4 upsilon=3C5 phi=3C6 chi=3C7 psi=3C8 omega=3C9 thetasym=3D1 upsih=3D2
            piv=3D6 ensp=2002 emsp=2003 thinsp=2009 zwnj=200C zwj=200D lrm=200E rlm=200F ndash=2013 mdash=2014
            lsquo=2018 rsquo=2019 sbquo=201A ldquo=201C rdquo=201D bdquo=201E dagger=2020 Dagger=2021 bull=2022
            hellip=2026 permil=2030 prime=2032 Prime=2033 lsaquo=2039 rsaquo=203A oline=203E frasl=2044
            euro=20AC image=2111 weierp=2118 real=211C trade=2122 alefsym=2135 larr=2190 uarr=2191 rarr=2192
            darr=2193 harr=2194 crarr=21B5 lArr=21D0 uArr=21D1 rArr=21D2 dArr=21D3 hArr=21D4 forall=2200
            part=2202 exist=2203 empty=2205 nabla=2207 isin=2208 notin=2209 ni=220B prod=220F sum=2211
            minus=2212 lowast=2217 radic=221A prop=221D infin=221E ang=2220 and=2227 or=2228 cap=2229 cup=222A
            int=222B there4=2234 sim=223C cong=2245 asymp=2248 ne=2260 equiv=2261 le=2264 ge=2265 sub=2282
            sup=2283 nsub=2284 sube=2286 supe=2287 oplus=2295 otimes=2297 perp=22A5 sdot=22C5 lceil=2308
            rceil=2309 lfloor=230A rfloor=230B lang=2329 rang=232A loz=25CA spades=2660 clubs=2663 hearts=2665
            diams=2666 apos=27
            """
        var result: [[UInt8]: UInt32] = [:]
        for pair in table.split(whereSeparator: \.isWhitespace) {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let value = UInt32(parts[1], radix: 16) { result[Array(parts[0].utf8)] = value }
        }
        return result
    }()
}

/// One pass over the page's bytes, writing the visible text with collapsed white space.
private struct Renderer {
    let input: [UInt8]
    var output: [UInt8] = []
    var position = 0
    /// White space seen since the last character written.
    var pendingSpace = false
    /// Line breaks owed before the next character: 1 ends the line, 2 leaves a blank line.
    var pendingBreaks = 0

    init(input: [UInt8]) {
        self.input = input
        output.reserveCapacity(input.count / 4)
    }

    mutating func run() {
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "<") {
                markup()
            } else if byte == UInt8(ascii: "&") {
                reference()
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D {
                pendingSpace = true
                position += 1
            } else {
                emit(byte)
                position += 1
            }
        }
    }

    mutating func emit(_ byte: UInt8) {
        if !output.isEmpty {
            if pendingBreaks > 0 {
                output.append(contentsOf: pendingBreaks > 1 ? [0x0A, 0x0A] : [0x0A])
            } else if pendingSpace {
                output.append(0x20)
            }
        }
        pendingBreaks = 0
        pendingSpace = false
        output.append(byte)
    }

    mutating func lineBreak(_ count: Int) { pendingBreaks = max(pendingBreaks, count) }

    func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }

    /// At `<`: a comment, a declaration, a start or end tag, or a literal `<`.
    mutating func markup() {
        let next = position + 1 < input.count ? input[position + 1] : 0
        if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
            let isComment = input[position...].starts(with: Array("<!--".utf8))
            let end =
                isComment ? find(Array("-->".utf8), from: position + 4) : find([UInt8(ascii: ">")], from: position)
            position = end.map { $0 + (isComment ? 3 : 1) } ?? input.count
            return
        }
        let closing = next == UInt8(ascii: "/")
        let nameStart = position + (closing ? 2 : 1)
        guard nameStart < input.count, isLetter(input[nameStart]) else {
            emit(UInt8(ascii: "<"))
            position += 1
            return
        }
        var nameEnd = nameStart
        var name: [UInt8] = []
        while nameEnd < input.count, isLetter(input[nameEnd]) || (input[nameEnd] >= 0x30 && input[nameEnd] <= 0x39) {
            name.append(input[nameEnd] | 0x20)
            nameEnd += 1
        }
        position = tagEnd(from: nameEnd)
        if !closing, NaiveRendering.hidden.contains(name) {
            skipElement(name)
        } else if NaiveRendering.paragraphBlocks.contains(name) {
            lineBreak(2)
        } else if NaiveRendering.lineBlocks.contains(name) {
            lineBreak(1)
        }
    }

    /// The position after the `>` that ends a tag, skipping quoted attribute values.
    func tagEnd(from start: Int) -> Int {
        var i = start
        var quote: UInt8 = 0
        while i < input.count {
            let byte = input[i]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return i + 1
            }
            i += 1
        }
        return input.count
    }

    /// Skips a hidden element's content and its end tag. The head also ends where the body starts,
    /// since pages leave `</head>` out.
    mutating func skipElement(_ name: [UInt8]) {
        var i = position
        while let open = find([UInt8(ascii: "<")], from: i) {
            if matchesTag(at: open + 1, [UInt8(ascii: "/")] + name) {
                position = tagEnd(from: open + 2 + name.count)
                return
            }
            if name == Array("head".utf8), matchesTag(at: open + 1, Array("body".utf8)) {
                position = open
                return
            }
            i = open + 1
        }
        position = input.count
    }

    /// Whether the bytes at `at` are `tag` (case-insensitive) followed by a name's end.
    func matchesTag(at start: Int, _ tag: [UInt8]) -> Bool {
        guard start + tag.count <= input.count else { return false }
        for (offset, byte) in tag.enumerated() where input[start + offset] | 0x20 != byte | 0x20 { return false }
        let after = start + tag.count
        return after == input.count || !isLetter(input[after])
    }

    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start < input.count else { return nil }
        var i = start
        while i + needle.count <= input.count {
            if input[i] == needle[0], input[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// At `&`: a numeric or named character reference, or a literal `&`.
    mutating func reference() {
        var i = position + 1
        var value: UInt32?
        if i < input.count, input[i] == UInt8(ascii: "#") {
            i += 1
            let hex = i < input.count && input[i] | 0x20 == UInt8(ascii: "x")
            if hex { i += 1 }
            var number: UInt32 = 0
            let digitsStart = i
            while i < input.count, i - digitsStart < 8, let digit = hexDigit(input[i]), hex || digit < 10 {
                number = number * (hex ? 16 : 10) + digit
                i += 1
            }
            if i > digitsStart { value = number == 0 ? 0xFFFD : number }
        } else {
            let nameStart = i
            while i < input.count, i - nameStart < 10, isLetter(input[i]) || (input[i] >= 0x30 && input[i] <= 0x39) {
                i += 1
            }
            value = NaiveRendering.entities[Array(input[nameStart..<i])]
        }
        guard let value else {
            emit(UInt8(ascii: "&"))
            position += 1
            return
        }
        if i < input.count, input[i] == UInt8(ascii: ";") { i += 1 }
        position = i
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        if scalar == " " || scalar == "\n" || scalar == "\t" {
            pendingSpace = true
        } else {
            for byte in String(scalar).utf8 { emit(byte) }
        }
    }

    func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
