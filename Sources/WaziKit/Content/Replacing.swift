import Foundation

extension String {
    /// `replacingOccurrences(of:with:)` that returns at once when `target` cannot be there: Foundation's
    /// version bridges to NSString on Linux, slow for the many short strings of a large build.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard let first = target.utf8.first, utf8.contains(first) else { return self }
        return replacingOccurrences(of: target, with: replacement)
    }
}
