/// A multiclass averaged perceptron over hashed features, for training (Collins 2002; the
/// averaging is Daumé's: each update also adds `step × delta` to a running total, and the
/// average is `weight − total / step`).
///
/// Weights are sparse: a feature holds a row of (class, weight) entries, only for the classes it
/// was ever updated for, so millions of features over a hundred classes fit in memory. A row's
/// entries lie side by side in one pool (a row that outgrows its room moves to the end with
/// twice the room), so scoring a feature reads one short run of memory.
/// ``compact(minimum:)`` turns it into the ``LinearModel`` that ships.
struct AveragedPerceptron {
    struct Entry {
        var label: UInt32
        var weight: Float
    }

    let classCount: Int
    private var index = HashIndex(capacity: 1 << 16)
    private var hashes: [UInt64] = []
    private var rowStart: [Int32] = []
    private var rowCount: [UInt16] = []
    private var rowRoom: [UInt16] = []
    private var entries: [Entry] = []
    private var totals: [Double] = []
    /// Counts the examples seen: averaging weighs each weight by how long it held.
    private(set) var step = 1

    init(classCount: Int) {
        precondition(classCount > 0 && classCount <= Int(UInt16.max))
        self.classCount = classCount
    }

    var featureCount: Int { hashes.count }
    var entryCount: Int { rowCount.reduce(0) { $0 + Int($1) } }

    /// Adds the current weights of `features` into `scores` (which has `classCount` elements).
    func score(_ features: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Float>) {
        entries.withUnsafeBufferPointer { entries in
            for feature in features {
                guard let row = index.find(feature) else { continue }
                let start = Int(rowStart[Int(row)])
                for entry in entries[start..<start + Int(rowCount[Int(row)])] {
                    scores[Int(entry.label)] += entry.weight
                }
            }
        }
    }

    /// Moves weight from `guess` to `truth` on every feature.
    mutating func update(_ features: UnsafeBufferPointer<UInt64>, truth: Int, guess: Int) {
        guard truth != guess else { return }
        for feature in features {
            let row = Int(
                index.findOrInsert(feature) {
                    hashes.append(feature)
                    rowStart.append(Int32(entries.count))
                    rowCount.append(0)
                    rowRoom.append(0)
                    return Int32(hashes.count - 1)
                })
            add(row: row, class: truth, delta: 1)
            add(row: row, class: guess, delta: -1)
        }
    }

    /// Marks the end of one example.
    mutating func advance() { step += 1 }

    private mutating func add(row: Int, class label: Int, delta: Float) {
        let start = Int(rowStart[row])
        let count = Int(rowCount[row])
        for entry in start..<start + count where Int(entries[entry].label) == label {
            entries[entry].weight += delta
            totals[entry] += Double(step) * Double(delta)
            return
        }
        if count == Int(rowRoom[row]) {
            // Move the row to the end of the pool with twice the room.
            let room = min(classCount, max(2, count * 2))
            let newStart = entries.count
            for entry in start..<start + count {
                entries.append(entries[entry])
                totals.append(totals[entry])
            }
            for _ in count..<room {
                entries.append(Entry(label: 0, weight: 0))
                totals.append(0)
            }
            rowStart[row] = Int32(newStart)
            rowRoom[row] = UInt16(room)
        }
        let slot = Int(rowStart[row]) + count
        entries[slot] = Entry(label: UInt32(label), weight: delta)
        totals[slot] = Double(step) * Double(delta)
        rowCount[row] = UInt16(count + 1)
    }

    /// The averaged weights as a compact model, without the entries whose averaged weight is
    /// below `minimum` in magnitude (they change almost no decision and make up most entries).
    func compact(minimum: Float) -> LinearModel {
        var rows: [LinearModel.Row] = []
        rows.reserveCapacity(hashes.count)
        let steps = Double(step)
        for row in 0..<hashes.count {
            var kept: [(label: UInt16, weight: Float)] = []
            let start = Int(rowStart[row])
            for entry in start..<start + Int(rowCount[row]) {
                let average = Float(Double(entries[entry].weight) - totals[entry] / steps)
                if abs(average) >= minimum { kept.append((UInt16(entries[entry].label), average)) }
            }
            if !kept.isEmpty {
                kept.sort { $0.label < $1.label }
                rows.append(LinearModel.Row(hash: hashes[row], entries: kept))
            }
        }
        return LinearModel(rows: rows, classCount: classCount)
    }
}
