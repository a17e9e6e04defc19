import Foundation

/// One zone's share of a tree estimator: build the zone's tables (``ZoneTables`` with the
/// estimator's ``ZoneColumns``), contract every site of the zone with the rate blocks
/// (``RateBlocks``, ``RateContraction``) and reduce the results into the estimator's accumulators. A reducer writes only the cells of
/// the zone's own sites (or their buildings), so zones may run in any order on any thread.
protocol ZoneReducer: Sendable {
  /// Reduces zone `zone` (its position `position` in the driver's zone list) with its sites.
  func reduce(zone: Int, position: Int, sites: [Int])
}

/// The one driver of the tree pipeline's zone loop (rates → zone tables → contraction →
/// reducers), shared by the LPR tree (``TreeEstimator``, ``ExactTreeEstimator``), the hazard
/// curves (``HazardEstimator``) and the scenario tree (``ScenarioTreeContraction``):
/// - zone order: the largest zone (most sites) first, ties by position in `zones`, so the
///   longest jobs start first and the last job is short;
/// - threads: one zone per job on `threads` workers (``parallelFor(_:threads:_:)``; BLAS single-
///   threaded), results independent of the thread count because each zone writes its own cells;
/// - progress: a line after every tenth of the zones and after the last,
///   `String(format: progress, done, zones, seconds)`.
///
/// How an estimator plugs in: prepare what every zone shares (rate blocks, table plan, branch
/// plan), wrap its per-zone work in a ``ZoneReducer`` and call ``run(_:threads:progress:clock:log:)``.
struct ZoneDriver {
  /// Zone indices (site-response zones), and the sites of each, aligned.
  let zones: [Int]
  let sites: [[Int]]
  /// Positions in `zones`, largest zone first (ties by position).
  let order: [Int]

  /// - Parameters:
  ///   - zones: the zones in a fixed order (ascending in every estimator);
  ///   - sites: the sites of each zone, `sites[i]` for `zones[i]`.
  init(zones: [Int], sites: [[Int]]) {
    precondition(zones.count == sites.count)
    self.zones = zones
    self.sites = sites
    let size = sites.map(\.count)
    order = zones.indices.sorted { a, b in size[a] != size[b] ? size[a] > size[b] : a < b }
  }

  /// The zones of every site of `sites` (``RiskSites/siteZone``), ascending, with their sites
  /// in site order.
  init(sites: RiskSites) {
    var groups: [Int: [Int]] = [:]
    for s in 0..<sites.siteCount { groups[sites.siteZone[s], default: []].append(s) }
    let zones = groups.keys.sorted()
    self.init(zones: zones, sites: zones.map { groups[$0]! })
  }

  /// Runs `reducer` on every zone, largest first, on `threads` workers. `progress` (nil: no
  /// lines) is the format of the progress line with the zones done, the zone count and the
  /// seconds since `clock`.
  func run(
    _ reducer: some ZoneReducer, threads: Int, progress: String? = nil, clock: Date = Date(),
    log: (String) -> Void = { _ in }
  ) {
    let (zones, sites, order) = (self.zones, self.sites, self.order)
    let done = AtomicCounter()
    nonisolated(unsafe) let report = log
    let logLock = NSLock()
    parallelFor(zones.count, threads: threads) { job in
      let i = order[job]
      reducer.reduce(zone: zones[i], position: i, sites: sites[i])
      guard let format = progress else { return }
      let d = done.increment() + 1
      if d % max(1, zones.count / 10) == 0 || d == zones.count {
        logLock.lock()
        defer { logLock.unlock() }
        report(String(format: format, d, zones.count, Date().timeIntervalSince(clock)))
      }
    }
  }
}
