import Foundation

/// What `wazi serve` adds to pages, and only when serving: the reload script and the build-error
/// overlay. The built files never contain either.
enum ServeHTML {
    static let prefix = "/__wazi/"
    static let eventsPath = "/__wazi/events"
    static let scriptPath = "/__wazi/reload.js"
    static let scriptTag = "<script src=\"/__wazi/reload.js\"></script>"

    /// Reloads the page after a successful build; shows the overlay sent after a failed one.
    static let script = """
        // wazi serve: live reload and build errors. Added by the preview server only; never published.
        (function () {
          "use strict";
          if (!window.EventSource) { return; }
          var source = new EventSource("/__wazi/events");
          var first = null;
          source.addEventListener("hello", function (event) {
            // After a reconnection, a different build id means a build happened meanwhile.
            if (first === null) { first = event.data; } else if (first !== event.data) { location.reload(); }
          });
          source.addEventListener("reload", function () { location.reload(); });
          source.addEventListener("failed", function (event) {
            var old = document.getElementById("wazi-overlay");
            if (old) { old.parentNode.removeChild(old); }
            var holder = document.createElement("div");
            // Built by the server, every diagnostic HTML-escaped there.
            holder.innerHTML = event.data;
            while (holder.firstChild) { document.body.appendChild(holder.firstChild); }
          });
          document.addEventListener("click", function (event) {
            var target = event.target;
            if (target && target.id === "wazi-overlay-close") {
              var overlay = document.getElementById("wazi-overlay");
              if (overlay) { overlay.parentNode.removeChild(overlay); }
            }
          });
        })();

        """

    /// The overlay listing a failed build's diagnostics, as `path:line:column: severity: message`.
    static func overlay(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let items = diagnostics.map { d in
            "<li class=\"wazi-\(d.severity.rawValue)\"><code>\(HTML.escape(d.description))</code></li>"
        }.joined(separator: "\n")
        return """
            <div id="wazi-overlay" role="alertdialog" aria-modal="false" aria-labelledby="wazi-overlay-title">
            <style>
            #wazi-overlay{position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#fff;font:15px/1.5 system-ui,sans-serif;padding:2rem}
            #wazi-overlay h2{margin:0 0 .5rem;font-size:1.3rem;color:#ffb4a9}
            #wazi-overlay p{margin:0 0 1rem}
            #wazi-overlay ul{list-style:none;margin:0;padding:0}
            #wazi-overlay li{margin:0 0 .6rem;padding:.5rem .75rem;border-left:4px solid #ff6f5e;background:#2b2b2b;white-space:pre-wrap;word-break:break-word}
            #wazi-overlay li.wazi-warning{border-color:#ffd166}
            #wazi-overlay code{font:14px/1.5 ui-monospace,monospace;color:#fff}
            #wazi-overlay button{float:right;font:inherit;padding:.25rem .75rem}
            </style>
            <button type="button" id="wazi-overlay-close">Close</button>
            <h2 id="wazi-overlay-title">wazi: the build failed</h2>
            <p>\(errors) error(s), \(warnings) warning(s). The last good build is still shown; fix the content and save to rebuild.</p>
            <ul>
            \(items)
            </ul>
            </div>
            """
    }

    /// The page shown for every path while no build has ever succeeded.
    static func failurePage(_ overlay: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>wazi: the build failed</title></head>
        <body>
        \(overlay)
        \(scriptTag)
        </body>
        </html>

        """
    }

    /// The page with the reload script (and the overlay, if any) before its last `</body>`, or at the end.
    static func inject(into page: Data, overlay: String?) -> Data {
        let addition = Data(((overlay ?? "") + scriptTag).utf8)
        let bytes = [UInt8](page)
        let needle = Array("</body".utf8)
        var index = bytes.count - needle.count
        while index >= 0 {
            var matches = true
            for offset in 0..<needle.count where asciiLower(bytes[index + offset]) != needle[offset] {
                matches = false
                break
            }
            if matches { break }
            index -= 1
        }
        guard index >= 0 else { return page + addition }
        var out = Data(bytes[..<index])
        out.append(addition)
        out.append(contentsOf: bytes[index...])
        return out
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
