import Foundation
import Testing
@testable import Geometry

/// Answers a grader can trust (issue 18): over a seed sweep of every family, posed as
/// multiple choice, no wrong option lies within the answer's tolerance of its value,
/// answers asked to two decimal places keep both, and options carry the answer's unit.
///
/// The options are read back from their printed texts, as a grader reads them, not
/// from the numbers the generator used to build them: the test checks what is written.
@Suite struct AnswerToleranceTests {
    static let seeds: [UInt64] = (0..<200).map { SplitMix64.derive(18_004, UInt64($0)) }
    static let mc = GenerationOptions(multipleChoiceRate: 1)

    /// What an option text of `unit` ends with, as the records print it.
    static func suffix(_ unit: String?) -> String {
        switch unit {
        case "degree": return "°"
        case "cm": return " cm"
        case "cm2": return " cm²"
        case "cm3": return " cm³"
        default: return ""
        }
    }

    /// The number an option text names: "25/2 cm", "√13", "5√3/2", "-4/3", "25π/4",
    /// "2.5√3", "32π/3", "188.50 cm³", "131°", "x = -3/2"; nil for anything else
    /// (points, equations, pairs of zeros).
    static func value(of option: String) -> Double? {
        var s = Substring(option)
        for unit in [" cm²", " cm³", " cm", "°"] where s.hasSuffix(unit) {
            s = s.dropLast(unit.count)
            break
        }
        if s.hasPrefix("x = ") { s = s.dropFirst(4) }
        var sign = 1.0
        if s.hasPrefix("-") { sign = -1; s = s.dropFirst() }
        func digits(_ allowPoint: Bool) -> Substring {
            let end = s.firstIndex { !($0.isASCII && ($0.isNumber || (allowPoint && $0 == "."))) } ?? s.endIndex
            defer { s = s[end...] }
            return s[..<end]
        }
        let head = digits(true)
        var v = head.isEmpty ? 1.0 : (Double(head) ?? .nan)
        var shaped = !head.isEmpty
        if s.hasPrefix("√") {
            s = s.dropFirst()
            guard let r = Double(digits(false)) else { return nil }
            v *= r.squareRoot(); shaped = true
        }
        if s.hasPrefix("π") { s = s.dropFirst(); v *= .pi; shaped = true }
        if s.hasPrefix("/") {
            s = s.dropFirst()
            guard let d = Double(digits(false)), d != 0 else { return nil }
            v /= d
        }
        guard shaped, s.isEmpty, v.isFinite else { return nil }
        return sign * v
    }

    @Test func optionParserReadsEveryPrintedShape() {
        let cases: [(String, Double)] = [
            ("25/2 cm", 12.5), ("√13 cm", 13.0.squareRoot()), ("5√3/2", 5 * 3.0.squareRoot() / 2), ("-4/3", -4.0 / 3),
            ("25π/4 cm²", 25 * .pi / 4), ("2.5√3", 2.5 * 3.0.squareRoot()), ("π/2", .pi / 2), ("188.50 cm³", 188.5),
            ("131°", 131), ("x = -3/2", -1.5), ("√41/2", 41.0.squareRoot() / 2), ("-2", -2), ("3√2π", 3 * 2.0.squareRoot() * .pi),
        ]
        for (text, v) in cases { #expect(Self.value(of: text).map { abs($0 - v) < 1e-12 } == true, "\(text)") }
        for text in ["(2, -1)", "y = 2x + 1", "x₁ = -1, x₂ = 3", "A(1, 2), B(3, 4)", "", "cm"] {
            #expect(Self.value(of: text) == nil, "\(text)")
        }
    }

    /// The reason `id` fails the tolerance contract at `seed`, or nil.
    static func toleranceProblem(_ p: Problem) -> String? {
        guard let value = p.answer.value, let choices = p.answer.choices, let correct = p.answer.correctIndex else {
            return nil
        }
        let tol = p.answer.tolerance
        for (k, c) in choices.enumerated() {
            guard let v = Self.value(of: c) else { return "option \"\(c)\" of \(choices) does not read as a number" }
            if k == correct {
                if abs(v - value) > tol { return "the correct option \"\(c)\" is \(v), outside ±\(tol) of \(value)" }
            } else if abs(v - value) <= tol {
                return "wrong option \"\(c)\" (\(v)) is within the tolerance \(tol) of the answer \(p.answer.text) (\(value))"
            }
        }
        return nil
    }

    @Test(arguments: FamilyRegistry.all.map(\.id))
    func noWrongOptionWithinTheTolerance(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        var failures: [String] = []
        for seed in Self.seeds {
            guard case let .success(p) = family.make(seed: seed, options: Self.mc) else { continue }
            if let why = Self.toleranceProblem(p) { failures.append("seed \(seed): \(why)") }
            // Lengths and areas are exact to 0.01 (docs/families/*.md); a whole angle may keep 0.5.
            if p.answer.value != nil, p.answer.unit != nil, p.answer.unit != "degree", p.answer.tolerance > 0.05 {
                failures.append("seed \(seed): a \(p.answer.unit ?? "") answer with tolerance \(p.answer.tolerance)")
            }
        }
        #expect(failures.isEmpty, "\(id): \(failures.count) problems, e.g. \(failures.prefix(3).joined(separator: "; "))")
    }

    /// "Rounded to two decimal places": the answer, every option and the solution's result keep both places.
    @Test(arguments: FamilyRegistry.all.map(\.id).filter { $0.hasPrefix("plane.") || $0.hasPrefix("solid.") })
    func roundedAnswersKeepTwoDecimals(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        func twoPlaces(_ s: String) -> Bool {
            guard let dot = s.firstIndex(of: ".") else { return false }
            let whole = s[..<dot], frac = s[s.index(after: dot)...]
            return frac.count == 2 && frac.allSatisfy(\.isNumber) && !whole.isEmpty
                && whole.drop { $0 == "-" }.allSatisfy(\.isNumber)
        }
        var failures: [String] = [], rounded = 0
        for seed in Self.seeds {
            for options in [Self.mc, GenerationOptions(multipleChoiceRate: 0)] {
                // The question says "rounded to two decimal places" (its template key ends in _round).
                guard case let .success(p) = family.make(seed: seed, options: options), p.question.key.hasSuffix("_round")
                else { continue }
                rounded += 1
                let a = p.answer
                if !twoPlaces(a.text) || a.type != .decimal {
                    failures.append("seed \(seed): answer \"\(a.text)\" (\(a.type))")
                }
                for c in a.choices ?? [] where !twoPlaces(String(c.dropLast(Self.suffix(a.unit).count))) {
                    failures.append("seed \(seed): option \"\(c)\"")
                }
                let said = p.steps.flatMap(\.params.values)
                if !said.contains(where: { $0 == a.text || $0.hasSuffix(" " + a.text) }) {
                    failures.append("seed \(seed): no solution step states \(a.text)")
                }
            }
        }
        #expect(failures.isEmpty, "\(id): \(failures.count) of \(rounded), e.g. \(failures.prefix(3).joined(separator: "; "))")
    }

    /// Every option of an answer with a unit shows the unit, as the free answer line does.
    @Test(arguments: FamilyRegistry.all.map(\.id))
    func optionsCarryTheUnit(_ id: String) throws {
        let family = try #require(FamilyRegistry.named(id))
        var failures: [String] = []
        for seed in Self.seeds.prefix(60) {
            guard case let .success(p) = family.make(seed: seed, options: Self.mc), let unit = p.answer.unit,
                  let choices = p.answer.choices, let k = p.answer.correctIndex else { continue }
            let suffix = Self.suffix(unit)
            if suffix.isEmpty { failures.append("seed \(seed): unknown unit \(unit)") }
            if choices.contains(where: { !$0.hasSuffix(suffix) }) { failures.append("seed \(seed): \(choices) without \(suffix)") }
            if choices[k] != p.answer.text + suffix { failures.append("seed \(seed): \(choices[k]) is not \(p.answer.text)\(suffix)") }
        }
        #expect(failures.isEmpty, "\(id): \(failures.prefix(3).joined(separator: "; "))")
    }
}
