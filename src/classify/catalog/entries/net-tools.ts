// Network clients and waiters: they open the connection their arguments name (ref §7 wait-for rows).
// UDP and ICMP are never redirected, only the DNS lookup of a name is (ref §2.4).
import type { ProgramEntry } from '../types.js'

const CURL_VALUED = ['-o', '--output', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '-u', '--user', '-X', '--request', '-A', '--user-agent', '-e', '--referer', '-m', '--max-time', '--connect-timeout', '--retry', '--retry-delay', '--retry-max-time', '-w', '--write-out', '--cacert', '--capath', '--cert', '--key', '-T', '--upload-file', '-F', '--form', '-K', '--config', '-b', '--cookie', '-c', '--cookie-jar', '--resolve', '-r', '--range', '-E', '-C', '--limit-rate', '--max-filesize', '-Y', '-y', '-z', '--noproxy', '--interface', '--dns-servers', '--oauth2-bearer', '-x', '--proxy', '--unix-socket', '--abstract-unix-socket', '--url', '--output-dir', '--cert-type', '--key-type', '--ciphers', '--connect-to', '--create-file-mode', '--expect100-timeout', '--happy-eyeballs-timeout-ms', '--keepalive-time', '--max-redirs', '--proto', '--proto-redir', '--speed-limit', '--speed-time', '-t', '--telnet-option', '--tls-max', '--trace', '--trace-ascii', '--aws-sigv4', '--json']
const WGET_VALUED = ['-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-P', '--directory-prefix', '-T', '--timeout', '-t', '--tries', '-U', '--user-agent', '--header', '--user', '--password', '-e', '--execute', '--post-data', '--body-data', '-i', '--input-file', '-w', '--wait', '--ca-certificate', '--certificate', '--private-key', '-Y', '--limit-rate', '-Q', '--quota', '-l', '--level', '-A', '-R', '-D', '--dns-timeout', '--connect-timeout', '--read-timeout', '--method', '--retry-on-http-error']

export const NET_TOOLS = (): ProgramEntry[] => [
  {
    names: ['nc', 'ncat', 'netcat', 'telnet'],
    effect: { rule: 'netcat' },
    summary: 'TCP to `host port` (telnet defaults to 23); `-l` listens in the pod; `-u` is UDP, of which only the name lookup is captured.',
    source: 'man 1 nc',
    examples: [
      { command: ['sh', '-c', 'until nc -z postgresql 5432; do sleep 2; done'], need: 'required', dest: 'postgresql:5432' },
      { command: ['nc', '-zu', 'syslog', '514'], need: 'required', dest: 'dns:syslog' },
      { command: ['nc', '-lk', '-p', '8080'], need: 'none' },
      { command: ['telnet', 'mail.acme'], need: 'required', dest: 'mail.acme:23' },
    ],
  },
  {
    names: ['curl'],
    images: [{ repo: 'curl', entrypoint: ['curl'] }, { repo: 'busybox-curl' }, { repo: 'netshoot' }],
    effect: { rule: 'httpClient', params: { valued: CURL_VALUED } },
    summary: 'Fetches the URLs it is given (a proxy replaces the destination); `--unix-socket` stays in the pod.',
    source: 'curl/curl:src/tool_getparam.c',
    examples: [
      { command: ['sh', '-c', 'curl -fsSLO https://github.com/acme/plugin/releases/download/1.0/plugin.jar'], need: 'required', dest: 'github.com:443' },
      { command: ['curl', '-sf', 'http://localhost:8080/health'], need: 'none' },
      { image: 'curlimages/curl:8.8.0', args: ['-sf', 'http://config-server:8888/app/default'], need: 'required', dest: 'config-server:8888' },
      { image: 'nicolaka/netshoot', args: ['nc', '-z', 'db', '5432'], need: 'required', dest: 'db:5432' },
    ],
  },
  {
    names: ['wget'],
    effect: { rule: 'httpClient', params: { valued: WGET_VALUED } },
    summary: 'Downloads the URLs it is given.',
    source: 'man 1 wget',
    examples: [
      { command: ['wget', '-qO', '/data/model.bin', 'https://models.acme.io/v1/model.bin'], need: 'required', dest: 'models.acme.io:443' },
      { command: ['wget', '-qO-', 'http://127.0.0.1:9000/ready'], need: 'none' },
    ],
  },
  {
    names: ['http', 'https', 'xh', 'aria2c'],
    effect: { rule: 'httpClient', params: { valued: [] } },
    summary: 'HTTPie-style and download clients: the URL (or `host:port/path`) they are given.',
    source: 'httpie/cli:httpie/cli/definition.py',
    examples: [{ command: ['http', 'POST', 'api.acme:8080/register', 'name=web'], need: 'required', dest: 'api.acme:8080' }],
  },
  {
    names: ['ping', 'ping6'],
    effect: { rule: 'ping' },
    summary: 'ICMP echo: never redirected, only resolving the name can be captured (ref §2.4).',
    source: 'man 8 ping',
    examples: [
      { command: ['ping', '-c', '1', 'gateway.acme'], need: 'required', dest: 'dns:gateway.acme' },
      { command: ['ping', '-c', '1', '10.0.0.1'], need: 'none' },
    ],
  },
  {
    names: ['nslookup', 'dig', 'host', 'drill', 'getent'],
    effect: { rule: 'lookup' },
    summary: 'DNS lookups only (`getent hosts`; other getent databases are local files).',
    source: 'man 1 dig',
    examples: [
      { command: ['sh', '-c', 'until nslookup myservice; do sleep 2; done'], need: 'required', dest: 'dns:myservice' },
      { command: ['getent', 'hosts', 'db.shop'], need: 'required', dest: 'dns:db.shop' },
      { command: ['getent', 'passwd', 'app'], need: 'none' },
    ],
  },
  {
    names: ['openssl'],
    effect: { rule: 'openssl' },
    summary: 'Key and certificate work is local; `s_client -connect host:port` opens TLS to it.',
    source: 'openssl/openssl:apps/s_client.c',
    examples: [
      { command: ['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/tls/key.pem', '-out', '/tls/cert.pem', '-subj', '/CN=app'], need: 'none' },
      { command: ['sh', '-c', 'openssl s_client -connect ldap.acme:636 </dev/null'], need: 'required', dest: 'ldap.acme:636' },
    ],
  },
  {
    names: ['ssh', 'scp', 'sftp', 'rsync', 'ssh-keyscan'],
    effect: { rule: 'ssh' },
    summary: 'SSH to the host or `[user@]host:path` given (port 22 unless `-p`/`-P`); rsync also takes `rsync://` URLs.',
    source: 'man 1 ssh',
    examples: [
      { command: ['sh', '-c', 'ssh-keyscan github.com >> /root/.ssh/known_hosts'], need: 'required', dest: 'github.com:22' },
      { command: ['rsync', '-a', 'backup@store.acme:/dumps/', '/restore/'], need: 'required', dest: 'store.acme:22' },
    ],
  },
  {
    names: ['grpcurl', 'grpc_health_probe'],
    effect: { rule: 'grpc' },
    summary: 'gRPC calls to the address given (`-addr` or the first argument).',
    source: 'grpc-ecosystem/grpc-health-probe:main.go',
    examples: [{ command: ['sh', '-c', 'until grpc_health_probe -addr=engine:50051; do sleep 1; done'], need: 'required', dest: 'engine:50051' }],
  },
  {
    names: ['dockerize', 'wait-for-it', 'wait-for-it.sh', 'wait-for', 'wait-for.sh', 'wait4x'],
    images: [{ repo: 'dockerize', entrypoint: ['dockerize'] }, { repo: 'wait4x', entrypoint: ['wait4x'] }],
    effect: { rule: 'waiter' },
    summary: 'Wait until the `host:port` or `tcp://` URLs given accept a connection, then run the command after `--`.',
    source: 'vishnubob/wait-for-it:wait-for-it.sh',
    examples: [
      { command: ['wait-for-it.sh', 'mysql:3306', '--timeout=60', '--', 'echo', 'up'], need: 'required', dest: 'mysql:3306' },
      { image: 'jwilder/dockerize', args: ['-wait', 'tcp://rabbitmq:5672', '-timeout', '60s'], need: 'required', dest: 'rabbitmq:5672' },
      { command: ['dockerize', '-template', '/tmpl/app.conf:/etc/app.conf'], need: 'none' },
      { command: ['bash', '/scripts/wait-for-it.sh', 'redis:6379', '-t', '30'], need: 'required', dest: 'redis:6379' },
    ],
  },
  {
    names: ['wait-for-port'],
    effect: { rule: 'waitForPort' },
    summary: 'Bitnami\'s port waiter: polls `--host` (localhost by default) on the port given.',
    source: 'bitnami/wait-for-port:main.go',
    examples: [
      { command: ['wait-for-port', '--host', 'zookeeper', '2181'], need: 'required', dest: 'zookeeper:2181' },
      { command: ['wait-for-port', '--timeout', '60', '8080'], need: 'none' },
    ],
  },
]
