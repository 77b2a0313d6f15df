import Testing

/// `@Test(.requires(.openpyxl))`: the test runs when every tool is there. When one is
/// missing it is skipped, except under CI=true, where it fails: CI installs the tools
/// (`make test-deps`), so a missing one means the cross-check would silently not happen.
public struct ToolRequirement: TestTrait, SuiteTrait {
    public let tools: [Tool]

    public func prepare(for test: Test) async throws {
        let missing = tools.filter { !$0.isAvailable }
        guard !missing.isEmpty else { return }
        let error = MissingTool(tools: missing)
        if TestSupport.isCI {
            throw RequiredUnderCI(missing: error)
        }
        // A disabled condition's own error is what the runner reports as a skip.
        try await ConditionTrait.disabled(Comment(rawValue: error.description)).prepare(for: test)
    }

    public struct RequiredUnderCI: Error, CustomStringConvertible {
        public let missing: MissingTool
        public var description: String { "required under CI=true: \(missing)" }
    }
}

extension Trait where Self == ToolRequirement {
    public static func requires(_ tools: Tool...) -> Self { ToolRequirement(tools: tools) }
}
