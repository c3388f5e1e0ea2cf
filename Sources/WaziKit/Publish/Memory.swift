import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A glibc function that Swift's Glibc module does not import (renameat2, copy_file_range,
/// malloc_trim, mallopt); nil where the C library has none.
func libcSymbol(_ name: String) -> UnsafeMutableRawPointer? {
    dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)
}

/// How the build uses the allocator. Resident memory is what large builds are measured by, and
/// allocators keep freed memory unless told otherwise. The `wazi` executable links TCMalloc (see
/// Package.swift); a program using the library may have glibc's allocator instead.
enum Memory {
    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Option = @convention(c) (Int32, Int32) -> Int32
    private typealias Release = @convention(c) () -> Void
    /// TCMalloc's C interface, when it is the allocator.
    private static let releaseFree: Release? = libcSymbol("MallocExtension_ReleaseFreeMemory").map { unsafeBitCast($0, to: Release.self) }
    private static let trim: Trim? = libcSymbol("malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    private static let option: Option? = libcSymbol("mallopt").map { unsafeBitCast($0, to: Option.self) }

    /// The allocator in use, for `wazi build --timings`: a benchmark should know which it measured.
    static var allocator: String { releaseFree == nil ? "glibc malloc" : "TCMalloc" }

    /// Under glibc, fixed thresholds: glibc otherwise raises them as large blocks (pages, data files)
    /// are freed, then keeps every later large block on its heaps, where freed space is not given back.
    static func tune() {
        guard releaseFree == nil else { return }
        _ = option?(-3, 128 * 1024) // M_MMAP_THRESHOLD
        _ = option?(-1, 128 * 1024) // M_TRIM_THRESHOLD
    }

    /// Has the kernel back the allocator's next 512 MiB with huge pages (2 MiB at a time: one page
    /// fault instead of 512), once per process, under TCMalloc. For rebuilds: most of their memory
    /// is allocated once and kept to the end (the decoded files, the model, the plan), and faulting
    /// it in 4 KiB pages was a tenth of a rebuild's CPU time. Not for a first build, which gives its
    /// memory back between stages and fills it again (see `release`): there, zeroing whole huge pages
    /// cost more than the faults they saved.
    static func preferHugePages() { _ = hugePages }

    private static let hugePages: Void = {
        // A span TCMalloc takes from the system and keeps once freed: its next allocations come from it.
        let size = 512 << 20, huge = 2 << 20
        guard releaseFree != nil, let block = malloc(size) else { return }
        let start = (Int(bitPattern: block) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: block) + size) & ~(huge - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        free(block)
    }()

    /// Gives freed memory (parse trees, file texts) back to the system.
    static func release() {
        if let releaseFree { releaseFree() } else { _ = trim?(0) }
    }
}

/// This process's facts as Linux gives them in /proc/self/status.
enum ProcessStatus {
    /// The value of `field` ("VmRSS", "Umask"…) without its unit, nil where there is none (as on macOS).
    /// Read without Foundation's text reading: `--timings` asks at every stage of every build.
    static func value(_ field: String) -> Substring? {
        guard let status = FileBytes.read("/proc/self/status") else { return nil }
        let prefix = field + ":"
        return String(decoding: status, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix(prefix) }?
            .dropFirst(prefix.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first
    }
}
