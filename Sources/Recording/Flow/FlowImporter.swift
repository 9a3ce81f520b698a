import Scenario

/// The import pipeline shared by HAR and curl: kept exchanges in, flow and report out.
///
/// 1. Each exchange becomes a ``DraftRequest`` (URL split, headers filtered, body parsed); values holding a
///    recorded `{{` move to the environment (``LiteralBraces``) before anything else; credentials of the
///    `--role-fields` become `{{role.…}}`.
/// 2. In recorded order, requests are laid out in steps (overlapping ones on the same page form a parallel
///    group, unless one needs another's response) and correlated with earlier steps' responses.
/// 3. Secrets still in clear become `{{env.…}}`; recorded origins in header and body text become
///    `{{env.BASE_URL}}` (or the origin's variable).
/// 4. Steps, groups, think times and checks are assembled into a ``Flow``.
struct FlowImporter {
    var exchanges: [RecordedExchange]
    var pages: [HARPage] = []
    var origins: OriginTable
    var serverCookies: Set<String> = []
    var options: ImportOptions
    var source: String
    var entries: Int
    var dropped = DropTally()

    func run() -> (flow: Flow, report: ImportReport) {
        // Recorded order is start order; a writer that lists entries otherwise (or leaves times out) keeps its own.
        let sorted =
            exchanges.contains { $0.started == nil }
            ? exchanges : exchanges.sorted { ($0.started!, $0.index) < ($1.started!, $1.index) }
        var normalizer = RequestNormalizer(origins: origins, serverCookies: serverCookies)
        var roles = RoleFields(names: options.roleFields ?? ImportOptions.defaultRoleFields)
        var drafts = sorted.enumerated().map { normalizer.draft($1, position: $0) }
        let recordedSecrets = SecretScrubber.recordedSecrets(in: drafts)
        var braces = LiteralBraces()
        for i in drafts.indices { braces.rewrite(&drafts[i]) }
        roles.rewrite(&drafts)

        var correlator = Correlator(exchanges: sorted)
        let layout = layOut(&drafts, sorted, correlator: &correlator)

        var scrubber = SecretScrubber(recorded: recordedSecrets, roleFields: Set(roles.found))
        for i in drafts.indices {
            scrubber.scrub(&drafts[i], label: Self.label)
            OriginText.replaceOrigins(in: &drafts[i], origins: normalizer.origins)
        }
        var registry = correlator.registry
        registry.nameSources { Self.label(drafts[$0]) }

        let (steps, groups, thinks) = assemble(layout, drafts, sorted, captures: registry.captures)
        var flowSteps = steps
        let headers = FlowAssembly.hoistCommonHeaders(&flowSteps)
        let flow = Flow(name: options.name ?? FlowName.from(source), headers: headers, steps: flowSteps)
        var notes = braces.notes { Self.label(drafts[$0]) }
        if correlator.indexWasFull {
            notes.append(
                "the recording has more distinct response values than the correlation index holds "
                    + "(\(ValueIndex.capacity)); later responses were not searched")
        }
        let report = ImportReport(
            source: source, entries: entries, requests: drafts.count, steps: layout.steps.count, groups: groups,
            thinkTimes: thinks, dropped: dropped, correlations: registry.correlations, roleFields: roles.found,
            missingRoleFields: (options.roleFields ?? []).filter { !roles.found.contains($0.lowercased()) },
            secrets: scrubber.secrets, origins: normalizer.origins, notes: notes,
            statusChecks: statusChecks(flow))
        return (flow, report)
    }

    /// Lays requests out in steps while correlating them: a request joins the current step when it overlapped
    /// it and needs none of its responses; it is correlated with the responses of the steps before.
    private func layOut(_ drafts: inout [DraftRequest], _ sorted: [RecordedExchange], correlator: inout Correlator)
        -> StepLayout
    {
        var layout = StepLayout()
        for i in drafts.indices {
            let e = sorted[i]
            let joins =
                layout.overlapsCurrent(start: e.started, pageref: e.pageref)
                && !correlator.dependsOnCurrentStep(drafts[i])
            if !joins { correlator.commit() }
            correlator.correlate(&drafts[i])
            if joins {
                layout.join(i, end: e.ended)
            } else {
                layout.begin(i, start: e.started, end: e.ended, pageref: e.pageref)
            }
            correlator.recordResponse(of: i)
        }
        layout.assignThinkTimes(scale: options.thinkScale, max: options.maxThink, min: options.minThink)
        return layout
    }

    /// The flow's steps: a think time where the layout has one, then the request alone or its group.
    private func assemble(
        _ layout: StepLayout, _ drafts: [DraftRequest], _ sorted: [RecordedExchange], captures: [Int: [Capture]]
    ) -> (steps: [Step], groups: Int, thinks: Int) {
        var naming = GroupNaming(pages: pages)
        var steps: [Step] = []
        var groups = 0
        var thinks = 0
        for layoutStep in layout.steps {
            if let think = layoutStep.thinkBefore {
                steps.append(.think(.fixed(think)))
                thinks += 1
            }
            let requests = layoutStep.positions.map { i in
                FlowAssembly.requestStep(drafts[i], captures: captures[i] ?? [], checks: checks(sorted[i]))
            }
            if requests.count == 1 {
                steps.append(.request(requests[0]))
            } else {
                let paths = layoutStep.positions.map { RecordedURL.parse(sorted[$0].request.url)?.path ?? "/" }
                let name = naming.name(pageref: layoutStep.pageref, paths: paths)
                steps.append(.group(GroupStep(name: name, requests: requests)))
                groups += 1
            }
        }
        return (steps, groups, thinks)
    }

    /// The expected status: the recorded one's class (`2xx`), or with `--strict-status` the recorded code, except
    /// that a 304 expects a 200 (the conditional headers that caused it are not sent).
    /// With `--check-content-type`, the recorded media type of a response that had a body.
    private func checks(_ exchange: RecordedExchange) -> [Check] {
        guard let response = exchange.response, (100...599).contains(response.status) else { return [] }
        let status = response.status == 304 ? 200 : response.status
        var checks: [Check] = [.status([options.strictStatus ? .code(status) : .classOf(status)])]
        if options.checkContentType, response.status != 304, response.status != 204,
            let type = MediaType.essence(response.headers.first { $0.name.lowercased() == "content-type" }?.value)
        {
            checks.append(.contentType(type))
        }
        return checks
    }

    /// How the flow checks statuses, for the report; `nil` when it checks none (curl commands have no response).
    private func statusChecks(_ flow: Flow) -> StatusCheckMode? {
        let checksStatus = flow.steps.contains { step in
            switch step {
            case .request(let r): r.checks.contains { if case .status = $0 { true } else { false } }
            case .group(let g):
                g.requests.contains { $0.checks.contains { if case .status = $0 { true } else { false } } }
            case .think: false
            }
        }
        guard checksStatus else { return nil }
        return options.strictStatus ? .exact : .byClass
    }

    /// `GET /api/me`, as the loader names an unnamed step.
    static func label(_ draft: DraftRequest) -> String {
        let written = FlowAssembly.path(draft).description
        return "\(draft.method) \(draft.urlOverride?.description ?? written)"
    }
}

/// The default flow name: the source file's name without folder and extension.
enum FlowName {
    static func from(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name.isEmpty ? "imported" : name }
        return String(name[..<dot])
    }
}
