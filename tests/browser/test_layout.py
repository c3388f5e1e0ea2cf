"""Layout in headless Chromium on one page of each kind in each language.

- Reflow (WCAG 1.4.10): at 320 CSS px no page scrolls sideways; a wide table scrolls inside its own container.
- Visible focus (WCAG 2.4.7): tabbing through a page, every element that takes focus shows an outline or a ring,
  and the skip link, the first stop, becomes visible and points at the main content.
"""
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

import sitekit

KINDS = sitekit.page_kinds(sitekit.example_site())
IDS = [f"{lang}:{kind}" for kind, lang in KINDS]
NARROW = 320
MAX_TABS = 60

OVERFLOW = """
const width = document.documentElement.clientWidth, wide = [];
for (const el of document.querySelectorAll('body *')) {
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.right <= width + 1) continue;
  let inScroller = false;
  for (let up = el.parentElement; up && !inScroller; up = up.parentElement)
    inScroller = ['auto', 'scroll'].includes(getComputedStyle(up).overflowX);
  if (!inScroller) wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.classList.length ? '.' + [...el.classList].join('.') : ''} (right edge ${Math.round(box.right)} px)`);
}
return [width, document.documentElement.scrollWidth, wide.slice(0, 10)];
"""

FOCUSED = """
const el = document.activeElement;
if (!el || el === document.body) return null;
const style = getComputedStyle(el), box = el.getBoundingClientRect();
const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
const tag = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).trim().replace(/\\s+/g, '.') : '');
return {tag, text: (el.textContent || '').trim().slice(0, 40), ring,
        visible: box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth,
        href: el.getAttribute('href'), key: el.outerHTML.slice(0, 200) + box.top + ',' + box.left};
"""


def url_of(base_url, kind, lang):
    page = KINDS[(kind, lang)]
    return base_url + (page[:-len("index.html")] if page.endswith("index.html") else page)


@pytest.mark.parametrize("kind,lang", list(KINDS), ids=IDS)
def test_no_sideways_scroll_at_320_px(driver, base_url, kind, lang):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": NARROW, "height": 640, "deviceScaleFactor": 1, "mobile": True})
    try:
        driver.get(url_of(base_url, kind, lang))
        width, scroll_width, wide = driver.execute_script(OVERFLOW)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert scroll_width <= width and not wide, (
        f"{KINDS[(kind, lang)]} at {NARROW} px is {scroll_width} px wide; wider than the screen:\n  " + "\n  ".join(wide))


@pytest.mark.parametrize("kind,lang", list(KINDS), ids=IDS)
def test_focus_is_visible(driver, base_url, kind, lang):
    driver.get(url_of(base_url, kind, lang))  # a fresh page: sequential focus starts at the top of the document
    stops, problems, seen = [], [], set()
    for _ in range(MAX_TABS):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        focused = driver.execute_script(FOCUSED)
        if focused is None or focused["key"] in seen:
            break
        seen.add(focused["key"])
        stops.append(focused)
        if not focused["ring"]:
            problems.append(f"no focus outline on {focused['tag']} {focused['text']!r}")
        if not focused["visible"]:
            problems.append(f"focused but off screen: {focused['tag']} {focused['text']!r}")
    assert stops, "Tab focuses nothing"
    first = stops[0]
    assert "skip" in first["tag"] and first["href"] == "#content", f"the first Tab stop is not the skip link: {first}"
    assert driver.execute_script("return !!document.getElementById('content')"), "the skip link's target is missing"
    assert not problems, f"{KINDS[(kind, lang)]}:\n  " + "\n  ".join(problems)
