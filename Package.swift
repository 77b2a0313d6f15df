// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "jixiao",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "jixiao", targets: ["jixiao"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries (Debian: libzip-dev, libxlsxwriter-dev; see `make deps`).
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),

        // The pipeline: bytes → cells → records (+ diagnostics) → ledger → rollup → scores → workbooks.
        .target(name: "JixiaoModel"),
        .target(name: "JixiaoReading", dependencies: ["CZip"]),
        .target(name: "JixiaoSubmission", dependencies: ["JixiaoModel", "JixiaoReading"]),
        .target(name: "JixiaoYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "JixiaoWorkspace", dependencies: [
            "JixiaoModel", "JixiaoReading", "JixiaoYAML",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "JixiaoLedger", dependencies: [
            "JixiaoModel", "JixiaoSubmission", "JixiaoWorkspace",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "JixiaoCollect", dependencies: [
            "JixiaoModel", "JixiaoReading", "JixiaoSubmission", "JixiaoWorkspace", "JixiaoLedger",
            // QU00's 偏差原因 rows are checked against indicators.yaml's 三级指标.
            "JixiaoScoring",
        ]),
        .target(name: "JixiaoScoring", dependencies: [
            "JixiaoModel", "JixiaoYAML",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "JixiaoWriting", dependencies: ["JixiaoModel", "CXlsxWriter", "CZip"]),
        .target(name: "JixiaoReport", dependencies: [
            "JixiaoModel", "JixiaoWorkspace", "JixiaoLedger", "JixiaoScoring", "JixiaoWriting",
            // Return copies read rejected files back from archive/ through the submission stage.
            "JixiaoSubmission", "JixiaoCollect",
        ]),
        .executableTarget(name: "jixiao", dependencies: [
            "JixiaoReport",
            "JixiaoModel", "JixiaoReading", "JixiaoSubmission", "JixiaoWorkspace", "JixiaoLedger", "JixiaoCollect", "JixiaoScoring", "JixiaoWriting",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Paths, scratch folders, subprocesses and tool lookup shared by every test target.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ReadingTests", dependencies: ["TestSupport", "JixiaoReading"]),
        .testTarget(name: "SubmissionTests", dependencies: ["TestSupport", "JixiaoSubmission", "JixiaoModel", "JixiaoReading"], exclude: ["Fixtures"]),
        .testTarget(name: "CollectTests", dependencies: ["TestSupport", "JixiaoCollect", "JixiaoReport", "JixiaoWorkspace", "JixiaoLedger", "JixiaoSubmission", "JixiaoModel", "JixiaoReading"], exclude: ["Fixtures"]),
        .testTarget(name: "ScoringTests", dependencies: ["TestSupport", "JixiaoScoring", "JixiaoModel", "JixiaoYAML", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "WritingTests", dependencies: ["TestSupport", "JixiaoWriting", "JixiaoModel", "JixiaoReading"], exclude: ["check_xlsx.py"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "JixiaoReport", "JixiaoWorkspace", "JixiaoLedger", "JixiaoCollect", "JixiaoSubmission", "JixiaoScoring", "JixiaoWriting", "JixiaoModel", "JixiaoReading"], exclude: ["fill_template.py", "return_copy_files.py", "monthly_loop_files.py", "Golden"]),
    ]
)
