/// How the content folder's values are kept in the build cache (see `CacheCodable`): what a decoded
/// file says about where it came from, and the diagnostics its decoding reported.

extension ContentKind: CacheCodable {}
extension Diagnostic.Severity: CacheCodable {}

extension ContentFile: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(kind)
        writer.write(relativePath)
        writer.write(displayPath)
        writer.write(language)
        writer.write(stem)
        writer.write(basePath)
        writer.write(commitmentFolder)
    }

    init(from reader: inout CacheReader) throws {
        kind = try reader.read()
        relativePath = try reader.read()
        displayPath = try reader.read()
        language = try reader.read()
        stem = try reader.read()
        basePath = try reader.read()
        commitmentFolder = try reader.read()
    }
}

extension SourceLocation: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(file)
        writer.write(line)
        writer.write(column)
    }

    init(from reader: inout CacheReader) throws {
        file = try reader.read()
        line = try reader.read()
        column = try reader.read()
    }
}

extension Diagnostic: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(severity)
        writer.write(location)
        writer.write(message)
    }

    init(from reader: inout CacheReader) throws {
        severity = try reader.read()
        location = try reader.read()
        message = try reader.read()
    }
}

/// Its case as a byte, then the text.
extension Link: CacheCodable {
    func write(to writer: inout CacheWriter) {
        switch self {
        case .external(let url):
            writer.byte(0)
            writer.write(url)
        case .sitePath(let path):
            writer.byte(1)
            writer.write(path)
        }
    }

    init(from reader: inout CacheReader) throws {
        switch try reader.byte() {
        case 0: self = .external(try reader.read())
        case 1: self = .sitePath(try reader.read())
        default: throw CacheReader.Damaged()
        }
    }
}
