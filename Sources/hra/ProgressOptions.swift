import Foundation
import HRA

/// `--quiet`, the option every long-running command takes: progress goes to standard error
/// (``ProgressReporter``), a line updated in place on a terminal, timestamped stage lines
/// otherwise; `--quiet` turns it off. Standard output holds the results only.
enum ProgressOptions {
  static let help = """
      --quiet               no progress on standard error (by default: one line updated in
                            place on a terminal, timestamped stage lines when redirected)
    """
}
