#!/usr/bin/env bash
# Where the cores go while bench/sfu runs (issue 14, capacity): run it in a second shell during a
# step, e.g. `bash bench/sfu/where-time-goes.sh 5`. Prints, over S seconds (default 5):
#   - CPU per thread (% of one core, user/sys) of every mediasoup worker, the bench's Node.js
#     children (bare-node, platform-node, loadgen) and the C receiver, from /proc/<pid>/task/*/stat;
#   - the rest of the machine (all other processes) and steal, from /proc/stat;
#   - every UDP socket of the workers and receivers with its buffer sizes and drops (ss -uamp:
#     rb = SO_RCVBUF, tb = SO_SNDBUF, d = datagrams dropped), summed per process;
#   - the kernel limits (net.core.*mem_max/default).
set -euo pipefail
S=${1:-5}
HZ=$(getconf CLK_TCK)

pids() {
  { pgrep -f 'mediasoup-worker' || true; pgrep -f 'bench/sfu/(bare-node|platform-node|loadgen)\.ts' || true; pgrep -f 'rtp-receiver-' || true; } | sort -u
}
label() { tr '\0' ' ' </proc/$1/cmdline 2>/dev/null | sed -E 's#.*(mediasoup-worker|bare-node|platform-node|loadgen|rtp-receiver)[^ ]*.*#\1#'; }
threads() { for t in /proc/$1/task/*; do [ -r $t/stat ] && echo "$(basename $t) $(sed -E 's/^.*\) //' $t/stat | awk '{print $12, $13}') $(cat $t/comm)"; done; }
total() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6, $9}' /proc/stat; }

declare -A before
PIDS=$(pids)
for p in $PIDS; do while read -r tid u s comm; do before[$tid]="$u $s"; done < <(threads $p); done
read -r T0 IDLE0 STEAL0 < <(total)
sleep "$S"
read -r T1 IDLE1 STEAL1 < <(total)
CORES=$(nproc)
echo "== CPU over ${S} s (% of one core: user / sys) =="
OURS=0
for p in $PIDS; do
  [ -d /proc/$p ] || continue
  while read -r tid u s comm; do
    [ -n "${before[$tid]:-}" ] || continue
    read -r u0 s0 <<<"${before[$tid]}"
    du=$(( (u - u0) )); ds=$(( (s - s0) ))
    OURS=$((OURS + du + ds))
    if [ $((du + ds)) -gt 0 ]; then
      printf '%-16s pid %-7s tid %-7s %-16s %6.1f %% (%5.1f / %5.1f)\n' "$(label $p)" "$p" "$tid" "$comm" \
        "$(echo "($du+$ds)*100/$HZ/$S" | bc -l)" "$(echo "$du*100/$HZ/$S" | bc -l)" "$(echo "$ds*100/$HZ/$S" | bc -l)"
    fi
  done < <(threads $p)
done
BUSY=$(( (T1 - T0) - (IDLE1 - IDLE0) ))
printf 'machine busy %.2f cores of %d (steal %.2f); these processes %.2f; the rest %.2f\n' \
  "$(echo "$BUSY*$CORES/($T1-$T0)" | bc -l)" "$CORES" "$(echo "($STEAL1-$STEAL0)*$CORES/($T1-$T0)" | bc -l)" \
  "$(echo "$OURS/$HZ/$S" | bc -l)" "$(echo "$BUSY*$CORES/($T1-$T0) - $OURS/$HZ/$S" | bc -l)"

echo "== UDP sockets (ss -uamp): per process, count, SO_RCVBUF/SO_SNDBUF, queued now, drops so far =="
ss -uampn 2>/dev/null | awk '
  /users:\(\(/ { match($0, /pid=[0-9]+/); pid = substr($0, RSTART + 4, RLENGTH - 4); match($0, /\(\("[^"]+"/); name = substr($0, RSTART + 3, RLENGTH - 4); q = $2; next }
  /skmem:/ && pid != "" {
    match($0, /rb[0-9]+/); rb = substr($0, RSTART + 2, RLENGTH - 2)
    match($0, /tb[0-9]+/); tb = substr($0, RSTART + 2, RLENGTH - 2)
    match($0, /,d[0-9]+/); d = substr($0, RSTART + 2, RLENGTH - 2)
    key = name " pid " pid " rb " rb " tb " tb; n[key]++; drops[key] += d; rq[key] += q; if (q > maxq[key]) maxq[key] = q
    pid = ""
  }
  END { for (k in n) if (k ~ /mediasoup|rtp-recei|node/) printf "%-60s sockets %5d  recv-q max %8d  drops %d\n", k, n[k], maxq[k], drops[k] }'
echo "== kernel limits =="
sysctl net.core.rmem_default net.core.rmem_max net.core.wmem_default net.core.wmem_max 2>/dev/null | tr '\n' ' '
echo
