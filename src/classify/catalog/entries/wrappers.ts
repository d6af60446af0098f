// Programs that run other programs: shells, interpreters, process wrappers. Their effect is the
// command line, script or code they run, which the analysis reads in turn.
import type { ProgramEntry } from '../types.js'

const run = (valued: string[] = [], skip = 0) => ({ template: 'run', valued, skip } as const)
const words = (s: string) => s.split(/\s+/)

/**
 * What the busybox image can run: its applets (`busybox --list` of the official image's defconfig build) and
 * the ash builtins. Not curl, bash, jq, openssl, dig or any client of a server (mirror/busybox:include/applets.src.h).
 */
const BUSYBOX = words(`[ [[ acpid add-shell addgroup adduser adjtimex ar arch arp arping ascii ash awk base64 basename bc beep blkdiscard blkid blockdev brctl bunzip2 busybox bzcat bzip2 cal cat chat chattr chgrp chmod chown chpasswd chpst chroot chrt chvt cksum clear cmp comm cp cpio crc32 crond crontab cryptpw cttyhack cut date dc dd deallocvt delgroup deluser depmod devmem df dhcprelay diff dirname dmesg dnsd dnsdomainname dos2unix dpkg dpkg-deb du dumpkmap dumpleases echo ed egrep eject env envdir envuidgid ether-wake expand expr factor fakeidentd fallocate false fatattr fdisk fgrep find findfs flock fold free freeramdisk fsck fsfreeze fstrim fsync ftpd ftpget ftpput fuser getopt getty grep groups gunzip gzip halt hd hdparm head hexdump hexedit hostid hostname httpd hush hwclock i2cdetect i2cdump i2cget i2cset i2ctransfer id ifconfig ifdown ifenslave ifplugd ifup inetd init inotifyd insmod install ionice iostat ip ipaddr ipcalc ipcrm ipcs iplink ipneigh iproute iprule iptunnel kill killall killall5 klogd last less link linux32 linux64 linuxrc ln loadfont loadkmap logger login logname logread losetup lpd lpq lpr ls lsattr lsmod lsof lspci lsscsi lsusb lzcat lzma lzop makedevs makemime man md5sum mdev microcom mim mkdir mkdosfs mke2fs mkfifo mkfs.ext2 mkfs.minix mkfs.vfat mknod mkpasswd mkswap mktemp modinfo modprobe more mount mountpoint mpstat mt mv nameif nbd-client nc netstat nice nl nmeter nohup nologin nproc nsenter nslookup ntpd nuke od openvt partprobe passwd paste patch pgrep pidof ping ping6 pipe_progress pivot_root pkill pmap popmaildir poweroff powertop printenv printf ps pscan pstree pwd pwdx rdate rdev readahead readlink realpath reboot reformime remove-shell renice reset resize resume rev rfkill rm rmdir rmmod route rpm rpm2cpio rtcwake run-init run-parts runlevel runsv runsvdir rx script sed sendmail seq setarch setconsole setfattr setkeycodes setpriv setserial setsid setuidgid sh sha1sum sha256sum sha3sum sha512sum shred shuf slattach sleep softlimit sort split ssl_client start-stop-daemon stat strings stty su sulogin sv svc svlogd svok swapoff swapon switch_root sync sysctl syslogd tac tail tar taskset tc tcpsvd tee telnet telnetd test tftp tftpd time timeout top touch tr traceroute traceroute6 tree true truncate ts tty tunctl ubirename udhcpc udhcpc6 udhcpd udpsvd uevent umount uname uncompress unexpand uniq unix2dos unlink unlzma unshare unxz unzip uptime usleep uudecode uuencode vconfig vi vlock volname w wall watch watchdog wc wget which who whoami whois xargs xxd xz xzcat yes zcat zcip . : alias break cd command continue eval exec exit export getopts hash let local read readonly return set shift source trap type ulimit umask unset wait`)

export const WRAPPERS = (): ProgramEntry[] => [
  {
    names: ['sh', 'ash', 'dash', 'zsh', 'ksh'],
    images: [
      { repo: 'busybox', cmd: ['sh'], only: BUSYBOX },
      { repo: 'alpine', cmd: ['sh'] },
      ...words('debian ubuntu centos fedora rockylinux almalinux amazonlinux').map((repo) => ({ repo, exact: true, cmd: ['sh'] })),
      ...words('bitnami/os-shell bitnami/bitnami-shell bitnami/minideb ubi8/ubi-micro ubi9/ubi-micro ubi10/ubi-micro').map((repo) => ({ repo, cmd: ['sh'] })),
      ...words('ubi ubi-minimal ubi7 ubi7-minimal ubi8 ubi8-minimal ubi9 ubi9-minimal ubi10 ubi10-minimal').map((repo) => ({ repo, cmd: ['sh'] })),
    ],
    effect: { rule: 'shell' },
    summary: 'POSIX shells: `-c` text or a script file, read command by command.',
    source: 'man 1 dash',
    examples: [
      { command: ['sh', '-c', 'until nc -z db 5432; do sleep 2; done'], need: 'required', dest: 'db:5432' },
      { image: 'busybox:1.36', args: ['sh', '-c', 'nslookup api'], need: 'required', dest: 'dns:api' },
      { image: 'alpine:3.20', need: 'none' },
      // GoogleCloudPlatform/microservices-demo:kustomize/components/google-cloud-operations/otel-collector.yaml
      { image: 'busybox:1.38.0', command: ['/bin/sh', '-c', 'sed "s/{{ID}}/$(curl -H \'Metadata-Flavor: Google\' http://metadata.google.internal/computeMetadata/v1/project/project-id)/" /t/in.yaml > /conf/out.yaml'], need: 'none' },
    ],
  },
  {
    names: ['bash'],
    images: [{ repo: 'bash', exact: true }],
    effect: { rule: 'shell' },
    summary: 'bash: `-c` text or a script file, read command by command (with /dev/tcp redirections).',
    source: 'man 1 bash',
    examples: [{ command: ['bash', '-ec', 'until (echo > /dev/tcp/redis/6379) 2>/dev/null; do sleep 1; done'], need: 'required', dest: 'redis:6379' }],
  },
  {
    names: ['python', 'python3', 'python2', 'node', 'perl', 'ruby', 'php'],
    images: words('python node ruby perl php openjdk eclipse-temurin amazoncorretto').map((repo) => ({ repo, exact: true })),
    effect: { rule: 'interpreter' },
    summary: 'Interpreters: inline code (`-c`, `-e`) and script files are read for network APIs; `python -m mod` runs mod.',
    source: 'python/cpython:Modules/main.c',
    examples: [
      { command: ['python3', '-c', 'import socket; socket.create_connection(("db", 5432), 3)'], need: 'required', dest: 'db:5432' },
      { command: ['python', '-c', 'import os, shutil; shutil.copytree("/src", "/dst")'], need: 'none' },
      { image: 'python:3.12-slim', args: ['python', '-m', 'pip', 'install', 'requests'], need: 'required', dest: 'pypi.org:443' },
    ],
  },
  {
    names: ['eval'],
    effect: { rule: 'shellText' },
    summary: 'Shell builtin: its arguments are shell text, read as such.',
    source: 'man 1 bash',
    examples: [{ command: ['sh', '-c', 'CHECK="nc -z kafka 9092"; eval "$CHECK"'], need: 'required', dest: 'kafka:9092' }],
  },
  {
    names: ['retry_while'], runner: true,
    effect: { rule: 'shellText', params: { first: true } },
    summary: 'Bitnami\'s libos.sh helper: retries its first argument, a command line, until it succeeds.',
    source: 'bitnami/containers:bitnami/redis/7.2/debian-12/prebuildfs/opt/bitnami/scripts/libos.sh',
    examples: [{ command: ['sh', '-c', '. /opt/bitnami/scripts/libos.sh; retry_while "nc -z zookeeper 2181" 10 5'], need: 'required', dest: 'zookeeper:2181' }],
  },
  {
    names: ['source', '.'],
    effect: { rule: 'sourceFile' },
    summary: 'Reads a shell library into the current shell (read when the input has it; otherwise its functions are unknown).',
    source: 'man 1 bash',
    examples: [{ command: ['sh', '-c', '. /opt/bitnami/scripts/liblog.sh && info "starting"'], need: 'none' }],
  },
  {
    names: ['su'],
    effect: { rule: 'su' },
    summary: '`su -c "cmd" user` runs cmd as that user.',
    source: 'man 1 su',
    examples: [{ command: ['su', '-c', 'nc -z db 5432', 'app'], need: 'required', dest: 'db:5432' }],
  },
  {
    names: ['command'],
    effect: { rule: 'command' },
    summary: 'Shell builtin: `command -v x` looks x up; `command x` runs it.',
    source: 'man 1 bash',
    examples: [{ command: ['sh', '-c', 'command -v curl && command nc -z db 5432'], need: 'required', dest: 'db:5432' }],
  },
  {
    names: ['env'],
    effect: { rule: 'env' },
    summary: '`env [-u X] A=b cmd` runs cmd with a changed environment.',
    source: 'man 1 env',
    examples: [{ command: ['env', 'PGCONNECT_TIMEOUT=5', 'pg_isready', '-h', 'db'], need: 'required', dest: 'db:5432' }],
  },
  {
    names: ['busybox'],
    effect: run(),
    summary: 'BusyBox multi-call binary: `busybox <applet> …` runs the applet.',
    source: 'mirror/busybox:libbb/appletlib.c',
    examples: [{ command: ['busybox', 'nc', '-z', 'db', '5432'], need: 'required', dest: 'db:5432' }],
  },
  { names: ['exec'], effect: run(['-a']), summary: 'Shell builtin: replaces the shell with the command.', source: 'man 1 bash', examples: [{ command: ['sh', '-c', 'exec nc -z db 5432'], need: 'required', dest: 'db:5432' }] },
  { names: ['nohup'], effect: run(), summary: 'Runs the command immune to hangups.', source: 'man 1 nohup', examples: [{ command: ['nohup', 'nc', '-z', 'db', '5432'], need: 'required', dest: 'db:5432' }] },
  { names: ['time'], effect: run(), summary: 'Runs the command and reports its duration.', source: 'man 1 time', examples: [{ command: ['time', 'wget', '-q', 'http://api:8080/warm'], need: 'required', dest: 'api:8080' }] },
  { names: ['timeout'], effect: run(['-s', '--signal', '-k', '--kill-after'], 1), summary: 'Runs the command with a time limit.', source: 'man 1 timeout', examples: [{ command: ['timeout', '-s', 'KILL', '60', 'nc', '-z', 'db', '5432'], need: 'required', dest: 'db:5432' }] },
  { names: ['nice'], effect: run(['-n']), summary: 'Runs the command at another scheduling priority.', source: 'man 1 nice', examples: [{ command: ['nice', '-n', '10', 'tar', 'xf', '/seed.tar'], need: 'none' }] },
  { names: ['ionice'], effect: run(['-c', '-n', '-p']), summary: 'Runs the command in another I/O scheduling class.', source: 'man 1 ionice', examples: [{ command: ['ionice', '-c', '3', 'cp', '-r', '/a', '/b'], need: 'none' }] },
  { names: ['sudo'], effect: run(['-u', '-g', '-C', '-h', '-p', '-U']), summary: 'Runs the command as another user.', source: 'man 8 sudo', examples: [{ command: ['sudo', '-u', 'app', 'curl', '-sf', 'http://api:8080/'], need: 'required', dest: 'api:8080' }] },
  { names: ['su-exec'], effect: run([], 1), summary: 'Switches user and execs the command (Alpine).', source: 'ncopa/su-exec:su-exec.c', examples: [{ command: ['su-exec', 'app', 'nc', '-z', 'db', '5432'], need: 'required', dest: 'db:5432' }] },
  { names: ['gosu'], effect: run([], 1), summary: 'Switches user and execs the command.', source: 'tianon/gosu:main.go', examples: [{ command: ['gosu', 'postgres', 'initdb', '-D', '/data'], need: 'none' }] },
  { names: ['chroot'], needsRoot: true, effect: run([], 1), summary: 'Runs the command with another root directory (root only).', source: 'man 8 chroot', examples: [{ command: ['chroot', '/host', 'ls', '/etc'], need: 'none' }] },
  { names: ['taskset'], effect: run([], 1), summary: 'Runs the command pinned to CPUs.', source: 'man 1 taskset', examples: [{ command: ['taskset', '0x1', 'nc', '-z', 'db', '5432'], need: 'required', dest: 'db:5432' }] },
  { names: ['tini'], effect: run(['-e', '-p']), summary: 'Minimal init: runs the command as its child.', source: 'krallin/tini:src/tini.c', examples: [{ command: ['tini', '--', 'nc', '-z', 'db', '5432'], need: 'required', dest: 'db:5432' }] },
  { names: ['dumb-init'], effect: run(['-r', '--rewrite']), summary: 'Minimal init: runs the command as its child.', source: 'Yelp/dumb-init:dumb-init.c', examples: [{ command: ['dumb-init', '--', 'redis-cli', '-h', 'redis', 'ping'], need: 'required', dest: 'redis:6379' }] },
  { names: ['stdbuf'], effect: run(['-i', '-o', '-e']), summary: 'Runs the command with other stdio buffering.', source: 'man 1 stdbuf', examples: [{ command: ['stdbuf', '-o', 'L', 'cat', '/etc/hosts'], need: 'none' }] },
  { names: ['xargs'], effect: run(['-I', '-n', '-P', '-L', '-d', '-s', '-E', '-a']), summary: 'Runs the command with arguments read from stdin.', source: 'man 1 xargs', examples: [{ command: ['sh', '-c', 'find /data | xargs -r chown 1001'], need: 'none' }] },
  { names: ['watch'], effect: run(['-n', '--interval']), summary: 'Runs the command repeatedly.', source: 'man 1 watch', examples: [{ command: ['watch', '-n', '5', 'nc', '-z', 'db', '5432'], need: 'required', dest: 'db:5432' }] },
  { names: ['flock'], effect: run(['-w', '-E'], 1), summary: 'Runs the command holding a file lock.', source: 'man 1 flock', examples: [{ command: ['flock', '/data/.lock', 'cp', '/a', '/data/a'], need: 'none' }] },
  { names: ['setpriv'], effect: run(['--reuid', '--regid', '--groups']), summary: 'Runs the command with other privileges.', source: 'man 1 setpriv', examples: [{ command: ['setpriv', '--reuid', '1000', '--regid', '1000', '--clear-groups', 'nc', '-z', 'db', '5432'], need: 'required', dest: 'db:5432' }] },
  { names: ['runuser'], effect: run(['-u', '-g', '-G']), summary: 'Runs the command as another user (root only).', source: 'man 1 runuser', examples: [{ command: ['runuser', '-u', 'app', '--', 'psql', '-h', 'db', '-c', 'select 1'], need: 'required', dest: 'db:5432' }] },
  { names: ['sshpass'], effect: run(['-p', '-f', '-d', '-e']), summary: 'Runs ssh-family commands with a password from an argument, file or env.', source: 'man 1 sshpass', examples: [{ command: ['sshpass', '-p', 'x', 'scp', 'u@backup.acme:/dump.sql', '/seed/'], need: 'required', dest: 'backup.acme:22' }] },
  { names: ['retry'], effect: run(['-t', '--times', '-d', '--delay', '-m', '--max-time']), summary: 'Retries the command until it succeeds.', source: 'kadwanev/retry:retry', examples: [{ command: ['retry', '-t', '10', '--', 'nc', '-z', 'db', '5432'], need: 'required', dest: 'db:5432' }] },
]
