/// ViT input: cut each R x R image into P x P patches, embed each linearly and
/// add a learned position per patch.
enum PatchEmbed {
    /// maps[B, R, R, C] (channel-last; C = 1 for raw pixels) -> patches[B, G*G, P*P*C],
    /// patch (gy, gx) in row-major order, entries (py, px, c) row-major. Pure relayout.
    static func patchify(patches: FloatPtr, images: UnsafePointer<Float>, count b: Int, imageSize r: Int, patchSize p: Int,
                         channels c: Int = 1) {
        forEachRun(count: b, imageSize: r, patchSize: p, channels: c) { patch, map, n in
            (patches + patch).update(from: images + map, count: n)
        }
    }

    /// The inverse relayout: dpatches[B, G*G, P*P*C] -> dmaps[B, R, R, C] (set; patches tile the map).
    static func unpatchify(maps: FloatPtr, patches: UnsafePointer<Float>, count b: Int, imageSize r: Int, patchSize p: Int,
                           channels c: Int) {
        forEachRun(count: b, imageSize: r, patchSize: p, channels: c) { patch, map, n in
            (maps + map).update(from: patches + patch, count: n)
        }
    }

    /// Every contiguous run (one patch row, P*C floats): its offset in the patches and in the map.
    private static func forEachRun(count b: Int, imageSize r: Int, patchSize p: Int, channels c: Int,
                                   _ body: (_ patch: Int, _ map: Int, _ count: Int) -> Void) {
        let g = r / p, run = p * c
        for bi in 0..<b {
            for gy in 0..<g {
                for gx in 0..<g {
                    for py in 0..<p {
                        body((((bi * g + gy) * g + gx) * p + py) * run, ((bi * r + gy * p + py) * r + gx * p) * c, run)
                    }
                }
            }
        }
    }

    /// patches[B*Np, P*P] -> out[B*Np, Dv] = patches · W^T + bias + pos[Np, Dv]
    static func forward(out: FloatPtr, patches: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                        bias: UnsafePointer<Float>, pos: UnsafePointer<Float>,
                        images b: Int, patchCount np: Int, patchPixels pp: Int, width dv: Int) {
        Linear.forward(out: out, inp: patches, weight: weight, bias: bias, rows: b * np, inFeatures: pp, outFeatures: dv)
        for bi in 0..<b {
            let o = out + bi * np * dv
            for i in 0..<(np * dv) { o[i] += pos[i] }
        }
    }

    /// dout[B*Np, Dv] -> dweight, dbias, dpos (accumulated) and, behind a conv
    /// stem, dpatches (set); raw pixels are data and need none.
    static func backward(dpatches: FloatPtr? = nil, dweight: FloatPtr, dbias: FloatPtr, dpos: FloatPtr, dout: UnsafePointer<Float>,
                         patches: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                         images b: Int, patchCount np: Int, patchPixels pp: Int, width dv: Int) {
        Linear.backward(dinp: dpatches, dweight: dweight, dbias: dbias, dout: dout, inp: patches, weight: weight,
                        rows: b * np, inFeatures: pp, outFeatures: dv)
        for bi in 0..<b {
            let d = dout + bi * np * dv
            for i in 0..<(np * dv) { dpos[i] += d[i] }
        }
    }
}

/// 2x2 pixel shuffle (space-to-depth) on the vision token grid: each 2x2
/// block of tokens becomes one token of 4x the width, cutting image tokens 4x.
enum PixelShuffle {
    /// inp[B, G, G, C] -> out[B, G/2, G/2, 4C];
    /// out[b, i, j, (2*di + dj)*C + c] = inp[b, 2i + di, 2j + dj, c]
    static func forward(out: FloatPtr, inp: UnsafePointer<Float>, images b: Int, grid g: Int, width c: Int) {
        let h = g / 2
        for bi in 0..<b {
            for i in 0..<h {
                for j in 0..<h {
                    let dst = out + ((bi * h + i) * h + j) * 4 * c
                    for di in 0..<2 {
                        for dj in 0..<2 {
                            let src = inp + ((bi * g + 2 * i + di) * g + 2 * j + dj) * c
                            (dst + (2 * di + dj) * c).update(from: src, count: c)
                        }
                    }
                }
            }
        }
    }

    /// dout[B, G/2, G/2, 4C] -> dinp[B, G, G, C] (set): the inverse permutation.
    static func backward(dinp: FloatPtr, dout: UnsafePointer<Float>, images b: Int, grid g: Int, width c: Int) {
        let h = g / 2
        for bi in 0..<b {
            for i in 0..<h {
                for j in 0..<h {
                    let src = dout + ((bi * h + i) * h + j) * 4 * c
                    for di in 0..<2 {
                        for dj in 0..<2 {
                            let dst = dinp + ((bi * g + 2 * i + di) * g + 2 * j + dj) * c
                            dst.update(from: src + (2 * di + dj) * c, count: c)
                        }
                    }
                }
            }
        }
    }
}
