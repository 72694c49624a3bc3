/// LM input assembly: each position takes a token embedding (tied with the
/// output head) or, for image positions, a projected vision token; then the
/// learned position embedding is added.
enum Embedding {
    /// tokens[B*T], imageRows[B*T] (row of `image` or -1) -> x[B*T, D]
    /// x[p] = (imageRows[p] >= 0 ? image[imageRows[p]] : wte[tokens[p]]) + wpe[p mod T]
    static func forward(x: FloatPtr, tokens: UnsafePointer<Int32>, imageRows: UnsafePointer<Int32>,
                        image: UnsafePointer<Float>?, wte: UnsafePointer<Float>, wpe: UnsafePointer<Float>,
                        batch b: Int, tokens t: Int, width d: Int) {
        Parallel.ranges(b * t, workers: Parallel.workers(forWork: b * t * d)) { _, positions in
            for p in positions {
                let pos = wpe + (p % t) * d
                let ir = Int(imageRows[p])
                let src: UnsafePointer<Float>
                if ir >= 0, let image { src = image + ir * d } else { src = wte + Int(tokens[p]) * d }
                VectorMath.add(x + p * d, src, pos, count: d)
            }
        }
    }

    /// dx[B*T, D] -> dwte, dwpe, dimage (accumulated; nil to skip).
    static func backward(dwte: FloatPtr?, dwpe: FloatPtr?, dimage: FloatPtr?, dx: UnsafePointer<Float>,
                         tokens: UnsafePointer<Int32>, imageRows: UnsafePointer<Int32>,
                         batch b: Int, tokens t: Int, width d: Int) {
        // Serial: several positions add into the same wte / wpe row.
        for p in 0..<(b * t) {
            let g = dx + p * d
            if let dwpe { VectorMath.accumulate(dwpe + (p % t) * d, g, count: d) }
            let ir = Int(imageRows[p])
            if ir >= 0 {
                if let dimage { VectorMath.accumulate(dimage + ir * d, g, count: d) }
            } else if let dwte {
                VectorMath.accumulate(dwte + Int(tokens[p]) * d, g, count: d)
            }
        }
    }
}

/// Output head tied to the token embedding, evaluated only at the rows that
/// need logits (answer positions for training, last position for decoding):
/// the [V, D] product over every position would mostly be discarded.
enum TiedHead {
    /// hidden[N, D], rows[M] -> gathered[M, D], logits[M, V] = gathered · wte[V, D]^T
    static func forward(logits: FloatPtr, gathered: FloatPtr, hidden: UnsafePointer<Float>,
                        rows: UnsafePointer<Int32>, rowCount m: Int, wte: UnsafePointer<Float>,
                        vocab v: Int, width d: Int) {
        for r in 0..<m { (gathered + r * d).update(from: hidden + Int(rows[r]) * d, count: d) }
        gemm(transB: true, m: m, n: v, k: d, a: gathered, lda: d, b: wte, ldb: d, beta: 0, c: logits, ldc: v)
    }

    /// dlogits[M, V] -> dhidden[N, D] (accumulated at `rows`), dwte[V, D] (accumulated; nil to skip).
    /// `scratch` holds M*D floats.
    static func backward(dhidden: FloatPtr, dwte: FloatPtr?, scratch: FloatPtr, dlogits: UnsafePointer<Float>,
                         gathered: UnsafePointer<Float>, rows: UnsafePointer<Int32>, rowCount m: Int,
                         wte: UnsafePointer<Float>, vocab v: Int, width d: Int) {
        gemm(m: m, n: d, k: v, a: dlogits, lda: v, b: wte, ldb: d, beta: 0, c: scratch, ldc: d)
        for r in 0..<m { VectorMath.accumulate(dhidden + Int(rows[r]) * d, scratch + r * d, count: d) }
        if let dwte {
            gemm(transA: true, m: v, n: d, k: m, a: dlogits, lda: v, b: gathered, ldb: d, beta: 1, c: dwte, ldc: d)
        }
    }
}
