"""axe-core in headless Chromium on one page of each kind in each language: no WCAG 2.1 A/AA violation.

Best-practice rules (landmark uniqueness, heading order, one h1, content in landmarks) are run too. A page's kind is
found from the built site (sitekit.page_kinds), so page kinds added later are checked without being listed here.
"""
import json

import pytest
from axe_selenium_python import Axe

import sitekit

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
KINDS = sitekit.page_kinds(sitekit.example_site())
_CHECKED = []


def readable(violations):
    """One block per rule: id, impact, what it asks, then each failing element's selector and axe's reason."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  [{v['helpUrl']}]")
        for node in v["nodes"]:
            target = " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {node['html'][:160]}")
            for check in node["any"] + node["all"] + node["none"]:
                lines.append(f"       {check['message']}")
    return "\n".join(lines)


@pytest.mark.parametrize("kind,lang", list(KINDS), ids=[f"{lang}:{kind}" for kind, lang in KINDS])
def test_no_axe_violation(driver, base_url, kind, lang):
    page = KINDS[(kind, lang)]
    url = base_url + (page[:-len("index.html")] if page.endswith("index.html") else page)
    driver.get(url)
    axe = Axe(driver)
    axe.inject()
    results = axe.run(options=json.dumps({"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}))
    violations = results["violations"]
    _CHECKED.append((kind, lang, len(violations)))
    assert not violations, f"axe-core on {page}:\n{readable(violations)}"


def teardown_module():
    if _CHECKED:
        kinds = {k for k, _, _ in _CHECKED}
        langs = {lang for _, lang, _ in _CHECKED}
        found = sum(n for _, _, n in _CHECKED)
        sitekit.FIGURES.append(
            f"axe-core {len(_CHECKED)} pages ({len(kinds)} kinds x {len(langs)} languages: {', '.join(sorted(langs))}),"
            f" tags {' '.join(TAGS)}: {found} violations")
