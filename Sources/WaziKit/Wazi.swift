public enum Wazi { public static let version = "0.1.0" }
