#!/usr/bin/env python3
"""Times each page of the web app of a running `negkg serve`, beside the analysis behind it.

Usage:
  negkg generate --claims 10000 --out /tmp/negkg-pages
  negkg serve --no-bundled --data /tmp/negkg-pages/negkg.nq &      # in memory
  # or, on disk: negkg load --no-bundled --store /tmp/negkg-pages/kg /tmp/negkg-pages/negkg.nq
  #              negkg serve --no-bundled --store /tmp/negkg-pages/kg &
  scripts/page-times.py [--url http://127.0.0.1:7878] [--repeat 5]

It picks the busiest actor, issue, event, source and place and one claim with SPARQL, asks
each page once to warm up, then --repeat times, and prints the median time of each page and
of the analysis behind it (`/analysis?name=…`, answered from the claim index), with their
ratio. Exits 1 if a page does not answer 200. Standard library only; loopback only.
"""
import argparse, json, statistics, sys, time, urllib.parse, urllib.request

PICK = {
    "actor": "SELECT ?x (COUNT(?c) AS ?n) WHERE { ?c neg:holder ?x } GROUP BY ?x ORDER BY DESC(?n) LIMIT 1",
    "issue": "SELECT ?x (COUNT(?c) AS ?n) WHERE { ?c neg:issue ?x } GROUP BY ?x ORDER BY DESC(?n) LIMIT 1",
    "event": "SELECT ?x (COUNT(?c) AS ?n) WHERE { ?c neg:event ?x } GROUP BY ?x ORDER BY DESC(?n) LIMIT 1",
    "place": "SELECT ?x (COUNT(?c) AS ?n) WHERE { ?c neg:place ?x } GROUP BY ?x ORDER BY DESC(?n) LIMIT 1",
    "source": "SELECT ?x WHERE { ?x a neg:Source } LIMIT 1",
    "claim": "SELECT ?x WHERE { ?x neg:supersedes ?older ; neg:respondsTo ?other } LIMIT 1",
}
BASE = "https://w3id.org/negkg"


def get(url, accept="text/html"):
    request = urllib.request.Request(url, headers={"Accept": accept})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        body = response.read()
        status = response.status
    return time.perf_counter() - started, status, body


def pick(root, query):
    url = root + "/query?" + urllib.parse.urlencode({"query": query})
    _, _, body = get(url, "application/sparql-results+json")
    rows = json.loads(body)["results"]["bindings"]
    return rows[0]["x"]["value"] if rows else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:7878")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = args.url.rstrip("/")
    if urllib.parse.urlparse(root).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("refusing to time a non-loopback address")
    found = {kind: pick(root, query) for kind, query in PICK.items()}
    if found["claim"] is None:
        found["claim"] = pick(root, "SELECT ?x WHERE { ?x neg:holder ?h } LIMIT 1")
    path = lambda kind: found[kind][len(BASE):] if found[kind] else None
    q = urllib.parse.quote
    pages = [
        ("overview", "/", "/analysis?name=positions"),
        ("conflicts", "/conflicts", "/analysis?name=conflicts&limit=25"),
        ("common ground", "/common-ground", "/analysis?name=common-ground&limit=25"),
        ("search", "/search?q=state", None),
        ("actor", path("actor"), f"/analysis?name=timeline-actor&actor={q('<' + str(found['actor']) + '>')}"),
        ("issue", path("issue"), f"/analysis?name=timeline-issue&issue={q('<' + str(found['issue']) + '>')}"),
        ("event", path("event"), f"/analysis?name=accounts-of-event&event={q('<' + str(found['event']) + '>')}"),
        ("source", path("source"), f"/analysis?name=claims-of-source&source={q('<' + str(found['source']) + '>')}"),
        ("place", path("place"), None),
        ("claim", path("claim"), None),
        ("actor as Turtle", (path("actor") or "") + ".ttl", None),
        ("graph picture (actor)", f"/graph.svg?actor={q(str(found['actor']))}", None),
    ]
    failed = False
    print(f"{'page':24} {'path':48} {'page ms':>9} {'analysis ms':>12} {'ratio':>6}")
    for name, page, analysis in pages:
        if not page:
            print(f"{name:24} (nothing to show in this store)")
            continue
        times, analysis_times = [], []
        try:
            get(root + page)
            for _ in range(args.repeat):
                elapsed, status, _ = get(root + page)
                times.append(elapsed)
            if analysis:
                get(root + analysis, "application/sparql-results+json")
                for _ in range(args.repeat):
                    elapsed, _, _ = get(root + analysis, "application/sparql-results+json")
                    analysis_times.append(elapsed)
        except Exception as error:  # noqa: BLE001 - every failure is reported
            print(f"{name:24} {page[:48]:48} FAILED: {error}")
            failed = True
            continue
        page_ms = statistics.median(times) * 1000
        shown = page if len(page) <= 48 else page[:45] + "..."
        if analysis_times:
            analysis_ms = statistics.median(analysis_times) * 1000
            print(f"{name:24} {shown:48} {page_ms:9.1f} {analysis_ms:12.1f} {page_ms / max(analysis_ms, 0.001):6.2f}")
        else:
            print(f"{name:24} {shown:48} {page_ms:9.1f} {'':>12} {'':>6}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
