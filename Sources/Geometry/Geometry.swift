public enum GeometryInfo { public static let version = "0.1.0" }
