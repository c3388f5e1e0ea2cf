import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder's entries with their kinds, read with POSIX calls: the kind comes with the name
/// (`d_type`), so most entries need no stat, where FileManager stats every one.
enum DirectoryListing {
    enum Kind { case folder, file, link, other }

    /// The entries of `folder` except `.` and `..`, unsorted; empty when it cannot be read.
    static func entries(_ folder: String) -> [(name: String, kind: Kind)] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var found: [(String, Kind)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                guard lstat(folder + "/" + name, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: type = Int32(DT_DIR)
                case S_IFREG: type = Int32(DT_REG)
                case S_IFLNK: type = Int32(DT_LNK)
                default: break
                }
            }
            switch type {
            case Int32(DT_DIR): found.append((name, .folder))
            case Int32(DT_REG): found.append((name, .file))
            case Int32(DT_LNK): found.append((name, .link))
            default: found.append((name, .other))
            }
        }
        return found
    }
}
