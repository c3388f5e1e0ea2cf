#!/usr/bin/env python3
"""wazi vs Hugo: cold builds at several sizes, alternating, medians; then wazi's incremental rebuilds.

Run through Benchmarks/bench.sh (installs Hugo, builds wazi in release). Corpora come from
../shared/bench/gencorpus.py, so both tools build the same content. Wall time and peak RSS of each
run come from /usr/bin/time -v; the output is moved aside before every cold run (see `clear`).
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WAZI = os.path.join(ROOT, ".build", "release", "wazi")
GENCORPUS = os.path.abspath(os.path.join(ROOT, "..", "shared", "bench", "gencorpus.py"))
AS_OF = "2026-06-30"
OUTPUT_ROOT = ""


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (seconds, peak RSS in MiB, CPU seconds: user + system).
    The file system is synced first, untimed: the previous run's 200 MB of pages would otherwise be
    written back to disk during this one, by kernel threads taking a core from it."""
    os.sync()
    result = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), result.stderr[-3000:]))
    wall = rss = None
    cpu = 0.0
    for line in result.stderr.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            value = line.rsplit(" ", 1)[1]
            parts = [float(p) for p in value.split(":")]
            wall = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1]) / 1024
        elif line.startswith("User time (seconds)") or line.startswith("System time (seconds)"):
            cpu += float(line.rsplit(" ", 1)[1])
    return wall, rss, cpu


def corpus(work, pages):
    folder = os.path.join(work, "c%d" % pages)
    if not os.path.exists(os.path.join(folder, "hugo", "hugo.toml")):
        subprocess.run([sys.executable, GENCORPUS, "--pages", str(pages), "--out", folder, "--format", "both"],
                       check=True, stdout=subprocess.DEVNULL)
    return folder


def wazi_cmd(folder, output):
    return [WAZI, "build", "--content", os.path.join(folder, "wazi", "content"),
            "--templates", os.path.join(ROOT, "templates"), "--output", output, "--as-of", AS_OF]


def hugo_cmd(folder, output):
    return ["hugo", "--quiet", "--source", os.path.join(folder, "hugo"), "--destination", output]


def count_pages(output):
    return sum(1 for _, _, files in os.walk(output) for f in files if f.endswith(".html"))


TRASH = []  # folders of outputs moved aside, deleted when the benchmark ends


def clear(*paths):
    """Moves an output (with wazi's spare and caches) aside, to be deleted at the end. Deleting it
    here made every run on ext4 slower than the one before, for both tools: after tens of thousands
    of deletions, creating a file spends its time skipping the recently deleted inodes
    (the kernel's recently_deleted and find_inode_bit were most of a build's time)."""
    for path in paths:
        folder = os.path.dirname(path)
        if in_memory(folder):  # no such cost there, and the trash would fill the memory
            for victim in [path, os.path.join(folder, "." + os.path.basename(path) + ".wazi-spare"), os.path.join(folder, ".wazi-cache")]:
                shutil.rmtree(victim, ignore_errors=True)
            continue
        trash = os.path.join(folder, ".bench-trash")
        if trash not in TRASH:
            shutil.rmtree(trash, ignore_errors=True)
            TRASH.append(trash)
        os.makedirs(trash, exist_ok=True)
        # The retired site wazi keeps beside the output to recycle, and its caches: a cold build starts without them.
        for victim in [path, os.path.join(folder, "." + os.path.basename(path) + ".wazi-spare"), os.path.join(folder, ".wazi-cache")]:
            if os.path.lexists(victim):
                os.rename(victim, os.path.join(trash, "%d" % len(os.listdir(trash))))


def in_memory(path):
    """Whether path is on a tmpfs (or ramfs), by the longest mount point that holds it."""
    path, best, kind = os.path.realpath(path), "", ""
    with open("/proc/mounts") as mounts:
        for line in mounts:
            fields = line.split()
            point = fields[1]
            if (path == point or path.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
                best, kind = point, fields[2]
    return kind in ("tmpfs", "ramfs")


def empty_trash():
    for trash in TRASH:
        shutil.rmtree(trash, ignore_errors=True)


def outputs(folder, pages):
    """Where the builds write: beside the corpus (on its disk), or under --output-root (e.g. /dev/shm)."""
    root = os.path.join(OUTPUT_ROOT, "c%d" % pages) if OUTPUT_ROOT else folder
    os.makedirs(root, exist_ok=True)
    return root


def cold(work, sizes, runs):
    """Cold builds of every size, both tools: a warm-up each (file cache), then `runs` rounds. A round
    builds each size in turn, Hugo then wazi, so every wazi run follows a Hugo run of its size.
    Sizes take turns because this machine's speed drifts over minutes (a virtual machine's neighbours,
    its host taking memory back): built one size after the other, the 50,000 / 10,000 ratio measured
    the drift as much as wazi (x5.79 in one run, x4.96 the same hour with the sizes taking turns);
    each round's own ratio is printed beside the ratio of the medians.
    Returns {size: (folder, {"wazi": [(s, MiB, CPU s)], "hugo": [...]}, wazi pages, hugo pages)}."""
    places = {}
    for size in sizes:
        folder = corpus(work, size)
        root = outputs(folder, size)
        w_out, h_out = os.path.join(root, "wazi-out"), os.path.join(root, "hugo-out")
        clear(w_out, h_out)
        timed(wazi_cmd(folder, w_out))
        timed(hugo_cmd(folder, h_out))
        places[size] = (folder, w_out, h_out)
    results = {size: {"wazi": [], "hugo": []} for size in sizes}
    for _ in range(runs):
        for size in sizes:
            folder, w_out, h_out = places[size]
            clear(h_out)
            results[size]["hugo"].append(timed(hugo_cmd(folder, h_out)))
            clear(w_out)
            results[size]["wazi"].append(timed(wazi_cmd(folder, w_out)))
    return {size: (places[size][0], results[size], count_pages(places[size][1]), count_pages(places[size][2]))
            for size in sizes}


def incremental(folder, pages, runs):
    """Nothing changed, then one milestone edited, against the cold build; output checked against a clean build.
    The first edit after a clean build makes the staging folder the next ones recycle: it is one of the runs."""
    content = os.path.join(folder, "wazi", "content")
    root = outputs(folder, pages)
    output = os.path.join(root, "wazi-out")
    clear(output)
    cold_times = []
    for _ in range(runs):
        clear(output)
        cold_times.append(timed(wazi_cmd(folder, output))[0])
    nothing = [timed(wazi_cmd(folder, output))[0] for _ in range(runs)]
    milestones = os.path.join(content, "commitments", "KENMS0001", "milestones")
    target = os.path.join(milestones, sorted(f for f in os.listdir(milestones) if f.count(".") == 1)[0])
    original = open(target, encoding="utf-8").read()
    edited = []
    try:
        for i in range(runs):
            with open(target, "w", encoding="utf-8") as f:
                f.write(original.replace("title: ", "title: Edited %d – " % i, 1))
            edited.append(timed(wazi_cmd(folder, output))[0])
        clean = os.path.join(root, "wazi-clean")
        clear(clean)
        timed(wazi_cmd(folder, clean))
        same = subprocess.run(["diff", "-rq", output, clean], capture_output=True).returncode == 0
    finally:
        with open(target, "w", encoding="utf-8") as f:
            f.write(original)
    return cold_times, nothing, edited, same


def serve_latency(folder, runs):
    """`wazi serve`: from saving one milestone to the reload event a page listening would get, through
    a real event-stream client; and the time the build itself reported. The first edit after the
    server's first build is a warm-up (its staging folder is not yet a recycled site)."""
    content = os.path.join(folder, "wazi", "content")
    server = subprocess.Popen([WAZI, "serve", "--content", content, "--templates", os.path.join(ROOT, "templates"),
                               "--as-of", AS_OF, "--port", "0", "--timings"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    built = []  # seconds of each build, as --timings gives them
    try:
        port = None
        for line in server.stdout:
            found = re.match(r"serving http://127\.0\.0\.1:(\d+)/", line)
            if found:
                port = int(found.group(1))
                break
        if port is None:
            sys.exit("wazi serve did not start")

        def log_reader():
            for line in server.stdout:
                found = re.match(r"total +([\d.]+) s", line)
                if found:
                    built.append(float(found.group(1)))
        import threading
        threading.Thread(target=log_reader, daemon=True).start()
        stream = socket.create_connection(("127.0.0.1", port))
        stream.sendall(b"GET /__wazi/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        received = b""

        def wait_for(mark, after):
            nonlocal received
            while mark not in received[after:]:
                chunk = stream.recv(65536)
                if not chunk:
                    sys.exit("event stream closed")
                received += chunk
        wait_for(b"event: hello", 0)
        milestones = os.path.join(content, "commitments", "KENMS0001", "milestones")
        target = os.path.join(milestones, sorted(f for f in os.listdir(milestones) if f.count(".") == 1)[0])
        original = open(target, encoding="utf-8").read()
        latencies = []
        try:
            for i in range(runs + 1):
                time.sleep(0.5)
                mark = len(received)
                start = time.monotonic()
                with open(target, "w", encoding="utf-8") as f:
                    f.write(original.replace("title: ", "title: Served %d – " % i, 1))
                wait_for(b"event: reload", mark)
                latencies.append(time.monotonic() - start)
        finally:
            with open(target, "w", encoding="utf-8") as f:
                f.write(original)
        time.sleep(0.5)
        stream.close()
        return statistics.median(latencies[1:]), statistics.median(built[2:2 + runs]) if len(built) > 2 else float("nan")
    finally:
        server.terminate()
        server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/tmp/wazi-bench")
    parser.add_argument("--incremental", default="10000", help="corpus size for the incremental figures")
    parser.add_argument("--output-root", default="",
                        help="write the sites here instead of beside the corpora, e.g. /dev/shm to leave the disk out")
    args = parser.parse_args()
    global OUTPUT_ROOT
    OUTPUT_ROOT = args.output_root
    os.makedirs(args.work, exist_ok=True)
    print("wazi vs Hugo (%s), medians of %d rounds after a warm-up (a round: each size in turn, Hugo then wazi), "
          "%d cores, sites written to %s" % (
        subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1], args.runs, os.cpu_count(),
        args.output_root or "the corpus folder"))
    print("%7s | %21s | %21s | %13s" % ("pages", "wazi s  pages/s  MiB", "hugo s  pages/s  MiB", "wazi/hugo t  m"))
    rows = {}
    sizes = [int(s) for s in args.sizes.split(",")]
    measured = cold(args.work, sizes, args.runs)
    for size, (folder, results, w_pages, h_pages) in measured.items():
        w_t, w_m, w_cpu = (statistics.median(r[i] for r in results["wazi"]) for i in range(3))
        h_t, h_m, h_cpu = (statistics.median(r[i] for r in results["hugo"]) for i in range(3))
        rows[size] = (w_t, w_m)
        print("%7d | %6.2f %8.0f %6.0f | %6.2f %8.0f %6.0f | %6.2f %6.2f" % (
            size, w_t, w_pages / w_t, w_m, h_t, h_pages / h_t, h_m, w_t / h_t, w_m / h_m))
        print("        raw wazi: %s" % ", ".join("%.2fs/%.0fMiB" % r[:2] for r in results["wazi"]))
        print("        raw hugo: %s" % ", ".join("%.2fs/%.0fMiB" % r[:2] for r in results["hugo"]))
        print("        CPU (user + system), medians: wazi %.2fs, hugo %.2fs, ratio %.2f" % (w_cpu, h_cpu, w_cpu / h_cpu), flush=True)
    if 10000 in rows and 50000 in rows:
        # Each round's own ratio too: its two builds ran a minute apart, the medians' may come from
        # rounds far apart, when the machine ran at another speed.
        paired = [large[0] / small[0] for small, large in zip(measured[10000][1]["wazi"], measured[50000][1]["wazi"])]
        print("50,000 / 10,000 pages: time x%.2f (median of each round's ratio x%.2f: %s), memory x%.2f" % (
            rows[50000][0] / rows[10000][0], statistics.median(paired), ", ".join("%.2f" % r for r in paired),
            rows[50000][1] / rows[10000][1]))
    size = int(args.incremental)
    colds, nothings, edits, same = incremental(corpus(args.work, size), size, args.runs)
    cold_t, nothing, edited = statistics.median(colds), statistics.median(nothings), statistics.median(edits)
    print("incremental, %d pages: cold %.2fs; nothing changed %.3fs (%.1f%%); one milestone edited %.3fs (%.1f%%); "
          "output identical to a clean build: %s" % (size, cold_t, nothing, 100 * nothing / cold_t, edited,
                                                     100 * edited / cold_t, "yes" if same else "NO"))
    print("        raw: cold %s; nothing changed %s; edited, in order %s" % tuple(
        ", ".join("%.2f" % t for t in times) for times in (colds, nothings, edits)))
    latency, build = serve_latency(corpus(args.work, size), args.runs)
    print("wazi serve, %d pages: one milestone saved -> reload event %.3fs (the build itself %.3fs, %.1f%% of the cold build)"
          % (size, latency, build, 100 * build / cold_t))
    empty_trash()


if __name__ == "__main__":
    main()
