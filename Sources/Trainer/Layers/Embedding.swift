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

/// How the image summary pools a sample's image tokens.
public enum SummaryPooling: String, Codable, Sendable, CaseIterable {
    /// Their mean: every token gets an equal share of the gradient.
    case mean
    /// Per channel, the largest: a feature that fires anywhere (a digit) is
    /// not averaged away by the clutter, and its gradient goes to where it fired.
    case max
}

/// The image summary (`ModelConfig.imageSummary`): every text position of a
/// sample with an image also gets the pool (`SummaryPooling`) of that image's
/// tokens, so each answer byte has a direct gradient path to the vision
/// encoder before the LM's attention has learned where the image tokens are.
enum ImageSummary {
    /// The image row block of sample `s`, from its first image position (bos is at 0).
    static func imageIndex(_ imageRows: UnsafePointer<Int32>, sample s: Int, tokens t: Int, imageTokens ni: Int) -> Int? {
        guard t > 1 else { return nil }
        let r = Int(imageRows[s * t + 1])
        return r >= 0 ? r / ni : nil
    }

    /// x[p] += pool_j image[i*Ni + j] at every non-image position p of each
    /// sample with image i; the pool is the mean or, per channel, the max.
    static func forward(x: FloatPtr, imageRows: UnsafePointer<Int32>, image: UnsafePointer<Float>,
                        batch b: Int, tokens t: Int, width d: Int, imageTokens ni: Int, pooling: SummaryPooling = .mean) {
        for s in 0..<b {
            guard let i = imageIndex(imageRows, sample: s, tokens: t, imageTokens: ni) else { continue }
            let pooled: [Float]
            switch pooling {
            case .mean: pooled = rowSum(image, (i * ni)..<(i * ni + ni), width: d, scale: 1 / Float(ni))
            case .max: pooled = argmaxRows(image, first: i * ni, count: ni, width: d).map { image[$0 * d + ($1)] }
            }
            addToRows(x, textPositions(imageRows, sample: s, tokens: t), pooled, width: d)
        }
    }

    /// For each channel c, the (row, c) of the largest value among rows first..<first+count (first wins ties).
    static func argmaxRows(_ m: UnsafePointer<Float>, first: Int, count: Int, width d: Int) -> [(Int, Int)] {
        (0..<d).map { c in
            var best = first
            for r in (first + 1)..<(first + count) where m[r * d + c] > m[best * d + c] { best = r }
            return (best, c)
        }
    }

    /// With g = the sum of dx over sample s's non-image positions: mean,
    /// dimage[i*Ni + j] += g / Ni; max, each channel's g goes to its argmax
    /// row of `image` (the forward's input).
    static func backward(dimage: FloatPtr, dx: UnsafePointer<Float>, imageRows: UnsafePointer<Int32>,
                         image: UnsafePointer<Float>, batch b: Int, tokens t: Int, width d: Int, imageTokens ni: Int,
                         pooling: SummaryPooling = .mean) {
        for s in 0..<b {
            guard let i = imageIndex(imageRows, sample: s, tokens: t, imageTokens: ni) else { continue }
            switch pooling {
            case .mean:
                let g = rowSum(dx, textPositions(imageRows, sample: s, tokens: t), width: d, scale: 1 / Float(ni))
                addToRows(dimage, (i * ni)..<(i * ni + ni), g, width: d)
            case .max:
                let g = rowSum(dx, textPositions(imageRows, sample: s, tokens: t), width: d, scale: 1)
                for (r, c) in argmaxRows(image, first: i * ni, count: ni, width: d) { dimage[r * d + c] += g[c] }
            }
        }
    }

    static func textPositions(_ imageRows: UnsafePointer<Int32>, sample s: Int, tokens t: Int) -> [Int] {
        ((s * t)..<(s * t + t)).filter { imageRows[$0] < 0 }
    }

    /// scale * (sum of rows `rows` of m[*, D]).
    static func rowSum(_ m: UnsafePointer<Float>, _ rows: some Sequence<Int>, width d: Int, scale: Float) -> [Float] {
        var v = [Float](repeating: 0, count: d)
        v.withUnsafeMutableBufferPointer { vp in
            guard let base = vp.baseAddress else { return }
            for r in rows { VectorMath.accumulate(base, m + r * d, count: d) }
        }
        return v.map { $0 * scale }
    }

    /// m[r] += v for each row r in `rows`.
    static func addToRows(_ m: FloatPtr, _ rows: some Sequence<Int>, _ v: [Float], width d: Int) {
        v.withUnsafeBufferPointer { vp in
            guard let base = vp.baseAddress else { return }
            for r in rows { VectorMath.accumulate(m + r * d, base, count: d) }
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
