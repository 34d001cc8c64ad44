#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the deploy checks need when it is missing, then runs the build.
#
#   ./test.sh            ./mvnw -B -ntp verify (the Maven wrapper: the Maven version pinned in .mvn/wrapper)
#   ./test.sh -o ...     extra arguments go to Maven
#
# Besides Java 17 (the Maven wrapper fetches Maven), the deploy module runs Prometheus' own tools: promtool and
# prometheus (Debian package prometheus) and the blackbox exporter (prometheus-blackbox-exporter). It also needs
# kubectl 1.27 or later (kustomize v5), which this script cannot install: Debian's kubernetes-client is 1.20, too old
# for the manifests. Without it KubernetesManifestsTest fails and says so. The dashboard's browser tests (local-stack's
# DashboardBrowserTest) drive Debian's chromium through chromium-driver, headless, and need a font with Chinese glyphs
# for readable screenshots (fonts-wqy-microhei). They are installed with apt-get (through sudo when not root); their
# services are not started.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-blackbox-exporter >/dev/null 2>&1 || missing+=(prometheus-blackbox-exporter)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (Debian packages) for the deploy checks and the browser tests ..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # policy-rc.d-less machines would start the daemons: they are not wanted, the tests start their own
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  for unit in prometheus prometheus-blackbox-exporter; do
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$unit" 2>/dev/null; then
      $sudo systemctl stop "$unit" || true
    fi
  done
fi
promtool --version 2>&1 | head -n 1
chromium --version 2>/dev/null | head -n 1 || true
kubectl version --client 2>/dev/null | head -n 2 || echo "kubectl is missing: KubernetesManifestsTest will fail (install kubectl 1.27 or later)"

exec ./mvnw -B -ntp verify "$@"
