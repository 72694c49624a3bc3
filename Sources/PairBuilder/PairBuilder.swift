import Geometry
import Render
public enum PairBuilderInfo { public static let version = "0.1.0" }
