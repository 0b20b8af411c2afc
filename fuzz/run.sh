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
      cp ../tests/fixtures/article.txt ../tests/fixtures/article.html "corpus/$target/"
      # News text is full of multi-byte characters: dashes, curly quotes, other scripts.
      cp seeds/extract/*.txt ../tests/nasty/fuzz-extract-*.txt "corpus/$target/" ;;
    sparql)
      cp ../queries/*.rq ../tests/fixtures/*.rq "corpus/$target/" ;;
  esac
}
# The extractor's dictionary: every quoted phrase of its lexicon files (trigger phrases, verb
# classes in their base form, cues) and the multi-byte characters news text carries, so that
# mutations put dashes, quotes and other scripts right beside the phrases that trigger rules.
extract_dictionary() {
  python3 - <<'PY'
import glob, re
words = set()
for path in glob.glob("../extract/*.toml"):
    for line in open(path, encoding="utf-8"):
        if not line.lstrip().startswith("#"):
            words.update(w for w in re.findall(r'"([^"\\]{2,40})"', line))
words.update(["\u2014", "\u2013", "\u201c", "\u201d", "\u2018", "\u2019", "\u00a0", "\u2009",
              "\u2026", "\U0001f600", "\U0001f1fa\U0001f1e6", "\u041f\u0443\u0442\u0456\u043d",
              "\u0628\u0648\u062a\u064a\u0646", "e\u0301", "\u0130", "\u1e9e", "\u023a", "\u00ab", "\u00bb"])
# libFuzzer takes printable ASCII in its dictionaries: every other byte is written \xNN.
with open("extract.dict", "w", encoding="ascii") as out:
    for word in sorted(words):
        escaped = "".join(chr(b) if 32 <= b < 127 and chr(b) not in '"\\' else f"\\x{b:02x}"
                          for b in word.encode("utf-8"))
        out.write(f'"{escaped}"\n')
PY
}
for target in "${targets[@]}"; do
  seed "$target"
  dictionary=()
  if [ "$target" = extract ]; then
    extract_dictionary
    dictionary=(-dict=extract.dict)
  fi
  echo "fuzzing $target for $seconds s" >&2
  # A crash stops this target (its input is in fuzz/artifacts/TARGET/), not the others.
  cargo +nightly fuzz run "$target" "corpus/$target" -- "${dictionary[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 ||
    echo "fuzz/run.sh: $target stopped on a crash or a hang: see fuzz/artifacts/$target/" >&2
done
