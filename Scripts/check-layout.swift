// The layout check (issue 26): folder dependencies of the library must have no cycle, so that
// the folders follow the data flow and a cycle does not come back unnoticed. Run by .ci/run:
//
//   swift Scripts/check-layout.swift [Sources/HRA]
//
// A folder A depends on a folder B when a file in A names a top-level type (struct, enum, class,
// protocol, actor, typealias) declared in B. Comments and string literals are not read. Top-level
// functions and extension members are not seen (an approximation: a cycle through them only is
// missed, none is invented). Prints the dependency table, the folders' line counts and the
// functions longer than 80 lines; exits 1 when the folder graph has a cycle, naming the folders
// and one reference for each edge of the cycle, or when a function is longer than 80 lines.
import Foundation

let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Sources/HRA"
let fm = FileManager.default

/// The Swift files under `root`, by folder (the first path component below `root`).
func swiftFiles() -> [(folder: String, path: String)] {
  guard let e = fm.enumerator(atPath: root) else {
    FileHandle.standardError.write(Data("check-layout: cannot read \(root)\n".utf8))
    exit(2)
  }
  var out: [(String, String)] = []
  for case let rel as String in e where rel.hasSuffix(".swift") {
    let parts = rel.split(separator: "/")
    out.append((parts.count > 1 ? String(parts[0]) : ".", root + "/" + rel))
  }
  return out.sorted { $0.1 < $1.1 }
}

/// `text` with comments and string literals blanked out (line structure kept).
func code(_ text: String) -> String {
  var out = ""
  var i = text.startIndex
  var inBlock = 0
  var inString = false
  var multiline = false
  while i < text.endIndex {
    let rest = text[i...]
    if inBlock > 0 {
      if rest.hasPrefix("*/") {
        inBlock -= 1
        i = text.index(i, offsetBy: 2)
        continue
      }
      if rest.hasPrefix("/*") {
        inBlock += 1
        i = text.index(i, offsetBy: 2)
        continue
      }
    } else if inString {
      if rest.hasPrefix("\\") {
        i = text.index(after: i)
        if i < text.endIndex { i = text.index(after: i) }
        continue
      }
      if multiline ? rest.hasPrefix("\"\"\"") : rest.hasPrefix("\"") {
        inString = false
        i = text.index(i, offsetBy: multiline ? 3 : 1)
        continue
      }
    } else if rest.hasPrefix("//") {
      while i < text.endIndex && text[i] != "\n" { i = text.index(after: i) }
      continue
    } else if rest.hasPrefix("/*") {
      inBlock = 1
      i = text.index(i, offsetBy: 2)
      continue
    } else if rest.hasPrefix("\"") {
      inString = true
      multiline = rest.hasPrefix("\"\"\"")
      i = text.index(i, offsetBy: multiline ? 3 : 1)
      continue
    }
    let c = text[i]
    out.append(c == "\n" || (inBlock == 0 && !inString) ? c : " ")
    i = text.index(after: i)
  }
  return out
}

func words(_ s: String) -> [Substring] {
  s.split { !($0.isLetter || $0.isNumber || $0 == "_") }
}

let declKeywords: Set<Substring> = ["struct", "enum", "class", "protocol", "actor", "typealias"]
let files = swiftFiles()
var texts: [String: String] = [:]
var owner: [Substring: String] = [:]  // top-level type -> folder
for (folder, path) in files {
  let t = code((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
  texts[path] = t
  for line in t.split(separator: "\n") where !line.hasPrefix(" ") && !line.hasPrefix("}") {
    let w = words(String(line))
    if let k = w.firstIndex(where: { declKeywords.contains($0) }), k + 1 < w.count { owner[w[k + 1]] = folder }
  }
}

// Edges: folder -> folder, with one example reference (file: type).
var edges: [String: [String: String]] = [:]
var lines: [String: Int] = [:]
var longFunctions: [(String, Int)] = []
for (folder, path) in files {
  let t = texts[path]!
  lines[folder, default: 0] += t.split(separator: "\n", omittingEmptySubsequences: false).count
  for w in Set(words(t)) {
    guard let f = owner[w], f != folder else { continue }
    if edges[folder, default: [:]][f] == nil { edges[folder, default: [:]][f] = "\(path): \(w)" }
  }
  // Function lengths: from a line declaring `func`/`init` with `{` to its closing brace.
  let ls = t.split(separator: "\n", omittingEmptySubsequences: false)
  var k = 0
  while k < ls.count {
    let w = words(String(ls[k]))
    if w.contains("func") || w.first == "init" || w.contains("init") && ls[k].contains("init(") {
      var depth = 0
      var started = false
      // A brace in the signature (a default argument `log: … = { _ in }`) does not open the
      // body: before the body, braces count only outside parentheses.
      var parens = 0
      var j = k
      scan: while j < ls.count {
        for ch in ls[j] {
          if !started && ch == "(" {
            parens += 1
          } else if !started && ch == ")" {
            parens -= 1
          } else if !started && parens > 0 {
            continue
          } else if ch == "{" {
            depth += 1
            started = true
          } else if ch == "}" {
            depth -= 1
            if started && depth == 0 { break scan }
          }
        }
        if !started && ls[j].contains(";") { break }
        j += 1
      }
      if started && j - k + 1 > 80 {
        let name =
          w.first {
            $0 != "func"
              && ![
                "public", "package", "static", "private", "fileprivate", "mutating", "override", "internal",
                "nonisolated", "final", "class",
              ].contains($0)
          } ?? "?"
        longFunctions.append(("\(path):\(k + 1) \(name)", j - k + 1))
      }
      k = started ? j + 1 : k + 1
      continue
    }
    k += 1
  }
}

// Strongly connected components (Tarjan).
let folders = Set(files.map(\.folder)).sorted()
var index: [String: Int] = [:]
var low: [String: Int] = [:]
var stack: [String] = []
var onStack: Set<String> = []
var components: [[String]] = []
var counter = 0
func strongConnect(_ v: String) {
  index[v] = counter
  low[v] = counter
  counter += 1
  stack.append(v)
  onStack.insert(v)
  for w in (edges[v] ?? [:]).keys.sorted() {
    if index[w] == nil {
      strongConnect(w)
      low[v] = min(low[v]!, low[w]!)
    } else if onStack.contains(w) {
      low[v] = min(low[v]!, index[w]!)
    }
  }
  if low[v] == index[v] {
    var c: [String] = []
    while let w = stack.popLast() {
      onStack.remove(w)
      c.append(w)
      if w == v { break }
    }
    components.append(c.sorted())
  }
}
for f in folders where index[f] == nil { strongConnect(f) }

print("folder            lines  depends on")
for f in folders {
  let deps = (edges[f] ?? [:]).keys.sorted().joined(separator: ", ")
  print(
    f.padding(toLength: 16, withPad: " ", startingAt: 0),
    String(lines[f] ?? 0).padding(toLength: 6, withPad: " ", startingAt: 0), deps)
}
print("\nfunctions longer than 80 lines: \(longFunctions.count)")
for (name, n) in longFunctions.sorted(by: { $0.1 > $1.1 }) { print("  \(n)  \(name)") }
let cycles = components.filter { $0.count > 1 }
if cycles.isEmpty {
  print("\nfolder cycles: none")
  exit(longFunctions.isEmpty ? 0 : 1)
}
for c in cycles {
  print("\nfolder cycle among: \(c.joined(separator: ", "))")
  for a in c {
    for b in c where a != b { if let ex = edges[a]?[b] { print("  \(a) -> \(b)   (\(ex))") } }
  }
}
exit(1)
