import Metrics
import Transport

extension Worker {
    /// Asks the user's pacer what a free user does next. A start right after an iteration ended waits for the
    /// loop's next turn (`startNow: false`), so a flow with nothing to send never loops within one turn.
    func gate(_ user: Int, now: UInt64, startNow: Bool) {
        guard !stopping else { return markDone(user) }
        // Fields, not `users[user]` whole: a copy of the user would retain every array it holds.
        let scenario = users[user].scenario
        let next = pacers[scenario].next(
            indexInScenario: users[user].indexInScenario, started: users[user].iteration, now: now)
        switch next {
        case .start:
            guard !startNow else { return startIteration(user, now: now, scheduled: now) }
            // The pacer has granted it (a shared count is already taken): the wake starts it without asking again.
            startGranted[user] = true
            wakes.insert(Wake(time: now, vu: user))
        case .wait(let until): wakes.insert(Wake(time: until, vu: user))
        case .idle: idle[scenario].append(user)
        case .done: markDone(user)
        }
    }

    /// Begins an iteration of `user` at `now`; an open model's was due at `scheduled`.
    func startIteration(_ user: Int, now: UInt64, scheduled: UInt64) {
        transports[user].clearCookies()
        users[user].begin(now: now, scheduled: scheduled, context: context, into: &outbox)
        apply(user, now: now)
    }

    /// Wakes users whose time has come; once stopping, all of them (think time is skipped, iterations end).
    func runDueWakes(_ now: UInt64) {
        while let next = wakes.min, next.time <= now || stopping {
            _ = wakes.removeMin()
            guard !isDone[next.vu] else { continue }
            if users[next.vu].inIteration {
                // A think time ended: how late the loop got to it (a stop wakes users early, which is no lag).
                if !stopping { recorder.recordWakeLag(micros: Int((now &- next.time) / 1000)) }
                users[next.vu].resume(now: now, context: context, into: &outbox)
                apply(next.vu, now: now)
            } else if startGranted[next.vu] {
                startGranted[next.vu] = false
                if stopping { markDone(next.vu) } else { startIteration(next.vu, now: now, scheduled: now) }
            } else {
                gate(next.vu, now: now, startNow: true)
            }
        }
    }

    /// Starts the open-model iterations now due: each on an idle user of its scenario, or dropped when none is.
    /// Every arrival due before the scenario's end is started or dropped, however late the loop woke; after a stop
    /// request none is.
    func runDueArrivals(_ now: UInt64) {
        let stopAsked = state.stopLevel.load(ordering: .relaxed) >= 1
        for s in pacers.indices where plan.scenarios[s].isOpenModel {
            while !stopAsked, let due = pacers[s].nextArrival, due <= now, due < windows[s].end {
                if let user = idle[s].popFirst() {
                    users[user].arrival = pacers[s].arrivalNumber
                    recorder.recordLag(scenario: s, micros: Int((now - due) / 1000))
                    startIteration(user, now: now, scheduled: due)
                } else {
                    recorder.recordDropped(scenario: s)
                }
                pacers[s].advance()
            }
            if pacers[s].nextArrival == nil || now >= windows[s].end { releaseIdle(s) }
        }
    }

    /// The scenario's schedule is over (or the run is stopping): idle users are done; busy ones end after their
    /// iteration.
    func releaseIdle(_ s: Int) {
        while let user = idle[s].popFirst() { markDone(user) }
    }

    /// Carries out what the user asked for and records what it measured.
    func apply(_ user: Int, now: UInt64) {
        // Results and actions are moved out of the outbox, not copied: reading them in place from this class's
        // property copies each one (a retain and release per result, and every string of a request to send).
        for index in outbox.results.indices {
            let result = outbox.takeResult(at: index)
            switch result {
            case .iterationStarted: state.iterationChanged(role: users[user].role, by: 1)
            case .iterationEnded: state.iterationChanged(role: users[user].role, by: -1)
            case .request, .group, .secret: break
            }
            recorder.record(result)
        }
        for index in outbox.actions.indices {
            switch outbox.takeAction(at: index) {
            case .send(let slot, let request): submit(user, slot: slot, request)
            case .refuse(let slot, let failure):
                unsent.append((user, slot, TransferResult(failure: failure, status: 0)))
            case .wake(let time): wakes.insert(Wake(time: time, vu: user))
            case .iterationEnded: gate(user, now: now, startNow: false)
            }
        }
        outbox.clear()
    }
}
