#!/usr/bin/env bash
# make demo: run the bundled 2025 东西湖区 example end to end in a scratch workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/jixiao
ws=demo-workspace
rm -rf "$ws"
cp -R examples/dongxihu-2025 "$ws"
rm -f "$ws/EXPECTED.md"
echo "== jixiao run --workspace $ws"
status=0
"$bin" run --workspace "$ws" 2>"$ws/run.log" || status=$?
echo "(每个文件的处理记录：$ws/run.log)"
echo
echo "== jixiao status --workspace $ws"
"$bin" status --workspace "$ws" | tail -n 15
echo
echo "输出（out/）："
for f in "$ws"/out/*; do echo "  $PWD/$f"; done
exit $status
