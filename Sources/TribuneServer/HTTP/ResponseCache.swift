import Foundation
import Synchronization

/// Recent answers of the aggregate endpoints, which scan many events: each is kept with the
/// store's version when it was computed and reused only while the store is unchanged and the
/// answer is younger than `lifetime` (so a recode, which keeps the version, shows up soon).
final class ResponseCache: Sendable {
    private struct Entry {
        var version: Int64
        var stored: ContinuousClock.Instant
        var reply: Reply
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int
    private let lifetime: Duration

    init(capacity: Int = 512, lifetime: Duration = .seconds(30)) {
        self.capacity = capacity
        self.lifetime = lifetime
    }

    func reply(for key: String, version: Int64) -> Reply? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[key], entry.version == version, now - entry.stored < lifetime else { return nil }
            return entry.reply
        }
    }

    func store(_ reply: Reply, for key: String, version: Int64) {
        let now = ContinuousClock.now
        entries.withLock { entries in
            if entries.count >= capacity {
                // Oldest first: a simple bound, not an LRU; aggregates are few and cheap to redo.
                let oldest = entries.min { $0.value.stored < $1.value.stored }?.key
                if let oldest { entries[oldest] = nil }
            }
            entries[key] = Entry(version: version, stored: now, reply: reply)
        }
    }
}
