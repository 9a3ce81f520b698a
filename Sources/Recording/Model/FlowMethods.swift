/// The HTTP methods a flow step can use (README "Flow": exactly one of get, post, put, patch, delete, head,
/// options).
enum FlowMethods {
    static let all: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
}
