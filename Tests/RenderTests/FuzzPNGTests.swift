import DatasetFormat
import Foundation
import Testing
@testable import Geometry
@testable import Render

/// Seeded mutations of valid PNGs through PNGDecoder: every input must end in an
/// image or a RenderError, never a crash or a runaway allocation. A failure names
/// the iteration; `PNGMutator(seed:)` with the same seed replays it.
@Suite struct FuzzPNGTests {
    static let iterations = 4000

    /// Small valid PNGs of each colour type the decoder reads, several filters.
    static func seeds() throws -> [[UInt8]] {
        var rng = SplitMix64(seed: 5)
        var out: [[UInt8]] = []
        for (color, channels) in [(PNGEncoder.ColorType.gray, 1), (.rgb, 3)] {
            for filter in [PNGEncoder.Filter.none, .sub, .up] {
                let w = 13 + out.count, h = 9 + out.count
                let px = (0..<(w * h * channels)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                out.append(try px.withUnsafeBufferPointer {
                    try PNGEncoder(level: 6, filter: filter).encode(pixels: $0, width: w, height: h, color: color)
                })
            }
        }
        let canvas = try Canvas(width: 48, height: 48)
        _ = SceneRenderer.draw(RenderRequest(scene: try referenceScene(), includeGivens: true, size: 48), on: canvas)
        out.append(try canvas.png(gray: true))
        out.append(try canvas.png(gray: false))
        return out
    }

    @Test func mutatedPNGsGiveErrorsNotCrashes() throws {
        let seeds = try Self.seeds()
        var m = PNGMutator(seed: 0x5EED_0001)
        var decoded = 0, rejected = 0
        for i in 0..<Self.iterations {
            let input = m.mutate(seeds[i % seeds.count])
            do {
                let image = try PNGDecoder.decode(input)
                #expect(image.gray.count == image.width * image.height, "iteration \(i)")
                decoded += 1
            } catch {
                #expect(!error.description.isEmpty)
                rejected += 1
            }
            _ = try? PNGDecoder.size(input)
        }
        // The mutator must reach both outcomes, or it is not exercising the decoder.
        #expect(decoded > 50 && rejected > 500, "decoded \(decoded), rejected \(rejected)")
    }

    /// Found by this fuzzer: a file cut inside the IHDR chunk (24...32 bytes) read past the end.
    @Test(arguments: 0...40) func everyShortPrefixIsAnError(_ n: Int) throws {
        let png = try Self.seeds()[0]
        #expect(throws: RenderError.self) { try PNGDecoder.decode(Array(png.prefix(n))) }
    }

    /// Found by this fuzzer: a 60-byte file whose header claims 16384x16384 made the decoder
    /// allocate a gigabyte before finding out the data cannot inflate to that size.
    @Test func aHugeClaimedSizeIsRejectedBeforeAllocating() throws {
        var png = try Self.seeds()[0]
        PNGMutator.setBE32(&png, 16, 16384)
        PNGMutator.setBE32(&png, 20, 16384)
        PNGMutator.fixCRCs(&png)
        #expect { try PNGDecoder.decode(png) } throws: { "\($0)".contains("inflate") || "\($0)".contains("size") }
    }
}

/// Byte-level mutations with PNG awareness: after a mutation, chunk CRCs are
/// often recomputed so the input gets past the CRC check into the header,
/// zlib stream and filter code.
struct PNGMutator {
    var rng: SplitMix64
    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let interesting: [UInt8] = [0, 1, 2, 3, 4, 6, 7, 8, 16, 0x7F, 0x80, 0xFE, 0xFF]

    mutating func mutate(_ seed: [UInt8]) -> [UInt8] {
        var d = seed
        for _ in 0..<rng.int(1...4) {
            switch rng.int(0...9) {
            case 0 where !d.isEmpty:  // flip a bit
                let k = rng.int(0...(d.count - 1))
                d[k] ^= UInt8(1) << UInt8(rng.int(0...7))
            case 1 where !d.isEmpty:  // an interesting byte
                d[rng.int(0...(d.count - 1))] = rng.pick(Self.interesting)
            case 2 where !d.isEmpty:  // truncate
                d = Array(d.prefix(rng.int(0...(d.count - 1))))
            case 3 where d.count > 2:  // delete a range
                let a = rng.int(0...(d.count - 2)), n = rng.int(1...min(64, d.count - a))
                d.removeSubrange(a..<(a + n))
            case 4:  // insert random bytes
                let a = rng.int(0...d.count)
                d.insert(contentsOf: (0..<rng.int(1...16)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: a)
            case 5 where d.count > 8:  // duplicate a range
                let a = rng.int(0...(d.count - 2)), n = rng.int(1...min(128, d.count - a))
                d.insert(contentsOf: d[a..<(a + n)], at: rng.int(0...d.count))
            case 6 where d.count >= 29:  // a header field: size, depth, colour type, interlace
                switch rng.int(0...3) {
                case 0: Self.setBE32(&d, 16, UInt32(rng.int(0...300)))
                case 1: Self.setBE32(&d, 20, UInt32(rng.int(0...300)))
                case 2: d[24] = rng.pick([1, 2, 4, 8, 16])
                default: d[rng.pick([25, 28])] = rng.pick(Self.interesting)
                }
            case 7 where d.count > 60:  // a filter-type byte or the zlib header inside IDAT
                d[rng.int(41...(d.count - 20))] = rng.pick([0, 1, 2, 3, 4, 5, 0x78, 0x9C, 0xFF])
            case 8 where d.count > 20:  // a chunk length
                Self.setBE32(&d, 8, UInt32(rng.int(0...200)))
            default:
                break
            }
        }
        if rng.chance(0.6) { Self.fixCRCs(&d) }
        return d
    }

    static func be32(_ d: [UInt8], _ o: Int) -> UInt32 {
        UInt32(d[o]) << 24 | UInt32(d[o + 1]) << 16 | UInt32(d[o + 2]) << 8 | UInt32(d[o + 3])
    }

    static func setBE32(_ d: inout [UInt8], _ o: Int, _ v: UInt32) {
        guard o + 4 <= d.count else { return }
        for k in 0..<4 { d[o + k] = UInt8((v >> UInt32(24 - 8 * k)) & 0xFF) }
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        return c
    }

    /// CRC-32 as PNG uses it, independent of the decoder's zlib.
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// Recomputes every chunk's CRC that lies inside the data.
    static func fixCRCs(_ d: inout [UInt8]) {
        var pos = 8
        while pos + 12 <= d.count {
            let len = Int(be32(d, pos))
            guard pos + 12 + len <= d.count else { return }
            setBE32(&d, pos + 8 + len, crc32(d[(pos + 4)..<(pos + 8 + len)]))
            pos += 12 + len
        }
    }
}
