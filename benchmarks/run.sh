#!/usr/bin/env bash
# Builds the benchmarks jar and runs everything BENCHMARKS.md records, then prints the tables and
# the goal table (Markdown). Run from anywhere; results go to benchmarks/target/results/.
#   benchmarks/run.sh          full run (about 17-18 minutes on a quiet 2-core machine; see BENCHMARKS.md)
#   benchmarks/run.sh quick    short settings for development (about 7 minutes quiet, 9.5 under load; noisy)
# JDK 17 is `java` on the PATH; JDK 25 is $JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64), skipped
# with a note when it is not there.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-full}"
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
if [[ "$mode" == quick ]]; then
  jmh=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  jmh25=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  firstchunk=(500 300)
  coldruns=4
  ops=10000
else
  jmh=(-f 2 -wi 3 -w 1s -i 5 -r 2s)
  jmh25=(-f 1 -wi 3 -w 1s -i 5 -r 2s)
  firstchunk=(2000 1000)
  coldruns=20
  ops=10000
fi
started=$SECONDS
section() { echo "[run.sh] $(date -u +%H:%M:%S) $1 (at $((SECONDS - started)) s)" >&2; }

section "building"
mvn -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.txt
{
  echo "nproc: $(nproc)"
  java -version 2>&1 | head -3
  if [[ -x "$jdk25" ]]; then "$jdk25" -version 2>&1 | head -3; fi
  uname -srm
  grep PRETTY_NAME /etc/os-release || true
  echo "mode: $mode; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

section "JMH, JDK 17: every ChatBenchmarks method (${jmh[*]} -prof gc)"
java -jar "$jar" 'dev.aigw.benchmarks.ChatBenchmarks' "${jmh[@]}" -prof gc -rf json -rff "$out/jmh.json" > "$out/jmh.txt"

if [[ -x "$jdk25" ]]; then
  section "JMH, JDK 25: chat latency and stream, floor / aigw / openai-java (${jmh25[*]} -prof gc)"
  "$jdk25" -jar "$jar" 'ChatBenchmarks\.(latency|stream)(Floor|Aigw|Openai)$' "${jmh25[@]}" -prof gc \
      -rf json -rff "$out/jmh25.json" > "$out/jmh25.txt"
else
  echo "JDK 25 not found at $jdk25: its tables are skipped" | tee "$out/jmh25.txt" >&2
fi

section "cold start: $coldruns fresh JVMs per contender and call"
java -cp "$jar" dev.aigw.benchmarks.ColdStartProbe "$coldruns" > "$out/coldstart.txt"

section "operations: $ops waited on at once (floor, aigw, aigw with one HTTP thread)"
java -cp "$jar" dev.aigw.benchmarks.OperationsProbe "$ops" > "$out/operations.txt"

section "memory: 100 MiB / 30 MiB data URL / 50 MiB upload / 1 GiB download and upload"
java -cp "$jar" dev.aigw.benchmarks.MemoryProbes > "$out/memory.txt"

section "first-chunk delay (${firstchunk[*]})"
java -cp "$jar" dev.aigw.benchmarks.FirstChunkProbe "${firstchunk[@]}" > "$out/firstchunk.txt"

section "done; printing"
cat "$out/machine.txt"
echo
echo "## JDK 17"
java -cp "$jar" dev.aigw.benchmarks.RatioTable "$out/jmh.json"
if [[ -f "$out/jmh25.json" ]]; then
  echo
  echo "## JDK 25"
  java -cp "$jar" dev.aigw.benchmarks.RatioTable "$out/jmh25.json"
fi
for f in coldstart operations memory firstchunk; do echo; echo "## $f"; grep -v '^RESULT' "$out/$f.txt"; done
echo
echo "## Goals (issue 20)"
java -cp "$jar" dev.aigw.benchmarks.Goals "$out" | tee "$out/goals.md"
echo
echo "run.sh $mode took $((SECONDS - started)) s"
