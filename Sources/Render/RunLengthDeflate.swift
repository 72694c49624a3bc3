/// A deflate encoder for diagrams: byte runs become distance-1 matches, everything
/// else literals, in one fixed-Huffman block (RFC 1951, 3.2.6), in a zlib wrapper
/// (RFC 1950). Line art on white is mostly long runs, so the work is proportional
/// to the number of runs, not pixels, and the Adler-32 is folded per run too.
/// Measured against zlib's own run-length mode in docs/BENCHMARKS.md.
enum RunLengthDeflate {
    /// Length symbol base lengths and extra-bit counts for symbols 257...285.
    private static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                            35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                             3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]

    /// Fixed literal/length codes, bit-reversed for LSB-first output: (code, bit count) per symbol.
    private static let literalCodes: [(UInt32, Int)] = (0..<288).map { sym in
        let (code, bits): (Int, Int)
        switch sym {
        case 0...143: (code, bits) = (0x30 + sym, 8)
        case 144...255: (code, bits) = (0x190 + sym - 144, 9)
        case 256...279: (code, bits) = (sym - 256, 7)
        default: (code, bits) = (0xC0 + sym - 280, 8)
        }
        return (reverse(UInt32(code), bits), bits)
    }

    /// For each match length 3...258: the symbol's reversed code and bits, with the extra bits appended.
    private static let lengthCodes: [(UInt32, Int)] = (0...258).map { len in
        guard len >= 3 else { return (0, 0) }
        var i = lengthBase.count - 1
        while lengthBase[i] > len { i -= 1 }
        let (code, bits) = literalCodes[257 + i]
        let extra = UInt32(len - lengthBase[i])
        // Distance code 0 (distance 1): five zero bits follow the extra bits.
        return (code | (extra << UInt32(bits)), bits + lengthExtra[i] + 5)
    }

    private static func reverse(_ v: UInt32, _ bits: Int) -> UInt32 {
        var r: UInt32 = 0
        var x = v
        for _ in 0..<bits { r = (r << 1) | (x & 1); x >>= 1 }
        return r
    }

    /// Compresses `input` into a zlib stream.
    static func compress(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // Worst case: every byte a 9-bit literal.
        let capacity = input.count * 9 / 8 + 64
        return [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
            guard let o = out.baseAddress, let src = input.baseAddress else { count = 0; return }
            var pos = 0
            o[0] = 0x78; o[1] = 0x01
            pos = 2
            var acc: UInt64 = 0
            var nbits = 0
            @inline(__always) func put(_ code: UInt32, _ bits: Int) {
                acc |= UInt64(code) << UInt64(nbits)
                nbits += bits
                while nbits >= 8 {
                    o[pos] = UInt8(truncatingIfNeeded: acc)
                    pos += 1
                    acc >>= 8
                    nbits -= 8
                }
            }
            put(0b011, 3)  // BFINAL = 1, BTYPE = 01 (fixed Huffman)
            var a: UInt64 = 1, b: UInt64 = 0
            let n = input.count
            var i = 0
            while i < n {
                let v = src[i]
                var j = i + 1
                // Scan eight bytes at a time: the first differing byte is the lowest set byte of the XOR.
                let pattern = UInt64(v) &* 0x0101_0101_0101_0101
                let raw = UnsafeRawPointer(src)
                while j + 8 <= n {
                    let diff = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self) ^ pattern
                    if diff != 0 {
                        j += diff.littleEndian.trailingZeroBitCount >> 3
                        break
                    }
                    j += 8
                }
                if j + 8 > n { while j < n && src[j] == v { j += 1 } }
                let run = j - i
                // Adler-32 over the run in closed form.
                let r = UInt64(run), bv = UInt64(v)
                b = (b + r * a + bv * (r * (r + 1) / 2)) % 65521
                a = (a + r * bv) % 65521
                // One literal, then distance-1 matches for the rest of the run.
                let lit = literalCodes[Int(v)]
                put(lit.0, lit.1)
                var rest = run - 1
                while rest >= 3 {
                    let len = min(rest, 258)
                    // Keep at least 3 for a final match, or fold the tail into literals.
                    let take = (rest - len > 0 && rest - len < 3) ? len - 3 : len
                    let m = lengthCodes[take]
                    put(m.0, m.1)
                    rest -= take
                }
                while rest > 0 { put(lit.0, lit.1); rest -= 1 }
                i = j
            }
            let eob = literalCodes[256]
            put(eob.0, eob.1)
            if nbits > 0 { put(0, 8 - nbits) }
            let adler = UInt32((b << 16) | a)
            o[pos] = UInt8(adler >> 24); o[pos + 1] = UInt8((adler >> 16) & 0xFF)
            o[pos + 2] = UInt8((adler >> 8) & 0xFF); o[pos + 3] = UInt8(adler & 0xFF)
            count = pos + 4
        }
    }
}
