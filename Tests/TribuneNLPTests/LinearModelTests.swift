import Foundation
import Testing

@testable import TribuneNLP

@Suite("Linear model: compact weights and their lookup table")
struct LinearModelTests {
    /// `count` rows of 1 to `longest` entries over `classes` classes, with weights of both signs
    /// spread over three orders of magnitude, as training leaves them.
    static func rows(_ count: Int, classes: Int, longest: Int, seed: UInt64) -> [LinearModel.Row] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index in
            let length = 1 + random.below(longest)
            var labels = Array(0..<classes)
            random.shuffle(&labels)
            let entries = labels.prefix(length).sorted().map { label -> (label: UInt16, weight: Float) in
                let magnitude = Float(0.01 * pow(1000, random.unit()))
                return (UInt16(label), random.below(2) == 0 ? magnitude : -magnitude)
            }
            return LinearModel.Row(hash: FeatureHash.mix(FeatureHash.template(7), UInt64(index)), entries: entries)
        }
    }

    static func score(_ model: LinearModel, _ hashes: [UInt64]) -> [Float] {
        var scores = [Int32](repeating: 0, count: model.classCount)
        hashes.withUnsafeBufferPointer { hashes in
            scores.withUnsafeMutableBufferPointer {
                model.score(hashes.baseAddress!, count: hashes.count, into: $0.baseAddress!)
            }
        }
        return scores.map { Float($0) * model.scale }
    }

    @Test(
        "adds up each feature's weights, for rows of one, two, several and most classes (kept dense), within the 8-bit rounding"
    )
    func scoresRowsOfEveryLength() {
        // Enough rows that the table wraps and probes past occupied slots; rows of 17 entries or
        // more (a sixth of the classes) are kept dense.
        let rows = Self.rows(20_000, classes: 104, longest: 60, seed: 3)
        let model = LinearModel(rows: rows, classCount: 104)
        // Two features whose 32-bit keys agree share one row (by design, about once in 2^32
        // pairs; these 20,000 have such a pair): the model keeps one of them.
        let keys = rows.map { LinearModel.key($0.hash) }
        let shared = Set(Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys)
        #expect(model.featureCount == Set(keys).count)
        for row in rows where !shared.contains(LinearModel.key(row.hash)) {
            let scores = Self.score(model, [row.hash])
            var expected = [Float](repeating: 0, count: 104)
            for entry in row.entries { expected[Int(entry.label)] = entry.weight }
            let wrong = (0..<104).filter { abs(scores[$0] - expected[$0]) > 0.04 * abs(expected[$0]) + 0.001 }
            #expect(wrong.isEmpty, "row of \(row.entries.count): classes \(wrong) score wrong")
        }
    }

    @Test("sums several features into the same scores, and ignores features it does not know")
    func sumsFeatures() {
        let rows = Self.rows(5_000, classes: 40, longest: 6, seed: 11)
        let model = LinearModel(rows: rows, classCount: 40)
        let picked = [rows[0], rows[17], rows[4_999], rows[256]]
        let unknown = (0..<50).map { FeatureHash.mix(FeatureHash.template(8), UInt64($0)) }
        let scores = Self.score(model, picked.map(\.hash) + unknown)
        let separately = picked.map { Self.score(model, [$0.hash]) }
        for label in 0..<40 {
            let sum = separately.reduce(0) { $0 + $1[label] }
            #expect(abs(scores[label] - sum) <= 1e-3 * max(1, abs(sum)))
        }
        #expect(Self.score(model, unknown).allSatisfy { $0 == 0 })
    }

    @Test("reads back from its file the model it wrote")
    func roundTrip() throws {
        let rows = Self.rows(3_000, classes: 60, longest: 20, seed: 5)
        let model = LinearModel(rows: rows, classCount: 60)
        var writer = BinaryWriter(kind: "test", version: 1)
        model.write(to: &writer)
        var reader = try BinaryReader(writer.bytes, name: "test.bin", kind: "test", version: 1)
        let read = try LinearModel(reading: &reader)
        #expect(read.featureCount == model.featureCount && read.entryCount == model.entryCount)
        let hashes = rows.prefix(300).map(\.hash)
        #expect(Self.score(read, hashes) == Self.score(model, hashes))
    }

    @Test("an empty model scores nothing")
    func emptyModel() {
        let model = LinearModel(rows: [], classCount: 5)
        #expect(Self.score(model, [1, 2, 3]) == [0, 0, 0, 0, 0])
    }
}
