import Foundation

/// A failure to write an output, or a refusal to write where it would destroy something:
/// one sentence naming the path.
///
/// `refused` errors come from checks made before any computation (the output path is
/// someone else's folder, a file, the current directory, or locked by another run); the
/// others come from the operating system while writing (disk full, permission denied) and
/// carry its message (`strerror`), never a raw Foundation error dump.
package struct OutputError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The path concerned, as given or resolved.
  package var path: String
  /// What is wrong, in plain words.
  package var message: String
  /// True when the path was refused before anything was computed or written (a usage
  /// problem, exit code 2); false for a failure while writing (exit code 1).
  package var refused: Bool

  package init(path: String, _ message: String, refused: Bool = false) {
    self.path = path
    self.message = message
    self.refused = refused
  }

  /// An error from the C library's `errno`, e.g. "cannot write 'out/x.csv': No space left on device".
  static func posix(_ what: String, _ path: String, errno e: Int32) -> OutputError {
    OutputError(path: path, "cannot \(what) '\(path)': \(String(cString: strerror(e)))")
  }

  package var description: String { message }
}
