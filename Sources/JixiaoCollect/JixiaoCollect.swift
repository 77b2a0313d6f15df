/// Collecting: the workspace, the registry, submissions (schema, normalisation,
/// validation) and the ledger. bytes → cells → records + diagnostics → ledger.
public enum JixiaoCollect {}
