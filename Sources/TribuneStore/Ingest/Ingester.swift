import Foundation
import TribuneCore

/// One thing the inputs yield: a source to store, or an input that could not be read.
public enum IngestInput: Sendable {
    case source(SourceDocument)
    case failure(AnalysisError)
}

/// How an ingest runs.
public struct IngestOptions: Sendable {
    /// Threads analyzing documents; by default one per core.
    public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Documents per transaction.
    public var batchSize = 256
    /// The longest a document waits for its batch to fill before it is committed anyway.
    public var maximumBatchDelay: TimeInterval = 1
    /// How often progress is reported.
    public var progressInterval: TimeInterval = 0.25

    public init() {}
}

/// Where an ingest stands, for a progress bar.
public struct IngestProgress: Sendable {
    /// Inputs read so far, and their bytes.
    public var read = 0
    public var bytesRead = 0
    /// How much of the work is done, 0…1, when that is known: by bytes for files, by
    /// documents for a recode; `nil` for standard input.
    public var fraction: Double?
    public var stored = 0
    public var skipped = 0
    public var failed = 0
    public var events = 0
    public var elapsed: TimeInterval = 0

    public init() {}

    /// Documents analyzed and committed per second.
    public var documentsPerSecond: Double { elapsed > 0 ? Double(stored) / elapsed : 0 }
}

/// What an ingest did.
public struct IngestSummary: Sendable {
    public var stored = 0
    /// Already in the store (or given twice), so not analyzed again.
    public var skipped = 0
    public var failed = 0
    public var events = 0
    /// The failures, with reasons (the first ``IngestSummary/failureListLimit`` of them).
    public var failures: [AnalysisError] = []
    public var elapsed: TimeInterval = 0

    public static let failureListLimit = 1000

    public init() {}
}

/// Stops reading the inputs once an ingest is ending early.
public struct IngestCancelled: Error, Sendable {}

/// Reads, analyzes and stores documents: the engine of `tribune ingest`.
///
/// A reader thread hashes each source and skips those already stored (or already seen in this
/// run) before any analysis; worker threads, one per core, analyze the rest; the calling
/// thread is the single writer, committing batches in transactions. Queues between them are
/// bounded, so memory stays flat on a corpus of any size. A process killed at any point leaves
/// the store as of its last commit; running the same ingest again finishes the job, because
/// what is stored is skipped and what is not is analyzed again.
public struct Ingester: Sendable {
    public let store: any Store
    public let analyzer: any DocumentAnalyzer
    public var options: IngestOptions

    public init(store: any Store, analyzer: any DocumentAnalyzer, options: IngestOptions = IngestOptions()) {
        self.store = store
        self.analyzer = analyzer
        self.options = options
    }

    private enum Work: Sendable {
        case analyze(SourceDocument)
        case failure(AnalysisError)
        case skipped
        /// A source with the same bytes as one read earlier in this ingest.
        case duplicate(id: String, uri: String)
    }

    private enum Outcome: Sendable {
        case analyzed(AnalyzedSource)
        /// With the failed source's id when it was analyzed.
        case failure(AnalysisError, id: String?)
        case skipped
        case duplicate(id: String, uri: String)
    }

    /// Ingests what `read` yields. `read` runs on its own thread and hands each input to
    /// `emit`, which throws ``IngestCancelled`` when the ingest is ending early. `bytesTotal`,
    /// the inputs' size when known, lets progress tell how far along it is.
    public func ingest(
        bytesTotal: Int? = nil,
        _ read: @escaping @Sendable (_ emit: (IngestInput) throws -> Void) throws -> Void,
        progress: ((IngestProgress) -> Void)? = nil
    ) throws -> IngestSummary {
        try run(bytesTotal: bytesTotal, recoding: false, progress: progress) { work, counters in
            var seen = Set<String>()
            var pending: [(String, SourceDocument)] = []
            func flush() throws {
                guard !pending.isEmpty else { return }
                let stored = try store.existingDocumentIDs(pending.map(\.0))
                for (id, source) in pending {
                    let item: Work = stored.contains(id) ? .skipped : .analyze(source)
                    guard work.push(item) else { throw IngestCancelled() }
                }
                pending.removeAll(keepingCapacity: true)
            }
            try read { input in
                switch input {
                case .failure(let error):
                    counters.didRead(bytes: 0)
                    guard work.push(.failure(error)) else { throw IngestCancelled() }
                case .source(let source):
                    counters.didRead(bytes: source.bytes.count)
                    let id = SHA256.hex(source.bytes)
                    guard seen.insert(id).inserted else {
                        // Analyzed once; the copy shares the first one's outcome (stored, or its failure).
                        guard work.push(.duplicate(id: id, uri: source.uri)) else { throw IngestCancelled() }
                        return
                    }
                    pending.append((id, source))
                    if pending.count >= 64 { try flush() }
                }
            }
            try flush()
        }
    }

    /// Analyzes every stored document again and replaces its annotations, document by batch,
    /// each batch in one transaction: until it commits, the old coding stands.
    public func recode(progress: ((IngestProgress) -> Void)? = nil) throws -> IngestSummary {
        let total = try store.counts().documents
        return try run(bytesTotal: nil, recoding: true, total: total, progress: progress) { work, counters in
            var cursor: Int64?
            while true {
                let page = try store.sources(after: cursor, limit: 64)
                guard let last = page.last else { break }
                for stored in page {
                    counters.didRead(bytes: stored.source.bytes.count)
                    guard work.push(.analyze(stored.source)) else { throw IngestCancelled() }
                }
                cursor = last.seq
            }
        }
    }

    private func run(
        bytesTotal: Int?, recoding: Bool, total: Int? = nil, progress: ((IngestProgress) -> Void)?,
        reader: @escaping @Sendable (BoundedQueue<Work>, Counters) throws -> Void
    ) throws -> IngestSummary {
        let started = Date()
        let workers = max(1, options.workers)
        let work = BoundedQueue<Work>(capacity: workers * 4)
        let outcomes = BoundedQueue<Outcome>(capacity: max(options.batchSize * 2, 16))
        let counters = Counters()
        let readerError = ErrorBox()
        let group = DispatchGroup()

        group.enter()
        Thread.detachNewThread {
            defer {
                work.close()
                group.leave()
            }
            do {
                try reader(work, counters)
            } catch is IngestCancelled {
            } catch {
                readerError.set(error)
            }
        }
        let remainingWorkers = Counter(workers)
        let analyzer = self.analyzer
        for _ in 0..<workers {
            group.enter()
            Thread.detachNewThread {
                defer {
                    if remainingWorkers.decrement() == 0 { outcomes.close() }
                    group.leave()
                }
                while let item = work.pop() {
                    let outcome: Outcome
                    switch item {
                    case .skipped: outcome = .skipped
                    case .duplicate(let id, let uri): outcome = .duplicate(id: id, uri: uri)
                    case .failure(let error): outcome = .failure(error, id: nil)
                    case .analyze(let source):
                        do {
                            outcome = .analyzed(AnalyzedSource(document: try analyzer.analyze(source), source: source))
                        } catch let error as AnalysisError {
                            outcome = .failure(error, id: SHA256.hex(source.bytes))
                        } catch {
                            outcome = .failure(
                                AnalysisError(uri: source.uri, reason: "\(error)"), id: SHA256.hex(source.bytes))
                        }
                    }
                    guard outcomes.push(outcome) else { return }
                }
            }
        }

        var summary = IngestSummary()
        var batch = IngestBatch()
        // Copies of a source read earlier share its outcome: skipped when it was analyzed, the
        // same failure (under their own name) when it failed, held until it is known.
        var analyzedIDs = Set<String>()
        var failedIDs: [String: String] = [:]
        var waiting: [String: [String]] = [:]
        var batchDeadline: Date?
        var nextReport = Date()
        func report(final: Bool = false) {
            guard let progress else { return }
            let now = Date()
            guard final || now >= nextReport else { return }
            nextReport = now.addingTimeInterval(options.progressInterval)
            var state = IngestProgress()
            (state.read, state.bytesRead) = counters.snapshot()
            if final {
                state.fraction = 1
            } else if let total, total > 0 {
                state.fraction = min(1, Double(summary.stored + summary.failed) / Double(total))
            } else if let bytesTotal, bytesTotal > 0 {
                state.fraction = min(1, Double(state.bytesRead) / Double(bytesTotal))
            }
            state.stored = summary.stored
            state.skipped = summary.skipped
            state.failed = summary.failed
            state.events = summary.events
            state.elapsed = now.timeIntervalSince(started)
            progress(state)
        }
        func commit() throws {
            batchDeadline = nil
            guard !batch.isEmpty else { return }
            if recoding {
                try store.replace(batch.documents.map(\.document))
                summary.stored += batch.documents.count
                summary.events += batch.documents.reduce(0) { $0 + $1.document.events.count }
            } else {
                let result = try writeIsolatingFailures(batch)
                summary.stored += result.stored
                summary.skipped += result.alreadyPresent
                summary.events += result.events
                for failure in result.failures {
                    summary.failed += 1
                    if summary.failures.count < IngestSummary.failureListLimit { summary.failures.append(failure) }
                }
            }
            batch = IngestBatch()
        }

        do {
            loop: while true {
                let tick = Date().addingTimeInterval(options.progressInterval)
                let wake = batchDeadline.map { min($0, tick) } ?? tick
                switch outcomes.pop(until: wake) {
                case .item(.analyzed(let analyzed)):
                    batch.documents.append(analyzed)
                    if batchDeadline == nil { batchDeadline = Date().addingTimeInterval(options.maximumBatchDelay) }
                    analyzedIDs.insert(analyzed.document.id)
                    summary.skipped += waiting.removeValue(forKey: analyzed.document.id)?.count ?? 0
                case .item(.failure(let error, let id)):
                    var errors = [error]
                    if let id {
                        failedIDs[id] = error.reason
                        errors += (waiting.removeValue(forKey: id) ?? []).map {
                            AnalysisError(uri: $0, reason: error.reason)
                        }
                    }
                    for error in errors {
                        summary.failed += 1
                        if summary.failures.count < IngestSummary.failureListLimit { summary.failures.append(error) }
                        batch.failures.append(error)
                    }
                    if batchDeadline == nil { batchDeadline = Date().addingTimeInterval(options.maximumBatchDelay) }
                case .item(.duplicate(let id, let uri)):
                    if analyzedIDs.contains(id) {
                        summary.skipped += 1
                    } else if let reason = failedIDs[id] {
                        let error = AnalysisError(uri: uri, reason: reason)
                        summary.failed += 1
                        if summary.failures.count < IngestSummary.failureListLimit { summary.failures.append(error) }
                        batch.failures.append(error)
                        if batchDeadline == nil { batchDeadline = Date().addingTimeInterval(options.maximumBatchDelay) }
                    } else {
                        waiting[id, default: []].append(uri)
                    }
                case .item(.skipped):
                    summary.skipped += 1
                case .timedOut:
                    break
                case .closed:
                    break loop
                }
                if batch.documents.count + batch.failures.count >= options.batchSize
                    || batchDeadline.map({ Date() >= $0 }) == true
                {
                    try commit()
                }
                report()
            }
            summary.skipped += waiting.values.reduce(0) { $0 + $1.count }
            try commit()
        } catch {
            work.cancel()
            outcomes.cancel()
            group.wait()
            throw error
        }
        group.wait()
        if let error = readerError.error { throw error }
        summary.elapsed = Date().timeIntervalSince(started)
        report(final: true)
        return summary
    }
}

extension Ingester {
    struct IsolatedWrite {
        var stored = 0
        var alreadyPresent = 0
        var events = 0
        /// Documents the store refused, turned into failures.
        var failures: [AnalysisError] = []
    }

    /// Writes a batch; if the store refuses it, writes its documents one by one so that one
    /// document it cannot take becomes a recorded failure instead of stopping the ingest. An
    /// error that even a lone failure record meets (the disk is full, the server is gone) stops it.
    func writeIsolatingFailures(_ batch: IngestBatch) throws -> IsolatedWrite {
        do {
            let result = try store.write(batch)
            return IsolatedWrite(stored: result.stored, alreadyPresent: result.alreadyPresent, events: result.events)
        } catch {
            guard !batch.documents.isEmpty else { throw error }
        }
        var isolated = IsolatedWrite()
        var failures = batch.failures
        for item in batch.documents {
            do {
                let result = try store.write(IngestBatch(documents: [item]))
                isolated.stored += result.stored
                isolated.alreadyPresent += result.alreadyPresent
                isolated.events += result.events
            } catch {
                let failure = AnalysisError(uri: item.source.uri, reason: "cannot store: \(error)")
                isolated.failures.append(failure)
                failures.append(failure)
            }
        }
        _ = try store.write(IngestBatch(failures: failures))
        return isolated
    }
}

/// What the reader has read, shared with the writer for progress.
private final class Counters: @unchecked Sendable {
    private let lock = NSLock()
    private var read = 0
    private var bytes = 0

    func didRead(bytes count: Int) {
        lock.lock()
        read += 1
        bytes += count
        lock.unlock()
    }

    func snapshot() -> (Int, Int) {
        lock.lock()
        defer { lock.unlock() }
        return (read, bytes)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int

    init(_ value: Int) { self.value = value }

    func decrement() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value -= 1
        return value
    }
}

private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?

    func set(_ error: Error) {
        lock.lock()
        stored = error
        lock.unlock()
    }

    var error: Error? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
