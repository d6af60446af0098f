// System utilities that only touch files, processes or the kernel: no socket (ref §7 "local" rows).
// Their names are common, so a program of the same name given by an application path is not them
// (`commonName`). The ones that only work as root say so for the fix planner (ref §5.1 caveat).
import type { ProgramEntry } from '../types.js'
import { LOCAL } from './shared.js'

const words = (s: string) => s.split(/\s+/)

export const CORE_TOOLS = (): ProgramEntry[] => [
  {
    names: words('cp mv rm mkdir rmdir chmod ln ls cat touch install dd stat readlink realpath basename dirname mkfifo mktemp truncate fallocate sync tree find tee'),
    effect: LOCAL, commonName: true,
    summary: 'Coreutils and findutils file operations: copy, move, link, list and inspect files.',
    source: 'man 1 coreutils',
    examples: [
      { command: ['sh', '-c', 'mkdir -p /work/conf && cp -r /tmpl/. /work/conf/ && chmod 0644 /work/conf/*'], need: 'none' },
      { command: ['cp', '/opt/bin/tool', '/shared/tool'], need: 'none' },
    ],
  },
  {
    names: words('echo printf sed awk gawk mawk grep egrep fgrep tr cut head tail wc sort uniq rev fold split comm join paste nl od xxd hexdump iconv column diff cmp patch base64 sha1sum sha256sum sha512sum md5sum cksum uuidgen seq expr numfmt yes dos2unix unix2dos file'),
    effect: LOCAL, commonName: true,
    summary: 'Text filters and checksums: read and write text on files and pipes.',
    source: 'man 1 sed',
    examples: [{ command: ['sh', '-c', "sed -e 's/@HOST@/db/' /tmpl/app.conf | tee /etc/app/app.conf && sha256sum /etc/app/app.conf"], need: 'none' }],
  },
  {
    names: words('tar gzip gunzip zcat bzip2 bunzip2 bzcat xz unxz xzcat lz4 zstd unzstd unzip zip'),
    effect: LOCAL, commonName: true,
    summary: 'Archivers and compressors working on local files.',
    source: 'man 1 tar',
    examples: [{ command: ['sh', '-c', 'tar -xzf /seed/data.tar.gz -C /data && gunzip -f /data/*.gz'], need: 'none' }],
  },
  {
    names: words('test [ [[ true false exit return export set unset shift cd pwd read trap wait kill umask ulimit let : shopt type which alias unalias getopts break continue pushd popd'),
    effect: LOCAL, commonName: true,
    summary: 'Shell builtins and tests: control flow and the shell\'s own state.',
    source: 'man 1 bash',
    examples: [{ command: ['sh', '-c', 'set -e; cd /data; [ -f ready ] || touch ready; exit 0'], need: 'none' }],
  },
  {
    names: words('sleep date id whoami hostname nproc uname df du printenv locale logger tput clear ps pgrep free top vmstat ldconfig'),
    effect: LOCAL, commonName: true,
    summary: 'Process, user and system information; waiting a fixed time.',
    source: 'man 1 ps',
    examples: [{ command: ['sh', '-c', 'id; uname -a; df -h /data; sleep 5'], need: 'none' }],
  },
  {
    names: words('envsubst envtpl j2 tpl mustache jq yq xmllint xmlstarlet yamllint'),
    effect: LOCAL, commonName: true,
    summary: 'Template renderers and JSON/YAML/XML processors over local files and env.',
    source: 'jqlang/jq:src/main.c',
    examples: [{ command: ['sh', '-c', 'envsubst < /tmpl/app.conf > /etc/app/app.conf && jq .port /etc/app/config.json'], env: { BACKEND_HOST: 'api' }, need: 'none' }],
  },
  {
    names: words('keytool ssh-keygen htpasswd cfssl cfssljson mkcert c_rehash trust'),
    effect: LOCAL, commonName: true,
    summary: 'Key, certificate and password-file generators: they write files, no CA is contacted.',
    source: 'cloudflare/cfssl:cmd/cfssl/cfssl.go',
    examples: [{ command: ['sh', '-c', 'keytool -importcert -noprompt -alias ca -file /certs/ca.crt -keystore /work/truststore.jks -storepass changeit'], need: 'none' }],
  },
  {
    names: words('usermod chpasswd passwd setfacl getfacl restorecon chcon chattr lsattr getcap'),
    effect: LOCAL, commonName: true,
    summary: 'Account and file-attribute edits (ACLs, SELinux labels, capabilities read-out).',
    source: 'man 1 setfacl',
    examples: [{ command: ['setfacl', '-R', '-m', 'u:1001:rwX', '/data'], need: 'none' }],
  },
  {
    names: words('useradd adduser addgroup groupadd'),
    effect: LOCAL, commonName: true, needsRoot: true,
    summary: 'Create users and groups in /etc/passwd and /etc/group (root only).',
    source: 'man 8 useradd',
    examples: [{ command: ['sh', '-c', 'addgroup -S app && adduser -S -G app app'], need: 'none' }],
  },
  {
    names: words('chown chgrp'),
    effect: LOCAL, commonName: true, needsRoot: true,
    summary: 'Change file ownership: only root may give files away (the volume-permissions pattern).',
    source: 'man 1 chown',
    examples: [{ command: ['sh', '-c', 'chown -R 1001:1001 /bitnami/postgresql'], need: 'none' }],
  },
  {
    names: ['setcap'],
    effect: LOCAL, commonName: true, needsRoot: true,
    summary: 'Set file capabilities (CAP_SETFCAP, in practice root).',
    source: 'man 8 setcap',
    examples: [{ command: ['setcap', 'cap_net_bind_service=+ep', '/usr/sbin/nginx'], need: 'none' }],
  },
  {
    names: ['sysctl'],
    effect: LOCAL, commonName: true, needsRoot: true,
    summary: 'Read or set kernel parameters (writes need root and usually privileged).',
    source: 'man 8 sysctl',
    examples: [{ command: ['sysctl', '-w', 'vm.max_map_count=262144'], need: 'none' }],
  },
  {
    names: words('iptables ip6tables modprobe'),
    effect: LOCAL, commonName: true, needsRoot: true,
    summary: 'Netfilter rules and kernel modules: netlink to the kernel, no packet leaves (root, NET_ADMIN).',
    source: 'man 8 iptables',
    examples: [{ command: ['iptables', '-t', 'nat', '-A', 'OUTPUT', '-p', 'tcp', '--dport', '80', '-j', 'REDIRECT', '--to-port', '8080'], need: 'none' }],
  },
  {
    names: words('nft ip ifconfig route lsmod dmesg'),
    effect: LOCAL, commonName: true,
    summary: 'Network and kernel configuration read or written over netlink: no connection is opened.',
    source: 'man 8 ip',
    examples: [{ command: ['sh', '-c', 'ip route show && ip addr'], need: 'none' }],
  },
  {
    names: ['update-ca-certificates'],
    effect: LOCAL, commonName: true, needsRoot: true,
    summary: 'Rebuild the system CA bundle under /etc/ssl (root-owned).',
    source: 'man 8 update-ca-certificates',
    examples: [{ command: ['sh', '-c', 'cp /certs/*.crt /usr/local/share/ca-certificates/ && update-ca-certificates'], need: 'none' }],
  },
  {
    names: words('lsblk blkid mkfs mkfs.ext4 resize2fs e2fsck fsck losetup tune2fs xfs_growfs btrfs'),
    effect: LOCAL, commonName: true,
    summary: 'Block-device and filesystem tools on devices attached to the node.',
    source: 'man 8 mkfs; man 8 btrfs-subvolume (subvolume commands are ioctls on a mounted filesystem)',
    examples: [
      { command: ['sh', '-c', 'blkid /dev/xvdb || mkfs.ext4 /dev/xvdb'], need: 'none' },
      // concourse/concourse-chart worker init: drop leftover btrfs subvolumes of the work dir.
      { command: ['bash', '-c', 'btrfs subvolume show /concourse-work-dir/v && btrfs subvolume delete /concourse-work-dir/v'], need: 'none' },
    ],
  },
  {
    names: words('mysqld mysql_install_db mariadb-install-db initdb pg_ctl postgres redis-server mongod nginx httpd'),
    images: [
      ...words('postgres mysql mariadb redis mongo').map((repo) => ({ repo, exact: true })),
      ...words('bitnami/postgresql bitnami/mysql bitnami/mariadb bitnami/redis bitnami/mongodb').map((repo) => ({ repo })),
    ],
    effect: LOCAL, commonName: true,
    summary: 'Servers run in an init container to lay out a data directory or test a configuration (initdb, nginx -t).',
    source: 'postgres/postgres:src/bin/initdb/initdb.c',
    examples: [
      { command: ['sh', '-c', 'initdb -D /var/lib/postgresql/data && pg_ctl -D /var/lib/postgresql/data -w start'], need: 'none' },
      { image: 'postgres:16', need: 'none' },
      { image: 'bitnami/postgresql:16', args: ['pg_isready', '-h', 'db'], need: 'required', dest: 'db:5432' },
    ],
  },
  {
    names: [],
    images: [
      ...words('static static-debian11 static-debian12 base base-debian11 base-debian12 base-nossl base-nossl-debian12 cc cc-debian11 cc-debian12').map((d) => ({ repo: `distroless/${d}`, only: [] })),
      ...words('java17-debian12 java21-debian12').map((d) => ({ repo: `distroless/${d}`, entrypoint: ['/usr/bin/java'], only: ['java'] })),
      ...words('nodejs18-debian12 nodejs20-debian12 nodejs22-debian12').map((d) => ({ repo: `distroless/${d}`, entrypoint: ['/nodejs/bin/node'], only: ['node'] })),
      ...words('python3 python3-debian12').map((d) => ({ repo: `distroless/${d}`, entrypoint: ['/usr/bin/python3'], only: ['python3'] })),
      { repo: 'chainguard/static', only: [] },
    ],
    effect: LOCAL,
    summary: 'Distroless images: no shell and no coreutils, only the application (and its runtime). A command line that starts with `sh`, `nc` or `curl` there cannot run, so it opens no connection (the pod fails for another reason).',
    source: 'GoogleContainerTools/distroless:base/README.md',
    examples: [
      { image: 'gcr.io/distroless/static-debian12:nonroot', command: ['sh', '-c', 'until nc -z db 5432; do sleep 1; done'], need: 'none' },
      { image: 'gcr.io/distroless/static-debian12', command: ['/app/migrate', '--db', 'postgres://db:5432/app'], need: 'required', dest: 'db:5432' },
      { image: 'gcr.io/distroless/python3-debian12', args: ['-c', 'import socket; socket.create_connection(("db", 5432))'], need: 'required', dest: 'db:5432' },
    ],
  },
]
