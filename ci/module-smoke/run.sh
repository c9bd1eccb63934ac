#!/usr/bin/env bash
# Module-path smoke test: compiles and runs a tiny app with --module-path only (no --add-modules,
# no --add-exports, no class path) against the installed aigw jars — the five providers found by
# service binding, a chat, a stream, an image operation, aigw-redis (Lettuce and Netty resolved;
# with AIGW_REDIS_URL set it also talks to that Redis) — then runs aigw-cli from its module, and
# shows each aigw jar's module descriptor, failing if one has none or exports an internal package.
# Needs the aigw artifacts installed in the local Maven repository (mvn install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")"
rm -rf target && mkdir -p target
mvn -B -q -ntp dependency:build-classpath -Daigw.version="${AIGW_VERSION:-0.1.0-SNAPSHOT}" \
  -Dmdep.outputFile=target/module-path.txt -Dmdep.pathSeparator=:
echo "java: $(java -version 2>&1 | head -n 1)"
MP=$(cat target/module-path.txt)

echo "Module descriptors of the aigw jars:"
for jar in $(tr ':' '\n' < target/module-path.txt | grep '/dev/aigw/'); do
  desc=$(jar --describe-module --file "$jar")
  echo "$desc" | sed 's/^/  /'
  if echo "$desc" | grep -E '^exports .*\.internal' >/dev/null; then
    echo "FAIL: $jar exports an internal package" >&2
    exit 1
  fi
  if echo "$desc" | grep -q 'automatic'; then
    echo "FAIL: $jar has no module descriptor" >&2
    exit 1
  fi
done

javac -Xlint:all -Werror --module-path "$MP" -d target/classes \
  --module-source-path src --module dev.aigw.smoke
java --module-path "target/classes:$MP" --module dev.aigw.smoke/dev.aigw.smoke.Main

# the command line tool, run from its module (not the executable jar) with the module path only
echo "aigw-cli on the module path:"
java --module-path "$MP" --module dev.aigw.cli/dev.aigw.cli.Aigw image cheapsub "a cat" --fake -o target/cat.png
head -c 8 target/cat.png | od -An -c | grep -q 'P   N   G' || { echo "FAIL: aigw-cli wrote no PNG" >&2; exit 1; }
echo "aigw-cli module-path run passed"
