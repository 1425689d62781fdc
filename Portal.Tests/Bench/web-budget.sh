#!/usr/bin/env bash
# Measures the public site's budgets for one git revision (default HEAD), so that any two revisions can be
# compared side by side on the same machine:
#   - bytes transferred (compressed) by an article page's first visit, with JavaScript and without it
#   - Lighthouse 12.2.3 (mobile profile) scores on home, article, search and analyzer pages
#   - wrk: requests per second of an article page against a static file of similar size, same server
#
#   Portal.Tests/Bench/web-budget.sh [revision]        e.g.  web-budget.sh 0ce125f   web-budget.sh HEAD
#
# Needs: dotnet, chromium (/usr/bin/chromium), wrk (apt-get install -y wrk), node + npm. Lighthouse is installed
# with npm into a temporary folder (or LIGHTHOUSE_DIR, if it holds node_modules/lighthouse), never into the repo.
# The revision is exported with `git archive`, published in Release and run as Production on a loopback port with
# its own temporary data folder; everything is removed afterwards. Output: a markdown table on stdout.
set -euo pipefail

rev="${1:-HEAD}"
repo="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
work="$(mktemp -d /tmp/portal-bench-XXXXXX)"
port="${PORT:-$((20000 + RANDOM % 20000))}"
base="http://127.0.0.1:$port"
article="/en/articles/email-encryption-types"
wrk_seconds="${WRK_SECONDS:-10}"
server_pid=""

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "[bench] $*" >&2; }

log "exporting $rev"
mkdir -p "$work/src"
git -C "$repo" archive "$rev" | tar -x -C "$work/src"

# Static files of a few sizes, made of the articles' own text and served by the same server; the one closest in
# size to the article page is compared with it.
mkdir -p "$work/src/wwwroot/bench"
{ echo "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>static</title></head><body><pre>"; cat "$work"/src/content/*/*.md; } > "$work/text"
for kb in 8 16 24 32 48 64; do
  head -c $((kb * 1024)) "$work/text" > "$work/src/wwwroot/bench/static-$kb.html"
done

log "publishing (Release)"
dotnet publish "$work/src/Portal" -c Release -o "$work/publish" -nologo -v quiet >&2

log "starting on $base"
mkdir -p "$work/data"
ASPNETCORE_ENVIRONMENT=Production Portal__DataDirectory="$work/data" Portal__ContentDirectory="$work/src/content" \
  dotnet "$work/publish/Portal.dll" --urls "$base" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "$base/en/" && break
  sleep 0.5
done
curl -sf -o /dev/null "$base/en/" || { cat "$work/server.log" >&2; exit 1; }

lighthouse_dir="${LIGHTHOUSE_DIR:-$work/lighthouse}"
if [ ! -d "$lighthouse_dir/node_modules/lighthouse" ]; then
  log "installing lighthouse 12.2.3 into $lighthouse_dir"
  mkdir -p "$lighthouse_dir"
  (cd "$lighthouse_dir" && npm i -E --silent --no-audit --no-fund lighthouse@12.2.3 >&2)
fi
lighthouse() {
  CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" node "$lighthouse_dir/node_modules/lighthouse/cli/index.js" "$@" \
    --quiet --output=json --max-wait-for-load=60000
}
flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"

# Warm every page once (first render, output cache) so that neither run pays for start-up.
for path in /en/ "$article" "/en/search?q=tls" /en/analyze; do curl -s -o /dev/null "$base$path"; done

declare -A perf a11y bp seo
for page in home article search analyzer; do
  case $page in
    home) path=/en/ ;; article) path="$article" ;; search) path="/en/search?q=tls" ;; analyzer) path=/en/analyze ;;
  esac
  log "lighthouse $page"
  lighthouse "$base$path" --chrome-flags="$flags" --output-path="$work/lh-$page.json" >&2 || true
  read -r p a b s < <(node -e '
    const r = require(process.argv[1]); const c = r.categories; const f = (x) => x && x.score !== null ? Math.round(x.score * 100) : "n/a";
    console.log(f(c.performance), f(c.accessibility), f(c["best-practices"]), f(c.seo));' "$work/lh-$page.json")
  perf[$page]=$p; a11y[$page]=$a; bp[$page]=$b; seo[$page]=$s
done
bytes_js=$(node -e 'console.log(Math.round(require(process.argv[1]).audits["total-byte-weight"].numericValue))' "$work/lh-article.json")

# Lighthouse cannot run with scripts disabled in Chromium; blocking every script request loads what a reader with
# JavaScript off loads (the page, its stylesheets, icons and images).
log "lighthouse article without JavaScript"
lighthouse "$base$article" --only-categories=performance --chrome-flags="$flags" --blocked-url-patterns='*.js' \
  --output-path="$work/lh-article-nojs.json" >&2 || true
bytes_nojs=$(node -e 'console.log(Math.round(require(process.argv[1]).audits["total-byte-weight"].numericValue))' "$work/lh-article-nojs.json")

rps() { wrk -t2 -c16 -d"${wrk_seconds}s" "$1" | awk '/Requests\/sec/ { print $2 }'; }
log "wrk (${wrk_seconds}s each)"
wrk -t2 -c16 -d2s "$base$article" > /dev/null
article_size=$(curl -s -o /dev/null -w '%{size_download}' "$base$article")
static_kb=$(awk -v s="$article_size" 'BEGIN { best = 8; n = split("8 16 24 32 48 64", k, " ");
  for (i = 1; i <= n; i++) if ((k[i] * 1024 - s) ^ 2 < (best * 1024 - s) ^ 2) best = k[i]; print best }')
static_bytes=$((static_kb * 1024))
curl -s -o /dev/null "$base/bench/static-$static_kb.html"
article_rps=$(rps "$base$article")
static_rps=$(rps "$base/bench/static-$static_kb.html")
ratio=$(awk -v a="$article_rps" -v s="$static_rps" 'BEGIN { printf "%.2f", a / s }')

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
echo "| $rev | measure | value |"
echo "|---|---|---|"
echo "| | article first visit, everything it loads (compressed) | $(kb "$bytes_js") |"
echo "| | same with JavaScript off | $(kb "$bytes_nojs") |"
for page in home article search analyzer; do
  echo "| | Lighthouse mobile $page: performance / accessibility / best practices / SEO | ${perf[$page]} / ${a11y[$page]} / ${bp[$page]} / ${seo[$page]} |"
done
echo "| | wrk article page ($(kb "$article_size") uncompressed) | $article_rps req/s |"
echo "| | wrk static file ($(kb "$static_bytes")) | $static_rps req/s |"
echo "| | article / static | $ratio |"
