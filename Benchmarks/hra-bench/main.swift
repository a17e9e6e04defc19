// hra-bench: the benchmark harness of GroningenHRA (see Benchmarks/README.md).
#if canImport(Glibc)
  import Glibc
#endif

exit(runCLI())
