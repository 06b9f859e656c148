# Sourced by the tests in tests/scale (bash): a one-node Slurm cluster and two ssh
# "hosts" on loopback, started inside a test's own directory and stopped by
# their pid files.  Nothing here touches the machine's own Slurm, munge or
# ssh set-up: every path, port and key lives under the directory given.
#
#   engines_skip_reason        prints why the engines cannot run here, if so
#   slurm_start DIR            munged + slurmctld + slurmd; exports SLURM_CONF
#   slurm_stop DIR
#   sshd_start DIR             sshd on 127.0.0.1; DIR/ssh_config names host1, host2
#   sshd_stop DIR

# A TCP port nobody listens on (the kernel picks it).
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

engines_skip_reason() {
	if [ "$(id -u)" != 0 ]; then
		echo "not root: the daemons are started as root"
		return
	fi
	for p in munged mungekey slurmctld slurmd sbatch scontrol sinfo sshd ssh ssh-keygen parallel python3; do
		if ! command -v "$p" > /dev/null 2>&1 && [ ! -x "/usr/sbin/$p" ]; then
			echo "$p not found (tools/install-deps.sh installs slurm-wlm, munge, openssh-server, openssh-client, parallel)"
			return
		fi
	done
}

# Waits up to $2 seconds for the command $1 to succeed.
wait_for() {
	local t=0
	while ! eval "$1" > /dev/null 2>&1; do
		t=$((t + 1))
		[ "$t" -le "$(($2 * 5))" ] || return 1
		sleep 0.2
	done
}

slurm_start() {
	local d=$1 host
	mkdir -p "$d/munge" "$d/state" "$d/spool" "$d/log"
	chmod 755 "$d" "$d/munge"
	PATH=$PATH:/usr/sbin
	mungekey -c -f -k "$d/munge/munge.key" || return 1
	munged -f -S "$d/munge/socket" --key-file="$d/munge/munge.key" \
	    --log-file="$d/munge/log" --pid-file="$d/munge/pid" \
	    --seed-file="$d/munge/seed" || return 1
	host=$(hostname -s)
	cat > "$d/slurm.conf" <<-CONF
	ClusterName=safi-check
	SlurmctldHost=$host(127.0.0.1)
	SlurmUser=root
	SlurmdUser=root
	AuthType=auth/munge
	AuthInfo=socket=$d/munge/socket
	CredType=cred/munge
	SlurmctldPort=$(free_port)
	SlurmdPort=$(free_port)
	StateSaveLocation=$d/state
	SlurmdSpoolDir=$d/spool
	SlurmctldPidFile=$d/slurmctld.pid
	SlurmdPidFile=$d/slurmd.pid
	SlurmctldLogFile=$d/log/slurmctld.log
	SlurmdLogFile=$d/log/slurmd.log
	ProctrackType=proctrack/linuxproc
	TaskPlugin=task/none
	JobAcctGatherType=jobacct_gather/none
	AccountingStorageType=accounting_storage/none
	JobCompType=jobcomp/none
	SelectType=select/cons_tres
	SelectTypeParameters=CR_Core
	SchedulerType=sched/backfill
	MpiDefault=none
	ReturnToService=2
	MinJobAge=600
	NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$(($(sed -n "s/^MemTotal: *\([0-9]*\) kB/\1/p" /proc/meminfo) / 1024)) State=UNKNOWN
	PartitionName=check Nodes=ALL Default=YES MaxTime=INFINITE State=UP
	CONF
	SLURM_CONF=$d/slurm.conf
	export SLURM_CONF
	slurmctld -f "$SLURM_CONF" || return 1
	slurmd -f "$SLURM_CONF" || return 1
	wait_for 'sinfo -h -o %t | grep -qx idle' 60
}

stop_pidfile() {
	local pid
	[ -s "$1" ] || return 0
	pid=$(cat "$1")
	kill "$pid" 2> /dev/null || return 0
	wait_for "! kill -0 $pid" 30 || kill -9 "$pid" 2> /dev/null
}

slurm_stop() {
	local d=$1
	stop_pidfile "$d/slurmd.pid"
	stop_pidfile "$d/slurmctld.pid"
	stop_pidfile "$d/munge/pid"
}

sshd_start() {
	local d=$1 port
	mkdir -p "$d/ssh"
	ssh-keygen -q -t ed25519 -N '' -f "$d/ssh/host_key" || return 1
	ssh-keygen -q -t ed25519 -N '' -f "$d/ssh/user_key" || return 1
	cp "$d/ssh/user_key.pub" "$d/ssh/authorized_keys"
	port=$(free_port)
	cat > "$d/ssh/sshd_config" <<-CONF
	Port $port
	ListenAddress 127.0.0.1
	HostKey $d/ssh/host_key
	AuthorizedKeysFile $d/ssh/authorized_keys
	PidFile $d/ssh/sshd.pid
	PermitRootLogin prohibit-password
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	UsePAM no
	StrictModes no
	CONF
	cat > "$d/ssh_config" <<-CONF
	Host host1 host2
	  HostName 127.0.0.1
	  Port $port
	  User root
	  IdentityFile $d/ssh/user_key
	  IdentitiesOnly yes
	  StrictHostKeyChecking no
	  UserKnownHostsFile /dev/null
	  LogLevel ERROR
	  BatchMode yes
	CONF
	mkdir -p /run/sshd
	"$(command -v sshd || echo /usr/sbin/sshd)" -f "$d/ssh/sshd_config" -E "$d/ssh/log" || return 1
	wait_for "ssh -F '$d/ssh_config' host1 true" 30
}

sshd_stop() {
	stop_pidfile "$1/ssh/sshd.pid"
}
