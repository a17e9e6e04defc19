import Testing

@testable import HRA

@Suite struct LinearAlgebraTests {
  @Test func gemmMatchesHandProduct() {
    let a: [Double] = [1, 2, 3, 4, 5, 6]  // 2×3
    let b: [Double] = [7, 8, 9, 10, 11, 12]  // 3×2
    #expect(LinearAlgebra.multiply(a, b, m: 2, k: 3, n: 2) == [58, 64, 139, 154])
  }

  @Test func choleskyReconstructs() throws {
    let a: [Double] = [4, 2, 0.6, 2, 5, 1.5, 0.6, 1.5, 3]
    let l = try LinearAlgebra.cholesky(a, n: 3)
    for i in 0..<3 {
      for j in 0..<3 {
        let s = (0..<3).reduce(0.0) { $0 + l[i * 3 + $1] * l[j * 3 + $1] }
        #expect(close(s, a[i * 3 + j], rel: Tolerance.algebra, tiny: 1))
      }
    }
    #expect(throws: LinearAlgebra.Failure.self) { try LinearAlgebra.cholesky([1, 2, 2, 1], n: 2) }
  }
}
