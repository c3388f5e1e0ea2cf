import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder's entries with their kinds, read with POSIX calls: the kind comes with the name
/// (`d_type`), so most entries need no stat, where FileManager stats every one.
enum DirectoryListing {
    enum Kind { case folder, file, link, other }

    typealias Entry = (name: String, kind: Kind)

    /// The entries of `folder` except `.` and `..`, unsorted; empty when it cannot be read.
    static func entries(_ folder: String) -> [Entry] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var found: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            if let kind = kind(entry.pointee.d_type, name, in: dirfd(dir)) { found.append((name, kind)) }
        }
        return found
    }

    /// The kind of the entry `name` of the open folder `folder` (a link is a link): from the listing's
    /// `d_type`, or an `lstat` where the file system did not give it; nil when it is gone.
    static func kind(_ type: UInt8, _ name: String, in folder: Int32) -> Kind? {
        var type = Int32(type)
        if type == Int32(DT_UNKNOWN) {
            var info = stat()
            guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: type = Int32(DT_DIR)
            case S_IFREG: type = Int32(DT_REG)
            case S_IFLNK: type = Int32(DT_LNK)
            default: break
            }
        }
        switch type {
        case Int32(DT_DIR): return .folder
        case Int32(DT_REG): return .file
        case Int32(DT_LNK): return .link
        default: return .other
        }
    }
}
