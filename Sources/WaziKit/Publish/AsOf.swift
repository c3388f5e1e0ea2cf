import Foundation

/// The date a build treats as "now": `--as-of`, else SOURCE_DATE_EPOCH, else today (UTC).
public enum AsOf {
    public enum Problem: Error, CustomStringConvertible {
        case badFlag(String), badEpoch(String)
        public var description: String {
            switch self {
            case let .badFlag(value): return "--as-of '\(value)' must be a date YYYY-MM-DD"
            case let .badEpoch(value): return "SOURCE_DATE_EPOCH '\(value)' must be a whole number of seconds"
            }
        }
    }

    public static func resolve(_ flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Day {
        if let flag {
            guard let day = Day(iso: flag) else { throw Problem.badFlag(flag) }
            return day
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int(epoch) else { throw Problem.badEpoch(epoch) }
            return Day(unixTime: seconds)
        }
        return Day.today()
    }
}
