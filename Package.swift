// swift-tools-version: 6.0
import PackageDescription

// Dependency direction (docs/ARCHITECTURE.md): Geometry <- Render <- PairBuilder <- mathgen.
// mathgen reaches Geometry and Render only through PairBuilder and RenderBench (its `bench`).
// Trainer stands alone (it reads the manifest and PNGs) and borrows only Render's charts
// and PNG codec. CLISupport is what both CLIs share; it imports ArgumentParser alone.
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
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),

        .target(name: "Geometry"),
        .target(name: "Render", dependencies: ["Geometry", "CCairo", "CZlib", "CPNG"]),
        .target(name: "PairBuilder", dependencies: [
            "Geometry", "Render",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "Trainer", dependencies: ["COpenBLAS", "Render"]),

        // What both CLIs share: one-line errors, the SIGINT/SIGTERM handler, the progress bar.
        .target(name: "CLISupport", dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `mathgen bench`'s measuring, so the CLI reaches Render only through PairBuilder and this.
        .target(name: "RenderBench", dependencies: ["Geometry", "Render", "CZlib"]),
        .executableTarget(name: "mathgen", dependencies: [
            "PairBuilder", "RenderBench", "CLISupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "puma-train", dependencies: [
            "Trainer", "CLISupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "GeometryTests", dependencies: ["Geometry"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Geometry", "PairBuilder"], exclude: ["Snapshots"]),
        .testTarget(name: "PairBuilderTests", dependencies: ["PairBuilder", "Geometry", "Render"]),
        .testTarget(name: "TrainerTests", dependencies: ["Trainer"]),
        // Runs the built executables as a person would: flags, exit codes, messages, signals.
        .testTarget(name: "CLITests", dependencies: ["mathgen", "puma-train", "Geometry"]),
    ]
)
