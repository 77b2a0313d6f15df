/// Scoring: the indicator set (`indicators.yaml`), the rollup of accepted records,
/// measures, scoring rules and grades. ledger snapshot → rollup → evaluation.
public enum JixiaoScoring {}
