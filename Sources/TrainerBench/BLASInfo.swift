import Trainer
import COpenBLAS
import Foundation

/// Which OpenBLAS kernels run, and whether better ones would. OpenBLAS
/// 0.3.21 does not know AMD Zen 4/5 and falls back to its AVX2 (Haswell)
/// kernels on CPUs that run AVX-512; `OPENBLAS_CORETYPE=SkylakeX`, set before
/// the process starts, selects the AVX-512 kernels (measured about 1.9x on
/// sgemm on a Zen 5 guest). The library cannot switch after loading.
public enum BLASInfo {
    /// `openblas_get_corename()`, e.g. "Haswell".
    public static var coreName: String {
        guard let p = openblas_get_corename() else { return "unknown" }
        return String(cString: p)
    }

    /// "SkylakeX" when this CPU has the AVX-512 subsets SkylakeX kernels use
    /// but OpenBLAS picked an AVX2-or-older core and OPENBLAS_CORETYPE is unset; else nil.
    public static var recommendedCoreType: String? {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil else { return nil }
        guard ["haswell", "zen", "sandybridge", "prescott", "nehalem"].contains(coreName.lowercased()) else { return nil }
        // /proc files report size 0, so read to the end rather than by size.
        guard let data = FileHandle(forReadingAtPath: "/proc/cpuinfo")?.readDataToEndOfFile() else { return nil }
        let cpuinfo = String(decoding: data, as: UTF8.self)
        guard let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let flags = Set(flagsLine.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init))
        let need = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        return need.allSatisfy(flags.contains) ? "SkylakeX" : nil
    }
}
