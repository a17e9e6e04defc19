import Foundation

/// The coordinate reference system of the CSV files hra writes, named in a sidecar: a CSV whose
/// header has RD New coordinate columns (`x_rd` and `y_rd`, or `x_rd_m` and `y_rd_m`) gets
/// `<name>.prj` beside it (`lists/p90-2019_20.csv` → `lists/p90-2019_20.prj`) holding the
/// WKT of EPSG:28992, Amersfoort / RD New, as GDAL writes it.
///
/// A sidecar rather than a comment line in the CSV: the CSV stays plain (one header line),
/// so pandas' `read_csv`, QGIS's delimited-text layer, spreadsheets and hra's own readers
/// read it unchanged, while GDAL/OGR's CSV driver (and QGIS through it) takes the layer's
/// CRS from a `.prj` file of the same base name, as for a shapefile. `docs/gis.md`.
package enum CoordinateReference {
  /// EPSG:28992 in WKT 1 (GDAL's form, with the EPSG authority codes).
  package static let rdNewWKT =
    #"PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],AUTHORITY["EPSG","6289"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],PARAMETER["latitude_of_origin",52.1561605555556],PARAMETER["central_meridian",5.38763888888889],PARAMETER["scale_factor",0.9999079],PARAMETER["false_easting",155000],PARAMETER["false_northing",463000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","28992"]]"#

  /// The coordinate column pairs that are RD New metres.
  package static let rdColumns: [(x: String, y: String)] = [("x_rd", "y_rd"), ("x_rd_m", "y_rd_m")]

  /// The name of the sidecar of a CSV file `name` whose content is `data`, when its header names
  /// RD New coordinate columns; `nil` for any other file.
  package static func sidecar(for name: String, data: Data) -> String? {
    guard name.hasSuffix(".csv") else { return nil }
    let head = data.prefix(4096)
    let end = head.firstIndex(of: UInt8(ascii: "\n")) ?? head.endIndex
    guard let line = String(data: head[head.startIndex..<end], encoding: .utf8) else { return nil }
    let columns = Set(
      line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r "))
      })
    guard rdColumns.contains(where: { columns.contains($0.x) && columns.contains($0.y) }) else { return nil }
    return String(name.dropLast(4)) + ".prj"
  }
}
