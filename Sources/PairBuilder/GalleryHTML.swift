import DatasetFormat
import Foundation
import Geometry

/// The gallery's pages as text: paging, the family and level filters, problem
/// cards, and the small stylesheet and script they share. Every dataset string
/// goes through `escape`, so a record can never inject markup into a page.
enum GalleryHTML {
    static let indexFile = "index.html"
    static let cssFile = "gallery.css"
    static let scriptFile = "gallery.js"

    /// One HTML file: a page of one page set (all problems, or one family's).
    struct Page {
        var file: String
        /// nil for the set of all problems.
        var family: String?
        var number: Int
        /// Files of this page set, in order.
        var set: [String]
        var problems: [Int]
        /// Every page set's first file: "" for all problems, then each family.
        var familyLinks: [(family: String, count: Int, file: String)]
    }

    static func pages(_ data: GalleryData, perPage: Int) -> [Page] {
        let per = max(1, perPage)
        var families: [String: [Int]] = [:]
        for (i, p) in data.problems.enumerated() { families[p.family, default: []].append(i) }
        var sets: [(family: String?, problems: [Int], files: [String])] = []
        let all = Array(data.problems.indices)
        sets.append((nil, all, (0..<pageCount(all.count, per)).map { $0 == 0 ? indexFile : String(format: "page-%04d.html", $0 + 1) }))
        var usedSlugs = Set<String>()
        for family in families.keys.sorted() {
            var slug = slugify(family)
            var k = 2
            while usedSlugs.contains(slug) { slug = slugify(family) + "-\(k)"; k += 1 }
            usedSlugs.insert(slug)
            let members = families[family] ?? []
            sets.append((family, members, (0..<pageCount(members.count, per)).map { "f-\(slug)-" + String(format: "%04d.html", $0 + 1) }))
        }
        let links = sets.map { (family: $0.family ?? "", count: $0.problems.count, file: $0.files[0]) }
        var pages: [Page] = []
        for s in sets {
            for (n, file) in s.files.enumerated() {
                let slice = Array(s.problems[(n * per)..<min(s.problems.count, (n + 1) * per)])
                pages.append(Page(file: file, family: s.family, number: n, set: s.files, problems: slice, familyLinks: links))
            }
        }
        return pages
    }

    static func pageCount(_ n: Int, _ per: Int) -> Int { max(1, (n + per - 1) / per) }

    /// A file-name-safe form of a family id (letters, digits, '.', '_', '-').
    static func slugify(_ s: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        let out = String(s.map { allowed.contains($0) ? $0 : "_" })
        return out.isEmpty ? "_" : out
    }

    /// Escapes text for HTML element content and quoted attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Percent-encodes a relative file path for a URL, keeping the '/' separators.
    static func urlPath(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }

    /// The level's name as prose writes it (`Level.displayName`).
    static func levelName(_ level: String) -> String {
        Level(rawValue: level)?.displayName ?? level.replacingOccurrences(of: "_", with: "-")
    }

    /// Short column names of the contact sheet (`Level.abbreviation`: TD = text-dominant, ...).
    static func abbreviation(_ level: String) -> String { Level(rawValue: level)?.abbreviation ?? level }

    static func ratio(_ r: Double?) -> String {
        guard let r else { return "" }
        return String(format: "text ratio %.2f", r)
    }

    static func render(_ page: Page, data: GalleryData, imageLink: (String) -> String) -> String {
        let setName = page.family.map { "family \($0)" } ?? "all families"
        let total = page.family.map { f in data.problems.filter { $0.family == f }.count } ?? data.problems.count
        var h = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(data.datasetName)) · \(escape(setName)) · page \(page.number + 1) of \(page.set.count)</title>
            <link rel="stylesheet" href="\(cssFile)">
            </head>
            <body data-page="\(page.number + 1)" data-pages="\(page.set.count)">
            <header>
            <h1>mathgen gallery: \(escape(data.datasetName))</h1>
            <p class="meta">\(data.problems.count) problems\(data.facts.map { " · \(escape($0.0)) \(escape($0.1))" }.joined())</p>
            <div class="filters">
            <label>Family <select id="family-filter">

            """
        for link in page.familyLinks {
            let selected = (page.family ?? "") == link.family ? " selected" : ""
            let name = link.family.isEmpty ? "all families" : link.family
            h += "<option value=\"\(escape(link.file))\"\(selected)>\(escape(name)) (\(link.count))</option>\n"
        }
        h += "</select></label>\n<span class=\"level-filter\">Levels:"
        for level in Level.allCases {
            h += " <label><input type=\"checkbox\" class=\"level-toggle\" value=\"\(level.rawValue)\" checked> \(levelName(level.rawValue))</label>"
        }
        h += "</span>\n</div>\n"
        h += "<noscript><p class=\"families\">Families: " + page.familyLinks.map {
            "<a href=\"\(escape($0.file))\">\(escape($0.family.isEmpty ? "all" : $0.family))</a>"
        }.joined(separator: " · ") + "</p></noscript>\n"
        h += pager(page, total: total)
        h += "<p id=\"image-status\" class=\"status\"></p>\n</header>\n<main>\n"
        for i in page.problems { h += card(data.problems[i], imageLink: imageLink) }
        h += "</main>\n<footer>\n" + pager(page, total: total) + "</footer>\n<script src=\"\(scriptFile)\"></script>\n</body>\n</html>\n"
        return h
    }

    /// First / previous / numbered / next / last links; a window of numbers around the current page.
    static func pager(_ page: Page, total: Int) -> String {
        let n = page.set.count, cur = page.number
        func link(_ k: Int, _ text: String, rel: String? = nil) -> String {
            "<a class=\"nav\" href=\"\(escape(page.set[k]))\"\(rel.map { " rel=\"\($0)\"" } ?? "")>\(text)</a>"
        }
        var parts: [String] = []
        parts.append(cur > 0 ? link(0, "« first") : "<span class=\"off\">« first</span>")
        parts.append(cur > 0 ? link(cur - 1, "‹ prev", rel: "prev") : "<span class=\"off\">‹ prev</span>")
        var last = -1
        for k in 0..<n where k == 0 || k == n - 1 || abs(k - cur) <= 3 {
            if last >= 0, k > last + 1 { parts.append("<span class=\"gap\">…</span>") }
            parts.append(k == cur ? "<b class=\"current\">\(k + 1)</b>" : link(k, "\(k + 1)"))
            last = k
        }
        parts.append(cur < n - 1 ? link(cur + 1, "next ›", rel: "next") : "<span class=\"off\">next ›</span>")
        parts.append(cur < n - 1 ? link(n - 1, "last »") : "<span class=\"off\">last »</span>")
        return "<nav class=\"pager\">page \(cur + 1) of \(n) (\(total) problems): " + parts.joined(separator: " ") + "</nav>\n"
    }

    static func card(_ p: GalleryData.Problem, imageLink: (String) -> String) -> String {
        var h = "<article class=\"problem\" id=\"\(escape(p.id))\" data-family=\"\(escape(p.family))\" data-split=\"\(escape(p.split))\">\n"
        h += "<h2><a href=\"#\(escape(p.id))\">\(escape(p.id))</a> <span class=\"family\">\(escape(p.family))</span>"
        h += " <span class=\"tag\">\(escape(p.subject))</span> <span class=\"tag split-\(escape(p.split))\">\(escape(p.split))</span></h2>\n"
        h += "<div class=\"levels\">\n"
        for l in p.levels {
            h += "<section class=\"level lv-\(escape(l.level))\">\n"
            h += "<h3>\(escape(levelName(l.level))) <span class=\"ratio\">\(ratio(l.ratio))</span></h3>\n"
            if let img = l.image {
                h += "<a href=\"\(escape(imageLink(img)))\"><img src=\"\(escape(imageLink(img)))\" alt=\"\(escape(p.id)) \(escape(l.level))\"></a>\n"
            } else if l.level == Level.textOnly.rawValue {
                h += "<div class=\"noimage\">no image (text only)</div>\n"
            } else {
                // Training problems render only the images their pair and instruct records use.
                h += "<div class=\"noimage\">image not rendered in this run</div>\n"
            }
            h += "<p class=\"instruction\">\(escape(l.instruction))</p>\n</section>\n"
        }
        h += "</div>\n<div class=\"answer\"><b>Answer:</b> \(escape(p.answer.text))"
        if let u = p.answer.unit { h += " <span class=\"unit\">(\(escape(u)))</span>" }
        if !p.answer.choices.isEmpty {
            h += "\n<ol class=\"choices\" type=\"A\">"
            for (k, c) in p.answer.choices.enumerated() {
                let letter = k < 26 ? String(UnicodeScalar(UInt8(65 + k))) : ""
                h += "<li\(letter == p.answer.correct ? " class=\"correct\"" : "")>\(escape(c))</li>"
            }
            h += "</ol>"
        }
        h += "</div>\n<div class=\"solution\"><b>Solution</b>\n<ol>"
        for step in p.solution { h += "<li>\(escape(step))</li>" }
        h += "</ol></div>\n"
        if let c = p.caption, !c.isEmpty {
            h += "<details class=\"caption\"><summary>caption</summary><p>\(escape(c))</p></details>\n"
        }
        h += "</article>\n"
        return h
    }

    static let css: String = {
        var s = """
            body { font: 14px/1.4 "DejaVu Sans", system-ui, sans-serif; margin: 0; color: #222; background: #f4f4f2; }
            header, footer { background: #fff; padding: 8px 16px; border-bottom: 1px solid #ddd; }
            header { position: sticky; top: 0; z-index: 1; }
            h1 { font-size: 18px; margin: 4px 0; }
            .meta, .status { color: #555; margin: 2px 0; }
            .status.bad { color: #b00; font-weight: bold; }
            .filters { margin: 6px 0; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
            .level-filter label { margin-left: 6px; white-space: nowrap; }
            .pager a, .pager b, .pager span { margin: 0 3px; }
            .pager .off { color: #aaa; }
            main { padding: 8px 16px; }
            .problem { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 12px 0; padding: 8px 12px; }
            .problem h2 { font-size: 15px; margin: 2px 0 8px; }
            .problem h2 a { color: inherit; text-decoration: none; }
            .family { font-weight: normal; color: #335; }
            .tag { font-size: 11px; font-weight: normal; background: #eee; border-radius: 3px; padding: 1px 5px; }
            .split-eval { background: #fde7c8; }
            .levels { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; }
            .level { border: 1px solid #e4e4e4; border-radius: 4px; padding: 4px; min-width: 0; }
            .level h3 { font-size: 12px; margin: 0 0 4px; }
            .ratio { color: #777; font-weight: normal; }
            .level img { width: 100%; height: auto; display: block; background: #fff; border: 1px solid #eee; }
            .level.broken img { outline: 3px solid #c00; min-height: 60px; }
            .noimage { aspect-ratio: 1 / 1; display: flex; align-items: center; justify-content: center;
                       background: #f6f6f6; color: #999; border: 1px dashed #ccc; }
            .instruction { white-space: pre-wrap; font-size: 12px; margin: 4px 0 0; max-height: 14em; overflow: auto; }
            .answer { margin: 8px 0 4px; }
            .choices { margin: 4px 0; padding-left: 24px; columns: 2; }
            .choices .correct { font-weight: bold; color: #060; }
            .solution ol { margin: 4px 0; padding-left: 24px; }
            .caption { color: #555; font-size: 12px; }

            """
        for level in Level.allCases { s += ".hide-\(level.rawValue) .lv-\(level.rawValue) { display: none; }\n" }
        return s
    }()

    /// Level filter (kept in the URL's #levels=... across page links), family
    /// select, and a load check that marks images that failed to load; the
    /// counts land on <body> as data attributes, which the browser test reads.
    static let script = """
        (function () {
          "use strict";
          var levels = [\(Level.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))];
          function selected() {
            var m = /levels=([a-z_,]*)/.exec(location.hash);
            if (!m) return levels.slice();
            return m[1].split(",").filter(function (l) { return levels.indexOf(l) >= 0; });
          }
          function apply(sel) {
            levels.forEach(function (l) { document.body.classList.toggle("hide-" + l, sel.indexOf(l) < 0); });
            document.querySelectorAll(".level-toggle").forEach(function (box) { box.checked = sel.indexOf(box.value) >= 0; });
            var hash = sel.length === levels.length ? "" : "#levels=" + sel.join(",");
            document.querySelectorAll("a.nav").forEach(function (a) { a.href = a.getAttribute("href").split("#")[0] + hash; });
          }
          document.querySelectorAll(".level-toggle").forEach(function (box) {
            box.addEventListener("change", function () {
              var sel = [];
              document.querySelectorAll(".level-toggle").forEach(function (b) { if (b.checked) sel.push(b.value); });
              history.replaceState(null, "", sel.length === levels.length ? location.pathname : "#levels=" + sel.join(","));
              apply(sel);
            });
          });
          var family = document.getElementById("family-filter");
          if (family) family.addEventListener("change", function () {
            var sel = selected();
            location.href = family.value + (sel.length === levels.length ? "" : "#levels=" + sel.join(","));
          });
          window.addEventListener("hashchange", function () { apply(selected()); });
          apply(selected());
          window.addEventListener("load", function () {
            var loaded = 0, broken = 0;
            Array.prototype.forEach.call(document.images, function (img) {
              if (img.complete && img.naturalWidth > 0) { loaded++; }
              else { broken++; img.closest(".level").classList.add("broken"); }
            });
            document.body.setAttribute("data-images-loaded", String(loaded));
            document.body.setAttribute("data-images-broken", String(broken));
            var status = document.getElementById("image-status");
            if (status && broken > 0) {
              status.textContent = broken + " image(s) on this page failed to load (outlined in red)";
              status.className = "status bad";
            }
          });
        })();

        """
}
