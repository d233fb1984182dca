#!/usr/bin/env python
"""This tree against a baseline commit, in one run: requests/s and latency, with ratios.

A measurement to read, not a test that fails. The machine is shared and noisy, so the two
trees are measured side by side, in interleaved rounds, and compared as ratios:

    .venv/bin/python bench/compare.py                      # against ce5e084, page cache off
    .venv/bin/python bench/compare.py --page-cache         # the page cache on (no Redis)
    .venv/bin/python bench/compare.py --baseline HEAD~3 --rounds 5 --duration 10

It checks the baseline out in a git worktree beside this one (reused by later runs), builds a
throw-away demo site for each tree (SQLite, production settings), serves each with the same
gunicorn command (sync workers, no recycling, no Redis), then for each round and each URL runs
wrk against one tree and then the other. It prints the median of the rounds: requests/s at
`--connections`, p50 and p99 latency there, and p50 at one connection; then this tree's figure
as a ratio of the baseline's. "search (varied)" asks a different three-word query each time
(a wrk Lua script), so the search result cache rarely answers; the static file is the floor.

Needs wrk (`apt-get install wrk`) and git. See bench/README.md ("Against a baseline").
"""

import argparse
import contextlib
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
URLS = {
    "PRP page": "/services/prp-hair-restoration/",
    "home": "/",
    "FAQ page": "/faqs/",
    "services": "/services/",
    "API listing": "/api/v2/pages/?type=services.ServicePage&fields=*",
}
SEARCH_WORDS = [
    *("hair", "loss", "prp", "platelet", "plasma", "consultation", "session", "results"),
    *("thinning", "scalp", "recovery", "pain", "cost", "price", "treatment", "injection"),
    *("blood", "growth", "women", "men", "side", "effects", "downtime", "booking", "clinic"),
    *("doctor", "numbing", "follicles", "months", "maintenance", "visit"),
]
SEARCH_SCRIPT = """
words = {WORDS}
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
request = function()
  local q = words[math.random(#words)] .. "+" .. words[math.random(#words)] .. "+" ..
            words[math.random(#words)]
  return wrk.format("GET", "/search/?q=" .. q)
end
""".replace("WORDS", ", ".join(f'"{word}"' for word in SEARCH_WORDS))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worktree_of(commit: str) -> Path:
    """The baseline's files, in a worktree next to the project (made once, then reused)."""
    sha = subprocess.check_output(["git", "rev-parse", commit], cwd=PROJECT_ROOT, text=True)
    sha = sha.strip()
    tree = Path(tempfile.gettempdir()) / f"clinic-baseline-{sha[:12]}"
    if not (tree / "manage.py").exists():
        subprocess.run(["git", "worktree", "prune"], cwd=PROJECT_ROOT, check=True)
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), sha],
            cwd=PROJECT_ROOT,
            check=True,
            capture_output=True,
        )
    return tree


def site_environment(workdir: Path, page_cache: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    env.pop("REDIS_URL", None)  # the embedded default: no Redis
    env.update(
        DJANGO_SETTINGS_MODULE="mysite.settings.production",
        DJANGO_SECRET_KEY="bench-" + secrets.token_urlsafe(40),
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_HTTPS="0",
        DJANGO_TASKS_WORKER="0",
        DJANGO_PAGE_CACHE_SECONDS="600" if page_cache else "0",
    )
    return env


def build_site(tree: Path, workdir: Path, env: dict) -> None:
    workdir.mkdir(parents=True)
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
        ["load_demo_content"],
    ):
        subprocess.run(
            [str(BIN / "python"), "manage.py", *command],
            cwd=tree,
            env=env,
            check=True,
            capture_output=True,
        )


def serve(tree: Path, env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "mysite.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--max-requests", "0", "--access-logfile", "/dev/null"]
        + ["--no-control-socket"],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(base + "/", timeout=10).read()
            return process, base
        time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"gunicorn did not start in {tree}")


def static_path(base: str) -> str:
    html = urllib.request.urlopen(base + "/", timeout=10).read().decode()
    return re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, connections: int, duration: int, script: str | None = None) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "-H"]
    command += ["Accept-Encoding: gzip"]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percentile in ("50", "99"):
        value, unit = re.search(rf"\s{percentile}%\s+([\d.]+)(us|ms|s)\b", output).groups()
        figures[f"p{percentile}"] = float(value) * UNITS[unit]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="ce5e084")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--page-cache", action="store_true", help="the page cache on")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    trees = {"this tree": PROJECT_ROOT, args.baseline: worktree_of(args.baseline)}
    scratch = Path(tempfile.mkdtemp(prefix="clinic-compare-"))
    servers, results = {}, {}
    script = scratch / "search.lua"
    script.write_text(SEARCH_SCRIPT)
    try:
        for name, tree in trees.items():
            env = site_environment(scratch / name.replace(" ", "-"), args.page_cache)
            print(f"Building the demo site of {name} ({tree})", file=sys.stderr)
            build_site(tree, scratch / name.replace(" ", "-"), env)
            servers[name] = serve(tree, env, args.workers)
        urls = dict(URLS)
        urls["static file (floor)"] = static_path(servers["this tree"][1])
        if not args.page_cache:
            urls["search (varied)"] = "/search/"
        for round_number in range(args.rounds):
            print(f"Round {round_number + 1} of {args.rounds}", file=sys.stderr)
            for label, path in urls.items():
                for name in trees:
                    base = servers[name][1]
                    url = base + (static_path(base) if "floor" in label else path)
                    lua = str(script) if label.startswith("search") else None
                    wrk(url, args.connections, 2, lua)  # warm every worker and cache
                    loaded = wrk(url, args.connections, args.duration, lua)
                    single = wrk(url, 1, max(3, args.duration // 2), lua)
                    loaded["p50@1"] = single["p50"]
                    results.setdefault((label, name), []).append(loaded)
    finally:
        for process, _ in servers.values():
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)
    report(results, list(urls), list(trees), args)


def report(results, labels, names, args) -> None:
    mode = "page cache on (no Redis)" if args.page_cache else "page cache off"
    print(f"\n{mode}; {args.workers} sync workers; {args.connections} connections; ", end="")
    print(f"median of {args.rounds} rounds of {args.duration} s\n")
    print("| URL | tree | req/s | p50 ms | p99 ms | p99/p50 | p50 ms @1 |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    medians = {}
    for label in labels:
        for name in names:
            runs = results[(label, name)]
            median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            medians[(label, name)] = median
            print(
                f"| {label} | {name} | {median['rps']:.0f} | {median['p50']:.2f} | "
                f"{median['p99']:.2f} | {median['p99'] / median['p50']:.1f} | "
                f"{median['p50@1']:.2f} |"
            )
    this, baseline = names
    print(f"\n| URL | req/s, this ÷ {baseline} | p50 @1, this ÷ {baseline} |")
    print("| --- | ---: | ---: |")
    for label in labels:
        ours, theirs = medians[(label, this)], medians[(label, baseline)]
        print(
            f"| {label} | {ours['rps'] / theirs['rps']:.2f}× | "
            f"{ours['p50@1'] / theirs['p50@1']:.2f}× |"
        )
    floor = medians[("static file (floor)", this)]
    print(
        f"\nThis tree, each URL's p50 @1 ÷ the static file's (the floor, {floor['p50@1']:.2f} ms):"
    )
    for label in labels:
        ratio = medians[(label, this)]["p50@1"] / floor["p50@1"]
        rps = floor["rps"] / medians[(label, this)]["rps"]
        print(f"- {label}: {ratio:.2f}× the floor's latency; the floor serves {rps:.2f}× its req/s")


if __name__ == "__main__":
    main()
