import PLMCore
/// Builds well-formed XHTML/SVG text: every element closed, every text and attribute escaped,
/// characters that XML 1.0 forbids replaced by U+FFFD.
struct _XMLWriter {
    private(set) var text = ""

    init(capacity: Int = 0) { text.reserveCapacity(capacity) }

    /// Opens `<name attr="...">`.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<" + name
        appendAttributes(attributes)
        text += ">"
    }

    /// Closes `</name>`.
    mutating func close(_ name: String) { text += "</" + name + ">" }

    /// `<name attr="...">escaped text</name>`.
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], _ content: String) {
        open(name, attributes)
        text += _XMLWriter.escapeText(content)
        close(name)
    }

    /// `<name attr="..."/>`.
    mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<" + name
        appendAttributes(attributes)
        text += "/>"
    }

    /// Escaped character data.
    mutating func characters(_ content: String) { text += _XMLWriter.escapeText(content) }

    /// Markup produced by another writer or a constant known to be well-formed.
    mutating func raw(_ markup: String) { text += markup }

    /// A newline, to keep the source readable.
    mutating func newline() { text += "\n" }

    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            text += " " + name + "=\"" + _XMLWriter.escapeAttribute(value) + "\""
        }
    }

    /// `&`, `<`, `>` escaped; forbidden characters replaced.
    static func escapeText(_ s: String) -> String { escape(s, quotes: false) }

    /// `&`, `<`, `>`, `"`, `'` escaped; forbidden characters replaced.
    static func escapeAttribute(_ s: String) -> String { escape(s, quotes: true) }

    private static func escape(_ s: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            case "\t", "\n", "\r":
                if quotes { out += "&#\(scalar.value);" } else { out.unicodeScalars.append(scalar) }
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0x7F...0x9F).contains(v) {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

/// Short SVG number formatting: one decimal, deterministic.
@inline(__always) func _svg(_ value: Double) -> String { DecimalText.fixed(value, 1) }
