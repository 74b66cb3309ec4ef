import Foundation

/// The CPU time and memory this process has used, for the benchmarks and evaluations that print
/// them: CPU time is disturbed far less than the wall clock by other work on the machine.
public enum ResourceUsage {
    /// CPU seconds the calling thread has used.
    public static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// CPU seconds this process has used so far, every thread, user and system.
    public static func processCPUSeconds() -> Double {
        let usage = usage()
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The most resident memory this process has had, in MB (`ru_maxrss` is in kilobytes on Linux).
    public static func peakResidentMB() -> Int { Int(usage().ru_maxrss) / 1024 }

    private static func usage() -> rusage {
        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage
    }
}
