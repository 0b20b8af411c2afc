#!/usr/bin/env python3
"""Load test of `negkg serve`: N queries from C concurrent clients over HTTP on loopback.

Usage: scripts/load-test.py [--url http://127.0.0.1:7878/query] [--queries 2000] [--clients 16]

Each client sends the bundled named queries in turn (SELECT, with JSON results) and checks
each answer is 200 and parses. Prints throughput and latency percentiles; exits 1 if any
query failed. Standard library only; it never targets anything but the given URL.
"""
import argparse, json, statistics, sys, threading, time, urllib.parse, urllib.request

QUERIES = [
    "SELECT ?p WHERE { actor:russia neg:demandsWithdrawalFrom ?p }",
    "SELECT ?claim ?label WHERE { ?claim a neg:Demand ; rdfs:label ?label } LIMIT 50",
    "SELECT ?holder (COUNT(?c) AS ?n) WHERE { ?c neg:holder ?holder } GROUP BY ?holder ORDER BY DESC(?n)",
    "SELECT ?e ?q WHERE { ?c neg:event event:trump-putin-call-2025-05-19 ; neg:evidence ?e . ?e neg:quote ?q }",
    "ASK { actor:vatican neg:offersToHost ?talks }",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:7878/query")
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    host = urllib.parse.urlparse(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("refusing to load a non-loopback address")
    latencies, failures, lock = [], [], threading.Lock()
    counter = iter(range(args.queries))

    def client():
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                return
            query = QUERIES[index % len(QUERIES)]
            request = urllib.request.Request(
                args.url,
                data=query.encode(),
                headers={"Content-Type": "application/sparql-query",
                         "Accept": "application/sparql-results+json"},
            )
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    body = response.read()
                    json.loads(body)
                    ok = response.status == 200
            except Exception as error:  # noqa: BLE001 - every failure is counted
                ok = False
                with lock:
                    failures.append(str(error))
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000
    print(f"{args.queries} queries, {args.clients} clients: {len(latencies)} answered, {len(failures)} failed")
    print(f"throughput {len(latencies) / wall:.0f} queries/s over {wall:.2f} s")
    print(f"latency p50 {percentile(50):.1f} ms, p99 {percentile(99):.1f} ms, max {latencies[-1] * 1000:.1f} ms, mean {statistics.mean(latencies) * 1000:.1f} ms")
    if failures:
        print("first failure:", failures[0])
        sys.exit(1)


if __name__ == "__main__":
    main()
