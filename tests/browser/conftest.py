"""The example site built once with $WAZI_BIN (default .build/debug/wazi), served on 127.0.0.1, and headless Chromium.

The site is built at collection time (sitekit.example_site) so that the tests are parametrised by the pages it has.
"""
import pytest

import sitekit


@pytest.fixture(scope="session")
def site():
    return sitekit.example_site()


@pytest.fixture(scope="session")
def base_url(site):
    """The site served by http.server on 127.0.0.1 on a free port, from a background thread."""
    with sitekit.SiteServer(site) as url:
        yield url


@pytest.fixture(scope="session")
def driver():
    """Headless Chromium (--headless=new --no-sandbox --disable-gpu) through /usr/bin/chromedriver."""
    browser = sitekit.chromium()
    yield browser
    browser.quit()


def pytest_terminal_summary(terminalreporter):
    if sitekit.FIGURES:
        terminalreporter.section("what the browser checks covered")
        for line in sitekit.FIGURES:
            terminalreporter.write_line(line)
