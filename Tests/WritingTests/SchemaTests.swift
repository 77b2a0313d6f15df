import JixiaoModel
import Testing

@Suite struct SchemaTests {
    @Test func workloadLabelsCarryCountingUnits() {
        #expect(WorkloadItem.newEnterpriseAssociations.templateLabel == "新成立企业科协(家)")
        #expect(SubmissionSchema.activityColumns.map(\.header).contains("覆盖人数"))
    }
}
