import COpenBLAS

public typealias FloatPtr = UnsafeMutablePointer<Float>

/// Row-major C[m,n] = alpha * op(A)[m,k] * op(B)[k,n] + beta * C, where
/// op(X) is X or X^T. Every matrix product in the trainer goes through here to
/// OpenBLAS's cblas_sgemm; leading dimensions let callers address one head's
/// slice of a fused [T, 3D] qkv buffer without copying.
@inline(__always)
func gemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
          alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
          b: UnsafePointer<Float>, ldb: Int,
          beta: Float, c: FloatPtr, ldc: Int) {
    if m == 0 || n == 0 { return }
    cblas_sgemm(CblasRowMajor,
                transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans,
                blasint(m), blasint(n), blasint(k), alpha,
                a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
}
