// Host administration utilities that CNI, CSI, GPU and storage installers run on the node (often
// through nsenter or chroot): systemd, kernel modules, block devices, LVM, ZFS, link settings.
// Most only talk to the kernel or a local daemon; the storage-network initiators (iSCSI, NVMe over
// TCP) and remote libvirt URIs are the exceptions. Each is decided from its manual page.
import type { EffectSpec, ProgramEntry } from '../types.js'
import { LOCAL } from './shared.js'

const words = (s: string) => s.split(/\s+/)

/** An initiator's connection to a storage target portal: address from flags, the protocol's port by default. */
const portal = (flags: string[], portFlags: string[], port: string, what: string): EffectSpec =>
  ({ template: 'connect', address: { flags }, host: { flags }, port: { flags: portFlags, default: port }, what })

/** iSCSI portals listen on 3260 (RFC 7143) unless -p says host:port. */
const iscsiPortal = (what: string) => portal(['-p', '--portal'], [], '3260', what)

/** NVMe over Fabrics: TCP to --traddr:--trsvcid (4420 by default); RDMA and FC bypass the IP stack. */
const nvmeFabric = (what: string): EffectSpec => ({
  template: 'value',
  from: { flags: ['-t', '--transport'] },
  cases: { tcp: portal(['-a', '--traddr'], ['-s', '--trsvcid'], '4420', what) },
  default: LOCAL,
})

/** libvirt's local drivers listen on a Unix socket. */
const LIBVIRTD: EffectSpec = { template: 'loopback', what: 'talks to the local libvirtd over its Unix socket' }

export const NODE_TOOLS = (): ProgramEntry[] => [
  {
    names: words('systemctl hostnamectl timedatectl localectl loginctl journalctl udevadm systemd-detect-virt'),
    effect: LOCAL,
    summary: 'systemd and udev clients: they ask the local systemd (D-Bus over a Unix socket), read the journal files or trigger udev; `-H host` (ssh) aside, nothing leaves the node.',
    source: 'man 1 systemctl',
    examples: [
      { command: ['sh', '-c', 'chroot /host systemctl daemon-reload && chroot /host systemctl restart containerd'], need: 'none' },
      { command: ['udevadm', 'trigger', '--subsystem-match=block'], need: 'none' },
    ],
  },
  {
    names: words('insmod rmmod depmod modinfo'),
    effect: LOCAL, needsRoot: true,
    summary: 'Kernel module loading and inspection from files under /lib/modules.',
    source: 'man 8 insmod',
    examples: [{ command: ['sh', '-c', 'depmod -a && insmod /tmp/ko/drbd.ko usermode_helper=disabled'], need: 'none' }],
  },
  {
    names: words('umount mknod findmnt mountpoint swapoff swapon fstrim'),
    effect: LOCAL, commonName: true,
    summary: 'Mount table, device node and swap management on the node\'s kernel.',
    source: 'man 8 umount',
    examples: [{ command: ['sh', '-c', 'mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf; swapoff -a'], need: 'none' }],
  },
  {
    names: words('lscpu lsusb lshw dmidecode'),
    effect: LOCAL,
    summary: 'Hardware inventory from /proc, /sys and the DMI tables.',
    source: 'man 1 lscpu',
    examples: [{ command: ['sh', '-c', 'lscpu | grep -q avx512 && dmidecode -s system-product-name > /out/product'], need: 'none' }],
  },
  {
    names: ['lspci'],
    effect: { template: 'flags', cases: [{ has: ['-q', '-qq'], then: { template: 'dns', host: { default: 'pci.id.ucw.cz' }, what: 'asks the PCI ID database over DNS for unknown devices' } }], default: LOCAL },
    summary: 'Lists PCI devices from sysfs and the local pci.ids; `-q`/`-qq` query the central ID database through DNS TXT records.',
    source: 'man 8 lspci',
    examples: [
      { command: ['sh', '-c', 'lspci -nn | grep -i nvidia'], need: 'none' },
      { command: ['lspci', '-q'], need: 'required', dest: 'dns:pci.id.ucw.cz' },
    ],
  },
  {
    names: words('ethtool tc bridge ipvsadm arp ss netstat'),
    effect: LOCAL, needsRoot: true, commonName: true,
    summary: 'Link, queueing, bridge, IPVS and socket-table tools: ioctl and netlink to the kernel, no traffic of their own.',
    source: 'man 8 tc',
    examples: [{ command: ['sh', '-c', 'ethtool -K eth0 tx off && tc qdisc replace dev eth0 root fq'], need: 'none' }],
  },
  {
    names: ['arping'],
    effect: { rule: 'ping' },
    needsRoot: true,
    summary: 'ARP requests on the link: never IP, never redirected; only resolving a name can be captured.',
    source: 'man 8 arping',
    examples: [
      { command: ['arping', '-c', '1', '-I', 'eth0', '10.0.0.1'], need: 'none' },
      { command: ['arping', '-c', '3', 'gateway.lan'], need: 'required', dest: 'dns:gateway.lan' },
    ],
  },
  {
    names: words('wipefs sgdisk sfdisk fdisk parted partprobe blockdev mkfs.xfs xfs_repair xfs_admin cryptsetup mdadm multipath dmsetup'),
    effect: LOCAL, needsRoot: true,
    summary: 'Partitioning, filesystem, dm-crypt, RAID and multipath tools over local block devices.',
    source: 'man 8 sgdisk',
    examples: [{ command: ['sh', '-c', 'wipefs -a /dev/sdb && sgdisk --zap-all /dev/sdb && partprobe /dev/sdb'], need: 'none' }],
  },
  {
    names: words('lvm pvcreate pvremove pvresize pvs pvscan pvdisplay vgcreate vgremove vgchange vgextend vgs vgscan vgdisplay lvcreate lvremove lvchange lvextend lvresize lvs lvscan lvdisplay'),
    effect: LOCAL, needsRoot: true,
    summary: 'LVM2 physical volume, volume group and logical volume commands on local devices (lvmetad/lvmlockd are local sockets).',
    source: 'man 8 lvm',
    examples: [{ command: ['sh', '-c', 'pvs /dev/nvme1n1 || pvcreate /dev/nvme1n1; vgs myvg || vgcreate myvg /dev/nvme1n1'], need: 'none' }],
  },
  {
    names: ['zpool', 'zfs'],
    effect: LOCAL, needsRoot: true,
    summary: 'OpenZFS pool and dataset management through /dev/zfs (`zfs send` writes to a pipe; any transport is another program).',
    source: 'man 8 zpool',
    examples: [{ command: ['sh', '-c', 'zpool import -a; zfs list -H -o name zfspv-pool || zpool create zfspv-pool /dev/sdc'], need: 'none' }],
  },
  {
    names: ['iscsiadm'],
    needsRoot: true,
    effect: {
      template: 'value',
      from: { flags: ['-m', '--mode'] },
      cases: {
        discovery: iscsiPortal('sends SendTargets discovery to the portal'),
        discoverydb: iscsiPortal('sends SendTargets discovery to the portal'),
        node: { template: 'flags', cases: [{ has: ['-l', '--login', '--loginall'], then: iscsiPortal('logs in to the target portal') }], default: LOCAL },
      },
      default: LOCAL,
    },
    summary: 'open-iscsi administration: `-m discovery` and `-m node --login` open TCP to the target portal (port 3260); session, interface and node-database edits are local (iscsid over a Unix socket).',
    source: 'man 8 iscsiadm',
    examples: [
      { command: ['iscsiadm', '-m', 'discovery', '-t', 'sendtargets', '-p', '10.20.0.5'], need: 'required', dest: '10.20.0.5:3260' },
      { command: ['iscsiadm', '-m', 'node', '-T', 'iqn.2024-01.com.acme:vol1', '-p', '10.20.0.5:3261', '--login'], need: 'required', dest: '10.20.0.5:3261' },
      { command: ['iscsiadm', '-m', 'session', '-P', '3'], need: 'none' },
    ],
  },
  {
    names: ['nvme'],
    needsRoot: true,
    effect: {
      template: 'subcommands',
      cases: {
        connect: nvmeFabric('connects to the NVMe-oF controller'),
        'connect-all': nvmeFabric('discovers and connects to the NVMe-oF subsystems'),
        discover: nvmeFabric('queries the discovery controller'),
      },
      default: LOCAL,
    },
    summary: 'nvme-cli: `connect`, `connect-all` and `discover` with `-t tcp` open TCP to --traddr:--trsvcid (4420); RDMA and FC transports and the local device commands use no IP socket.',
    source: 'man 1 nvme-connect',
    examples: [
      { command: ['nvme', 'connect', '-t', 'tcp', '-a', '10.1.0.9', '-s', '4420', '-n', 'nqn.2019-05.io.openebs:vol1'], need: 'required', dest: '10.1.0.9:4420' },
      { command: ['nvme', 'list'], need: 'none' },
      { command: ['nvme', 'connect', '-t', 'rdma', '-a', '10.1.0.9', '-n', 'nqn.2019-05.io.openebs:vol1'], need: 'none' },
    ],
  },
  {
    names: ['virsh'],
    effect: {
      template: 'value',
      from: { flags: ['-c', '--connect'], env: ['LIBVIRT_DEFAULT_URI', 'VIRSH_DEFAULT_CONNECT_URI'], default: 'qemu:///system' },
      // Host-less URIs name a local driver's Unix socket.
      cases: Object.fromEntries(words('qemu:///system qemu:///session lxc:/// xen:/// ch:///system').map((uri) => [uri, LIBVIRTD])),
      default: { template: 'connect', url: { flags: ['-c', '--connect'], env: ['LIBVIRT_DEFAULT_URI', 'VIRSH_DEFAULT_CONNECT_URI'] }, what: 'talks to the remote libvirtd' },
    },
    summary: 'libvirt shell: without a remote URI (`qemu+tcp://`, `qemu+ssh://`) it talks to the local daemon over its Unix socket.',
    source: 'man 1 virsh',
    examples: [
      { command: ['virsh', 'domcapabilities', '--machine', 'q35', '--arch', 'x86_64', '--virttype', 'kvm'], need: 'none' },
      { command: ['virsh', '-c', 'qemu+tcp://hv1.lab:16509/system', 'list', '--all'], need: 'required', dest: 'hv1.lab:16509' },
      { command: ['virsh', '-c', 'qemu:///system', 'capabilities'], need: 'none' },
    ],
  },
  {
    names: words('setenforce getenforce sestatus semanage'),
    effect: LOCAL, needsRoot: true,
    summary: 'SELinux mode and policy management on the node.',
    source: 'man 8 semanage',
    examples: [{ command: ['sh', '-c', 'chroot /host semanage fcontext -a -t container_file_t "/var/odigos(/.*)?"'], need: 'none' }],
  },
  {
    names: words('strace ltrace'),
    effect: { template: 'run', valued: ['-o', '-p', '-e', '-s', '-u', '-E'] },
    summary: 'Tracers: run the traced command (or attach to -p pid); the command is the effect.',
    source: 'man 1 strace',
    examples: [{ command: ['strace', '-f', '-o', '/tmp/trace', 'curl', '-s', 'http://api:8080/health'], need: 'required', dest: 'api:8080' }],
  },
  {
    names: words('ldd lsof runc'),
    effect: LOCAL,
    summary: 'Library, open-file and OCI runtime inspection on the node.',
    source: 'man 1 ldd',
    examples: [{ command: ['sh', '-c', 'ldd /usr/bin/nvidia-smi && lsof -nP /dev/nvidia0'], need: 'none' }],
  },
  {
    names: ['bpftool'],
    effect: LOCAL, needsRoot: true,
    summary: 'Inspects and loads eBPF programs and maps through the bpf() syscall and bpffs.',
    source: 'man 8 bpftool',
    examples: [{ command: ['sh', '-c', 'bpftool map show && bpftool prog list'], need: 'none' }],
  },
  {
    names: words('gcc cc g++ dkms patchelf objcopy strip'),
    effect: LOCAL,
    summary: 'Compilers and binary tools building kernel modules or patching binaries from local sources and headers (dkms builds from /usr/src).',
    source: 'man 8 dkms',
    examples: [{ command: ['sh', '-c', 'dkms build -m nvidia -v 550.90.07 && dkms install -m nvidia -v 550.90.07'], need: 'none' }],
  },
  {
    names: words('pkill killall fuser pstree lsns hwclock update-alternatives systemd-tmpfiles'),
    effect: LOCAL, commonName: true,
    summary: 'Process, namespace, clock and alternatives management on the local system.',
    source: 'man 1 pkill',
    examples: [{ command: ['sh', '-c', 'pkill -HUP -f containerd || true; hwclock --systohc'], need: 'none' }],
  },
  {
    names: ['ntpdate', 'sntp', 'traceroute', 'tracepath', 'mtr'],
    effect: { rule: 'ping' },
    summary: 'NTP queries (UDP 123) and path probes (UDP/ICMP): never redirected; only resolving a server name can be captured (ref §2.5).',
    source: 'man 8 ntpdate',
    examples: [
      { command: ['ntpdate', '-u', 'pool.ntp.org'], need: 'required', dest: 'dns:pool.ntp.org' },
      { command: ['traceroute', '-n', '10.0.0.1'], need: 'none' },
    ],
  },
  {
    names: ['chronyc'],
    effect: { template: 'loopback', what: 'asks the local chronyd over its Unix socket (or 127.0.0.1:323)' },
    summary: 'chrony\'s control client: talks to the chronyd on this node.',
    source: 'man 1 chronyc',
    examples: [{ command: ['chronyc', 'waitsync', '30', '0.1'], need: 'none' }],
  },
  {
    names: ['tcpdump'],
    effect: { template: 'flags', cases: [{ has: ['-n', '-nn', '-w'], then: LOCAL }], default: { template: 'dns', what: 'resolves captured addresses to names (PTR lookups) unless -n' } },
    needsRoot: true,
    summary: 'Packet capture from a local interface; printing without -n resolves the addresses through DNS (-w writes raw packets to a file).',
    source: 'man 8 tcpdump',
    examples: [
      { command: ['tcpdump', '-nn', '-i', 'eth0', '-c', '10', 'port', '53'], need: 'none' },
      { command: ['tcpdump', '-i', 'any', '-c', '100', '-w', '/tmp/cap.pcap'], need: 'none' },
      { command: ['tcpdump', '-i', 'any', '-c', '100', 'port', '5432'], need: 'required' },
    ],
  },
  {
    names: ['showmount', 'rpcinfo'],
    effect: { template: 'connect', host: { positional: 0 }, port: { default: '111' }, what: 'asks the server\'s rpcbind and mountd' },
    summary: 'Sun RPC queries: showmount -e and rpcinfo -p ask the NFS server\'s portmapper (port 111), then its mountd.',
    source: 'man 8 showmount',
    examples: [{ command: ['showmount', '-e', 'nfs.storage.svc'], need: 'required', dest: 'nfs.storage.svc:111' }],
  },
]
