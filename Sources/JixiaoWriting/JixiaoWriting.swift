/// Writing: every workbook jixiao produces, through libxlsxwriter.
public enum JixiaoWriting {}
