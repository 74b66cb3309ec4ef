import TribuneCore

/// Finds where reader comments begin: the first line of comment vocabulary ("Comments",
/// "Leave a reply", "12 thoughts on …") once the article has run for a while. Comments read like
/// prose, so the classifier would keep them; this line, as in boilerpipe's terminating blocks,
/// ends the article instead.
enum CommentSection {
    /// Kept words the article must have before a comments line counts: "Comments (3)" at the top
    /// of a page is a link, not the start of the thread.
    static let minimumArticleWords = 150

    /// The index of the block that starts the comments, if any.
    static func start(_ blocks: [TextBlock], kept: [Bool], reasons: [RemovedText.Reason?]) -> Int? {
        var words = 0
        for i in blocks.indices {
            if reasons[i] == .comments && words >= minimumArticleWords { return i }
            if kept[i] { words += blocks[i].features.words }
        }
        return nil
    }
}
