import Foundation

/// The P50 and P90 lists of one gas year: the buildings whose P50 (resp. P90) LPR exceeds the
/// norm, sorted by descending risk. The P90 list includes the P50 list. With other list
/// percentiles (``RiskResults/percentiles``) the lists and their columns carry those names and
/// no category.
package enum RiskLists {
  package enum List: Sendable { case p50, p90 }

  /// Building indices on a list in year index t, in list order: by the list's percentile
  /// descending, ties by the other percentile descending, then by building id.
  package static func members(_ r: RiskResults, year t: Int, list: List, norm: Double) -> [Int] {
    let on = r.buildings.indices.filter { list == .p50 ? r.buildings[$0].p50[t] > norm : r.buildings[$0].p90[t] > norm }
    return on.sorted { a, b in
      let x = r.buildings[a]
      let y = r.buildings[b]
      let (kx, ky) =
        list == .p50 ? ((x.p50[t], x.p90[t]), (y.p50[t], y.p90[t])) : ((x.p90[t], x.p50[t]), (y.p90[t], y.p50[t]))
      if kx.0 != ky.0 { return kx.0 > ky.0 }
      if kx.1 != ky.1 { return kx.1 > ky.1 }
      return x.id < y.id
    }
  }

  /// The list as CSV: rank, building_id, municipality, place, owner_type, x_rd, y_rd (RD New
  /// metres, EPSG:28992), typology_mix, mean_lpr, p50_lpr, p90_lpr, category, first_gas_year
  /// (first year of the run in which the building is on this list).
  package static func csv(_ r: RiskResults, year t: Int, list: List, norm: Double) -> String {
    let (lo, hi) = r.labels
    var s =
      "rank,building_id,municipality,place,owner_type,x_rd,y_rd,typology_mix,mean_lpr,\(lo)_lpr,\(hi)_lpr,\(r.isStandard ? "category," : "")first_gas_year\n"
    for (rank, i) in members(r, year: t, list: list, norm: norm).enumerated() {
      let b = r.buildings[i]
      let first = r.gasYears.indices.first { list == .p50 ? b.p50[$0] > norm : b.p90[$0] > norm }!
      let cat = r.isStandard ? [b.category(t, norm: norm).rawValue] : []
      s +=
        ([
          String(rank + 1), b.id, b.municipality, b.place, b.ownerType, NumberFormat.fixed1(b.x),
          NumberFormat.fixed1(b.y), b.typologyMix, ResultTable.sci(b.mean[t]),
          ResultTable.sci(b.p50[t]),
          ResultTable.sci(b.p90[t]),
        ] + cat + [GasYear.label(r.gasYears[first])]).map(ResultTable.csvField).joined(separator: ",") + "\n"
    }
    return s
  }

  /// Buildings near the norm (P90 within a factor 2 of it) per year; `x_rd`, `y_rd` in RD New
  /// metres (EPSG:28992). Sampled tree: with the bootstrap probability that their category
  /// would flip under resampling of the logic-tree samples (`flip`, per building × year).
  /// Exact tree (`holds` given, keyed building × year): instead of a flip probability, which
  /// means nothing for an exact result, the branch sets that decide the category
  /// (`deciding_sets`: sets with a branch whose hold moves the building to another category,
  /// `|`-separated) and those holds (`held_categories`: `mmax=6.5:licht_verhoogd;…`), from
  /// ``BranchHold/deciding(_:category:norm:)``; both empty when no single set changes it.
  package static func nearNormCSV(
    _ r: RiskResults, flip: [Double], holds: [Int: [BranchHold]]? = nil, norm: Double
  ) -> String {
    let Y = r.gasYears.count
    let tail = holds == nil ? "flip_probability" : "deciding_sets,held_categories"
    var s = "building_id,gas_year,municipality,x_rd,y_rd,p50_lpr,p90_lpr,category,\(tail)\n"
    for (b, x) in r.buildings.enumerated() {
      for t in 0..<Y where RiskCategory.isNearNorm(p90: x.p90[t], norm: norm) {
        let category = x.category(t, norm: norm)
        let last: [String]
        if let holds {
          let d = BranchHold.deciding(holds[b * Y + t] ?? [], category: category, norm: norm)
          last = [d.sets, d.holds]
        } else {
          last = [String(format: "%.4f", flip[b * Y + t])]
        }
        s +=
          ([
            x.id, GasYear.label(r.gasYears[t]), x.municipality, String(format: "%.1f", x.x),
            String(format: "%.1f", x.y), ResultTable.sci(x.p50[t]), ResultTable.sci(x.p90[t]), category.rawValue,
          ] + last).map(ResultTable.csvField).joined(separator: ",") + "\n"
      }
    }
    return s
  }

}
