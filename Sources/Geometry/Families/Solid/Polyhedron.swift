import Foundation

/// A convex polyhedron as vertices and faces (each face's vertex indices run
/// counter-clockwise seen from outside). The numeric routes of the polyhedral
/// families read volume, areas and visibility off this, never off a formula.
struct Polyhedron: Sendable {
    var vertices: [Vec3]
    var faces: [[Int]]

    /// A prism over `base` (counter-clockwise seen from above) with the top `shift` away.
    /// Vertices: the base in order, then the top in the same order.
    static func prism(base: [Vec3], shift: Vec3) -> Polyhedron {
        let n = base.count
        var faces: [[Int]] = [Array((0..<n).reversed()), Array(n..<(2 * n))]
        for i in 0..<n {
            let j = (i + 1) % n
            faces.append([i, j, n + j, n + i])
        }
        return Polyhedron(vertices: base + base.map { $0 + shift }, faces: faces)
    }

    /// A pyramid over `base` (counter-clockwise seen from above); the apex is the last vertex.
    static func pyramid(base: [Vec3], apex: Vec3) -> Polyhedron {
        let n = base.count
        var faces: [[Int]] = [Array((0..<n).reversed())]
        for i in 0..<n { faces.append([i, (i + 1) % n, n]) }
        return Polyhedron(vertices: base + [apex], faces: faces)
    }

    /// A box [0, l] x [0, w] x [0, h] as a prism whose vertex 0 (label A) is the base corner
    /// `start` counted counter-clockwise from the front left (so A need not be in front).
    static func box(_ l: Double, _ w: Double, _ h: Double, start: Int) -> Polyhedron {
        let corners = [Vec3(0, 0, 0), Vec3(l, 0, 0), Vec3(l, w, 0), Vec3(0, w, 0)]
        return prism(base: (0..<4).map { corners[(start + $0) % 4] }, shift: Vec3(0, 0, h))
    }

    /// The vertex index of a box's corner by position: `corner` counted counter-clockwise
    /// from the front left (0 front-left, 1 front-right, 2 back-right, 3 back-left).
    static func boxIndex(_ corner: Int, top: Bool, start: Int) -> Int {
        ((corner - start) % 4 + 4) % 4 + (top ? 4 : 0)
    }

    /// Newell's normal of face `f`: outward, with length twice the face's area.
    func areaVector(_ f: Int) -> Vec3 {
        let face = faces[f]
        var n = Vec3.zero
        for k in face.indices {
            let a = vertices[face[k]], b = vertices[face[(k + 1) % face.count]]
            n = n + a.cross(b)
        }
        return n
    }

    func area(_ f: Int) -> Double { areaVector(f).length / 2 }
    var surfaceArea: Double { faces.indices.reduce(0) { $0 + area($1) } }

    /// Volume as the sum of the signed volumes of the tetrahedra that join the
    /// vertex centroid to a fan triangulation of every face.
    var volume: Double {
        let c = vertices.reduce(Vec3.zero, +) / Double(vertices.count)
        var v = 0.0
        for face in faces {
            let a = vertices[face[0]] - c
            for k in 1..<(face.count - 1) {
                let b = vertices[face[k]] - c, d = vertices[face[k + 1]] - c
                v += a.dot(b.cross(d)) / 6
            }
        }
        return v
    }

    /// Every edge once, with the faces on either side.
    var edges: [(a: Int, b: Int, faces: [Int])] {
        var out: [(a: Int, b: Int, faces: [Int])] = []
        for (f, face) in faces.enumerated() {
            for k in face.indices {
                let a = face[k], b = face[(k + 1) % face.count]
                let key = (min(a, b), max(a, b))
                if let i = out.firstIndex(where: { $0.a == key.0 && $0.b == key.1 }) {
                    out[i].faces.append(f)
                } else {
                    out.append((key.0, key.1, [f]))
                }
            }
        }
        return out
    }

    /// An edge is drawn solid when a face beside it faces the viewer (the solid is convex).
    func edgeIsVisible(_ faces: [Int], in view: SolidView) -> Bool {
        faces.contains { view.faces(areaVector($0)) }
    }

    /// The face seen most nearly edge-on; below ~0.1 the drawing gets ambiguous.
    func leastObliquity(in view: SolidView) -> Double {
        faces.indices.map { view.obliquity(areaVector($0)) }.min() ?? 0
    }
}
