import Foundation

public enum Wazi {
    public static let version = "0.1.0"

    /// The version and the running program's size and modification time: what the build cache is
    /// kept under, so that a different build of wazi (another version, or a developer's rebuild)
    /// never reuses pages, rows or decoded files the previous one made.
    static let buildStamp: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return version }
        return "\(version) \(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
