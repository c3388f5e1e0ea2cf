#!/usr/bin/env python3
"""Screenshots of the example site in headless Chromium: home, commitment and milestone pages at 375 px and 1280 px.

    make screenshots DIR=/tmp/shots                    (or: .venv-browser/bin/python scripts/screenshots.py DIR)
    .venv-browser/bin/python scripts/screenshots.py DIR --docs docs

Builds the example with $WAZI_BIN (default .build/debug/wazi), serves it on 127.0.0.1 and writes full-page PNGs
DIR/<page>-<width>.png (not committed). With --docs FOLDER it also writes the README's small copies there
(home 1280, commitment 375, milestone 375: the top of the page, palette PNG under 150 KB, with ImageMagick).
"""
import argparse
import base64
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "browser"))
import sitekit  # noqa: E402

WIDTHS = (375, 1280)
DOCS = {  # README copies: (page, width) -> (file, top crop height in CSS px, scale)
    ("home", 1280): ("screenshot-home-1280.png", 1500, 0.5),
    ("commitment", 375): ("screenshot-commitment-375.png", 2300, 1.0),
    ("milestone", 375): ("screenshot-milestone-375.png", 1500, 1.0),
}
DOCS_LIMIT = 150 * 1024


def pages(site):
    """The home page, the first commitment and its first milestone, as site-relative folders."""
    found = sitekit.html_pages(site)
    default = [p for p in found if not p.split("/")[0] in {k for k in sitekit.languages(site) if k}]
    commitment = next(p for p in default if p.startswith("commitments/") and p.count("/") == 2)
    milestone = next(p for p in default if p.startswith(commitment[:-len("index.html")] + "milestones/")
                     and p.count("/") == 4)
    return {"home": "", "commitment": commitment[:-len("index.html")], "milestone": milestone[:-len("index.html")]}


def full_page_png(driver, url, width):
    """A PNG of the whole page laid out at `width` CSS px (a phone's viewport below 600 px)."""
    mobile = width < 600
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": mobile})
    driver.get(url)
    height = driver.execute_script("return Math.ceil(document.documentElement.getBoundingClientRect().height)")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": max(height, 400), "deviceScaleFactor": 1, "mobile": mobile})
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    return base64.b64decode(shot["data"])


def docs_copy(source, target, crop_height, scale):
    """The top of a screenshot, scaled and reduced to a palette, under DOCS_LIMIT bytes."""
    convert = shutil.which("convert")
    if not convert:
        raise SystemExit("ImageMagick's convert is needed for --docs (apt-get install imagemagick)")
    for colours in (64, 32, 16):
        subprocess.run([convert, source, "-crop", f"x{crop_height}+0+0", "+repage", "-resize", f"{scale * 100:g}%",
                        "-strip", "-dither", "None", "-colors", str(colours), f"PNG8:{target}"], check=True)
        if os.path.getsize(target) <= DOCS_LIMIT:
            return
    raise SystemExit(f"{target} is over {DOCS_LIMIT} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", help="where the full-size screenshots go")
    parser.add_argument("--docs", help="also write the README's small copies into this folder (e.g. docs)")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    site = sitekit.example_site()
    written = {}
    with sitekit.SiteServer(site) as url:
        driver = sitekit.chromium()
        try:
            for name, path in pages(site).items():
                for width in WIDTHS:
                    target = os.path.join(args.folder, f"{name}-{width}.png")
                    with open(target, "wb") as f:
                        f.write(full_page_png(driver, url + path, width))
                    written[(name, width)] = target
                    print(f"{target}  ({url}{path} at {width} px)")
        finally:
            driver.quit()
    if args.docs:
        os.makedirs(args.docs, exist_ok=True)
        for key, (name, crop, scale) in DOCS.items():
            target = os.path.join(args.docs, name)
            docs_copy(written[key], target, crop, scale)
            print(f"{target}  ({os.path.getsize(target)} bytes)")


if __name__ == "__main__":
    main()
