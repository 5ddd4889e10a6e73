#!/usr/bin/env bash
# Node throughput: N concurrent 1080p renders (one Clipstream JVM each) against the FFmpeg CLI run N times in
# parallel (decode + two drawbox + libx264, same preset and CRF), then single clips pinned to two cores,
# alternating sides. Prints and writes node.tsv and pinned.tsv under $OUT (default ./node-throughput).
#
#   bench/node-throughput.sh processor/target/clipstream.jar IN_1080P.mp4 DETECTIONS.jsonl [FFMPEG]
#
# FFMPEG defaults to `ffmpeg` on PATH; the figures in docs/performance.md used the FFmpeg 8 CLI that the jar
# bundles (the same libraries as Clipstream). Env: NS (renders at once, default "1 2 4 8 16"), PIN (cores for
# the pinned runs, default "2,3"), JAVA (default java).
set -uo pipefail
JAR=${1:?clipstream.jar}; IN=${2:?input video}; DET=${3:?detections JSONL}; FF=${4:-ffmpeg}
J=${JAVA:-java}; OUT=${OUT:-node-throughput}; W=$(mktemp -d); mkdir -p "$OUT"
FRAMES=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 "$IN" 2>/dev/null || echo 300)
SECONDS_IN=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$IN" 2>/dev/null | cut -d. -f1)
echo "cores $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); input $IN: $FRAMES frames"
cs() { local v=(); for i in $(seq 1 "$2"); do v+=(--video "$IN" --detections "$DET"); done
  $TS "$J" -Xmx1g -jar "$JAR" render "${v[@]}" --start 0 --end "${SECONDS_IN:-30}" --preset "${PRESET:-veryfast}" \
    --no-progress -o "$1" >"$1.log" 2>&1; }
cli() { $TS "$FF" -nostdin -v error -y -stream_loop $(($2 - 1)) -i "$IN" \
  -vf "drawbox=x=200:y=150:w=300:h=500:color=red:t=4,drawbox=x=900:y=300:w=250:h=450:color=yellow:t=4" \
  -c:v libx264 -preset "${PRESET:-veryfast}" -crf 23 -profile:v high -g 20 -an -f mp4 "$1" >"$1.log" 2>&1; }
now() { date +%s.%N; }
rate() { awk -v n="$1" -v f="$2" -v a="$3" -v b="$4" 'BEGIN{w=b-a; printf "%.2f\t%.1f\t%.1f", w, n*f/w, f/w}'; }
TS=""; cs "$W/warm.mp4" 1 || { cat "$W/warm.mp4.log"; exit 1; }; cli "$W/warmcli.mp4" 1 || { cat "$W/warmcli.mp4.log"; exit 1; }
echo -e "side\tN\twall_s\tagg_fps\tfps_per_render" | tee "$OUT/node.tsv"
for N in ${NS:-1 2 4 8 16}; do for side in cs cli; do
  t0=$(now); for i in $(seq 1 "$N"); do $side "$W/$side$N-$i.mp4" 1 & done; wait; t1=$(now)
  echo -e "$side\t$N\t$(rate "$N" "$FRAMES" "$t0" "$t1")" | tee -a "$OUT/node.tsv"
done; done
echo -e "preset\tside\trun\twall_s\tfps\trender_s_reported" | tee "$OUT/pinned.tsv"
for PRESET in veryfast medium; do for r in $(seq 1 "$([ $PRESET = veryfast ] && echo 2 || echo 1)"); do for side in cs cli; do
  TS="taskset -c ${PIN:-2,3}"; t0=$(now); $side "$W/p$side.mp4" 2; t1=$(now)
  rep=$(grep -o 'in [0-9.]* s' "$W/p$side.mp4.log" | head -1)
  echo -e "$PRESET\t$side\t$r\t$(rate 1 $((2 * FRAMES)) "$t0" "$t1" | cut -f1,3)\t${rep:-}" | tee -a "$OUT/pinned.tsv"
done; done; done
rm -rf "$W"
