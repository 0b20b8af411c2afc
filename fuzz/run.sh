#!/usr/bin/env bash
# Fuzzes each negkg entry point with cargo fuzz (libFuzzer; needs a nightly toolchain and
# `cargo install cargo-fuzz`). Seeds come from files already in the repository; the growing
# corpus and any crash artifacts stay under fuzz/ (ignored by git).
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 600 s, every target)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(data_file rdf_import extract sparql)
fi
seed() {
  local target=$1
  mkdir -p "corpus/$target"
  case $target in
    data_file)
      cp ../tests/nasty/*.toml ../tests/fixtures/*.toml ../data/*.toml "corpus/$target/"
      ls ../data/sources/*.toml | head -5 | xargs -I{} cp {} "corpus/$target/" ;;
    rdf_import)
      # The first byte picks the format: 0 Turtle, 1 N-Triples, 2 N-Quads, 3 TriG, 4 RDF/XML,
      # 5 JSON-LD.
      for f in ../tests/fixtures/*.ttl; do (printf '\000'; cat "$f") > "corpus/$target/$(basename "$f")"; done
      (printf '\002'; cat ../tests/nasty/bad.nq) > "corpus/$target/bad.nq"
      (printf '\004'; cat ../tests/nasty/bad.rdf) > "corpus/$target/bad.rdf"
      (printf '\005'; cat ../tests/nasty/bad.jsonld) > "corpus/$target/bad.jsonld" ;;
    extract)
      for d in ../tests/eval/*/; do
        if [ -f "$d/article.txt" ]; then cp "$d/article.txt" "corpus/$target/$(basename "$d").txt"; fi
      done
      cp ../tests/fixtures/article.txt ../tests/fixtures/article.html "corpus/$target/" ;;
    sparql)
      cp ../queries/*.rq ../tests/fixtures/*.rq "corpus/$target/" ;;
  esac
}
for target in "${targets[@]}"; do
  seed "$target"
  echo "fuzzing $target for $seconds s" >&2
  # A crash stops this target (its input is in fuzz/artifacts/TARGET/), not the others.
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 ||
    echo "fuzz/run.sh: $target stopped on a crash or a hang: see fuzz/artifacts/$target/" >&2
done
