import COpenBLAS

public typealias FloatPtr = UnsafeMutablePointer<Float>

/// Row-major C[m,n] = alpha * op(A)[m,k] * op(B)[k,n] + beta * C, where
/// op(X) is X or X^T. Every matrix product in the trainer goes through here to
/// OpenBLAS's cblas_sgemm; leading dimensions let callers address one head's
/// slice of a fused [T, 3D] qkv buffer without copying.
///
/// OpenBLAS runs single-threaded (`ComputeThreads`); a product big enough to
/// share is cut along its longer output side into one piece per worker, each
/// a full-K cblas_sgemm on its own rows or columns of C (no reduction, so the
/// result does not depend on scheduling). Pass `workers: 1` from code that is
/// already running on a worker.
@inline(__always)
func gemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
          alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
          b: UnsafePointer<Float>, ldb: Int,
          beta: Float, c: FloatPtr, ldc: Int, workers: Int? = nil) {
    if m == 0 || n == 0 { return }
    let w = workers ?? ComputeThreads.count
    if w == 1 || m * n * k < 1 << 21 {
        sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        return
    }
    if m >= n {
        Parallel.ranges(m, workers: w, granule: 16) { _, r in
            let ap = transA ? a + r.lowerBound : a + r.lowerBound * lda
            sgemm(transA, transB, r.count, n, k, alpha, ap, lda, b, ldb, beta, c + r.lowerBound * ldc, ldc)
        }
    } else {
        Parallel.ranges(n, workers: w, granule: 16) { _, r in
            let bp = transB ? b + r.lowerBound * ldb : b + r.lowerBound
            sgemm(transA, transB, m, r.count, k, alpha, a, lda, bp, ldb, beta, c + r.lowerBound, ldc)
        }
    }
}

@inline(__always)
private func sgemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
                   _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                   _ beta: Float, _ c: FloatPtr, _ ldc: Int) {
    cblas_sgemm(CblasRowMajor,
                transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans,
                blasint(m), blasint(n), blasint(k), alpha,
                a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
}
