import Foundation
import TribuneCore

/// Runs one transformation over a stream of inputs on several threads and hands the results
/// back on the calling thread, in input order or as they finish.
///
/// Memory stays bounded whatever the stream's length: the reader never gets more than
/// ``window`` inputs ahead of the output (read, queued, being transformed, or finished and
/// waiting for an earlier one), so a fast reader waits for slow analysis (back-pressure), and
/// results start flowing before the input ends.
public struct ParallelStream<Input: Sendable, Output: Sendable>: Sendable {
    /// Threads running the transformation.
    public var threads: Int
    /// Whether results come out in input order (a slow input holds back those after it).
    public var ordered: Bool
    /// How many inputs may be in flight at once.
    public var window: Int

    public init(threads: Int, ordered: Bool = true, window: Int? = nil) {
        self.threads = max(1, threads)
        self.ordered = ordered
        self.window = max(self.threads, window ?? self.threads * 8)
    }

    /// Reads inputs with `produce` (on a thread of its own; `push` returns `false` once the run
    /// is cancelled), transforms them on ``threads`` threads and calls `emit` for each result on
    /// the calling thread. `emit` returns `false` to stop the run early.
    public func run(
        produce: @escaping @Sendable (_ push: (Input) -> Bool) -> Void,
        transform: @escaping @Sendable (Input) -> Output,
        emit: (Output) -> Bool
    ) {
        let work = BoundedQueue<(Int, Input)>(capacity: window)
        let results = BoundedQueue<(Int, Output)>(capacity: window)
        let slots = Slots(window)
        let cancelled = Flag()
        let group = DispatchGroup()

        group.enter()
        Thread.detachNewThread {
            defer {
                work.close()
                group.leave()
            }
            var sequence = 0
            produce { input in
                guard slots.acquire(), !cancelled.isSet, work.push((sequence, input)) else { return false }
                sequence += 1
                return true
            }
        }
        let running = Countdown(threads)
        for _ in 0..<threads {
            group.enter()
            Thread.detachNewThread {
                defer {
                    if running.decrement() == 0 { results.close() }
                    group.leave()
                }
                while let (sequence, input) = work.pop() {
                    guard results.push((sequence, transform(input))) else { return }
                }
            }
        }

        var next = 0
        var waiting: [Int: Output] = [:]
        func stop() {
            cancelled.set()
            slots.cancel()
            work.cancel()
            results.cancel()
        }
        drain: while let (sequence, output) = results.pop() {
            guard ordered else {
                slots.release()
                if !emit(output) {
                    stop()
                    break drain
                }
                continue
            }
            waiting[sequence] = output
            while let ready = waiting.removeValue(forKey: next) {
                next += 1
                slots.release()
                if !emit(ready) {
                    stop()
                    break drain
                }
            }
        }
        group.wait()
    }
}

/// A count of free places, taken and given back from any thread; once cancelled, taking fails
/// instead of waiting.
private final class Slots: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: Int
    private var isCancelled = false

    init(_ count: Int) { free = count }

    /// Waits for a free place; `false` once cancelled.
    func acquire() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while free == 0 && !isCancelled { condition.wait() }
        guard !isCancelled else { return false }
        free -= 1
        return true
    }

    func release() {
        condition.lock()
        free += 1
        condition.signal()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        isCancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// A flag set once, read from any thread.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// Counts down from `count`; the thread that reaches zero learns it.
private final class Countdown: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int

    init(_ count: Int) { self.count = count }

    func decrement() -> Int {
        lock.withLock {
            count -= 1
            return count
        }
    }
}
