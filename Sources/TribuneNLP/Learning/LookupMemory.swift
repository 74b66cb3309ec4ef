#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fixed array of numbers for a model's lookup table, read at random by every token.
///
/// A table of several megabytes looked up at random misses the processor's address-translation
/// cache on nearly every access when it sits in 4 KB pages; in 2 MB pages a few entries cover it.
/// So a large table is aligned to 2 MB and the kernel is asked to back it with huge pages (Linux's
/// `MADV_HUGEPAGE`; a no-op elsewhere or when the kernel declines). Written once while the model
/// is read, then only read, by any number of threads.
final class LookupMemory<Element>: @unchecked Sendable {
    let count: Int
    let base: UnsafeMutablePointer<Element>

    private static var hugePage: Int { 2 << 20 }

    /// `count` elements, every byte 0 (for the integers and vectors of integers it holds, zeros).
    init(count: Int) {
        self.count = count
        let bytes = max(1, count) * MemoryLayout<Element>.stride
        let huge = bytes >= Self.hugePage / 2
        let alignment = huge ? Self.hugePage : max(64, MemoryLayout<Element>.alignment)
        let size = huge ? (bytes + Self.hugePage - 1) / Self.hugePage * Self.hugePage : bytes
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: alignment)
        #if os(Linux)
            if huge { _ = madvise(raw, size, MADV_HUGEPAGE) }
        #endif
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        base = raw.bindMemory(to: Element.self, capacity: max(1, count))
    }

    deinit { base.deallocate() }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }
}
