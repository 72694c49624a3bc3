import DatasetFormat
import Geometry

/// An exact description of what a figure shows, read off the scene (not the
/// problem text), for the perception pre-alignment split.
struct CaptionWriter {
    let templates: TemplateSet

    func caption(_ scene: Scene, includeGivens: Bool, separator: String) throws(PairBuilderError) -> String {
        let items = scene.visibleItems(includeGivens: includeGivens)
        var names: [(Vec2, String)] = []
        for item in items {
            if case let .point(p, label, _) = item.element, !label.isEmpty { names.append((p, label)) }
        }
        func name(_ p: Vec2) -> String? {
            names.first { $0.0.distance(to: p) < 1e-6 * max(1, p.length) }?.1
        }
        func seg(_ a: Vec2, _ b: Vec2) -> String? {
            guard let x = name(a), let y = name(b) else { return nil }
            return x + y
        }
        let listSeparator = try templates.common("caption_list_separator")
        func list(_ xs: [String]) -> String { xs.joined(separator: listSeparator) }

        var sentences: [String] = []
        if case let .axes(ax) = scene.frame {
            sentences.append(try templates.common("caption_axes", [
                "xmin": formatNumber(ax.xMin), "xmax": formatNumber(ax.xMax),
                "ymin": formatNumber(ax.yMin), "ymax": formatNumber(ax.yMax)]))
        }
        if !names.isEmpty { sentences.append(try templates.common("caption_points", ["list": list(names.map(\.1))])) }
        var solid: [String] = [], dashed: [String] = []
        for item in items {
            if case let .segment(a, b, style) = item.element, let s = seg(a, b) {
                if style == .dashed { dashed.append(s) } else { solid.append(s) }
            }
        }
        if !solid.isEmpty {
            sentences.append(try templates.common(solid.count == 1 ? "caption_segment" : "caption_segments", ["list": list(solid)]))
        }
        if !dashed.isEmpty {
            sentences.append(try templates.common(dashed.count == 1 ? "caption_dashed_one" : "caption_dashed", ["list": list(dashed)]))
        }
        var plainCurves = 0

        var parallels: [String] = [], ticks: [String] = []
        for item in items {
            switch item.element {
            case let .circle(c, _, _):
                if let n = name(c) {
                    sentences.append(try templates.common("caption_circle", ["center": n]))
                } else {
                    sentences.append(try templates.common("caption_circle_plain"))
                }
            case let .curve(_, label, _):
                if let label {
                    sentences.append(try templates.common("caption_curve", ["label": label]))
                } else {
                    plainCurves += 1
                }
            case let .arc(c, _, _, _, _):
                if let n = name(c) {
                    sentences.append(try templates.common("caption_arc", ["center": n]))
                } else {
                    sentences.append(try templates.common("caption_arc_plain"))
                }
            case let .parallelArrows(a, b, _):
                if let s = seg(a, b) { parallels.append(s) }
            case let .ticks(a, b, _):
                if let s = seg(a, b) { ticks.append(s) }
            case let .rightAngle(v, a, b):
                if let nv = name(v), let na = name(a), let nb = name(b) {
                    sentences.append(try templates.common("caption_right_angle", ["vertex": nv, "a": nv + na, "b": nv + nb]))
                }
            case let .angle(v, a, b, _, text):
                if let nv = name(v), let na = name(a), let nb = name(b) {
                    let angleName = "∠" + na + nv + nb
                    if let text {
                        sentences.append(try templates.common("caption_angle_value", ["name": angleName, "text": text]))
                    } else {
                        sentences.append(try templates.common("caption_angle_mark", ["name": angleName]))
                    }
                }
            case let .segmentValue(a, b, text, _):
                if let s = seg(a, b) { sentences.append(try templates.common("caption_segment_value", ["name": s, "text": text])) }
            case let .text(p, text):
                // Text away from every named point is described by its own template, so no
                // wording ("the figure") is written here in one language for all of them.
                if let near = name(p) {
                    sentences.append(try templates.common("caption_text", ["text": text, "near": near]))
                } else {
                    sentences.append(try templates.common("caption_text_plain", ["text": text]))
                }
            default: break
            }
        }
        if parallels.count >= 2 {
            for i in stride(from: 0, to: parallels.count - 1, by: 2) {
                sentences.append(try templates.common("caption_parallel", ["first": parallels[i], "second": parallels[i + 1]]))
            }
        }
        if !ticks.isEmpty { sentences.append(try templates.common("caption_ticks", ["list": list(ticks)])) }
        // Unlabelled curves (rims of solids, construction curves) are counted, not listed one by one.
        if plainCurves == 1 { sentences.append(try templates.common("caption_curve_plain")) }
        if plainCurves > 1 { sentences.append(try templates.common("caption_curves_plain", ["count": String(plainCurves)])) }
        return sentences.joined(separator: separator)
    }
}
