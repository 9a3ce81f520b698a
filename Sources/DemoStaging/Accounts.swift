import Foundation
import Synchronization

/// The role of a demo account; it decides which query plan the dashboard gets.
public enum DemoRole: String, Sendable, Hashable, CaseIterable {
    /// Bypasses row-level security: the dashboard uses an index and is always fast.
    case admin
    /// Subject to row-level security: the dashboard query is the slow one.
    case user
}

/// A demo login.
struct DemoAccount: Sendable, Equatable {
    let email: String
    let password: String
    let role: DemoRole
    /// 0 for admin, N for `userN`: which rows of the task table are assigned to this account.
    let number: Int
}

/// The fixed set of demo accounts: `admin@demo.test` / `demo-admin`, and
/// `user1@demo.test` … `user20@demo.test` / `demo-user`.
///
/// The passwords are public on purpose: this server only ever runs on a developer's machine to
/// show what Rehearsal finds.
enum DemoAccounts {
    static let adminPassword = "demo-admin"
    static let userPassword = "demo-user"
    static let userCount = 20

    static let all: [String: DemoAccount] = {
        let admin = DemoAccount(email: "admin@demo.test", password: adminPassword, role: .admin, number: 0)
        var accounts = [admin.email: admin]
        for index in 1...userCount {
            let email = "user\(index)@demo.test"
            accounts[email] = DemoAccount(email: email, password: userPassword, role: .user, number: index)
        }
        return accounts
    }()

    /// The account with these credentials, or nil.
    static func authenticate(email: String, password: String) -> DemoAccount? {
        guard let account = all[email.lowercased()], account.password == password else { return nil }
        return account
    }
}

/// Issued bearer tokens, each mapped to the account that logged in.
///
/// Every login gets a fresh random token and tokens live only in this process, so a token
/// recorded against another server (or an earlier run) is answered with 401: a replayed
/// recording must log in and use what the login returned. Earlier tokens of the same account
/// stay valid, as concurrent sessions of one account do on a real site.
final class SessionStore: Sendable {
    private let tokens = Mutex([String: DemoAccount]())

    /// Creates a new opaque token for `account`.
    func issueToken(for account: DemoAccount) -> String {
        let token = Self.randomHex(bytes: 24)
        tokens.withLock { $0[token] = account }
        return token
    }

    /// The account behind an `Authorization: Bearer <token>` header value, or nil.
    func account(authorization: String?) -> DemoAccount? {
        guard let authorization else { return nil }
        let prefix = "bearer "
        guard authorization.lowercased().hasPrefix(prefix) else { return nil }
        let token = authorization.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        return tokens.withLock { $0[token] }
    }

    /// `bytes` random bytes as lowercase hex (tokens and session cookies).
    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte, radix: 16).leftPadded(to: 2)
        }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
