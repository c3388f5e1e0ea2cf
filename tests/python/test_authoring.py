"""The authoring commands as an author runs them: `wazi init`, `wazi new …` (exit codes, messages) and a
real `wazi serve` process on loopback (live edit, Ctrl-C). Only 127.0.0.1 is ever contacted."""
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request

from conftest import AS_OF, ROOT, WAZI


def wazi(*args, cwd=None):
    return subprocess.run([WAZI, *args], capture_output=True, text=True, check=False, cwd=cwd, timeout=120)


def test_init_builds_at_once(tmp_path):
    site = tmp_path / "plan"
    result = wazi("init", str(site), "--as-of", AS_OF, "--templates", os.path.join(ROOT, "templates"))
    assert result.returncode == 0, result.stderr
    assert str(site / "content" / "site.yaml") in result.stdout
    built = wazi("build", "--as-of", AS_OF, cwd=site)
    assert built.returncode == 0, built.stderr
    assert (site / "site" / "commitments" / "ex0001" / "milestones" / "1" / "index.html").exists()
    again = wazi("init", str(site))
    assert again.returncode == 1
    assert "not empty" in again.stderr


def test_init_finds_the_default_theme(tmp_path):
    result = wazi("init", str(tmp_path / "plan"), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plan" / "templates" / "layout.mustache").exists()


def test_new_files_pass_check_and_are_never_overwritten(content_copy):
    content = str(content_copy)
    made = [
        wazi("new", "milestone", "--content", content, "--commitment", "KENMS0005", "--title", "Publish the minutes", "--as-of", AS_OF),
        wazi("new", "meeting", "--content", content, "--body", "steering-committee", "--date", "2027-05-20", "--title", "Mid-term review"),
        wazi("new", "note", "--content", content, "--title", "Open data: a note", "--as-of", AS_OF),
        wazi("new", "commitment", "--content", content, "--id", "KENMS0006", "--title", "Open contracting", "--as-of", AS_OF),
    ]
    for result in made:
        assert result.returncode == 0, result.stderr
        path = result.stdout.strip()
        assert os.path.isfile(path), path
    assert made[0].stdout.strip().endswith("commitments/KENMS0005/milestones/7-publish-the-minutes.md")
    check = wazi("check", "--content", content, "--templates", os.path.join(ROOT, "templates"), "--as-of", AS_OF)
    assert check.returncode == 0, check.stderr

    meeting = made[1].stdout.strip()
    with open(meeting, "a", encoding="utf-8") as handle:
        handle.write("\nMinutes typed by hand.\n")
    before = open(meeting, encoding="utf-8").read()
    again = wazi("new", "meeting", "--content", content, "--body", "steering-committee", "--date", "2027-05-20", "--title", "Mid-term review")
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert open(meeting, encoding="utf-8").read() == before


def test_new_refuses_unknown_names_and_bad_arguments(content_copy):
    content = str(content_copy)
    unknown = wazi("new", "milestone", "--content", content, "--commitment", "NOPE1", "--title", "x")
    assert unknown.returncode == 1
    assert "KENMS0005" in unknown.stderr
    body = wazi("new", "meeting", "--content", content, "--body", "board", "--date", "2027-01-01", "--title", "x")
    assert body.returncode == 1
    assert "steering-committee" in body.stderr
    date = wazi("new", "meeting", "--content", content, "--body", "steering-committee", "--date", "2027-13-01", "--title", "x")
    assert date.returncode == 2
    bad_id = wazi("new", "commitment", "--content", content, "--id", "bad id", "--title", "x")
    assert bad_id.returncode == 2


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def test_serve_live_edit_and_ctrl_c(content_copy):
    process = subprocess.Popen(
        [WAZI, "serve", "--port", "0", "--content", str(content_copy), "--templates", os.path.join(ROOT, "templates"), "--as-of", AS_OF],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = None
        deadline = time.time() + 60
        while url is None and time.time() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            found = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
            url = found.group(1) if found else None
        assert url, "no address printed"
        status, home = get(url)
        assert status == 200
        assert '<script src="/__wazi/reload.js"></script></body>' in home
        assert get(url + "no/such/page")[0] == 404

        about = content_copy / "pages" / "about.md"
        about.write_text(about.read_text(encoding="utf-8").replace('title: "About this site"', 'title: "About, edited live"'), encoding="utf-8")
        start = time.time()
        while time.time() - start < 2 and "About, edited live" not in get(url + "pages/about/")[1]:
            time.sleep(0.05)
        assert "About, edited live" in get(url + "pages/about/")[1], "change not served within 2 s"

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_executable_allocates_with_tcmalloc(tmp_path):
    """The `wazi` executable links TCMalloc (Package.swift): with glibc's malloc a large build takes a
    fifth longer, and a linker that dropped the library would lose that silently."""
    result = wazi("build", "--content", os.path.join(ROOT, "content"), "--templates",
                  os.path.join(ROOT, "templates"), "--output", str(tmp_path / "site"), "--as-of", AS_OF, "--timings")
    assert result.returncode == 0, result.stderr
    total = next(line for line in result.stderr.splitlines() if line.startswith("total"))
    assert total.endswith("(TCMalloc)"), total
