#!/usr/bin/env python3
"""Whole-process benchmark: negkg against the raw engine (the `oxigraph` CLI), pyoxigraph and
rdflib, on synthetic datasets of several sizes, in one run on one machine.

For each size N (claims; about 23 quads a claim) it measures:
  - load time and peak memory (GNU time) of the same N-Quads file into an on-disk store,
    compacted after the load: `negkg load` (bulk-loads the file, all or nothing, then compacts) vs
    `oxigraph load` then `oxigraph optimize` vs pyoxigraph's `Store.bulk_load` then
    `Store.optimize` vs rdflib's `Dataset.parse` (in memory; only up to --rdflib-max claims);
  - query latency, the median of repeated runs of the same SPARQL, in negkg (`query --repeat`),
    pyoxigraph and rdflib; each run evaluates the query and reads every answer (negkg iterates
    the solutions as a Rust program using the library would, pyoxigraph and rdflib build their
    lists of solution objects), without formatting them;
  - the DOT export time (`negkg export`), up to --dot-max claims;
  - start to first answer on the bundled data.

Usage:
  cargo build --release --features rocksdb
  cargo install oxigraph-cli
  scripts/benchmark.py --sizes 10000 100000 1000000 --work /tmp/negkg-bench

The Python packages (pyoxigraph at the engine's version, rdflib) are installed from PyPI when they
are missing; nothing binary is kept in the repository.

With --analyses it times the analyses instead, against DuckDB on the same claims (see
BENCHMARKS.md); with --analyses --on-disk --growth ROUNDS it then times how the whole-dataset
analyses grow from each size to the next, every size in turn within each round:
  scripts/benchmark.py --analyses --on-disk --cast per-negotiation --sizes 100000 1000000 \
      --reuse --growth 6 --work /tmp/negkg-bench

Prints a Markdown table for BENCHMARKS.md and writes the raw figures to WORK/results.json.
Public tools only; nothing leaves the machine.
"""
import argparse, json, math, os, shutil, statistics, subprocess, sys, time
from pathlib import Path

PREFIXES = "".join(f"PREFIX {p}: <{n}>\n" for p, n in [
    ("neg", "https://w3id.org/negkg/ontology#"),
    ("actor", "https://w3id.org/negkg/id/actor/"),
    ("place", "https://w3id.org/negkg/id/place/"),
    ("issue", "https://w3id.org/negkg/id/issue/"),
    ("action", "https://w3id.org/negkg/id/action/"),
    ("event", "https://w3id.org/negkg/id/event/"),
    ("source", "https://w3id.org/negkg/id/source/"),
    ("claim", "https://w3id.org/negkg/id/claim/"),
    ("evidence", "https://w3id.org/negkg/id/evidence/"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
])

# Small queries of our own, and named queries shipped with negkg (run by name in negkg, by
# their text in pyoxigraph and rdflib).
QUERIES = {
    "lookup": "SELECT ?claim ?label WHERE { ?claim neg:holder actor:person-1 ; rdfs:label ?label }",
    "join": "SELECT ?claim ?quote WHERE { ?claim neg:holder actor:state-1 ; neg:evidence ?e . ?e neg:quote ?quote }",
    "aggregate": "SELECT ?kind (COUNT(?claim) AS ?n) WHERE { ?claim neg:holder ?h ; a ?kind } GROUP BY ?kind",
}
NAMED = ["demands", "direct-edges", "positions", "timeline-actor", "accounts-of-event", "claims-of-source"]


def timed(command, **kwargs):
    """Runs a command under GNU time: (seconds, peak MiB, stdout, stderr)."""
    full = ["/usr/bin/time", "-f", "TIME %e %M"] + command
    done = subprocess.run(full, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    line = [l for l in done.stderr.splitlines() if l.startswith("TIME ")][-1]
    _, seconds, kib = line.split()
    return float(seconds), int(kib) / 1024, done.stdout, done.stderr


def rdflib_query(nq, text, repeat, timeout):
    """Median milliseconds of `text` in rdflib, or a dict saying why it was stopped: rdflib
    gets `timeout` seconds for its runs of a query (loading excluded; fewer runs when they are
    slow) and 8 GiB of address space."""
    code = (
        "import resource, rdflib, sys, time, statistics\n"
        "resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))\n"
        "d = rdflib.Dataset(default_union=True); d.parse(sys.argv[1], format='nquads')\n"
        "print('loaded', flush=True)\n"
        "q = sys.argv[2]; t = []\n"
        "for _ in range(int(sys.argv[3])):\n"
        "    a = time.perf_counter(); r = list(d.query(q)); t.append(time.perf_counter() - a)\n"
        "    if sum(t) > float(sys.argv[4]) / 2: break\n"
        "print(statistics.median(t) * 1000)")
    child = subprocess.Popen(python(code) + [str(nq), text, str(repeat), str(timeout)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    first = child.stdout.readline()  # the load is not timed
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return {"stopped": f"over {timeout} s"}
    if child.returncode != 0 or first.strip() != "loaded":
        reason = "out of memory (8 GiB)" if "MemoryError" in err else f"failed: {err.strip()[-200:]}"
        return {"stopped": reason}
    return float(out.strip())


# The Python packages the comparison needs, from PyPI: pyoxigraph at the version of the engine
# negkg embeds (Cargo.lock), so that both sides run the same engine.
PACKAGES = {"pyoxigraph": "pyoxigraph==0.5.13", "rdflib": "rdflib", "duckdb": "duckdb"}


def ensure_packages(names):
    missing = [PACKAGES[n] for n in names
               if subprocess.run([sys.executable, "-c", f"import {n}"], capture_output=True).returncode != 0]
    if missing:
        print(f"installing from PyPI: {' '.join(missing)}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *missing], check=True)


def python(code):
    return [sys.executable, "-c", code]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000, 1000000])
    parser.add_argument("--work", default="/tmp/negkg-bench")
    parser.add_argument("--negkg", default="target/release/negkg")
    parser.add_argument("--oxigraph", default="oxigraph")
    parser.add_argument("--rdflib-max", type=int, default=100000)
    parser.add_argument("--rdflib-timeout", type=int, default=60, help="seconds an rdflib query may take a run")
    parser.add_argument("--dot-max", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=20, help="runs per query up to 100k claims")
    parser.add_argument("--repeat-large", type=int, default=None,
                        help="runs per query beyond 100k claims (default: a quarter of --repeat, at least 3)")
    parser.add_argument("--queries", nargs="+", default=list(QUERIES) + NAMED,
                        help="which queries to time (default: all)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the data and stores of an earlier run in WORK and time only the queries and the "
                             "export (the load figures are taken from WORK/partial.json)")
    parser.add_argument("--warm", action="store_true",
                        help="read every file of the negkg and pyoxigraph stores before timing queries, so that both "
                             "start with their store in the page cache (for stores larger than the cache of one run)")
    parser.add_argument("--tables-from", nargs="+", metavar="JSON",
                        help="print the tables from the results.json of earlier runs (rows of all files in order) and stop")
    parser.add_argument("--analyses", action="store_true",
                        help="time the analyses instead (see --on-disk, --grouped-sql-max): negkg (from the claim index) against DuckDB "
                             "answering the same analysis in SQL (scripts/sql/) over the claims negkg exports as "
                             "tables, and check that both give the same rows")
    parser.add_argument("--on-disk", action="store_true",
                        help="with --analyses: load each size into an on-disk store (`negkg load`, which keeps the "
                             "claim index beside it; needs --features rocksdb), time that load against `oxigraph load` "
                             "and `oxigraph optimize`, and run every analysis on the store, also once as a whole "
                             "command (open, read the index, answer)")
    parser.add_argument("--cast", default="shared", choices=["shared", "per-negotiation"],
                        help="with --analyses: the generator's cast (`negkg generate --cast`): shared (the default: "
                             "one cast for every claim, so that each actor and event gathers more claims as the data "
                             "grows) or per-negotiation (more negotiations of the same size); the data and stores of "
                             "per-negotiation go to WORK/analyses-per-negotiation-N")
    parser.add_argument("--grouped-sql-max", type=int, default=1000000,
                        help="with --analyses: run the SQL of conflicts and common ground up to this many claims")
    parser.add_argument("--growth", type=int, default=0, metavar="ROUNDS",
                        help="with --analyses --on-disk: then time how the whole-dataset analyses grow from each "
                             "size to the next, in ROUNDS rounds that run every size in turn (so that a slow spell "
                             "of the machine falls on all sizes alike), both warm (the p50 of --repeat runs in one "
                             "process, as above) and cold (one run in a fresh process after a buffer larger than "
                             "the processor's caches was read); prints the growth per 10x claims by medians and "
                             "by minimums")
    args = parser.parse_args()
    if args.analyses:
        ensure_packages(["duckdb"])
        analyses(args)
        return
    if args.tables_from:
        saved = [json.loads(Path(f).read_text()) for f in args.tables_from]
        rows = [row for s in saved for row in s["rows"]]
        names = [n for n in list(QUERIES) + NAMED if any(f"negkg_{n}_ms" in r for r in rows)]
        print_tables(rows, saved[-1].get("startup_ms"), names, args.rdflib_timeout)
        return
    ensure_packages(PACKAGES)
    negkg = str(Path(args.negkg).resolve())
    texts = {name: text for name, text in QUERIES.items() if name in args.queries}
    for name in NAMED:
        if name in args.queries:
            texts[name] = subprocess.run([negkg, "queries", name], check=True, capture_output=True, text=True).stdout
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        folder = work / str(size)
        nq = folder / "negkg.nq"
        print(f"== {size} claims", file=sys.stderr)
        if args.reuse:
            saved = json.loads((work / "partial.json").read_text())
            row = {k: v for k, v in next(r for r in saved if r["claims"] == size).items()
                   if k in ("claims", "quads", "bytes") or k.endswith("_load")}
        else:
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            subprocess.run([negkg, "generate", "--claims", str(size), "--out", str(folder), "--format", "nq"], check=True, capture_output=True)
            quads = sum(1 for _ in open(nq, "rb"))
            row = {"claims": size, "quads": quads, "bytes": nq.stat().st_size}
        # Loads.
        def note(what, value):
            row[what] = value
            print(f"   {what}: {value}", file=sys.stderr, flush=True)
            (work / "partial.json").write_text(json.dumps(results + [row], indent=2))
        if not args.reuse:
            note("negkg_load", timed([negkg, "load", "--no-bundled", "--store", str(folder / "negkg-store"), str(nq)])[:2])
            # Each store is compacted after its bulk load, as `negkg load` does by default: without
            # it RocksDB reads through many overlapping files, and queries on a large store are
            # several times slower (BENCHMARKS.md).
            load = timed([args.oxigraph, "load", "--location", str(folder / "oxigraph-store"), "--file", str(nq)])
            optimize = timed([args.oxigraph, "optimize", "--location", str(folder / "oxigraph-store")])
            note("oxigraph_load", (load[0] + optimize[0], max(load[1], optimize[1])))
            note("pyoxigraph_load", timed(python(
                "import pyoxigraph as o, sys; s = o.Store(sys.argv[1]); "
                "s.bulk_load(path=sys.argv[2], format=o.RdfFormat.N_QUADS); s.flush(); s.optimize()")
                + [str(folder / "pyoxigraph-store"), str(nq)])[:2])
            if size <= args.rdflib_max:
                note("rdflib_load", timed(python(
                    "import rdflib, sys; d = rdflib.Dataset(); d.parse(sys.argv[1], format='nquads'); print(len(d))")
                    + [str(nq)])[:2])
        if args.warm:
            for store in ("negkg-store", "pyoxigraph-store"):
                for f in sorted((folder / store).iterdir()):
                    with open(f, "rb") as handle:
                        while handle.read(1 << 24):
                            pass
        # Query latency (p50 over repeated runs, in milliseconds).
        large = args.repeat_large if args.repeat_large is not None else max(3, args.repeat // 4)
        repeat = args.repeat if size <= 100000 else large
        for name, text in texts.items():
            query_file = folder / f"{name}.rq"
            query_file.write_text(text)
            print(f"   query {name}", file=sys.stderr)
            _, _, _, err = timed([negkg, "query", "--store", str(folder / "negkg-store"), "--file", str(query_file),
                                  "--repeat", str(repeat), "--format", "csv", "-o", os.devnull])
            p50 = float(err.split("p50 ")[1].split(" ms")[0])
            note(f"negkg_{name}_ms", p50)
            _, _, out, _ = timed(python(
                "import pyoxigraph as o, sys, time, statistics\n"
                "s = o.Store.read_only(sys.argv[1]); q = sys.argv[2]; n = int(sys.argv[3]); t = []\n"
                "for _ in range(n):\n"
                "    a = time.perf_counter(); r = list(s.query(q, use_default_graph_as_union=True)); t.append(time.perf_counter() - a)\n"
                "print(statistics.median(t) * 1000)")
                + [str(folder / "pyoxigraph-store"), PREFIXES + text, str(repeat)])
            note(f"pyoxigraph_{name}_ms", float(out.strip()))
            if size <= args.rdflib_max:
                note(f"rdflib_{name}_ms", rdflib_query(nq, PREFIXES + text, max(3, repeat // 4), args.rdflib_timeout))
        if size <= args.dot_max:
            note("negkg_dot_export", timed([negkg, "export", "--store", str(folder / "negkg-store"), "-o", os.devnull])[:2])
        results.append(row)
        print(json.dumps(row), file=sys.stderr)
    # Start to first answer on the bundled data.
    runs = []
    for _ in range(20):
        a = time.perf_counter()
        subprocess.run([negkg, "query", "ASK { actor:vatican neg:offersToHost ?e }"], check=True, capture_output=True)
        runs.append((time.perf_counter() - a) * 1000)
    startup = statistics.median(runs)
    (work / "results.json").write_text(json.dumps({"rows": results, "startup_ms": startup}, indent=2))
    print_tables(results, startup, list(texts), args.rdflib_timeout)


# The analyses compared with DuckDB: negkg's named query and bindings, the SQL file and its
# variables, the columns both answers are compared on (negkg's, then the SQL's), and the rows
# asked for (None: all of them; a number: the first rows of the ranked answer, as `--limit`).
ANALYSES = [
    ("positions as of a day", "positions", {"asOf": "2024-06-01"}, "positions.sql",
     {"as_of": "DATE '2024-06-01'"},
     ["actor", "issue", "claim", "kind", "statedOn", "source"],
     ["actor", "issue", "claim", "kind", "stated_on", "source"], None),
    ("timeline of one actor", "timeline-actor", {"actor": "actor:state-1"}, "timeline-actor.sql",
     {"actor": "'https://w3id.org/negkg/id/actor/state-1'"},
     ["claim", "source", "statedOn", "quote"], ["claim", "source", "stated_on", "quote"], None),
    ("accounts of one event", "accounts-of-event", {"event": "event:event-1"}, "accounts-of-event.sql",
     {"event": "'https://w3id.org/negkg/id/event/event-1'"},
     ["event", "reporter", "source", "claim", "quote"], ["event", "reporter", "source", "claim", "quote"], None),
    ("claims of one source", "claims-of-source", {"source": "source:source-1"}, "claims-of-source.sql",
     {"source": "'https://w3id.org/negkg/id/source/source-1'"},
     ["source", "claim", "statedOn", "quote"], ["source", "claim", "stated_on", "quote"], None),
    ("conflicts, grouped", "conflicts", {}, "conflicts.sql", {},
     ["partyA", "partyB", "about", "kinds", "pairs", "claimsA", "claimsB", "first", "latest", "claimA", "claimB"],
     ["party_a", "party_b", "about", "kinds", "pairs", "claims_a", "claims_b", "first", "latest", "claim_a",
      "claim_b"], None),
    ("conflicts, grouped, first 25", "conflicts", {}, "conflicts-ranked.sql", {},
     ["partyA", "partyB", "about", "kinds", "pairs", "claimsA", "claimsB", "first", "latest", "claimA", "claimB"],
     ["party_a", "party_b", "about", "kinds", "pairs", "claims_a", "claims_b", "first", "latest", "claim_a",
      "claim_b"], 25),
    ("common ground, grouped, first 25", "common-ground", {}, "common-ground.sql", {},
     ["partyA", "partyB", "action", "bases", "claimsA", "claimsB", "first", "latest", "claimA", "claimB"],
     ["party_a", "party_b", "action", "bases", "claims_a", "claims_b", "first", "latest", "claim_a", "claim_b"], 25),
]


def analysis_key(name, limit):
    """The name of one analysis's results: the named query, and the rows asked for."""
    return name if limit is None else f"{name}-first-{limit}"


def analyses(args):
    """negkg's analyses against DuckDB on the same claims, size by size."""
    import csv, duckdb
    negkg = str(Path(args.negkg).resolve())
    sql_dir = Path(__file__).resolve().parent / "sql"
    work = Path(args.work)
    results = []
    for size in args.sizes:
        cast = "" if args.cast == "shared" else f"{args.cast}-"
        folder = work / f"analyses-{cast}{size}"
        folder.mkdir(parents=True, exist_ok=True)
        nq = folder / "negkg.nq"
        if not nq.exists():
            subprocess.run([negkg, "generate", "--claims", str(size), "--cast", args.cast, "--out", str(folder),
                            "--format", "nq"], check=True, capture_output=True)
        data = ["--no-bundled", "--data", str(nq)]
        print(f"== {size} claims", file=sys.stderr)
        row = {"claims": size}
        if args.on_disk:
            store = folder / "negkg-store"
            if not (args.reuse and (store / "CURRENT").exists()):
                shutil.rmtree(store, ignore_errors=True)
                load = timed([negkg, "load", "--store", str(store), "--no-bundled", str(nq)])
                row["negkg_load_s"], row["negkg_load_mib"] = load[0], load[1]
                print(f"   negkg load (index included): {load[0]:.1f} s, {load[1]:.0f} MiB", file=sys.stderr)
                if shutil.which(args.oxigraph):
                    raw = folder / "oxigraph-store"
                    shutil.rmtree(raw, ignore_errors=True)
                    first = timed([args.oxigraph, "load", "--location", str(raw), "--file", str(nq)])
                    second = timed([args.oxigraph, "optimize", "--location", str(raw)])
                    row["oxigraph_load_s"] = first[0] + second[0]
                    shutil.rmtree(raw, ignore_errors=True)
                    print(f"   oxigraph load + optimize: {row['oxigraph_load_s']:.1f} s", file=sys.stderr)
            row["index_mib"] = (store / "negkg-claim-index.bin").stat().st_size / 2**20
            data = ["--store", str(store)]
        start = time.perf_counter()
        subprocess.run([negkg, "export", *data, "--format", "tables", "-o", str(folder / "tables")],
                       check=True, capture_output=True)
        row["export_s"] = time.perf_counter() - start
        con = duckdb.connect()
        # DuckDB spills to ./.tmp by default: keep it in the work folder, out of the checkout.
        con.execute(f"SET temp_directory = '{work / 'duckdb-tmp'}'")
        start = time.perf_counter()
        for table in sorted((folder / "tables").glob("*.csv")):
            con.execute(f"CREATE TABLE {table.stem} AS SELECT * FROM read_csv('{table}', header = true)")
        row["duckdb_load_s"] = time.perf_counter() - start
        repeat = args.repeat if size <= 100000 else max(3, args.repeat // 4)
        for title, name, bindings, sql_file, variables, ours, theirs, limit in ANALYSES:
            print(f"   {title}", file=sys.stderr)
            key = analysis_key(name, limit)
            out = folder / f"{key}.csv"
            command = [negkg, "query", *data, "--name", name, "--repeat", str(repeat), "--format", "csv",
                       "-o", str(out)]
            for variable, value in bindings.items():
                command += ["--bind", f"{variable}={value}"]
            if limit is not None:
                command += ["--limit", str(limit)]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            line = [l for l in done.stderr.splitlines() if " p50 " in l][-1]
            entry = {"negkg_ms": float(line.split("p50 ")[1].split(" ms")[0]),
                     "index_ms": float(line.split(" in ")[1].split(" ms")[0])}
            if args.on_disk:
                # The whole command, as a user runs it: start, open the store, read the index,
                # answer, write the CSV.
                once = [c for c in command if c not in ("--repeat", str(repeat))]
                walls = []
                for _ in range(3):
                    start = time.perf_counter()
                    subprocess.run(once, check=True, capture_output=True)
                    walls.append((time.perf_counter() - start) * 1000)
                entry["command_ms"] = statistics.median(walls)
            with open(out, newline="", encoding="utf-8") as handle:
                negkg_rows = list(csv.DictReader(handle))
            entry["rows"] = len(negkg_rows)
            grouped = name in ("conflicts", "common-ground")
            if sql_file and grouped and size > args.grouped_sql_max:
                print(f"   SQL not run above --grouped-sql-max {args.grouped_sql_max}", file=sys.stderr)
            elif sql_file:
                query = (sql_dir / sql_file).read_text()
                if "{conflicts}" in query:
                    # The whole answer's SQL, without its ORDER BY, as a subquery.
                    whole = (sql_dir / "conflicts.sql").read_text()
                    query = query.replace("{conflicts}", whole[:whole.rindex("ORDER BY")].strip())
                for variable, value in variables.items():
                    con.execute(f"SET VARIABLE {variable} = {value}")
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    answer = con.execute(query).fetchall()
                    times.append((time.perf_counter() - start) * 1000)
                entry["duckdb_ms"] = statistics.median(times)
                expected = sorted(tuple("" if v is None else str(v) for v in r) for r in answer)
                got = sorted(tuple(r[c] for c in ours) for r in negkg_rows)
                entry["same_rows"] = expected == got
                if not entry["same_rows"]:
                    only_negkg = [r for r in got if r not in set(expected)][:3]
                    only_sql = [r for r in expected if r not in set(got)][:3]
                    print(f"   DIFFERENT ROWS: negkg {len(got)}, DuckDB {len(expected)}; only negkg {only_negkg}; "
                          f"only DuckDB {only_sql}", file=sys.stderr)
            row[key] = entry
            print(f"   {json.dumps(entry)}", file=sys.stderr)
        results.append(row)
        name = "analyses.json" if args.cast == "shared" else f"analyses-{args.cast}.json"
        (work / name).write_text(json.dumps(results, indent=2))
    disk = args.on_disk
    print("| claims | analysis | rows | negkg p50 | DuckDB p50 | negkg ÷ DuckDB | same rows | index "
          + ("read | whole command |" if disk else "build |"))
    print("|---:|---|---:|---:|---:|---:|:---:|---:|" + ("---:|" if disk else ""))
    for row in results:
        for title, name, *_, limit in ANALYSES:
            e = row[analysis_key(name, limit)]
            duck = e.get("duckdb_ms")
            duck_text = f"{duck:.2f} ms" if duck is not None else "SQL not run"
            ratio_text = f"{e['negkg_ms'] / duck:.2f}×" if duck else "–"
            same = "–" if duck is None else ("yes" if e.get("same_rows") else "NO")
            print(f"| {row['claims']:,} | {title} | {e['rows']:,} | {e['negkg_ms']:.2f} ms | {duck_text} "
                  f"| {ratio_text} | {same} | {e['index_ms']:.0f} ms |"
                  + (f" {e['command_ms']:.0f} ms |" if disk else ""))
    for row in results:
        if "negkg_load_s" in row:
            raw = row.get("oxigraph_load_s")
            versus = f" against `oxigraph load` + `optimize` {raw:.1f} s ({row['negkg_load_s'] / raw:.2f}×)" if raw else ""
            print(f"\n{row['claims']:,} claims: `negkg load` {row['negkg_load_s']:.1f} s, {row['negkg_load_mib']:.0f} MiB, "
                  f"claim index included ({row['index_mib']:.0f} MiB on disk){versus}")
    mismatched = [f"{row['claims']} {title}" for row in results for title, name, *_, limit in ANALYSES
                  if row[analysis_key(name, limit)].get("same_rows") is False]
    for row in results:
        print(f"\n{row['claims']:,} claims: `negkg export --format tables` {row['export_s']:.1f} s (load and "
              f"index included); DuckDB reads the tables in {row['duckdb_load_s']:.2f} s")
    if args.growth and disk and len(results) > 1:
        growth(args, negkg, [work / f"analyses-{'' if args.cast == 'shared' else args.cast + '-'}{row['claims']}"
                             for row in results], [row["claims"] for row in results])
    if mismatched:
        raise SystemExit(f"negkg and DuckDB give different rows: {', '.join(mismatched)}")


# The whole-dataset analyses whose growth --growth times: title, named query, arguments.
GROWTH = [
    ("positions as of a day", "positions", ["--bind", "asOf=2024-06-01"]),
    ("conflicts, grouped, first 25", "conflicts", ["--limit", "25"]),
    ("conflicts, grouped", "conflicts", []),
    ("common ground, grouped, first 25", "common-ground", ["--limit", "25"]),
]


def evict_caches(buffer):
    """Reads a buffer larger than the processor's caches, so that the next run finds none of its
    data there (the store's files stay in the page cache)."""
    view = memoryview(buffer)
    total = 0
    for start in range(0, len(buffer), 1 << 20):
        total += sum(view[start:start + (1 << 20):64])
    return total


def growth(args, negkg, folders, sizes):
    """How the whole-dataset analyses grow from each size to the next: every size run in turn
    within each round, warm and cold."""
    # Written, so that it takes real memory (a buffer of zeros maps one shared page).
    buffer = bytearray(b"\x01") * (512 << 20)
    def p50(command):
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        line = [l for l in done.stderr.splitlines() if " p50 " in l][-1]
        return float(line.split("p50 ")[1].split(" ms")[0])
    print(f"\n== growth: {args.growth} rounds, every size in turn within each round", file=sys.stderr)
    print("\n| analysis | claims | warm p50, median of rounds | warm growth per 10× claims, medians · minimums "
          "| cold run, median of rounds | cold growth per 10× claims, medians · minimums |")
    print("|---|---|---:|---:|---:|---:|")
    for title, name, extra in GROWTH:
        warm = {size: [] for size in sizes}
        cold = {size: [] for size in sizes}
        for _ in range(args.growth):
            for size, folder in zip(sizes, folders):
                command = [negkg, "query", "--store", str(folder / "negkg-store"), "--name", name, *extra,
                           "--format", "csv", "-o", os.devnull]
                repeat = args.repeat if size <= 100000 else max(3, args.repeat // 4)
                warm[size].append(p50([*command, "--repeat", str(repeat)]))
                evict_caches(buffer)
                cold[size].append(p50([*command, "--repeat", "1"]))
        for small, large in zip(sizes, sizes[1:]):
            # Growth per 10× claims: the measured ratio brought to a tenfold step.
            power = math.log(10) / math.log(large / small)
            def per_ten(times, pick):
                return (pick(times[large]) / pick(times[small])) ** power
            print(f"| {title} | {small:,} → {large:,} "
                  f"| {statistics.median(warm[small]):.2f} → {statistics.median(warm[large]):.2f} ms "
                  f"| {per_ten(warm, statistics.median):.1f}× · {per_ten(warm, min):.1f}× "
                  f"| {statistics.median(cold[small]):.2f} → {statistics.median(cold[large]):.2f} ms "
                  f"| {per_ten(cold, statistics.median):.1f}× · {per_ten(cold, min):.1f}× |")


def print_tables(results, startup, names, rdflib_timeout):
    """Prints the Markdown tables of BENCHMARKS.md."""
    def ratio(a, b):
        return f"{a / b:.2f}×" if b else "–"
    print("| claims | quads | negkg load | oxigraph CLI | pyoxigraph | rdflib | negkg ÷ oxigraph |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        rd = r.get("rdflib_load")
        print(f"| {r['claims']:,} | {r['quads']:,} | {r['negkg_load'][0]:.1f} s, {r['negkg_load'][1]:.0f} MiB "
              f"| {r['oxigraph_load'][0]:.1f} s, {r['oxigraph_load'][1]:.0f} MiB "
              f"| {r['pyoxigraph_load'][0]:.1f} s, {r['pyoxigraph_load'][1]:.0f} MiB "
              f"| {f'{rd[0]:.1f} s, {rd[1]:.0f} MiB' if rd else 'not run'} "
              f"| {ratio(r['negkg_load'][0], r['oxigraph_load'][0])} |")
    print()
    print("| claims | query | negkg p50 | pyoxigraph p50 | rdflib p50 | negkg ÷ pyoxigraph | rdflib ÷ negkg |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in results:
        for name in names:
            if f"negkg_{name}_ms" not in r:
                continue
            n, p = r[f"negkg_{name}_ms"], r[f"pyoxigraph_{name}_ms"]
            rd = r.get(f"rdflib_{name}_ms")
            if isinstance(rd, dict):
                rd_text = f"stopped: {rd['stopped']}"
                timeout_ms = rdflib_timeout * 1000
                rd_ratio = f"> {timeout_ms / n:.0f}×" if "over" in rd["stopped"] else "–"
            elif rd:
                rd_text, rd_ratio = f"{rd:.1f} ms", ratio(rd, n)
            else:
                rd_text, rd_ratio = "not run", "–"
            print(f"| {r['claims']:,} | {name} | {n:.2f} ms | {p:.2f} ms | {rd_text} "
                  f"| {ratio(n, p)} | {rd_ratio} |")
    print()
    for r in results:
        if "negkg_dot_export" in r:
            print(f"DOT export, {r['claims']:,} claims: {r['negkg_dot_export'][0]:.1f} s, {r['negkg_dot_export'][1]:.0f} MiB")
    if startup is not None:
        print(f"Start to first answer on the bundled data: {startup:.1f} ms (median of 20)")


if __name__ == "__main__":
    main()
