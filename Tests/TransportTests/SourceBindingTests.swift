import Glibc
import Testing

@testable import Transport

/// A user's loopback source address is bound only for connections to 127.0.0.0/8: a socket bound to 127.1.x.y
/// cannot reach any other host, so a templated URL or a redirect to an allow-listed host elsewhere would fail.
/// The check is on the address libcurl hands the open-socket callback; no traffic leaves loopback here.
@Suite("Source-address binding")
struct SourceBindingTests {
    /// The destination as libcurl hands it over: a `sockaddr` holding a `sockaddr_in`.
    private func address(_ text: String) -> sockaddr {
        var destination = sockaddr_in()
        destination.sin_family = sa_family_t(AF_INET)
        destination.sin_port = in_port_t(8080).bigEndian
        _ = inet_pton(AF_INET, text, &destination.sin_addr)
        var result = sockaddr()
        withUnsafeBytes(of: destination) { source in
            withUnsafeMutableBytes(of: &result) { $0.copyMemory(from: source) }
        }
        return result
    }

    @Test(arguments: ["127.0.0.1", "127.1.2.3", "127.255.255.254"])
    func loopbackDestinationsAreBound(_ text: String) {
        #expect(isIPv4Loopback(family: AF_INET, address(text)))
    }

    @Test(arguments: ["10.99.0.2", "192.168.1.10", "128.0.0.1", "0.0.0.0", "1.127.0.0"])
    func otherDestinationsAreNot(_ text: String) {
        #expect(!isIPv4Loopback(family: AF_INET, address(text)))
    }

    @Test func anIPv6DestinationIsNot() {
        #expect(!isIPv4Loopback(family: AF_INET6, address("127.0.0.1")))
    }
}
