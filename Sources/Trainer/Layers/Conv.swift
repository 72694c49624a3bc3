/// 3x3 convolution, stride 2 (or 1), padding 1, on channel-last maps: the optional
/// stem in front of the ViT's patch embedding. A from-scratch ViT whose
/// tokens are linear in the pixels of a 16 px patch must learn every digit at
/// every offset separately; shared local filters see a stroke the same
/// wherever it falls, which is what lets the small model learn to read
/// (docs/EXPERIMENT.md has the trials). Lowered to im2col + one GEMM.
enum Conv3x3 {
    /// Output side of a pad-1, 3x3 convolution of stride 1 or 2 over a side of `h`.
    static func outputSide(_ h: Int, stride: Int = 2) -> Int { stride == 1 ? h : (h + 1) / 2 }

    /// inp[B, H, H, C] -> cols[B*Ho*Ho, 9*C], column (ky*3 + kx)*C + c; taps outside the map are 0.
    static func im2col(cols: FloatPtr, inp: UnsafePointer<Float>, batch b: Int, side h: Int, channels c: Int,
                       stride st: Int = 2) {
        let ho = outputSide(h, stride: st), k = 9 * c
        Parallel.ranges(b * ho, workers: Parallel.workers(forWork: b * ho * ho * k)) { _, outputRows in
            for r in outputRows {
                let bi = r / ho, oy = r % ho
                for ox in 0..<ho {
                    let row = cols + ((bi * ho + oy) * ho + ox) * k
                    for ky in 0..<3 {
                        let y = st * oy - 1 + ky
                        for kx in 0..<3 {
                            let x = st * ox - 1 + kx
                            let dst = row + (ky * 3 + kx) * c
                            if y < 0 || y >= h || x < 0 || x >= h {
                                dst.update(repeating: 0, count: c)
                            } else {
                                dst.update(from: inp + ((bi * h + y) * h + x) * c, count: c)
                            }
                        }
                    }
                }
            }
        }
    }

    /// dcols[B*Ho*Ho, 9*C] -> dinp[B, H, H, C] (set): every tap's gradient added back to its pixel.
    /// Work is split by image: taps of different output pixels overlap only within one.
    static func col2im(dinp: FloatPtr, dcols: UnsafePointer<Float>, batch b: Int, side h: Int, channels c: Int,
                       stride st: Int = 2) {
        let ho = outputSide(h, stride: st), k = 9 * c
        Parallel.ranges(b, workers: Parallel.workers(forWork: b * ho * ho * k)) { _, images in
            for bi in images {
                let img = dinp + bi * h * h * c
                img.update(repeating: 0, count: h * h * c)
                for oy in 0..<ho {
                    for ox in 0..<ho {
                        let row = dcols + ((bi * ho + oy) * ho + ox) * k
                        for ky in 0..<3 {
                            let y = st * oy - 1 + ky
                            guard y >= 0 && y < h else { continue }
                            for kx in 0..<3 {
                                let x = st * ox - 1 + kx
                                guard x >= 0 && x < h else { continue }
                                VectorMath.accumulate(img + (y * h + x) * c, row + (ky * 3 + kx) * c, count: c)
                            }
                        }
                    }
                }
            }
        }
    }

    /// inp[B, H, H, C] -> out[B, Ho, Ho, OC] = im2col(inp) · W^T + bias, with W[OC, 9*C]; `cols` keeps the lowered input.
    static func forward(out: FloatPtr, cols: FloatPtr, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                        bias: UnsafePointer<Float>, batch b: Int, side h: Int, channels c: Int, outChannels oc: Int,
                        stride st: Int = 2) {
        im2col(cols: cols, inp: inp, batch: b, side: h, channels: c, stride: st)
        let ho = outputSide(h, stride: st)
        Linear.forward(out: out, inp: cols, weight: weight, bias: bias, rows: b * ho * ho, inFeatures: 9 * c, outFeatures: oc)
    }

    /// dout[B, Ho, Ho, OC] -> dweight, dbias (accumulated) and, when `dinp` is given, dinp[B, H, H, C] (set).
    static func backward(dinp: FloatPtr?, dcols: FloatPtr, dweight: FloatPtr, dbias: FloatPtr, dout: UnsafePointer<Float>,
                         cols: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                         batch b: Int, side h: Int, channels c: Int, outChannels oc: Int, stride st: Int = 2) {
        let ho = outputSide(h, stride: st)
        Linear.backward(dinp: dinp == nil ? nil : dcols, dweight: dweight, dbias: dbias, dout: dout, inp: cols,
                        weight: weight, rows: b * ho * ho, inFeatures: 9 * c, outFeatures: oc)
        if let dinp { col2im(dinp: dinp, dcols: dcols, batch: b, side: h, channels: c, stride: st) }
    }
}
