import Foundation
import Testing
import Tribune

@Suite("Analyzing a stream on several threads")
struct ParallelStreamTests {
    /// Later inputs finish first: the early ones take longest.
    static func slowFirst(_ number: Int) -> Int {
        Thread.sleep(forTimeInterval: Double(max(0, 20 - number)) / 2000)
        return number * 10
    }

    @Test("results come out in input order, even when later inputs finish first")
    func ordered() {
        var results: [Int] = []
        ParallelStream<Int, Int>(threads: 4).run(
            produce: { push in
                for number in 0..<60 where !push(number) { return }
            },
            transform: Self.slowFirst,
            emit: { result in
                results.append(result)
                return true
            })
        #expect(results == (0..<60).map { $0 * 10 })
    }

    @Test("unordered, every result comes out once")
    func unordered() {
        var results: [Int] = []
        ParallelStream<Int, Int>(threads: 4, ordered: false).run(
            produce: { push in
                for number in 0..<60 where !push(number) { return }
            },
            transform: Self.slowFirst,
            emit: { result in
                results.append(result)
                return true
            })
        #expect(results.sorted() == (0..<60).map { $0 * 10 })
    }

    @Test("the reader never runs more than the window ahead of the output")
    func boundedWindow() {
        let read = Counter()
        var furthestAhead = 0
        var emitted = 0
        ParallelStream<Int, Int>(threads: 2, window: 6).run(
            produce: { push in
                for number in 0..<200 {
                    read.increment()
                    if !push(number) { return }
                }
            },
            transform: Self.slowFirst,
            emit: { _ in
                emitted += 1
                // Read so far, less what is out: what is in flight (+1 for a read waiting on a slot).
                furthestAhead = max(furthestAhead, read.value - emitted)
                return true
            })
        #expect(emitted == 200)
        #expect(furthestAhead <= 6 + 1)
    }

    @Test("emit can stop the run early, and the run ends")
    func stopsEarly() {
        var emitted = 0
        ParallelStream<Int, Int>(threads: 2, window: 4).run(
            produce: { push in
                for number in 0..<1_000_000 where !push(number) { return }
            },
            transform: { $0 },
            emit: { _ in
                emitted += 1
                return emitted < 5
            })
        #expect(emitted == 5)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
