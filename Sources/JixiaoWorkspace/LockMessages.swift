import Foundation

/// The sentences about the run lock.
extension WorkspaceMessages {
    static func lockIsSymlink(_ path: String) -> String {
        "运行锁文件 \(path) 是一个符号链接。为免改动它指向的文件，jixiao 不打开它，本次不运行；"
            + "请确认没有人故意放置这个链接，删除它（rm \(path)）后重试，jixiao 会自己新建锁文件"
    }

    static func lockNotRegular(_ path: String) -> String {
        "运行锁文件 \(path) 不是普通文件，本次不运行；请删除它后重试，jixiao 会自己新建锁文件"
    }
}
