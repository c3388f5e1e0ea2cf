"""Atom feeds, iCalendar files, sitemap and robots.txt of the example, read by real clients
(feedparser, icalendar, xmllint) plus byte-level checks, since those clients forgive a lot."""
import glob
import os
import subprocess
import xml.etree.ElementTree as ET

import feedparser
import pytest
from icalendar import Calendar

BASE = "https://opengov.nairobi.go.ke/"
FEEDS = ["feed.xml", "fr/feed.xml", "sw/feed.xml"]
LANGUAGES = ["en", "fr", "sw"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def read_bytes(site, path):
    with open(os.path.join(site, path), "rb") as handle:
        return handle.read()


def calendars(site):
    """meetings.ics and every meeting's own .ics, as paths relative to the site."""
    singles = sorted(glob.glob(os.path.join(site, "meetings", "*", "meeting.ics")))
    return ["meetings.ics"] + [os.path.relpath(path, site) for path in singles]


def meeting_slugs(site):
    return sorted(os.path.basename(os.path.dirname(path))
                  for path in glob.glob(os.path.join(site, "meetings", "*", "index.html")))


# Atom


@pytest.mark.parametrize("path", FEEDS)
def test_feed_parses_without_bozo_and_every_entry_has_id_updated_author(site, path):
    feed = feedparser.parse(read_bytes(site, path))
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id == BASE + path
    assert feed.feed.get("updated_parsed") is not None
    assert feed.entries, "the example has updates, meetings and notes"
    ids = [entry.get("id") for entry in feed.entries]
    assert all(ids) and len(set(ids)) == len(ids), "ids present and unique"
    for entry in feed.entries:
        assert entry.get("updated_parsed") is not None, entry.get("id")
        assert entry.get("author"), entry.get("id")
        assert entry.get("title"), entry.get("id")
        assert entry.link.startswith(BASE), entry.link


def test_feed_entries_are_newest_first_and_in_the_feed_language(site):
    french = feedparser.parse(read_bytes(site, "fr/feed.xml"))
    dates = [entry.updated_parsed for entry in french.entries]
    assert dates == sorted(dates, reverse=True)
    assert french.feed.updated_parsed == dates[0]
    assert french.feed.language == "fr"
    assert any(entry.link.startswith(BASE + "fr/") for entry in french.entries)
    assert all(entry.link.startswith(BASE + "fr/") for entry in french.entries)
    assert any("En cours" in entry.title for entry in french.entries), "status labels in French"


def test_feed_is_well_formed_by_raw_xml_parsers(site):
    """feedparser repairs much; ElementTree and the raw bytes do not."""
    for path in FEEDS:
        data = read_bytes(site, path)
        root = ET.fromstring(data)
        atom = "{http://www.w3.org/2005/Atom}"
        assert root.tag == atom + "feed"
        for entry in root.iter(atom + "entry"):
            assert entry.find(atom + "id") is not None
            assert entry.find(atom + "updated") is not None
            assert entry.find(f"{atom}author/{atom}name").text
        assert b"\r" not in data


# iCalendar


def test_calendars_parse_with_uid_dtstamp_and_the_site_timezone(site):
    for path in calendars(site):
        calendar = Calendar.from_ical(read_bytes(site, path))
        assert str(calendar["VERSION"]) == "2.0"
        assert str(calendar["PRODID"]).startswith("-//wazi//wazi ")
        zones = calendar.walk("VTIMEZONE")
        assert [str(zone["TZID"]) for zone in zones] == ["Africa/Nairobi"], path
        events = calendar.walk("VEVENT")
        assert events, path
        for event in events:
            assert event.get("UID"), path
            assert event.get("DTSTAMP") is not None, path
            assert event.get("DTSTART") is not None, path
            assert str(event.get("URL", "")).startswith(BASE + "meetings/"), path
    everything = Calendar.from_ical(read_bytes(site, "meetings.ics"))
    uids = [str(event["UID"]) for event in everything.walk("VEVENT")]
    assert uids == [f"{slug}@opengov.nairobi.go.ke" for slug in meeting_slugs(site)]


def test_meeting_times_are_in_the_site_timezone(site):
    calendar = Calendar.from_ical(read_bytes(site, "meetings.ics"))
    first = calendar.walk("VEVENT")[0]
    start = first.decoded("DTSTART")
    assert start.isoformat() == "2025-09-18T10:00:00+03:00"
    assert first.decoded("DTEND").isoformat() == "2025-09-18T13:00:00+03:00"
    assert str(first["STATUS"]) == "CONFIRMED"


def test_calendar_bytes_are_crlf_and_folded_at_75_octets(site):
    """icalendar accepts bare LF and long lines; RFC 5545 and strict clients do not."""
    for path in calendars(site):
        data = read_bytes(site, path)
        assert data.endswith(b"\r\n"), path
        assert data.count(b"\n") == data.count(b"\r\n"), f"{path}: bare LF"
        assert data.count(b"\r") == data.count(b"\r\n"), f"{path}: bare CR"
        lines = data[:-2].split(b"\r\n")
        for line in lines:
            assert len(line) <= 75, f"{path}: {len(line)} octets: {line!r}"
            line.decode("utf-8")  # a fold inside a character fails here
        unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
        events = unfolded.count("BEGIN:VEVENT")
        assert events == sum(1 for line in unfolded if line.startswith("UID:")), path
        assert events == sum(1 for line in unfolded if line.startswith("DTSTAMP:")), path
        assert unfolded.count("BEGIN:VTIMEZONE") == 1, path
        assert "TZID:Africa/Nairobi" in unfolded, path
        assert "TZOFFSETTO:+0300" in unfolded, path


def test_every_meeting_has_its_own_calendar(site):
    for slug in meeting_slugs(site):
        calendar = Calendar.from_ical(read_bytes(site, f"meetings/{slug}/meeting.ics"))
        assert [str(event["UID"]) for event in calendar.walk("VEVENT")] == [f"{slug}@opengov.nairobi.go.ke"]


# Sitemap and robots.txt


def test_xmllint_accepts_the_sitemap_and_feeds(site):
    paths = [os.path.join(site, path) for path in ["sitemap.xml"] + FEEDS]
    result = subprocess.run(["xmllint", "--noout", *paths], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_sitemap_lists_every_page_in_every_language_with_hreflang(site):
    root = ET.fromstring(read_bytes(site, "sitemap.xml"))
    assert root.tag == SITEMAP + "urlset"
    locs = []
    for url in root.findall(SITEMAP + "url"):
        loc = url.find(SITEMAP + "loc").text
        locs.append(loc)
        links = {link.get("hreflang"): link.get("href") for link in url.findall(XHTML + "link")}
        assert set(links) == set(LANGUAGES) | {"x-default"}, loc
        assert loc in links.values(), "the page lists itself among its alternates"
        assert links["x-default"] == links["en"]
        assert all(link.get("rel") == "alternate" for link in url.findall(XHTML + "link"))
    assert len(locs) == len(set(locs))
    pages = []
    for folder, _, files in os.walk(site):
        if "index.html" in files:
            relative = os.path.relpath(folder, site)
            pages.append("" if relative == "." else relative + "/")
    pages = [page for page in pages if not page.startswith(("assets/", "files/"))]
    for page in pages:
        assert BASE + page in locs, f"{page} missing from the sitemap"
    assert not any("404" in loc for loc in locs)
    for language in LANGUAGES[1:]:
        assert BASE + language + "/" in locs


def test_robots_txt_names_the_sitemap(site):
    robots = read_bytes(site, "robots.txt").decode("utf-8")
    assert "User-agent: *" in robots.splitlines()
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()
