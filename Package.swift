// swift-tools-version: 6.0
import PackageDescription

// Dependency direction (docs/ARCHITECTURE.md): DatasetFormat <- Geometry <- Render <-
// PairBuilder <- mathgen. mathgen reaches Geometry and Render only through PairBuilder and
// RenderBench (its `bench`). Trainer reads the dataset through DatasetFormat and borrows
// only Render's charts and PNG codec. CLISupport is what both CLIs share; it imports
// ArgumentParser alone.
let package = Package(
    name: "mathgen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mathgen", targets: ["mathgen"]),
        .executable(name: "puma-train", targets: ["puma-train"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // System-library shims, found through pkg-config.
        .systemLibrary(name: "CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev", "libfreetype-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate",
                       providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive",
                       providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),

        // The output contract: levels, records, schemas and the one JSON stack; no dependencies.
        .target(name: "DatasetFormat"),
        .target(name: "Geometry", dependencies: ["DatasetFormat"]),
        .target(name: "Render", dependencies: ["Geometry", "CCairo", "CZlib", "CDeflate", "CPNG"]),
        .target(name: "PairBuilder", dependencies: [
            "DatasetFormat", "Geometry", "Render", "CArchive",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "Trainer", dependencies: ["DatasetFormat", "COpenBLAS", "Render"]),

        // What both CLIs share: one-line errors, the SIGINT/SIGTERM handler, the progress bar.
        .target(name: "CLISupport", dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `mathgen bench`'s measuring, so the CLI reaches Render only through PairBuilder and this.
        .target(name: "RenderBench", dependencies: ["DatasetFormat", "Geometry", "Render", "CZlib"]),
        .executableTarget(name: "mathgen", dependencies: [
            "PairBuilder", "RenderBench", "CLISupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // puma-train bench's measuring: step time against the same run's sgemm rate.
        .target(name: "TrainerBench", dependencies: ["Trainer", "COpenBLAS"]),
        .executableTarget(name: "puma-train", dependencies: [
            "Trainer", "TrainerBench", "DatasetFormat", "CLISupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "DatasetFormatTests", dependencies: ["DatasetFormat"]),
        .testTarget(name: "GeometryTests", dependencies: ["Geometry", "DatasetFormat"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "DatasetFormat", "Geometry", "PairBuilder"], exclude: ["Snapshots"]),
        .testTarget(name: "PairBuilderTests", dependencies: ["PairBuilder", "DatasetFormat", "Geometry", "Render"]),
        .testTarget(name: "TrainerTests", dependencies: ["Trainer", "DatasetFormat"]),
        // Runs the built executables as a person would: flags, exit codes, messages, signals.
        .testTarget(name: "CLITests", dependencies: ["mathgen", "puma-train", "DatasetFormat", "Geometry"]),
    ]
)
