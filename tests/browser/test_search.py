"""Search in a real browser: the script finds pages from the JSON index; without JavaScript the page
offers the browse lists instead, so nothing depends on the script."""
import time

from selenium.webdriver.common.by import By


def wait_for(condition, seconds=5):
    end = time.time() + seconds
    while time.time() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    return condition()


def test_search_finds_a_milestone_and_links_to_it(driver, base_url):
    driver.get(base_url + "search/")
    form = driver.find_element(By.ID, "search-form")
    assert wait_for(form.is_displayed), "the script reveals the form"
    assert not driver.find_element(By.ID, "search-fallback").is_displayed()
    box = driver.find_element(By.ID, "search-q")
    box.send_keys("ogp UNIT")  # case folded
    links = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#search-results a"))
    assert links, "no result"
    hrefs = [a.get_attribute("href") for a in links]
    assert any(h.endswith("/commitments/kenms0005/milestones/2/") for h in hrefs), hrefs
    status = driver.find_element(By.ID, "search-status").text
    assert status and status[0].isdigit(), status
    box.clear()
    box.send_keys("zzzz-nothing-matches")
    assert wait_for(lambda: driver.find_element(By.ID, "search-status").text == "No result.")
    assert not driver.find_elements(By.CSS_SELECTOR, "#search-results a")


def test_french_search_uses_the_french_index(driver, base_url):
    driver.get(base_url + "fr/search/?q=jalon")
    links = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#search-results a"))
    assert links
    assert all("/fr/" in a.get_attribute("href") for a in links)


def test_without_javascript_the_page_points_to_the_browse_lists(site):
    html = open(site + "/search/index.html", encoding="utf-8").read()
    assert '<form id="search-form"' in html and " hidden " in html.split('<form id="search-form"', 1)[1].split(">", 1)[0] + " "
    fallback = html.split('id="search-fallback"', 1)[1]
    assert 'href="../browse/"' in fallback.split("</p>", 1)[0]
