"""Builds the example site, serves it on 127.0.0.1 and drives headless Chromium.

Shared by the browser tests (conftest.py) and scripts/screenshots.py. Environment: WAZI_BIN (the wazi binary,
default .build/debug/wazi), WAZI_CONTENT (other content to check, default content/), WAZI_TEMPLATES (another
theme, default templates/).
"""
import atexit
import functools
import html.parser
import http.server
import os
import re
import shutil
import subprocess
import tempfile
import threading

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AS_OF = "2026-11-27"
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def wazi_binary():
    """The wazi binary to test: $WAZI_BIN (relative to the repository), else the Makefile's .build/debug/wazi."""
    path = os.environ.get("WAZI_BIN") or os.path.join(".build", "debug", "wazi")
    return path if os.path.isabs(path) else os.path.join(ROOT, path)


_EXAMPLE = {}
FIGURES = []  # what each check covered, printed at the end of a pytest run


def example_site():
    """The example site, built once per process into a temporary folder removed at exit."""
    if "path" not in _EXAMPLE:
        folder = tempfile.mkdtemp(prefix="wazi-browser-")
        atexit.register(shutil.rmtree, folder, True)
        _EXAMPLE["path"] = build_site(os.path.join(folder, "site"))
    return _EXAMPLE["path"]


def build_site(output, content=None, *extra):
    """Builds `content` (default: $WAZI_CONTENT, else the example) with the theme in $WAZI_TEMPLATES (else
    templates/) into `output` with the wazi binary; raises with its stderr on failure."""
    wazi = wazi_binary()
    if not os.access(wazi, os.X_OK):
        raise RuntimeError(f"no wazi binary at {wazi}: build it (swift build) or set WAZI_BIN")
    content = content or os.environ.get("WAZI_CONTENT") or os.path.join(ROOT, "content")
    templates = os.environ.get("WAZI_TEMPLATES") or os.path.join(ROOT, "templates")
    result = subprocess.run(
        [wazi, "build", "--content", content, "--templates", templates, "--output", output, "--as-of", AS_OF, *extra],
        capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"wazi build failed ({result.returncode}):\n{result.stderr}")
    return output


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def end_headers(self):
        # linkchecker limits itself to ~3 requests a second on a host unless the host answers with this header
        # and the configuration allows more (test_links.py): this is our own server on 127.0.0.1.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


class SiteServer:
    """Serves a folder on 127.0.0.1 on a free port from a background thread: `with SiteServer(folder) as url:`."""

    def __init__(self, folder):
        handler = functools.partial(_QuietHandler, directory=folder)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="site-server", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self.url

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


def chromium(width=1280, height=900):
    """Headless Chromium through Debian's chromedriver (no Selenium Manager, no network)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1",
                     "--lang=en"):
        options.add_argument(argument)
    if os.path.exists(CHROMIUM):
        options.binary_location = CHROMIUM
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver


def html_pages(site):
    """Every HTML page of a built site, as paths relative to it with '/', sorted; user documents (files/) excluded."""
    pages = []
    for folder, dirs, files in os.walk(site):
        rel = os.path.relpath(folder, site).replace(os.sep, "/")
        if rel == "files" or rel.startswith("files/"):
            dirs[:] = []
            continue
        for name in files:
            if name.endswith(".html"):
                pages.append(name if rel == "." else f"{rel}/{name}")
    return sorted(pages)


_HTML_LANG = re.compile(rb"<html[^>]*\slang=\"([^\"]+)\"")


def languages(site):
    """The site's languages: the default ('' prefix, from index.html's lang) and every top-level folder whose
    index.html is written in the language the folder is named after (fr/, sw/, ...). Returns {prefix: code}."""
    def lang_of(path):
        try:
            with open(path, "rb") as f:
                match = _HTML_LANG.search(f.read(4096))
        except OSError:
            return None
        return match.group(1).decode() if match else None

    found = {"": lang_of(os.path.join(site, "index.html")) or "en"}
    for name in sorted(os.listdir(site)):
        if os.path.isdir(os.path.join(site, name)) and lang_of(os.path.join(site, name, "index.html")) == name:
            found[name] = name
    return found


def page_kinds(site):
    """One page of each kind in each language: {(kind, code): page}.

    A page's kind is its path without the language prefix, in which every folder below the top level that has
    sibling folders holding pages becomes '*' (commitments/*/milestones/*, meetings/*, pages/*), unless it only
    groups folders (browse/status/*, browse/value/*), so new page kinds are found without being named here. Each kind is represented by its largest page (the most
    content, the most to check)."""
    langs = languages(site)
    prefixes = {p for p in langs if p}
    entries = []
    for page in html_pages(site):
        parts = page.split("/")
        prefix = parts[0] if len(parts) > 1 and parts[0] in prefixes else ""
        rest = parts[1:] if prefix else parts
        entries.append((prefix, page, rest))
    children, with_page = {}, set()
    for _, _, rest in entries:
        with_page.add(tuple(rest[:-1]))
        for i in range(1, len(rest) - 1):
            children.setdefault(tuple(rest[:i]), set()).add(rest[i])

    def variable(folder):
        grouping = folder not in with_page and folder in children  # browse/status/: no page, pages below
        return len(children.get(folder[:-1], ())) > 1 and not grouping

    chosen = {}
    for prefix, page, rest in entries:
        kind = [rest[0]]
        for i in range(1, len(rest) - 1):
            kind.append("*" if variable(tuple(rest[:i + 1])) else rest[i])
        if len(rest) > 1 and rest[-1] != "index.html":
            kind.append(rest[-1])
        key = ("/".join(kind), langs[prefix])
        size = os.path.getsize(os.path.join(site, page))
        if key not in chosen or size > chosen[key][1]:
            chosen[key] = (page, size)
    return {key: page for key, (page, _) in sorted(chosen.items())}


class _StylesheetLinks(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def stylesheets(site, page):
    """The local stylesheet files a page links to, as absolute paths."""
    parser = _StylesheetLinks()
    with open(os.path.join(site, page), encoding="utf-8") as f:
        parser.feed(f.read())
    base = os.path.dirname(os.path.join(site, page))
    found = []
    for href in parser.hrefs:
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.I):
            continue  # another host: the checks forbid it elsewhere; not a local byte
        path = href.split("?")[0].split("#")[0]
        full = os.path.join(site, path.lstrip("/")) if path.startswith("/") else os.path.join(base, path)
        found.append(os.path.normpath(full))
    return found
