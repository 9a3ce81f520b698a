import Transport

/// Runs transfers to completion on a multi handle, bounded in time, for tests.
func perform(
    _ requests: [(EasyHandle, HTTPRequest)], on multi: MultiHandle, limitSeconds: Double = 10
) throws -> [TransferResult?] {
    var results = [TransferResult?](repeating: nil, count: requests.count)
    for (index, (easy, request)) in requests.enumerated() {
        easy.slot = index
        try easy.prepare(request)
        try multi.add(easy)
    }
    let deadline = MonotonicClock.now() + UInt64(limitSeconds * 1e9)
    while multi.inFlight > 0, MonotonicClock.now() < deadline {
        try multi.poll(maxWait: 50_000_000) { easy, result in results[easy.slot] = result }
    }
    return results
}

func performOne(_ request: HTTPRequest, options: TransferOptions = .init(), share: ShareHandle? = nil) throws
    -> TransferResult?
{
    let multi = try MultiHandle(maxConnections: 4)
    return try perform([(try EasyHandle(options: options, share: share), request)], on: multi)[0]
}
