/// Where a document came from.
public struct DocumentSource: Hashable, Sendable {
    /// How the source bytes were read.
    public enum Format: String, Hashable, Sendable, CaseIterable {
        case html, text, warc, jsonl
    }

    /// The input's address: `file:///…`, an URL from a JSONL record, `stdin:`, or a record id.
    public var uri: String
    public var format: Format

    public init(uri: String, format: Format) {
        self.uri = uri
        self.format = format
    }
}

/// Something cleanup removed from the page, and why: the audit trail of extraction.
public struct RemovedText: Hashable, Sendable {
    /// Why a block was dropped. Open-ended: readers must accept reasons they do not know.
    public struct Reason: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        /// Menus, skip links, section lists, breadcrumbs.
        public static let navigation: Reason = "navigation"
        /// Image captions and credits, including repeated ones.
        public static let caption: Reason = "caption"
        /// Teasers, "related" and "read more" blocks, newsletter and subscription boxes.
        public static let promo: Reason = "promo"
        /// Copyright, terms, cookie and legal notices.
        public static let legal: Reason = "legal"
        /// Share buttons, tags, bylines and other page furniture.
        public static let boilerplate: Reason = "boilerplate"
        /// A block that repeats one already kept.
        public static let duplicate: Reason = "duplicate"
        /// Reader comments.
        public static let comments: Reason = "comments"
    }

    public var text: String
    public var reason: Reason

    public init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }
}
