import Foundation
import NIOCore

/// JSON bodies of the demo API. Keys are snake_case like a typical Rails/Django staging API.
enum DemoPayloads {
    struct LoginRequest: Decodable {
        let email: String
        let password: String
    }

    struct LoginResponse: Encodable {
        let token: String
        let role: String
    }

    struct ErrorResponse: Encodable {
        let error: String
    }

    struct Me: Encodable {
        let email: String
        let role: String
    }

    struct Project: Encodable {
        let id: Int
        let name: String
    }

    struct Projects: Encodable {
        let projects: [Project]
    }

    struct Notification: Encodable {
        let id: Int
        let text: String
        let unread: Bool
    }

    struct Notifications: Encodable {
        let notifications: [Notification]
        let unread: Int
    }

    struct Task: Encodable {
        let id: Int
        let title: String
        let status: String
        let projectId: Int

        enum CodingKeys: String, CodingKey {
            case id, title, status
            case projectId = "project_id"
        }
    }

    /// `GET /api/tasks/{id}`: one task with what the list leaves out.
    struct TaskDetail: Encodable {
        let id: Int
        let title: String
        let status: String
        let projectId: Int
        let assignee: String
        let description: String

        enum CodingKeys: String, CodingKey {
            case id, title, status, assignee, description
            case projectId = "project_id"
        }
    }

    struct Tasks: Encodable {
        let ok: Bool
        let tasks: [Task]
        let rowsScanned: Int

        enum CodingKeys: String, CodingKey {
            case ok, tasks
            case rowsScanned = "rows_scanned"
        }
    }

    static let projects = Projects(projects: [
        Project(id: 1, name: "Apollo"), Project(id: 2, name: "Borealis"), Project(id: 3, name: "Cassini"),
    ])

    static let notifications = Notifications(
        notifications: [
            Notification(id: 11, text: "Sprint review moved to Thursday", unread: true),
            Notification(id: 12, text: "3 tasks assigned to you", unread: true),
            Notification(id: 13, text: "Welcome to the demo", unread: false),
        ],
        unread: 2)

    /// Encodes `value` as compact JSON with sorted keys (stable output for tests and diffs).
    static func encode(_ value: some Encodable) -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // These payloads are plain structs of strings and numbers: encoding cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return ByteBuffer(bytes: data)
    }
}
