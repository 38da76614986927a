#!/usr/bin/env bash
# Runs a benchmark against the machine's PostgreSQL and prints our figure next to its baseline.
#   bench/run.sh case-creation [cases=2000] [threads=8]
#   bench/run.sh dmn [evaluations=20000] [threads=4]
#   bench/run.sh ai-quality [--errors dev|test|all]   (offline AI: risk precision/recall + keyword throughput)
# Results are recorded by hand in docs/benchmarks.md. Never part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-case-creation}
shift || true
[ "$which" = ai-quality ] || bash scripts/start-test-services.sh
case "$which" in
  case-creation)
    [ -f case-api/target/switchboard.jar ] || mvn -B -q -DskipTests package
    main=org.switchboard.bench.CaseCreationBenchmark ;;
  dmn) main=org.switchboard.bench.DmnRiskBenchmark ;;
  ai-quality) main=org.switchboard.bench.RiskDetectionEvaluation ;;
  *) echo "unknown benchmark: $which (case-creation | dmn | ai-quality)"; exit 2 ;;
esac
# Resolve the bench classpath inside the reactor (nothing is installed into ~/.m2).
mvn -B -q -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "bench/target/classes:$(cat bench/target/classpath.txt)" "$main" "$@"
if [ "$which" = ai-quality ]; then
  java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.switchboard.bench.KeywordThroughputBenchmark
fi
