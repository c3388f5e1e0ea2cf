"""Weight: every HTML page plus the stylesheets it links to is at most 40 KB (40,960 bytes), uncompressed.

User documents under files/ are not pages; data/*.csv and the like are not HTML and not counted.
"""
import os

import sitekit

LIMIT = 40 * 1024


def test_every_page_with_its_stylesheet_is_at_most_40_kb(site):
    weights = []
    for page in sitekit.html_pages(site):
        html = os.path.getsize(os.path.join(site, page))
        css = sum(os.path.getsize(path) for path in sitekit.stylesheets(site, page))
        weights.append((html + css, html, css, page))
    assert weights, "no HTML page in the built site"
    weights.sort(reverse=True)
    total, html, css, page = weights[0]
    sitekit.FIGURES.append(f"weight: {len(weights)} pages; heaviest {page}: {total} bytes ({html} HTML + {css} CSS)"
                           f" of {LIMIT}")
    print(f"heaviest page: {page} {total} bytes ({html} HTML + {css} CSS)")
    heavy = [f"{p}: {t} bytes ({h} HTML + {c} CSS)" for t, h, c, p in weights if t > LIMIT]
    assert not heavy, f"pages over {LIMIT} bytes:\n" + "\n".join(heavy)


def test_pages_link_one_local_stylesheet(site):
    """One cached stylesheet: every page links the same single local stylesheet."""
    found = {page: sitekit.stylesheets(site, page) for page in sitekit.html_pages(site)}
    wrong = [f"{page}: {sheets}" for page, sheets in found.items() if len(sheets) != 1]
    assert not wrong, "pages without exactly one stylesheet:\n" + "\n".join(wrong)
    assert len({sheets[0] for sheets in found.values()}) == 1, "pages link different stylesheets"
    assert all(os.path.isfile(sheets[0]) for sheets in found.values())
