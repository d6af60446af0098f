// Rule grid for network-need detection (ref §8 step 6): one row per tool family or shell
// construct, named after the real-world case it comes from (ref §7 and the charts cited).
import t from 'tap'
import { analyzeNetwork, type PodContext } from '../src/classify/network/network.js'
import type { Container } from '../src/model/k8s.js'

const ctx = (configMaps: Record<string, Record<string, string>> = {}, volumes: PodContext['spec']['volumes'] = []): PodContext => ({
  namespace: 'ns', spec: { volumes }, configMaps: (_ns, name) => configMaps[name],
})

type Row = [name: string, c: Container, need: 'required' | 'none' | 'either', dest?: string]
// alpine: a shell image whose programs we do not list (busybox lacks curl, git, pg_isready…).
const sh = (script: string, extra: Partial<Container> = {}): Container => ({ name: 'init', image: 'alpine', command: ['sh', '-c', script], ...extra })

const rows: Row[] = [
  ['k8s docs: until nslookup myservice (DNS only)', sh('until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do sleep 2; done'), 'required', 'dns:myservice.ns.svc.cluster.local'],
  ['bitnami wait-for-db: nc -z loop', sh('until nc -z postgresql 5432; do echo waiting; sleep 2; done'), 'required', 'postgresql:5432'],
  ['nc -u is UDP: only the lookup of a name can be captured (ref §2.4)', sh('nc -zu syslog 514'), 'required', 'dns:syslog'],
  ['nc -u to an IP is never captured', sh('nc -zu 10.0.0.5 514'), 'none'],
  ['bash /dev/tcp wait loop (ref §7 wait-for-db)', sh('until (echo > /dev/tcp/redis/6379) 2>/dev/null; do sleep 1; done'), 'required', 'redis:6379'],
  ['chatwoot migrate job: an unquoted $PG_READY is split into the command it holds', sh('PG_READY="pg_isready -h chatwoot-postgresql -p 5432"; until $PG_READY; do sleep 2; done'), 'required', 'chatwoot-postgresql:5432'],
  ['variables assigned in the script are expanded', sh('HOST=redis; exec 3<>/dev/tcp/$HOST/6379'), 'required', 'redis:6379'],
  ['env values and ${VAR:-default} are expanded', sh('pg_isready -h $DB_HOST -p ${DB_PORT:-5432}', { env: [{ name: 'DB_HOST', value: 'db.shop' }] }), 'required', 'db.shop:5432'],
  ['Kubernetes $(VAR) expansion in args', { name: 'init', image: 'busybox', command: ['sh', '-c'], args: ['nc -z $(SVC) 80'], env: [{ name: 'SVC', value: 'api' }] }, 'required', 'api:80'],
  ['an env var from a Secret is a host the spec does not give', sh('nc -z $DB_HOST 5432', { env: [{ name: 'DB_HOST', valueFrom: { secretKeyRef: { name: 's', key: 'host' } } }] }), 'required', '$DB_HOST:5432'],
  ['functions: the body runs when called, with the call\'s arguments as $1 $2', sh('wait_for() { nc -z "$1" "$2"; }\nwait_for db 5432'), 'required', 'db:5432'],
  ['a function never called runs nothing', sh('wait_for() { nc -z "$1" "$2"; }\necho ready'), 'none'],
  ['Bitnami retry_while runs a function defined inline (here-string, arithmetic for, arrays)', sh('retry_while() {\n  read -r -a command <<< "$1"\n  for ((i = 1 ; i <= 12 ; i+=1 )); do "${command[@]}" && break; sleep 5; done\n}\nhosts=(\n  "http://10.40.0.11:2379"\n)\ncheck() { curl --max-time 5 "${1:-?missing host}/version"; }\nfor h in "${hosts[@]}"; do retry_while "check $h"; done'), 'required', '10.40.0.11:2379'],
  ['curl -fsSLO: -O takes no value', sh('curl --insecure -fsSLO "https://github.com/acme/plugin/releases/download/1.0/plugin.jar"'), 'required', 'github.com:443'],
  ['heredoc bodies are data, not commands', sh('cat <<EOF > /tmp/x\nnc -z evil 1\nEOF'), 'none'],
  ['GKE mysql sample (corpus 410): a `[[ x =~ re ]]` regex with parentheses is a pattern, not a subshell', { name: 'init', image: 'alpine', command: ['bash', '-c', '[[ `hostname` =~ -([0-9]+)$ ]] || exit 1\nordinal=${BASH_REMATCH[1]}\necho $ordinal'] }, 'none'],
  ['case patterns are not commands', sh('case $MODE in\n  a) echo a ;;\n  *) echo b ;;\nesac'), 'none'],
  ['curl to localhost stays on loopback (ref §2.5)', sh('until curl -sf http://localhost:8080/health; do sleep 1; done'), 'none'],
  ['wget -qO- to 127.0.0.1 stays on loopback', sh('wget -qO- http://127.0.0.1:9000/ready'), 'none'],
  ['the pod IP from the downward API routes over lo (ref §2.5)', sh('nc -z $POD_IP 8080', { env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }] }), 'none'],
  ['curl --unix-socket is local', sh('curl --unix-socket /var/run/docker.sock http://localhost/info'), 'none'],
  ['grafana download-dashboards: curl to https', sh('curl -skf --connect-timeout 60 --max-time 60 -H "Accept: application/json" "https://grafana.com/api/dashboards/1860/revisions/31/download" > /var/lib/grafana/dashboards/node.json'), 'required', 'grafana.com:443'],
  ['jenkins plugin download (ref §7, istio/cni#77)', sh('jenkins-plugin-cli --plugin-file /plugins.txt'), 'required', 'updates.jenkins.io:443'],
  ['git clone over https', sh('git clone --depth 1 https://github.com/acme/config.git /work'), 'required', 'github.com:443'],
  ['git clone over ssh (scp syntax)', sh('git clone git@gitlab.example.com:acme/config.git /work'), 'required', 'gitlab.example.com:22'],
  ['git init/config are local', sh('git init /work && git -C /work config user.name bot'), 'none'],
  ['git-sync --one-time', { name: 'git-sync', image: 'registry.k8s.io/git-sync/git-sync:v4.2.1', args: ['--repo=https://github.com/acme/dags', '--one-time'] }, 'required', 'github.com:443'],
  ['kubectl wait talks to the API server IP on 443, no DNS (ref §7 kubectl row)', sh('kubectl wait --for=condition=complete job/migrate --timeout=300s'), 'required', '$KUBERNETES_SERVICE_HOST:443'],
  ['kubectl config is local', sh('kubectl config set-cluster local --server=https://x'), 'none'],
  ['k8s-wait-for image with args (groundnuty)', { name: 'wait', image: 'groundnuty/k8s-wait-for:v2.0', args: ['job', 'migrate'] }, 'required', '$KUBERNETES_SERVICE_HOST:443'],
  ['helm template is local', sh('helm template x /chart > /out/manifest.yaml'), 'none'],
  ['helm repo add', sh('helm repo add bitnami https://charts.bitnami.com/bitnami'), 'required', 'charts.bitnami.com:443'],
  ['vault CLI uses VAULT_ADDR', sh('vault kv get -field=password secret/db > /secrets/db', { env: [{ name: 'VAULT_ADDR', value: 'http://vault.vault:8200' }] }), 'required', 'vault.vault:8200'],
  ['vault agent with a config file: address not in the spec', sh('vault agent -config=/etc/vault/agent.hcl -exit-after-auth'), 'required'],
  ['Bank-Vaults vault: env references run vault-env (istio/istio#23802)', { name: 'init', image: 'busybox', command: ['cp', '/a', '/b'], env: [{ name: 'PASSWORD', value: 'vault:secret/data/db#password' }] }, 'required', 'vault:8200'],
  ['psql with conninfo host=', sh('psql "host=db.acme port=5432 dbname=app" -c "select 1"'), 'required', 'db.acme:5432'],
  ['pg_isready with no host uses the local socket', sh('pg_isready'), 'none'],
  ['mysqladmin ping -h', sh('until mysqladmin ping -h mysql -P 3306 --silent; do sleep 2; done'), 'required', 'mysql:3306'],
  ['mysql -hHOST glued', sh('mysql -hmariadb -uroot -p$PASS -e "select 1"'), 'required', 'mariadb:3306'],
  ['redis-cli -h ping', sh('redis-cli -h redis-master ping'), 'required', 'redis-master:6379'],
  ['mongosh URI', sh('mongosh "mongodb://mongo-0.mongo:27017/admin" --eval "db.runCommand({ping:1})"'), 'required', 'mongo-0.mongo:27017'],
  ['kafka-topics --bootstrap-server', sh('kafka-topics.sh --bootstrap-server kafka:9092 --list'), 'required', 'kafka:9092'],
  ['openssl req generates a certificate locally', sh('openssl req -x509 -newkey rsa:2048 -nodes -keyout /tls/key.pem -out /tls/cert.pem -subj /CN=app -days 365'), 'none'],
  ['openssl s_client connects', sh('openssl s_client -connect ldap.acme:636 </dev/null'), 'required', 'ldap.acme:636'],
  ['elasticsearch sysctl is local', { name: 'sysctl', image: 'busybox', command: ['sysctl', '-w', 'vm.max_map_count=262144'], securityContext: {} }, 'none'],
  ['bitnami volume-permissions chown', sh('mkdir -p /bitnami/postgresql && chown -R 1001:1001 /bitnami/postgresql && find /bitnami -mindepth 1 -maxdepth 1 -not -name ".snapshot" | xargs -r chown -R 1001:1001'), 'none'],
  ['envsubst config rendering is local even with *_HOST env', sh('envsubst < /tmpl/app.conf > /etc/app/app.conf', { env: [{ name: 'BACKEND_HOST', value: 'api' }] }), 'none'],
  ['apk add downloads packages (istio/istio#53150)', sh('apk add --no-cache curl jq'), 'required', 'dl-cdn.alpinelinux.org:443'],
  ['pip install --no-index is local', sh('pip install --no-index --find-links /wheels app'), 'none'],
  ['aws s3 cp', { name: 'fetch', image: 'amazon/aws-cli:2.15.0', args: ['s3', 'cp', 's3://bucket/model', '/models', '--recursive'] }, 'required'],
  ['aws configure set is local', { name: 'cfg', image: 'amazon/aws-cli', args: ['configure', 'set', 'region', 'eu-west-1'] }, 'none'],
  ['gsutil cp', sh('gsutil -m cp -r gs://models/bert /models'), 'required', 'storage.googleapis.com:443'],
  ['rclone copy from a remote', sh('rclone copy s3remote:backups/latest /restore'), 'required'],
  ['mc alias set then mc mb: the alias URL (loki chart)', sh('mc alias set local http://minio:9000 $K $S\nmc mb --ignore-existing local/chunks'), 'required', 'minio:9000'],
  ['flyway migrate with a JDBC URL', { name: 'migrate', image: 'flyway/flyway:10', args: ['-url=jdbc:postgresql://pg:5432/app', 'migrate'] }, 'required', 'pg:5432'],
  ['liquibase update with env URL', { name: 'lb', image: 'liquibase/liquibase', args: ['update'], env: [{ name: 'LIQUIBASE_COMMAND_URL', value: 'jdbc:mysql://mysql:3306/app' }] }, 'required', 'mysql:3306'],
  ['migrate/migrate -database', { name: 'm', image: 'migrate/migrate', args: ['-path=/migrations', '-database', 'postgres://u:p@db:5432/x?sslmode=disable', 'up'] }, 'required', 'db:5432'],
  ['django manage.py migrate uses DATABASE_URL', { name: 'm', image: 'acme/app', command: ['python', 'manage.py', 'migrate'], env: [{ name: 'DATABASE_URL', value: 'postgres://db:5432/app' }] }, 'required', 'db:5432'],
  ['django collectstatic is local', { name: 'static', image: 'acme/app', command: ['python', 'manage.py', 'collectstatic', '--noinput'] }, 'none'],
  ['rails db:migrate with DB_HOST', { name: 'm', image: 'acme/rails', command: ['bundle', 'exec', 'rake', 'db:migrate'], env: [{ name: 'DB_HOST', value: 'pg' }] }, 'required', 'pg:undefined'],
  ['rake assets:precompile is local', { name: 'assets', image: 'acme/rails', command: ['bundle', 'exec', 'rake', 'assets:precompile'] }, 'none'],
  ['dockerize -wait tcp:// (superset chart)', sh('dockerize -wait "tcp://superset-postgresql:5432" -timeout 120s'), 'required', 'superset-postgresql:5432'],
  ['wait-for-it host:port -- cmd', sh('wait-for-it.sh rabbitmq:5672 -t 60 -- echo up'), 'required', 'rabbitmq:5672'],
  ['timeout wraps another command', sh('timeout 60 sh -c "until nc -z db 5432; do sleep 1; done"'), 'required', 'db:5432'],
  ['xargs runs its command', sh('echo db | xargs -I{} nc -z {} 5432'), 'required', '{}:5432'],
  ['python -c with socket', { name: 'p', image: 'python:3.12', command: ['python', '-c', 'import socket; socket.create_connection(("db", 5432), 3)'] }, 'required', 'db:5432'],
  // Magento and Symfony charts raise PHP's memory limit on the command line: the script follows the -d value.
  ['php -d memory_limit=-1 bin/magento: -d takes a value, bin/magento is the script', { name: 'm', image: 'acme/magento', command: ['php', '-d', 'memory_limit=-1', 'bin/magento', 'setup:install', '--db-host=mysql'] }, 'required', 'mysql:3306'],
  ['python -I is isolated mode, not an option with a value', { name: 'p', image: 'python:3.12', command: ['python', '-I', 'manage.py', 'collectstatic', '--noinput'] }, 'none'],
  // PHP images wait for their database with an inline PDO connection (php -r); the DSN names the server.
  ['php -r with a PDO DSN connects to its host and port', { name: 'w', image: 'php:8.3', command: ['php', '-r', 'new PDO("mysql:host=mysql;port=3306;dbname=app", "u", "p");'] }, 'required', 'mysql:3306'],
  ['python -c with only os/shutil is local', { name: 'p', image: 'python:3.12', command: ['python3', '-c', 'import os, shutil; os.makedirs("/data/x", exist_ok=True)'] }, 'none'],
  ['an opaque program with no hint', { name: 'init', image: 'acme/app:1', command: ['/app/bin/prepare'] }, 'either'],
  ['an opaque program with DATABASE_URL in env', { name: 'init', image: 'acme/app:1', command: ['/app/bin/prepare'], env: [{ name: 'DATABASE_URL', value: 'postgres://db:5432/app' }] }, 'required', 'db:5432'],
  ['an opaque program given a URL argument', { name: 'init', image: 'acme/app:1', command: ['/app/bin/sync', '--source=https://api.acme.io/v1'] }, 'required', 'api.acme.io:443'],
  ['the image entrypoint with no command and no hint', { name: 'init', image: 'acme/init:2' }, 'either'],
  ['busybox with no command runs sh: nothing', { name: 'init', image: 'busybox:1.36' }, 'none'],
  ['busybox has nc and wget', sh('until nc -z db 5432; do sleep 1; done; wget -qO- http://api/ready', { image: 'busybox:1.38.0' }), 'required', 'db:5432'],
  // RocketChat/helm-charts:rocketchat/templates/scripts-configmap.yaml start_or_exit (corpus 339)
  ['a function called without arguments: [ "$1" = "--start" ] is false, its exec is not run', sh('go() {\n  if [ "$1" = "--start" ]; then\n    exec curl http://api:8080/start\n  fi\n  exit 0\n}\ngo'), 'none'],
  ['… and true when it is given', sh('go() { if [ "$1" = "--start" ]; then exec curl http://api:8080/start; fi; }; go --start'), 'required', 'api:8080'],
  ['an if whose test depends on the environment reads both branches', sh('if [ -n "$X" ]; then nc -z db 5432; else nc -z cache 6379; fi'), 'required', 'db:5432'],
  ['a known-empty variable decides: the else branch runs', sh('X=""; if [ -n "$X" ]; then nc -z db 5432; else echo skip; fi'), 'none'],
  ['java -jar runs the catalog program the jar is (adorsys/keycloak-config-cli)', { name: 'init', image: 'eclipse-temurin:21', command: ['java', '-jar', '/opt/keycloak-config-cli-6.1.6.jar'], env: [{ name: 'KEYCLOAK_URL', value: 'http://keycloak:8080' }] }, 'required', 'keycloak:8080'],
  ['curlimages/curl with args', { name: 'c', image: 'curlimages/curl:8.5.0', args: ['-sf', 'http://api:8080/ready'] }, 'required', 'api:8080'],
  ['ping to a name: DNS lookup only (ref §2.4: ICMP is never redirected)', sh('ping -c 1 gateway.acme'), 'required', 'dns:gateway.acme'],
  ['a script mounted from a ConfigMap is read', { name: 'init', image: 'alpine', command: ['sh', '/scripts/wait.sh'], volumeMounts: [{ name: 'scripts', mountPath: '/scripts' }] }, 'required', 'es:9200'],
  ['a script executed by path with a shebang, via subPath', { name: 'init', image: 'busybox', command: ['/usr/local/bin/prepare.sh'], volumeMounts: [{ name: 'scripts', mountPath: '/usr/local/bin/prepare.sh', subPath: 'prepare.sh' }] }, 'none'],
  ['a script not in the input is opaque', { name: 'init', image: 'busybox', command: ['sh', '/other/run.sh'] }, 'either'],
]

const cms = { scripts: { 'wait.sh': '#!/bin/sh\nuntil curl -s http://es:9200/_cluster/health; do sleep 2; done\n', 'prepare.sh': '#!/bin/bash\nset -e\nprep() { mkdir -p "$1"; chmod 0775 "$1"; }\nfor d in a b; do prep /data/$d; done\ncp /defaults/* /data/\n' } }
const volumes = [{ name: 'scripts', configMap: { name: 'scripts' } }]

for (const [name, c, need, dest] of rows) {
  t.test(name, async (t) => {
    const a = analyzeNetwork(c, ctx(cms, volumes))
    t.equal(a.need, need, a.evidence.join('\n'))
    if (dest) {
      const d = a.traffic[0]
      const host = d?.dest.host?.replace(/⟨(\$\(…\))⟩/g, '$1').replace(/⟨([^⟩]*)⟩/g, '$$$1')
      const got = d ? (d.proto === 'dns' ? `dns:${host}` : `${host}:${d.dest.port}`) : ''
      if (dest.includes(':')) t.equal(got, dest, 'destination')
    }
    t.ok(a.evidence.length > 0, 'has evidence')
  })
}

t.test('the evidence shows a rule\'s `what` when the rule says it explains (Effect explains), whatever its words', async (t) => {
  const evidence = (script: string, extra: Partial<Container> = {}) => analyzeNetwork(sh(script, extra), ctx()).evidence.join('\n')
  t.match(evidence('apt-get update'), /→ TCP to deb\.debian\.org:80 \(apt-get update downloads from deb\.debian\.org\)$/, 'a destination the command line does not show: said')
  t.match(evidence('neo4j-admin backup --from=neo4j-core:6362'), /→ TCP to neo4j-core:6362 \(neo4j-admin backup pulls an online backup from a running server\)$/, 'shown because the entry says it explains, not for its words')
  t.match(evidence('curl -s https://database.clamav.net/main.cvd'), /→ TCP to database\.clamav\.net:443$/, 'a URL with a word such as "database" in it is an echo: not repeated')
  t.match(evidence('nc -z mayastor-agent-core 50051'), /→ TCP to mayastor-agent-core:50051$/, 'a host named "agent" too')
  t.match(evidence('flyway migrate -url=jdbc:postgresql://db:5432/app'), /→ TCP to db:5432$/, 'the command\'s own URL is not repeated')
  t.match(evidence('curl --unix-socket /var/run/docker.sock http://localhost/info'), /stays on loopback \(curl over a Unix socket\)$/, 'a loopback rule that explains')
  t.match(evidence('pg_isready -h localhost'), /stays on loopback$/, 'a loopback echo: nothing added')
})

t.test('the name hints read an unknown program\'s name as data, never from the evidence line', async (t) => {
  const a = (c: Container) => analyzeNetwork(c, ctx())
  // A script that is not in the input: run by sh or executed, its name says the same.
  for (const c of [sh('sh /scripts/fix-perms'), sh('/scripts/fix-perms')]) {
    const r = a(c)
    t.match(r, { need: 'none', confidence: 'likely' }, `${c.command!.join(' ')}: its name says it prepares files`)
    t.match(r.evidence[0], /\(likely local: its name says it prepares files, hint name-files: perms\)$/)
  }
  // Words in the command line that read "runs <name>" are not the program's name.
  const r = a({ name: 'init', image: 'alpine', command: ['mytool', '--note', 'runs wait-for-db'] })
  t.match(r, { need: 'either', confidence: 'unknown' }, 'mytool says nothing; "wait-for-db" is an argument')
})
