import DatasetFormat
import Foundation
import Geometry

/// The problem families as the CLI sees them: ids, the `mathgen families`
/// listing, and choosing a run's families by id and language, so the CLI needs
/// no Geometry import (docs/ARCHITECTURE.md).
public enum FamilyCatalog {
    /// Every family id, in registry order.
    public static var ids: [String] { FamilyRegistry.all.map(\.id) }

    /// `mathgen families`: a table (id, subject, answer types) or JSON.
    public static func listing(json: Bool) -> String {
        let all = FamilyRegistry.all
        if json {
            let levels = Level.allCases.map { JSONValue.string($0.rawValue) }
            let list: JSONValue = .array(all.map { f in
                [
                    "id": .string(f.id), "subject": .string(f.subject.rawValue),
                    "levels": .array(levels),
                    "answer_types": .array(f.answerTypes.map { .string($0.rawValue) }),
                ]
            })
            let counts: JSONValue = .object(Subject.allCases.map { s in
                (s.rawValue, .int(all.filter { $0.subject == s }.count))
            })
            return JSONValue.object([("families", list), ("counts", counts), ("total", .int(all.count))]).pretty()
        }
        var out = ""
        for f in all {
            let id = f.id.padding(toLength: 44, withPad: " ", startingAt: 0)
            let subject = f.subject.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
            out += "\(id) \(subject) \(f.answerTypes.map(\.rawValue).joined(separator: ","))\n"
        }
        return out + "\(all.count) families, all at \(Level.allCases.count) levels\n"
    }
}

extension BuildConfig {
    /// Uses the families named in `ids` (comma-separated in `--families`), in that order.
    public mutating func selectFamilies(_ ids: [String]) throws(PairBuilderError) {
        var selected: [AnyFamily] = []
        for id in ids {
            guard let f = FamilyRegistry.named(id) else {
                throw .invalidArgument(flag: "--families", message: "unknown family \"\(id)\" (see `mathgen families`)")
            }
            selected.append(f)
        }
        families = selected
    }

    /// Checks that the run's language has templates (an error naming `--lang`) and,
    /// with `dropUnworded`, keeps only the families with wording in it: what a run
    /// without `--families` uses; none left is an error naming `--lang`. (Families
    /// chosen by name must each have wording: `DatasetBuilder` names a missing file.)
    public mutating func checkLanguage(dropUnworded: Bool) throws(PairBuilderError) {
        let templates: TemplateSet
        do throws(PairBuilderError) {
            templates = try TemplateSet(root: templatesRoot, language: language)
        } catch {
            throw .invalidArgument(flag: "--lang", message: error.description)
        }
        guard dropUnworded else { return }
        families = families.filter { templates.has(family: $0.id) }
        guard !families.isEmpty else {
            throw .invalidArgument(flag: "--lang", message: "no family has wording in \"\(language)\" yet")
        }
    }
}

/// The default mix: composed problems (`compose.*`) are half of every run that
/// selects both kinds. The builder deals problems round-robin over a list of
/// family slots, so the composed families get a slot after each other family:
/// [plane.a, compose.plane, plane.b, compose.plane, ...]. A list with a repeated
/// family is taken as slots already. The manifest lists each family once, and
/// a resume or verify that reads it deals the same slots again.
public enum FamilyMix {
    public static func isComposed(_ id: String) -> Bool { id.hasPrefix("compose.") }

    public static func slots(_ families: [AnyFamily]) -> [AnyFamily] {
        guard Set(families.map(\.id)).count == families.count else { return families }
        let composed = families.filter { isComposed($0.id) }, other = families.filter { !isComposed($0.id) }
        guard !composed.isEmpty, !other.isEmpty else { return families }
        var out: [AnyFamily] = []
        for (i, f) in other.enumerated() { out += [f, composed[i % composed.count]] }
        return out
    }

    /// Each family once, in first-slot order.
    public static func unique(_ slots: [AnyFamily]) -> [AnyFamily] {
        var seen = Set<String>()
        return slots.filter { seen.insert($0.id).inserted }
    }
}
