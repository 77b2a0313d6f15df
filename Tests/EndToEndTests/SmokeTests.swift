import Testing
import JixiaoModel

@Suite struct SmokeTests {
    @Test func fullYearBudgetIsInitialPlusAdditionMinusReduction() {
        let d = DistrictInputs(initialBudget: 381.71, addition: 34, reduction: 45.07, executed: 323.21,
                               validQuestionnaires: 100, satisfiedQuestionnaires: 95, overallGoal: "", actualCompletion: "",
                               period: Period("2025-12")!, sourceFile: "x")
        #expect(d.fullYearBudget.fixed(2) == "370.64")
    }
}
