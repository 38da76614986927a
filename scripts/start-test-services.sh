#!/usr/bin/env bash
# Starts the machine's PostgreSQL for the tests and creates the `switchboard` role they use.
# Idempotent. Without root or without the server package, tests fall back to an embedded PostgreSQL.
set -uo pipefail

if [ "$(id -u)" != "0" ]; then
  echo "[services] not root: tests will use embedded PostgreSQL"
  exit 0
fi

# Browser tests (web chat widget, AI admin page) drive Debian's chromium; the offline transcription test runs
# pocketsphinx on speech from espeak-ng. Installed once; tests that need them say so when they are missing.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pocketsphinx_continuous >/dev/null 2>&1 || missing+=(pocketsphinx pocketsphinx-en-us)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[services] installing ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
    || echo "[services] could not install ${missing[*]}"
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "[services] installing PostgreSQL"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
    || { echo "[services] could not install PostgreSQL: tests will use embedded PostgreSQL"; exit 0; }
fi

version=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1{print $1}')
cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1{print $2}')
if [ -z "${version}" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  cluster=main
  pg_createcluster "${version}" "${cluster}" -p 5432 >/dev/null
fi
pg_ctlcluster "${version}" "${cluster}" start 2>/dev/null || true

for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done

su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='switchboard'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE switchboard LOGIN CREATEDB PASSWORD 'switchboard'\""
echo "[services] PostgreSQL ${version}/${cluster} is up; role switchboard ready"
