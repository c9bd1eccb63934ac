#!/usr/bin/env bash
# Builds the benchmarks jar and runs everything BENCHMARKS.md records, with the settings used
# there, then prints the ratio tables. Run from anywhere; results go to benchmarks/target/results/.
#   benchmarks/run.sh          full run (about 16 minutes on 2 cores)
#   benchmarks/run.sh quick    short settings for development (about 6 minutes; noisy)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-full}"
if [[ "$mode" == quick ]]; then
  jmh=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  firstchunk=(500 300)
else
  jmh=(-f 2 -wi 5 -w 2s -i 10 -r 2s)
  firstchunk=(5000 2000)
fi
mvn -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
mkdir -p "$out"
{ echo "nproc: $(nproc)"; java -version 2>&1 | head -3; uname -srm; grep PRETTY_NAME /etc/os-release || true; } > "$out/machine.txt"
java -jar "$jar" 'dev.aigw.benchmarks.ChatBenchmarks' "${jmh[@]}" -prof gc -rf json -rff "$out/jmh.json" > "$out/jmh.txt"
java -cp "$jar" dev.aigw.benchmarks.FirstChunkProbe "${firstchunk[@]}" > "$out/firstchunk.txt"
java -cp "$jar" dev.aigw.benchmarks.OperationsProbe 1000 > "$out/operations.txt"
java -cp "$jar" dev.aigw.benchmarks.MemoryProbes > "$out/memory.txt"
cat "$out/machine.txt"
java -cp "$jar" dev.aigw.benchmarks.RatioTable "$out/jmh.json"
for f in firstchunk operations memory; do echo; echo "== $f"; grep -v '^RESULT' "$out/$f.txt"; done
