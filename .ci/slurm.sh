#!/usr/bin/env bash
# A single-node SLURM cluster for the end-to-end test of the SLURM profile (tests/test_slurm.py), as an HPC
# operator would set one up: Debian's slurm-wlm + munge, no slurmdbd (so `sacct` fails, as on clusters without
# accounting), job completions logged to a file. Root only.
#   .ci/slurm.sh install   apt-get the packages (a few seconds when the cache is warm)
#   .ci/slurm.sh start     write slurm.conf, start munged, slurmctld and slurmd, wait until the node is idle
#   .ci/slurm.sh stop      stop the three daemons by the PID files they wrote themselves
set -euo pipefail
STATE=/var/lib/qrepro-slurm
CONF=/etc/slurm/slurm.conf
export PATH=/usr/sbin:/usr/bin:$PATH

case "${1:-}" in
install)
  if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >/dev/null
  fi
  ;;
start)
  mkdir -p "$STATE"/{spool,state,log} /etc/slurm /run/munge /var/log/munge /var/lib/munge /etc/munge
  chown -R munge:munge /run/munge /var/log/munge /var/lib/munge /etc/munge
  chmod 0700 /etc/munge /var/lib/munge /var/log/munge
  chmod 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
  fi
  chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key
  host=$(hostname -s)
  mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
  cat > "$CONF" <<EOF
ClusterName=qrepro-ci
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/state
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MinJobAge=300
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$STATE/log/jobcomp.log
MpiDefault=none
SchedulerType=sched/backfill
NodeName=$host CPUs=$(nproc) RealMemory=$mem_mb State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid   # each daemon writes its own PID file
  /usr/sbin/slurmctld
  /usr/sbin/slurmd
  for _ in $(seq 1 60); do
    if sinfo -h -o %T 2>/dev/null | grep -q idle; then
      echo "slurm: node $host idle ($(nproc) CPUs, ${mem_mb} MB)"; exit 0
    fi
    sleep 1
  done
  echo "slurm: the node did not come up; logs:" >&2
  tail -n 20 "$STATE"/log/*.log >&2 || true
  exit 1
  ;;
stop)
  for pidfile in "$STATE/slurmd.pid" "$STATE/slurmctld.pid" /run/munge/munged.pid; do
    if [ -s "$pidfile" ]; then
      kill "$(cat "$pidfile")" 2>/dev/null || true      # the PID the daemon wrote itself
      rm -f "$pidfile"
    fi
  done
  ;;
*)
  echo "usage: $0 install|start|stop" >&2; exit 2
  ;;
esac
