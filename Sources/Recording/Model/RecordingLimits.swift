/// The bounds that keep an import's memory proportional to what it keeps, not to the file.
public enum RecordingLimits {
    /// Response bodies longer than this are not kept (correlation reads only what it kept).
    public static let responseBodyBytes = 64 * 1024
    /// A request body longer than this is not written into a flow: the entry is dropped with a reason.
    public static let requestBodyBytes = 1024 * 1024
}
