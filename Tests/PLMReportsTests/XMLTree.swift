import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML element: enough of a DOM for the HTML report tests.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and all below it, depth first.
    var all: [XMLNode] { [self] + children.flatMap(\.all) }

    /// All text inside, concatenated.
    var fullText: String { text + children.map(\.fullText).joined() }

    /// The element's classes.
    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

    func first(id: String) -> XMLNode? { all.first { $0.attributes["id"] == id } }
}

/// Parses `text` with Foundation's XMLParser; nil when the text is not well-formed.
func parseXML(_ text: String) -> (root: XMLNode?, error: String?) {
    final class Delegate: NSObject, XMLParserDelegate {
        var stack: [XMLNode] = []
        var root: XMLNode?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let node = XMLNode(name: name, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
    let parser = XMLParser(data: Data(text.utf8))
    let delegate = Delegate()
    parser.delegate = delegate
    let ok = parser.parse()
    if !ok {
        return (nil, "line \(parser.lineNumber) column \(parser.columnNumber): \(String(describing: parser.parserError))")
    }
    return (delegate.root, nil)
}
