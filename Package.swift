// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "wazi",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "wazi", targets: ["wazi"]),
        .library(name: "WaziKit", targets: ["WaziKit"]),
    ],
    dependencies: [
        // Yams 6.2.2 with a speed patch (Vendor/Yams/PATCHES.md).
        .package(path: "Vendor/Yams"),
        // swift-mustache 2.1.1 with a speed patch (Vendor/swift-mustache/PATCHES.md).
        .package(path: "Vendor/swift-mustache"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `wazi serve`: a small HTTP server with no dependencies of its own (builds in seconds, unlike
        // SwiftNIO): FlyingFox 0.27.1 without its proxy handler (Vendor/FlyingFox/PATCHES.md).
        .package(path: "Vendor/FlyingFox"),
    ],
    targets: [
        // Debian's cmark-gfm (libcmark-gfm-dev + libcmark-gfm-extensions-dev); its .pc links both libraries.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The only Swift code that touches C pointers: one type, serialised.
        .target(name: "CommonMark", dependencies: ["CCmarkGFM"]),
        // All of wazi's logic: Content -> Model -> Render -> Publish.
        .target(
            name: "WaziKit",
            dependencies: [
                "CommonMark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "wazi",
            dependencies: ["WaziKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // gperftools' TCMalloc (libgoogle-perftools-dev) in place of glibc's allocator: a build
            // makes and frees millions of small objects, and glibc's malloc and free were a fifth of
            // its time (README "Benchmark"). Only the executable: the library leaves the choice to its user.
            linkerSettings: [.linkedLibrary("tcmalloc_minimal", .when(platforms: [.linux]))]
        ),
        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark"]),
        // Golden files are read from the source tree (see GoldenTests), not bundled.
        .testTarget(name: "WaziKitTests", dependencies: ["WaziKit"], exclude: ["Golden"]),
    ]
)
