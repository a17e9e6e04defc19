import Foundation
import Testing

/// The cluster recipes of issue 28 read as text (there is no Kubernetes cluster in CI; the Slurm
/// scripts themselves are run by `make test-slurm`): the Kubernetes Indexed Job maps
/// JOB_COMPLETION_INDEX to `--shard`, the merge Job sees the parts at the same path, and the Slurm
/// array maps SLURM_ARRAY_TASK_ID to `--shard`.
struct ClusterRecipeTests {
  static func text(_ path: String) throws -> String {
    try String(contentsOfFile: TestModels.root + "/" + path, encoding: .utf8)
  }

  /// The value after `key:` on the first line (comments removed) that starts with it, trimmed.
  static func value(_ key: String, in text: String) -> String? {
    for line in text.split(separator: "\n") {
      let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      let trimmed = code.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix(key + ":") {
        return String(trimmed.dropFirst(key.count + 1)).trimmingCharacters(in: .whitespaces)
      }
    }
    return nil
  }

  /// Every `mountPath:` value in the text.
  static func mountPaths(_ text: String) -> [String] {
    text.split(separator: "\n").compactMap { line in
      let t = line.trimmingCharacters(in: .whitespaces)
      guard t.hasPrefix("mountPath:") else { return nil }
      return String(t.dropFirst("mountPath:".count)).trimmingCharacters(in: .whitespaces)
    }
  }

  /// The lines that are not comments.
  static func code(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter {
      !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#")
    }
  }

  @Test func theShardsJobIsIndexedWithCompletionsEqualToParallelism() throws {
    let job = try Self.text("Scripts/k8s/hra-shards-job.yaml")
    #expect(Self.value("completionMode", in: job) == "Indexed")
    let completions = Self.value("completions", in: job)
    #expect(completions != nil && Int(completions ?? "") != nil, "completions: \(completions ?? "missing")")
    let parallelism = Self.value("parallelism", in: job)
    #expect(completions == parallelism, "completions \(completions ?? "-"), parallelism \(parallelism ?? "-")")
  }

  @Test func jobCompletionIndexSelectsTheShard() throws {
    let job = try Self.text("Scripts/k8s/hra-shards-job.yaml")
    let shardLines = Self.code(job).filter { $0.contains("--shard") }
    #expect(!shardLines.isEmpty, "no --shard argument in the shards Job")
    #expect(
      shardLines.contains { $0.contains("run") && $0.contains("--shard \"${JOB_COMPLETION_INDEX}/") },
      "\(shardLines)")
  }

  @Test func thePartsVolumeIsMountedAtTheSamePathInBothJobs() throws {
    let shards = try Self.text("Scripts/k8s/hra-shards-job.yaml")
    let merge = try Self.text("Scripts/k8s/hra-merge-job.yaml")
    let shardMounts = Self.mountPaths(shards)
    let mergeMounts = Self.mountPaths(merge)
    #expect(!shardMounts.isEmpty && shardMounts == mergeMounts, "shards \(shardMounts), merge \(mergeMounts)")
    #expect(Self.value("claimName", in: shards) == Self.value("claimName", in: merge))
    // The shards write their parts where the merge reads them.
    let mount = shardMounts.first ?? "?"
    #expect(shards.contains("--out \(mount)/parts"))
    #expect(merge.contains("\"merge\", \"\(mount)/out\", \"\(mount)/parts\""))
  }

  @Test func theSlurmArrayTaskSelectsTheShard() throws {
    let script = try Self.text("Scripts/slurm/hra-shards.sbatch")
    let shardLines = Self.code(script).filter { $0.contains("--shard") }
    #expect(
      shardLines.contains { $0.contains("run") && $0.contains("--shard \"${SLURM_ARRAY_TASK_ID}/") },
      "\(shardLines)")
    let merge = try Self.text("Scripts/slurm/hra-merge.sbatch")
    #expect(Self.code(merge).contains { $0.contains("merge \"$OUT\" \"$PARTS\"") })
  }
}
