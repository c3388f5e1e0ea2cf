"""The open data checked by the tools re-users run: Frictionless, a JSON Schema validator, Python's csv."""
import csv
import io
import json
import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, build

TABLES = ["commitments", "milestones", "milestone_updates", "meetings", "action_items", "notes"]


def tool(name):
    return os.path.join(ROOT, ".venv", "bin", name)


def read_csv(path):
    with open(path, "rb") as f:
        raw = f.read()
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_frictionless_validates_the_data_package(site):
    result = subprocess.run([tool("frictionless"), "validate", "--json", "datapackage.json"],
                            cwd=os.path.join(site, "data"), capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]
    assert result.returncode == 0
    assert [t["name"] for t in report["tasks"]] == TABLES


def test_frictionless_rejects_a_broken_copy(site, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(os.path.join(site, "data"), data)
    path = data / "milestones.csv"
    text = path.read_bytes().decode("utf-8")
    # An unknown status and a dangling commitment id: the enum and the foreign key must catch them.
    broken = text.replace(",in-progress,", ",done,", 1).replace("KENMS0005-2,KENMS0005,", "KENMS0005-2,KENMS9999,", 1)
    assert broken != text
    path.write_bytes(broken.encode("utf-8"))
    result = subprocess.run([tool("frictionless"), "validate", "--json", "datapackage.json"],
                            cwd=data, capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert not report["valid"]
    assert result.returncode != 0
    errors = {e["type"] for task in report["tasks"] for e in task["errors"]}
    assert "constraint-error" in errors, errors
    assert "foreign-key" in errors, errors
    assert "hash-count" in errors, errors


def test_wazi_json_is_valid_against_its_schema(site):
    data = os.path.join(site, "data")
    for args in (["--check-metaschema", "schema/wazi.schema.json"],
                 ["--schemafile", "schema/wazi.schema.json", "wazi.json"]):
        result = subprocess.run([tool("check-jsonschema"), *args], cwd=data, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_rejects_a_wrong_document(site, tmp_path):
    data = os.path.join(site, "data")
    document = json.load(open(os.path.join(data, "wazi.json"), encoding="utf-8"))
    document["commitments"][0]["milestones"][0]["status"] = "done"
    del document["commitments"][0]["milestones"][0]["overdue"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = subprocess.run([tool("check-jsonschema"), "--schemafile", os.path.join(data, "schema/wazi.schema.json"), str(bad)],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "done" in result.stdout and "overdue" in result.stdout


def test_json_rules(site):
    raw = open(os.path.join(site, "data", "wazi.json"), "rb").read().decode("utf-8")
    assert "\\/" not in raw, "slashes must not be escaped"
    document = json.loads(raw)
    assert json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n" == raw, "keys sorted, stable layout"
    milestone = document["commitments"][0]["milestones"][5]
    assert milestone["last_reported"] is None, "every key present, null when absent"
    assert document["commitments"][0]["translations"]["fr"]["title"].startswith("Institutionnaliser")


def test_csv_rules(site):
    for table in TABLES:
        raw, rows = read_csv(os.path.join(site, "data", table + ".csv"))
        assert not raw.startswith(b"\xef\xbb\xbf"), "canonical CSV has no BOM"
        assert raw.count(b"\r\n") >= len(rows) + 1 and b"\n" not in raw.replace(b"\r\n", b""), "CRLF line ends"
        header = raw.split(b"\r\n", 1)[0].decode()
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in header.split(",")), header
        excel = open(os.path.join(site, "data", "excel", table + ".csv"), "rb").read()
        assert excel.startswith(b"\xef\xbb\xbf"), "spreadsheet CSV starts with a BOM"


def test_every_csv_value_agrees_with_wazi_json(site):
    document = json.load(open(os.path.join(site, "data", "wazi.json"), encoding="utf-8"))
    entities = {
        "commitments": document["commitments"],
        "milestones": [m for c in document["commitments"] for m in c["milestones"]],
        "milestone_updates": [u for c in document["commitments"] for m in c["milestones"] for u in m["updates"]],
        "meetings": document["meetings"],
        "action_items": [a for m in document["meetings"] for a in m["action_items"]],
        "notes": document["notes"],
    }
    for table, objects in entities.items():
        _, rows = read_csv(os.path.join(site, "data", table + ".csv"))
        assert len(rows) == len(objects), table
        for row, obj in zip(rows, objects):
            for column, text in row.items():
                value = obj[column]
                if value is None:
                    expected = ""
                elif isinstance(value, bool):
                    expected = "true" if value else "false"
                elif isinstance(value, list):
                    expected = "; ".join(value)
                elif isinstance(value, float):
                    assert float(text) == value, (table, column)
                    continue
                else:
                    expected = str(value)
                assert text == expected, (table, column, text, value)


def test_row_counts_equal_the_content(site):
    counts = {table: len(read_csv(os.path.join(site, "data", table + ".csv"))[1]) for table in TABLES}
    milestone_files = os.listdir(os.path.join(ROOT, "content", "commitments", "KENMS0005", "milestones"))
    meeting_files = os.listdir(os.path.join(ROOT, "content", "meetings"))
    assert counts["commitments"] == 1
    assert counts["milestones"] == len([f for f in milestone_files if f.count(".") == 1]) == 6
    assert counts["meetings"] == len([f for f in meeting_files if f.count(".") == 1])
    assert counts["notes"] == len([f for f in os.listdir(os.path.join(ROOT, "content", "notes")) if f.count(".") == 1])


def test_overdue_flags_for_a_fixed_as_of_date(site):
    _, rows = read_csv(os.path.join(site, "data", "milestones.csv"))
    overdue = {row["id"]: row["overdue"] for row in rows}
    # As of 2026-11-27: milestone 2 ended 2026-03 and 3 ended 2026-08, both in progress; the others end later or are complete.
    assert overdue == {"KENMS0005-1": "false", "KENMS0005-2": "true", "KENMS0005-3": "true",
                       "KENMS0005-4": "false", "KENMS0005-5": "false", "KENMS0005-6": "false"}
    _, commitments = read_csv(os.path.join(site, "data", "commitments.csv"))
    assert commitments[0]["milestones_overdue"] == "2"
    assert commitments[0]["share_complete"] == "0.1667"


def test_formulas_stay_exact_in_data_and_are_neutralised_for_spreadsheets(content_copy, tmp_path):
    milestone = next(p for p in (content_copy / "commitments" / "KENMS0005" / "milestones").glob("2-*.md") if p.name.count(".") == 1)
    text = milestone.read_text(encoding="utf-8")
    title = re.search(r"^title: .*$", text, re.M).group(0)
    formula = '=HYPERLINK("http://evil.example","click")'
    milestone.write_text(text.replace(title, "title: '" + formula + "'", 1), encoding="utf-8")
    meeting = next(p for p in sorted((content_copy / "meetings").glob("*[0-9a-z].md")) if "owner:" in p.read_text(encoding="utf-8"))
    mtext = meeting.read_text(encoding="utf-8")
    owner = re.search(r"owner: .*$", mtext, re.M).group(0)
    meeting.write_text(mtext.replace(owner, "owner: '+254 700 000 000'", 1), encoding="utf-8")
    output = tmp_path / "site"
    result = build(str(content_copy), str(output))
    assert result.returncode == 0, result.stderr

    _, rows = read_csv(output / "data" / "milestones.csv")
    assert rows[1]["title"] == formula
    _, items = read_csv(output / "data" / "action_items.csv")
    assert "+254 700 000 000" in [row["owner"] for row in items]

    excel = (output / "data" / "excel" / "milestones.csv").read_bytes().decode("utf-8-sig")
    excel_rows = list(csv.DictReader(io.StringIO(excel, newline="")))
    assert excel_rows[1]["title"] == "'" + formula
    excel_items = list(csv.DictReader(io.StringIO((output / "data" / "excel" / "action_items.csv").read_bytes().decode("utf-8-sig"), newline="")))
    assert "'+254 700 000 000" in [row["owner"] for row in excel_items]
    # Numbers and dates are not text: never prefixed.
    assert excel_rows[1]["number"] == "2" and excel_rows[1]["end_date"] == "2026-03-31"


def test_catalogue_lists_every_distribution(site):
    catalog = json.load(open(os.path.join(site, "data", "catalog.jsonld"), encoding="utf-8"))
    assert catalog["@type"] == "dcat:Catalog"
    urls = {d["dcat:downloadURL"]["@id"] for ds in catalog["dcat:dataset"] for d in ds["dcat:distribution"]}
    for table in TABLES:
        assert "https://opengov.nairobi.go.ke/data/%s.csv" % table in urls
        assert "https://opengov.nairobi.go.ke/data/excel/%s.csv" % table in urls
    for ds in catalog["dcat:dataset"]:
        for d in ds["dcat:distribution"]:
            assert d["dcat:mediaType"]["@id"].startswith("https://www.iana.org/assignments/media-types/")
            assert d["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
            size = int(d["dcat:byteSize"]["@value"])
            path = d["dcat:downloadURL"]["@id"].replace("https://opengov.nairobi.go.ke/", "")
            assert os.path.getsize(os.path.join(site, path)) == size, path
