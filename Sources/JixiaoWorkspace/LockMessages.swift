import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sentences about the run lock and the replacement of out/.
extension WorkspaceMessages {
    static func lockIsSymlink(_ path: String) -> String {
        "运行锁文件 \(path) 是一个符号链接。为免改动它指向的文件，jixiao 不打开它，本次不运行；"
            + "请确认没有人故意放置这个链接，删除它（rm \(path)）后重试，jixiao 会自己新建锁文件"
    }

    static func lockNotRegular(_ path: String) -> String {
        "运行锁文件 \(path) 不是普通文件，本次不运行；请删除它后重试，jixiao 会自己新建锁文件"
    }

    static func outputNotAFile(_ path: String) -> String {
        "\(path) 不是普通文件（是文件夹或链接），新报表无法放到这里；本次没有替换 out/ 中的任何报表。"
            + "请移走它后重新运行 jixiao report"
    }

    static func replacementIncomplete(_ directory: String, _ code: Int32) -> String {
        "替换 \(directory) 中的报表时出错（\(String(cString: strerror(code)))），报表只换了一部分，暂时不成套，请勿使用；"
            + "请检查文件夹权限和磁盘后重新运行 jixiao report，它会先把这次的替换补完"
    }

    static func outputNotAFolder(_ path: String) -> String {
        "\(path) 不是文件夹（是文件或链接），退回修改的文件无法放到这里；本次没有替换 out/ 中的任何报表。"
            + "请移走它后重新运行 jixiao report"
    }

    static func journalUnusable(_ path: String) -> String {
        "\(path) 记录的是一次未完成的报表替换，但其内容无法识别，jixiao 不按它改动文件；out/ 中的报表可能不成套。"
            + "请删除这个文件后重新运行 jixiao report，整套报表会全部重新写出"
    }
}
