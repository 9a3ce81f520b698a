/// One `log.pages` item: what the user was looking at while the requests that name it (`pageref`) ran.
public struct HARPage: Sendable, Equatable, Decodable {
    public var id: String
    /// The page title as the browser recorded it (Chrome often writes the URL).
    public var title: String

    private enum Keys: String, CodingKey { case id, title }

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = c.lenientString(.id) ?? ""
        title = c.lenientString(.title) ?? ""
    }
}
