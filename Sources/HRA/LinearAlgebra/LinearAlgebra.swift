import CLapack

/// The one file of the engine that talks to LAPACK/BLAS (Debian: LAPACKE + OpenBLAS).
///
/// Matrices are dense, row-major `[Double]` buffers. Everything else in the engine calls
/// these wrappers, so the C boundary is in one place.
package enum LinearAlgebra {
  /// Errors reported by LAPACK routines.
  package enum Failure: Error, CustomStringConvertible, Equatable {
    /// `dpotrf` found the matrix not positive definite (leading minor `order` is not positive).
    case notPositiveDefinite(order: Int)
    /// An eigen decomposition did not converge (LAPACK `info`).
    case noConvergence(info: Int)
    /// LAPACK rejected argument `argument` of `routine` (negative `info`).
    case illegalArgument(routine: String, argument: Int)

    package var description: String {
      switch self {
      case .notPositiveDefinite(let k): return "matrix is not positive definite (leading minor \(k))"
      case .noConvergence(let i): return "eigen decomposition did not converge (info \(i))"
      case .illegalArgument(let r, let a): return "LAPACK \(r) rejected its argument \(a)"
      }
    }
  }

  /// Sets OpenBLAS to `n` threads. The engine runs BLAS inside its own worker threads and
  /// sets this to 1 so the two thread pools do not compete (and results do not depend on
  /// OpenBLAS's own split of the work).
  package static func setBLASThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }

  /// C ← α·A·B + β·C for row-major A (m×k), B (k×n), C (m×n) (BLAS `dgemm`).
  ///
  /// - Complexity: 2·m·n·k floating-point operations.
  package static func gemm(
    m: Int, n: Int, k: Int, alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
    b: UnsafePointer<Double>, ldb: Int, beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int,
    transposeA: Bool = false, transposeB: Bool = false
  ) {
    precondition(m >= 0 && n >= 0 && k >= 0)
    if m == 0 || n == 0 { return }
    cblas_dgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// C ← A·B (or A·Bᵀ) for row-major single-precision A (m×k), B (k×n, or n×k transposed),
  /// C (m×n) (BLAS `sgemm`).
  ///
  /// - Complexity: 2·m·n·k floating-point operations.
  package static func gemm(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, transposeB: Bool = false
  ) {
    precondition(m >= 0 && n >= 0 && k >= 0)
    if m == 0 || n == 0 { return }
    cblas_sgemm(
      CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a,
      Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
  }

  /// Convenience product of two row-major matrices: returns A (m×k) · B (k×n).
  package static func multiply(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
    precondition(a.count == m * k && b.count == k * n)
    var c = [Double](repeating: 0, count: m * n)
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          gemm(m: m, n: n, k: k, a: pa.baseAddress!, lda: k, b: pb.baseAddress!, ldb: n, c: pc.baseAddress!, ldc: n)
        }
      }
    }
    return c
  }

  /// The lower Cholesky factor L of a symmetric positive-definite n×n matrix (A = L·Lᵀ),
  /// row-major, upper triangle zeroed (LAPACK `dpotrf`).
  package static func cholesky(_ a: [Double], n: Int) throws -> [Double] {
    precondition(a.count == n * n)
    var l = a
    let info = l.withUnsafeMutableBufferPointer { p in
      LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), p.baseAddress!, Int32(n))
    }
    if info > 0 { throw Failure.notPositiveDefinite(order: Int(info)) }
    if info < 0 { throw Failure.illegalArgument(routine: "dpotrf", argument: Int(-info)) }
    for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { l[i * n + j] = 0 } }
    return l
  }

  /// B ← L·B for a lower-triangular row-major n×n L and a row-major n×m B, in place (BLAS `dtrmm`).
  ///
  /// Samples correlated normals: the columns of B hold independent standard normals and
  /// become N(0, L·Lᵀ) vectors.
  /// - Complexity: n²·m floating-point operations (half of a general product).
  package static func lowerTriangularMultiply(
    n: Int, m: Int, l: UnsafePointer<Double>, ldl: Int, b: UnsafeMutablePointer<Double>, ldb: Int
  ) {
    precondition(n >= 0 && m >= 0)
    if n == 0 || m == 0 { return }
    cblas_dtrmm(
      CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), Int32(m), 1, l, Int32(ldl), b,
      Int32(ldb))
  }

  /// Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric n×n matrix
  /// (LAPACK `dsyev`). `vectors[i*n + j]` is component i of eigenvector j (row-major, columns
  /// are the eigenvectors).
  package static func symmetricEigen(_ a: [Double], n: Int) throws -> (values: [Double], vectors: [Double]) {
    precondition(a.count == n * n)
    var v = a
    var w = [Double](repeating: 0, count: n)
    let info = v.withUnsafeMutableBufferPointer { pv in
      w.withUnsafeMutableBufferPointer { pw in
        LAPACKE_dsyev(
          LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(n), pv.baseAddress!, Int32(n),
          pw.baseAddress!)
      }
    }
    if info != 0 { throw Failure.noConvergence(info: Int(info)) }
    return (w, v)
  }
}
