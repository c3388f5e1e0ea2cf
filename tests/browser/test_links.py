"""linkchecker crawls the site served on 127.0.0.1 from each language's home and 404 page: no broken link.

Only URLs on 127.0.0.1 are fetched (every other URL, mailto: included, is ignored: no network to other hosts).
Anchors are checked too (linkchecker's AnchorCheck plugin): a link to a #fragment that the page lacks is broken.
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

import sitekit

CONFIG = """[checking]
maxrequestspersecond=100
[filtering]
checkextern=0
[AnchorCheck]
"""


def test_linkchecker_finds_no_broken_link(site, base_url):
    starts = []
    for prefix in sitekit.languages(site):
        folder = f"{prefix}/" if prefix else ""
        starts.append(base_url + folder)
        if os.path.exists(os.path.join(site, folder, "404.html")):
            starts.append(base_url + folder + "404.html")
    linkchecker = os.path.join(os.path.dirname(sys.executable), "linkchecker")
    # linkchecker run as root reads its configuration, then drops to `nobody`: a world-readable file in /tmp.
    with tempfile.NamedTemporaryFile("w", suffix=".rc", delete=False) as config:
        config.write(CONFIG)
    os.chmod(config.name, 0o644)
    try:
        result = subprocess.run(
            [linkchecker, "--config", config.name, "--no-status", "--verbose", "--output", "csv", "--threads", "4",
             "--recursion-level", "-1", "--timeout", "30", r"--ignore-url=^(?!https?://127\.0\.0\.1[:/])", *starts],
            capture_output=True, text=True, check=False, timeout=900,
            env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"})
    finally:
        os.unlink(config.name)
    # Comments start with "# "; a row's first field may itself start with "#" (a link to an anchor: "#content").
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("# ")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    assert rows and "valid" in rows[0], f"no linkchecker report (exit {result.returncode}):\n{result.stderr[-4000:]}"
    local = [r for r in rows if r["url"].startswith(base_url)]
    broken = [r for r in rows if r["valid"] != "True"]
    anchors = [r for r in rows if r["warningstring"].startswith("Anchor")]
    sitekit.FIGURES.append(f"linkchecker: {len({r['url'] for r in local})} URLs on 127.0.0.1 checked ({len(rows)} links"
                           f" from {len(starts)} start pages), {len(broken)} broken, {len(anchors)} missing anchors")
    assert len(local) > len(starts), f"linkchecker checked only {len(local)} URLs:\n{result.stdout[-4000:]}"
    problems = [f"{r['parentname']}:{r['line']}: {r['urlname']} -> {r['result']}" for r in broken]
    problems += [f"{r['parentname']}:{r['line']}: {r['urlname']} -> {r['warningstring'][:200]}" for r in anchors]
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems[:60])
    assert result.returncode == 0, f"linkchecker exited {result.returncode}:\n{result.stderr[-4000:]}"
