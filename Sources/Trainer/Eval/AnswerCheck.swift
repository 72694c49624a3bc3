import DatasetFormat
import Foundation

/// Reads the final answer out of generated text and checks it against an
/// eval record's `answer` object (DATA_FORMAT.md): the choice letter for
/// multiple choice, else a number within the absolute tolerance, else the
/// canonical text.
public enum AnswerCheck {
    /// The text after the last "Answer:" (first line only), or the last
    /// non-empty line when the marker is missing.
    public static func extract(_ generated: String) -> String {
        let text: Substring
        if let r = generated.range(of: "Answer:", options: .backwards) {
            text = generated[r.upperBound...]
        } else {
            text = Substring(generated.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? "")
        }
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// A comparable form of the extracted answer (for cross-level consistency):
    /// the letter for multiple choice, the number when one parses, else the
    /// text without spaces.
    public static func canonical(_ extracted: String, answer: AnswerRecord) -> String {
        if answer.isChoice { return letter(extracted).map(String.init) ?? "?" + squeeze(extracted) }
        if let x = number(extracted) { return String(format: "%.4g", x) }
        return squeeze(extracted)
    }

    /// Whether `extracted` answers the record correctly.
    public static func isCorrect(_ extracted: String, answer: AnswerRecord) -> Bool {
        if answer.isChoice {
            guard let correct = answer.correct else { return false }
            if let l = letter(extracted) { return String(l) == correct }
            // The option text itself is accepted too.
            if let choices = answer.choices, let i = correct.unicodeScalars.first.map({ Int($0.value) - 65 }),
               i >= 0, i < choices.count {
                return squeeze(extracted) == squeeze(choices[i])
            }
            return false
        }
        let text = answer.text
        if !text.isEmpty, squeeze(extracted).hasPrefix(squeeze(text)) {
            let rest = squeeze(extracted).dropFirst(squeeze(text).count)
            // "51°", "51 cm" count; "512" does not.
            if rest.first.map({ !$0.isNumber && $0 != "." && $0 != "/" }) ?? true { return true }
        }
        if let value = answer.value, let x = number(extracted) {
            return abs(x - value) <= max(answer.tolerance, 1e-9)
        }
        return false
    }

    /// "B", "B.", "(B)", "B) ..." -> B; nil when the text does not start with an option letter.
    static func letter(_ s: String) -> Character? {
        var chars = Array(s.trimmingCharacters(in: .whitespaces))
        if chars.first == "(" { chars.removeFirst() }
        guard let c = chars.first, ("A"..."H").contains(c) else { return nil }
        if chars.count > 1, chars[1].isLetter { return nil }
        return c
    }

    /// The value of the leading number: integer, decimal, fraction a/b, or
    /// k√n (also √n); nil when the text does not start with one.
    static func number(_ s: String) -> Double? {
        let t = Array(squeeze(s))
        var i = 0
        func scanNumber() -> Double? {
            let start = i
            if i < t.count, t[i] == "-" || t[i] == "−" { i += 1 }
            let digitsStart = i
            while i < t.count, t[i].isASCII, t[i].isNumber || t[i] == "." { i += 1 }
            guard i > digitsStart else { i = start; return nil }
            var text = String(t[digitsStart..<i])
            if t[start] != t[digitsStart] { text = "-" + text }
            return Double(text)
        }
        var value: Double
        if i < t.count, t[i] == "√" {
            value = 1
        } else {
            guard let v = scanNumber() else { return nil }
            value = v
        }
        if i < t.count, t[i] == "√" {
            i += 1
            guard let r = scanNumber(), r >= 0 else { return nil }
            value *= r.squareRoot()
        }
        if i < t.count, t[i] == "/" {
            i += 1
            guard let d = scanNumber(), d != 0 else { return nil }
            value /= d
        }
        return value
    }

    static func squeeze(_ s: String) -> String { s.filter { !$0.isWhitespace } }
}

/// Per-digit transcription accuracy of drawn values: the numbers of a
/// generated caption against those of the reference caption, matched by
/// order; digits compared position by position from the left, a missing or
/// short number counting its missing digits as wrong.
public enum Transcription {
    public struct Score: Codable, Equatable, Sendable {
        public var digits = 0
        public var correctDigits = 0
        public var values = 0
        public var correctValues = 0
        public var digitAccuracy: Double { digits > 0 ? Double(correctDigits) / Double(digits) : 0 }
        public var valueAccuracy: Double { values > 0 ? Double(correctValues) / Double(values) : 0 }
        public init() {}
        public static func + (a: Score, b: Score) -> Score {
            var s = a
            s.digits += b.digits; s.correctDigits += b.correctDigits
            s.values += b.values; s.correctValues += b.correctValues
            return s
        }
    }

    /// Runs of ASCII digits, in order.
    public static func numbers(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        for ch in s {
            if ch.isASCII && ch.isNumber { cur.append(ch) } else if !cur.isEmpty { out.append(cur); cur = "" }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    public static func score(generated: String, reference: String) -> Score {
        let ref = numbers(reference), gen = numbers(generated)
        var s = Score()
        for (i, r) in ref.enumerated() {
            let g = i < gen.count ? Array(gen[i]) : []
            let rc = Array(r)
            s.digits += rc.count
            s.correctDigits += rc.indices.filter { $0 < g.count && g[$0] == rc[$0] }.count
            s.values += 1
            if i < gen.count && gen[i] == r { s.correctValues += 1 }
        }
        return s
    }
}

extension Transcription {
    /// Teacher-forced digit accuracy: one forward per batch, and a digit of
    /// the reference caption counts when the model's most likely next byte at
    /// its position is that digit. A cheap proxy of generated transcription,
    /// used to decide when caption pre-alignment has learned to read.
    public static func teacherForced(session: TrainingSession, examples: [Example], batchSize: Int = 16) throws -> Score {
        let c = session.model.config, v = c.vocabularySize
        var s = Score()
        for start in stride(from: 0, to: examples.count, by: max(batchSize, 1)) {
            let chunk = Array(examples[start..<min(start + max(batchSize, 1), examples.count)]).filter { Stages.fits($0, c) }
            guard !chunk.isEmpty else { continue }
            let batch = try Batch(examples: chunk, config: c)
            let logits = session.logits(batch, rows: batch.lossRows)
            var row = 0
            for n in batch.lossRowsPerSample {
                var valueOK = true, inValue = false
                for k in 0..<n {
                    let target = batch.lossTargets[row + k]
                    let isDigit = target >= 48 && target <= 57
                    if isDigit {
                        let predicted = Generation.argmaxAllowed(logits, row: row + k, vocab: v)
                        if !inValue { inValue = true; valueOK = true; s.values += 1 }
                        s.digits += 1
                        if predicted == target { s.correctDigits += 1 } else { valueOK = false }
                    } else if inValue {
                        inValue = false
                        if valueOK { s.correctValues += 1 }
                    }
                }
                if inValue && valueOK { s.correctValues += 1 }
                row += n
            }
        }
        return s
    }
}
