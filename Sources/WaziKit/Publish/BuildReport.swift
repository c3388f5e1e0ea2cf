import Foundation

/// How long each stage of a build took, and the process's resident memory when it ended
/// (`wazi build --timings`).
public struct StageTimings: Sendable {
    public typealias Stage = (name: String, seconds: Double, cpuSeconds: Double, residentMiB: Int)
    public private(set) var stages: [Stage] = []
    /// Stages that ran at the same time as the others, on a lane of their own.
    var beside: [Stage] = []
    private var last = ContinuousClock.now
    private var lastCPU = Self.cpuSeconds()

    init() {}

    /// Adds another lane's stages after these.
    mutating func append(_ other: StageTimings) {
        stages += other.stages
    }

    mutating func lap(_ name: String) {
        let now = ContinuousClock.now, cpu = Self.cpuSeconds()
        let elapsed = now - last
        stages.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                       cpu - lastCPU, Self.memory("VmRSS")))
        (last, lastCPU) = (now, cpu)
    }

    /// Each stage's wall time, the CPU time the whole process (every thread) used meanwhile (twice the
    /// wall time: both cores busy), and the memory resident at its end.
    public var description: String {
        let total = stages.reduce(0) { $0 + $1.seconds }, cpu = stages.reduce(0) { $0 + $1.cpuSeconds }
        let lines = stages.map { stage in
            stage.name.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: "%8.3f s %7.3f s CPU %6d MiB resident", stage.seconds, stage.cpuSeconds, stage.residentMiB)
        }
        let parallel = beside.map { stage in
            stage.name.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%8.3f s (beside pages)", stage.seconds)
        }
        return (lines + ["total   " + String(format: "%8.3f s %7.3f s CPU %6d MiB peak", total, cpu, Self.memory("VmHWM"))
                     + " (\(Memory.allocator))"] + parallel)
            .joined(separator: "\n")
    }

    /// The CPU time of the process so far, every thread, user and system.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// A field of /proc/self/status (kB there) in MiB; 0 where there is none (as on macOS).
    static func memory(_ field: String) -> Int {
        ProcessStatus.value(field).flatMap { Int($0) }.map { $0 / 1024 } ?? 0
    }
}

/// What a build did: every diagnostic, and the pages written when it succeeded.
public struct BuildReport: Sendable {
    public let diagnostics: [Diagnostic]
    public let pages: Int
    public let files: Int
    /// Files written, kept (same bytes) and removed; zero for `check` and failed builds.
    public var published = Publisher.Summary()
    public var timings = StageTimings()
    /// Pages rendered (the others were kept from the previous build).
    public var rendered = 0
    /// Rows of lists, and items of wazi.json, taken from the previous build instead of made again.
    public var reusedRows = 0
    public var reusedDataItems = 0
    /// Items whose CSV rows were copied from the previous build's tables.
    public var reusedTableItems = 0
    /// Content files (with their translations) taken decoded from the previous build.
    public var reusedFiles = 0
    /// Of those, files a `BuildSession` kept decoded in memory.
    public var rememberedFiles = 0
    /// Whether the content folder's tree came from a `BuildSession`'s last build (see `ScannedContent`).
    public var keptScan = false
    /// Whether the last build's model was patched with the changed files (see `KeptModel`).
    public var patchedModel = false
    /// Whether the recycled staging folder's files were known from the last build, not listed
    /// (see `Publisher.trustSpare`).
    public var spareTrusted = false
    /// When nothing changed: the diagnostics of the build that made the site, as printed then.
    public var replayed: [String] = []
    /// What the build made (model, pages, caches), handed back so that a process exiting right after
    /// the report (the `wazi` command) does not free it piece by piece: at 10,000 pages that took
    /// 50-60 ms of a rebuild after one edit, and more after a full build. Never read.
    var held: Held?

    final class Held: @unchecked Sendable {
        let values: [Any]
        init(_ values: Any...) { self.values = values }
    }

    /// What was taken from the previous build, for `--timings`.
    public var reuse: String {
        var memory = rememberedFiles > 0 ? " (\(rememberedFiles) from memory\(keptScan ? ", the folder's tree too" : ""))" : ""
        if patchedModel { memory += ", the model patched" }
        if spareTrusted { memory += ", the spare trusted" }
        return "reused  \(reusedFiles) files decoded\(memory), \(reusedRows) list rows, "
            + "\(reusedDataItems) wazi.json items, \(reusedTableItems) table items"
    }

    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
}
