import Foundation

/// A first-in first-out queue between threads that holds at most `capacity` items: a producer
/// waits while it is full, which is what keeps a fast reader from filling memory ahead of
/// slower analysis (back-pressure).
public final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    public enum Next {
        case item(Element)
        case timedOut
        case closed
    }

    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private let capacity: Int
    private var isClosed = false

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Adds an item, waiting while the queue is full; `false` if the queue was closed.
    @discardableResult
    public func push(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !isClosed { condition.wait() }
        guard !isClosed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item, waiting for one; `nil` once the queue is closed and empty.
    public func pop() -> Element? {
        switch pop(until: nil) {
        case .item(let item): item
        case .timedOut, .closed: nil
        }
    }

    /// The next item, waiting for one until `deadline` (forever when `nil`).
    public func pop(until deadline: Date?) -> Next {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count {
            if isClosed { return .closed }
            if let deadline {
                if !condition.wait(until: deadline) && head == items.count {
                    return isClosed ? .closed : .timedOut
                }
            } else {
                condition.wait()
            }
        }
        let item = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return .item(item)
    }

    /// No more items will be added; waiting consumers get what is left, then `nil`.
    public func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Closes the queue and drops what it holds, releasing every waiting producer.
    public func cancel() {
        condition.lock()
        isClosed = true
        items.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }
}
