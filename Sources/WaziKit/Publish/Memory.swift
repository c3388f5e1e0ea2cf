import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A glibc function that Swift's Glibc module does not import (renameat2, malloc_trim, mallopt);
/// nil where the C library has none.
func libcSymbol(_ name: String) -> UnsafeMutableRawPointer? {
    dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)
}

/// How the build uses glibc's allocator. Resident memory is what large builds are measured by, and
/// glibc keeps freed memory unless told otherwise.
enum Memory {
    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Option = @convention(c) (Int32, Int32) -> Int32
    private static let trim: Trim? = libcSymbol("malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    private static let option: Option? = libcSymbol("mallopt").map { unsafeBitCast($0, to: Option.self) }

    /// Fixed thresholds: glibc otherwise raises them as large blocks (pages, data files) are freed,
    /// then keeps every later large block on its heaps, where freed space is not given back.
    static func tune() {
        _ = option?(-3, 128 * 1024) // M_MMAP_THRESHOLD
        _ = option?(-1, 128 * 1024) // M_TRIM_THRESHOLD
    }

    /// Gives freed memory (parse trees, file texts) back to the system.
    static func release() { _ = trim?(0) }
}
