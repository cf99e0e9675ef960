#!/usr/bin/env bash
# Debian packages the suite runs for real, installed when missing: Prometheus (`prometheus`,
# `promtool`) for tests/e2e/test_prometheus.py and tests/deploy, Chromium for the browser
# tests in tests/e2e/test_live_page.py, `openssl` for test certificates, and `stunnel4` (a TLS
# front for the embedded broker) for tests/e2e/test_kafka_tls.py, and Node.js with npm for the
# AsyncAPI project's parser in tests/deploy/test_contract_files.py.
# Needs root or sudo the first time; `make test` runs it.
set -euo pipefail

missing=()
command -v prometheus >/dev/null && command -v promtool >/dev/null || missing+=(prometheus)
command -v chromium >/dev/null || missing+=(chromium)
command -v openssl >/dev/null || missing+=(openssl)
command -v stunnel4 >/dev/null || missing+=(stunnel4)
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || {
    echo "storywatch: the tests need Debian's ${missing[*]}; install them as root:" \
      "apt-get install ${missing[*]}" >&2
    exit 1
  }
  as_root=(sudo)
fi
echo "installing Debian packages for the tests: ${missing[*]}" >&2
"${as_root[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends \
  "${missing[@]}"
