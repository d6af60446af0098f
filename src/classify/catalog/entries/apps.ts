// Application platforms' own command-line programs (session 4): PHP frameworks' consoles, CMS and
// workflow apps' admin commands, CI runners and image builders, ML and data tools, message-queue and
// search admin tools, identity and authorization services, small self-hosted apps and the OpenStack
// service managers. Each effect is decided from the program's own source (cited in `source`).
import type { EffectSpec, ProgramEntry, ValueFrom } from '../types.js'
import { LOCAL, each } from './shared.js'

/** A long-running service started by the command: its peers come from its configuration. */
const service = (what: string): EffectSpec => ({ template: 'opaque', why: `runs ${what}` })
/** The application's database, named in a config file the command line does not show. */
const configuredDb = (what: string): EffectSpec => ({ template: 'connect', what })
/** Each of these subcommand words has the same effect. */

// Symfony's recipes wire Doctrine to DATABASE_URL (symfony/recipes:doctrine/doctrine-bundle/2.10/config/packages/doctrine.yaml).
const DOCTRINE: EffectSpec = { template: 'connect', url: { env: ['DATABASE_URL'] }, what: 'uses the Doctrine connection (DATABASE_URL)' }
// Git-hosted apps and packages a CI or site tool fetches.
const GITHUB: EffectSpec = { template: 'connect', host: { default: 'github.com' }, port: { default: '443' }, what: 'clones from GitHub' }
const PYPI: EffectSpec = { template: 'connect', host: { default: 'pypi.org' }, port: { default: '443' }, what: 'installs Python packages' }
// OCI registries an image builder pulls base images from and pushes to.
const REGISTRY: EffectSpec = { template: 'connect', what: 'pulls or pushes images at the registry of the image reference' }
// The Odoo image's entrypoint exports DB_HOST (else HOST, else `db`) and DB_PORT (odoo/docker:18.0/entrypoint.sh).
const ODOO_DB: EffectSpec = { template: 'connect', host: { env: ['DB_HOST', 'HOST'], default: 'db' }, port: { env: ['DB_PORT', 'PORT'], default: '5432' }, what: 'waits for PostgreSQL (wait-for-psql.py), then runs Odoo' }
// n8n: DB_TYPE sqlite (the default) is a file; postgresdb reads DB_POSTGRESDB_HOST/PORT, default localhost:5432.
const N8N_DB: EffectSpec = {
  template: 'value',
  from: { env: ['DB_TYPE'], default: 'sqlite' },
  cases: { sqlite: LOCAL },
  default: { template: 'connect', host: { env: ['DB_POSTGRESDB_HOST'], default: 'localhost' }, port: { env: ['DB_POSTGRESDB_PORT'], default: '5432' }, what: 'opens the n8n database' },
}
// Directus: DB_CLIENT sqlite3 is a file; others read DB_CONNECTION_STRING or DB_HOST/DB_PORT.
const DIRECTUS_DB: EffectSpec = {
  template: 'value',
  from: { env: ['DB_CLIENT'] },
  cases: { sqlite3: LOCAL },
  default: { template: 'connect', url: { env: ['DB_CONNECTION_STRING'] }, host: { env: ['DB_HOST'] }, port: { env: ['DB_PORT'] }, what: 'opens the Directus database' },
}
// Mastodon's config/database.yml: DB_HOST (default localhost) and DB_PORT (5432), or DATABASE_URL.
const MASTODON_DB: EffectSpec = { template: 'connect', url: { env: ['DATABASE_URL'] }, host: { env: ['DB_HOST'], default: 'localhost' }, port: { env: ['DB_PORT'], default: '5432' }, what: 'loads Rails, which opens the Mastodon database' }
// Metabase: MB_DB_TYPE h2 (the default) is a file; postgres/mysql read MB_DB_CONNECTION_URI or MB_DB_HOST/PORT.
const METABASE_DB: EffectSpec = {
  template: 'value',
  from: { env: ['MB_DB_TYPE'], default: 'h2' },
  cases: { h2: LOCAL },
  default: { template: 'connect', url: { env: ['MB_DB_CONNECTION_URI'] }, host: { env: ['MB_DB_HOST'] }, port: { env: ['MB_DB_PORT'] }, what: 'opens the Metabase application database' },
}
// Prefect: without PREFECT_API_URL the CLI starts an ephemeral API in-process (SQLite under PREFECT_HOME).
const PREFECT_API: EffectSpec = {
  template: 'flags',
  cases: [{ env: ['PREFECT_API_URL'], then: { template: 'connect', url: { env: ['PREFECT_API_URL'] }, what: 'calls the Prefect API' } }],
  default: LOCAL,
}
const PREFECT_DATABASE: ValueFrom = { env: ['PREFECT_API_DATABASE_CONNECTION_URL', 'PREFECT_SERVER_DATABASE_CONNECTION_URL'] }
// Cosign's registry and Sigstore calls (Rekor transparency log, Fulcio CA).
const SIGSTORE: EffectSpec = { template: 'connect', what: 'talks to the registry of the image reference and to Sigstore (Rekor, Fulcio)' }
// Erlang release control scripts reach their node through the local distribution port (EPMD on 127.0.0.1).
const LOCAL_NODE: EffectSpec = { template: 'loopback', what: 'calls the broker node in this pod over Erlang distribution' }
/** A CI runner: `register` calls the forge at its URL flag; the other network commands poll the forge its config file records. */
const ciRunner = (url: ValueFrom, localWords: string[], forge: string, config: string): EffectSpec => ({
  template: 'subcommands',
  cases: { ...each(localWords, LOCAL), register: { template: 'connect', url, what: `registers the runner with ${forge}` } },
  default: { template: 'connect', what: `polls the ${forge} instance ${config} records for jobs` },
})
// Keystone's fernet and credential keys are files; everything else opens [database] connection.
const KEYSTONE_KEYS = ['fernet_setup', 'fernet_rotate', 'credential_setup', 'credential_rotate']

export const APPS = (): ProgramEntry[] => [
  // ── PHP application consoles ──────────────────────────────────────────────────────────────────
  {
    names: ['console'],
    effect: {
      template: 'subcommands',
      valued: ['-e', '--env'],
      cases: {
        ...each(['cache:clear', 'cache:warmup', 'assets:install', 'about', 'list', 'lint:yaml', 'lint:twig', 'lexik:jwt:generate-keypair', 'secrets:decrypt-to-local', 'asset-map:compile'], LOCAL),
        ...each(['doctrine:migrations:migrate', 'doctrine:migrations:status', 'doctrine:database:create', 'doctrine:schema:update', 'doctrine:schema:create', 'doctrine:schema:validate', 'doctrine:fixtures:load', 'messenger:setup-transports'], DOCTRINE),
      },
      default: { template: 'opaque', why: 'runs an application command, which may use the database (DATABASE_URL) or other services' },
    },
    summary: 'A Symfony Console application (`bin/console`, Matomo\'s `console`): Doctrine commands use DATABASE_URL; cache, asset and key commands write files; other commands are the application\'s own.',
    source: 'symfony/recipes:doctrine/doctrine-bundle/2.10/config/packages/doctrine.yaml',
    examples: [
      { command: ['php', 'bin/console', 'doctrine:migrations:migrate', '--no-interaction'], env: { DATABASE_URL: 'mysql://app:pw@mariadb:3306/app' }, need: 'required', dest: 'mariadb:3306' },
      { command: ['sh', '-c', 'bin/console cache:clear --env=prod && bin/console assets:install public'], need: 'none' },
    ],
  },
  {
    names: ['magento'],
    effect: {
      template: 'subcommands',
      cases: {
        'setup:install': { template: 'connect', host: { flags: ['--db-host'], default: 'localhost' }, port: { default: '3306' }, what: 'installs Magento into the database' },
        'setup:di:compile': LOCAL,
        'setup:static-content:deploy': { template: 'opaque', why: 'reads the themes from app/etc/config.php when `app:config:dump` wrote them there, else from the database' },
        'deploy:mode:show': LOCAL,
      },
      default: configuredDb('opens the database app/etc/env.php names'),
    },
    summary: 'Magento\'s `bin/magento`: `setup:install` connects to --db-host; `setup:upgrade`, `indexer:reindex` and the other commands open the database in app/etc/env.php; `setup:di:compile` only writes generated code.',
    source: 'magento/magento2:setup/src/Magento/Setup/Console/Command/InstallCommand.php',
    examples: [
      { command: ['php', 'bin/magento', 'setup:install', '--db-host=mysql', '--db-name=magento', '--base-url=https://shop.example.com/'], need: 'required', dest: 'mysql:3306' },
      { command: ['php', 'bin/magento', 'setup:upgrade', '--keep-generated'], need: 'required' },
      { command: ['php', 'bin/magento', 'setup:di:compile'], need: 'none' },
    ],
  },
  {
    names: ['craft'],
    effect: {
      template: 'subcommands',
      cases: { 'setup/security-key': LOCAL, 'setup/app-id': LOCAL, help: LOCAL },
      default: { template: 'connect', host: { env: ['CRAFT_DB_SERVER'] }, port: { env: ['CRAFT_DB_PORT'] }, what: 'opens the Craft database (CRAFT_DB_SERVER)' },
    },
    summary: 'Craft CMS console (`php craft`): `migrate/all`, `up`, `install/craft` and project-config commands open the database (CRAFT_DB_SERVER/PORT); `setup/security-key` writes .env.',
    source: 'craftcms/cms:src/config/DbConfig.php',
    examples: [
      { command: ['php', 'craft', 'up', '--interactive=0'], env: { CRAFT_DB_SERVER: 'mysql', CRAFT_DB_PORT: '3306' }, need: 'required', dest: 'mysql:3306' },
      { command: ['php', 'craft', 'setup/security-key'], need: 'none' },
    ],
  },
  {
    names: ['yii'],
    effect: {
      template: 'subcommands',
      cases: { ...each(['migrate', 'migrate/up', 'migrate/fresh', 'migrate/down', 'migrate/history', 'migrate/new'], configuredDb('applies migrations to the `db` component\'s DSN')), 'migrate/create': LOCAL, help: LOCAL },
      default: { template: 'opaque', why: 'runs an application console command' },
    },
    summary: 'Yii 2 console (`php yii`): `migrate` and its actions connect to the `db` component\'s DSN; `migrate/create` writes a file; other commands are the application\'s.',
    source: 'yiisoft/yii2:framework/console/controllers/MigrateController.php',
    examples: [{ command: ['php', 'yii', 'migrate', '--interactive=0'], need: 'required' }, { command: ['./yii', 'migrate/create', 'add_table'], need: 'none' }],
  },
  {
    names: ['phinx'],
    effect: { rule: 'migrationTool', params: { localSubs: ['init', 'create', 'seed:create', 'list:aliases'] } },
    summary: 'Phinx migrations: `migrate`, `rollback`, `seed:run` and `status` connect to the environment\'s database in phinx.php/yml; `init` and `create` write files.',
    source: 'cakephp/phinx:src/Phinx/Console/PhinxApplication.php',
    examples: [{ command: ['vendor/bin/phinx', 'migrate', '-e', 'production'], need: 'required' }, { command: ['phinx', 'create', 'AddUsers'], need: 'none' }],
  },
  // ── CMS, collaboration and workflow applications ───────────────────────────────────────────────
  {
    names: ['bench'],
    effect: {
      template: 'subcommands',
      valued: ['--site'],
      cases: {
        ...each(['set-config', 'config', 'build', 'set-nginx-port', 'version', 'src', 'find'], LOCAL),
        'new-site': { template: 'connect', host: { flags: ['--db-host'] }, port: { flags: ['--db-port'], default: '3306' }, what: 'creates the site database on MariaDB' },
        init: GITHUB,
        'get-app': GITHUB,
        'setup requirements': PYPI,
        'setup env': PYPI,
      },
      default: configuredDb('opens the site database common_site_config.json names (db_host)'),
    },
    summary: 'Frappe `bench`: `set-config` and `build` write files; `new-site` creates the database on --db-host; `migrate`, `install-app` and the other site commands open the site\'s MariaDB/PostgreSQL; `init` and `get-app` clone from GitHub.',
    source: 'frappe/bench:bench/commands/__init__.py',
    examples: [
      { command: ['bench', 'set-config', '-g', 'db_host', 'mariadb'], need: 'none' },
      { command: ['bench', '--site', 'erp.example.com', 'migrate'], need: 'required' },
      { command: ['bench', 'new-site', 'erp.example.com', '--db-host', 'mariadb', '--admin-password', 'x'], need: 'required', dest: 'mariadb:3306' },
    ],
  },
  {
    names: ['mattermost'],
    effect: {
      template: 'subcommands',
      valued: ['-c', '--config'],
      cases: { version: LOCAL, server: service('the Mattermost server'), jobserver: service('the Mattermost job server') },
      default: { template: 'connect', url: { flags: ['-c', '--config'], env: ['MM_CONFIG', 'MM_SQLSETTINGS_DATASOURCE'] }, what: 'opens the database of the config DSN (db init|migrate|version, import, export)' },
    },
    summary: 'The Mattermost server binary: `db init|migrate|version|reset`, `import` and `export` open the database of the config DSN (MM_CONFIG or MM_SQLSETTINGS_DATASOURCE); `version` only prints the build (v8 on; older releases also asked the database).',
    source: 'mattermost/mattermost:server/cmd/mattermost/commands/db.go',
    // version.go: versionCmdF prints model.CurrentVersion and the build fields only.
    examples: [
      { command: ['mattermost', 'db', 'migrate'], env: { MM_CONFIG: 'postgres://mmuser:pw@mattermost-postgresql:5432/mattermost?sslmode=disable' }, need: 'required', dest: 'mattermost-postgresql:5432' },
      { command: ['mattermost', 'version'], need: 'none' },
    ],
  },
  {
    names: ['tootctl'],
    effect: { template: 'subcommands', cases: { version: LOCAL, help: LOCAL }, default: MASTODON_DB },
    summary: 'Mastodon\'s `tootctl`: every command but `version` loads the Rails app and its database (DB_HOST/DB_PORT or DATABASE_URL); `search deploy` and `media` also reach Elasticsearch and object storage.',
    source: 'mastodon/mastodon:config/database.yml',
    examples: [
      { command: ['bundle', 'exec', 'tootctl', 'search', 'deploy'], env: { DB_HOST: 'mastodon-postgresql', DB_PORT: '5432' }, need: 'required', dest: 'mastodon-postgresql:5432' },
      { command: ['tootctl', 'version'], need: 'none' },
    ],
  },
  {
    names: ['n8n'],
    effect: {
      template: 'subcommands',
      cases: { start: service('the n8n server'), worker: service('an n8n queue worker'), webhook: service('an n8n webhook process') },
      default: N8N_DB,
    },
    summary: 'n8n CLI: `import:*`, `export:*`, `db:revert` and `user-management:reset` open the n8n database, a file with DB_TYPE sqlite (the default) or PostgreSQL at DB_POSTGRESDB_HOST.',
    source: 'n8n-io/n8n:packages/@n8n/config/src/configs/database.config.ts',
    examples: [
      { command: ['n8n', 'import:workflow', '--separate', '--input=/workflows'], env: { DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'n8n-postgresql' }, need: 'required', dest: 'n8n-postgresql:5432' },
      { command: ['n8n', 'import:credentials', '--input=/creds/creds.json'], need: 'none' },
    ],
  },
  {
    names: ['directus'],
    effect: { template: 'subcommands', cases: { start: service('the Directus API') }, default: DIRECTUS_DB },
    summary: 'Directus CLI: `bootstrap`, `database install|migrate:*`, `schema apply` and `users` open the database (DB_CLIENT sqlite3 is a file; others DB_HOST/DB_PORT or DB_CONNECTION_STRING).',
    source: 'directus/directus:api/src/cli/commands/bootstrap/index.ts',
    examples: [
      { command: ['directus', 'bootstrap'], env: { DB_CLIENT: 'pg', DB_HOST: 'directus-postgresql', DB_PORT: '5432' }, need: 'required', dest: 'directus-postgresql:5432' },
      { command: ['directus', 'database', 'migrate:latest'], env: { DB_CLIENT: 'sqlite3', DB_FILENAME: '/data/db.sqlite' }, need: 'none' },
    ],
  },
  {
    names: ['knex-migrator'],
    effect: {
      template: 'value',
      from: { env: ['database__client'], default: 'mysql' },
      cases: { sqlite3: LOCAL },
      default: { template: 'connect', host: { env: ['database__connection__host'], default: '127.0.0.1' }, port: { env: ['database__connection__port'], default: '3306' }, what: 'migrates the Ghost database' },
    },
    summary: 'Ghost\'s knex-migrator: `init`, `migrate` and `rollback` work on the database Ghost\'s config names (database__client, database__connection__host; production default MySQL on 127.0.0.1:3306).',
    source: 'TryGhost/Ghost:ghost/core/core/shared/config/env/config.production.json',
    examples: [
      { command: ['knex-migrator', 'migrate', '--mgpath', '/var/lib/ghost/current'], env: { database__client: 'mysql', database__connection__host: 'ghost-mysql' }, need: 'required', dest: 'ghost-mysql:3306' },
      { command: ['knex-migrator', 'init'], env: { database__client: 'sqlite3' }, need: 'none' },
    ],
  },
  {
    names: ['metabase'],
    effect: METABASE_DB,
    summary: 'Metabase (`java -jar metabase.jar <command>`): `migrate`, `load-from-h2`, `dump-to-h2` and the server open the application database (MB_DB_TYPE h2 is a file; postgres/mysql at MB_DB_HOST or MB_DB_CONNECTION_URI).',
    source: 'metabase/metabase:src/metabase/cmd.clj',
    examples: [
      { command: ['java', '-jar', '/app/metabase.jar', 'migrate', 'up'], env: { MB_DB_TYPE: 'postgres', MB_DB_HOST: 'metabase-postgresql', MB_DB_PORT: '5432' }, need: 'required', dest: 'metabase-postgresql:5432' },
      { command: ['java', '-jar', '/app/metabase.jar', 'migrate', 'up'], need: 'none' },
    ],
  },
  {
    names: ['odoo', 'odoo-bin'],
    effect: {
      template: 'subcommands',
      cases: { scaffold: LOCAL, help: LOCAL },
      default: {
        template: 'flags',
        cases: [{ has: ['--db_host'], then: { template: 'connect', host: { flags: ['--db_host'] }, port: { flags: ['--db_port'], default: '5432' }, what: 'opens the Odoo database' } }],
        default: { template: 'opaque', why: 'opens the database odoo.conf names (db_host; unset, the local PostgreSQL socket)' },
      },
    },
    summary: 'Odoo server: `-i`/`-u … --stop-after-init` and `shell` open PostgreSQL at --db_host (or odoo.conf\'s db_host); `scaffold` writes a module skeleton.',
    source: 'odoo/odoo:odoo/tools/config.py',
    examples: [
      { command: ['odoo', '-i', 'base', '--stop-after-init', '--db_host', 'odoo-postgresql'], need: 'required', dest: 'odoo-postgresql:5432' },
      { command: ['odoo', 'scaffold', 'my_module', '/mnt/extra-addons'], need: 'none' },
    ],
  },
  {
    names: ['entrypoint.sh'],
    imageOnly: true,
    images: [{ repo: 'odoo', exact: true, entrypoint: ['/entrypoint.sh'], cmd: ['odoo'] }],
    effect: {
      template: 'subcommands',
      cases: { 'odoo scaffold': LOCAL, odoo: ODOO_DB, '--': ODOO_DB },
      default: { template: 'flags', cases: [{ has: ['-i', '-u', '--init', '--update', '-d', '--database', '--stop-after-init', '-c', '--config'], then: ODOO_DB }], default: { template: 'run', valued: [] } },
    },
    summary: 'The official Odoo image\'s /entrypoint.sh: for `odoo …` or Odoo options it waits for PostgreSQL at DB_HOST (else HOST, else `db`) with wait-for-psql.py, then execs Odoo; other commands are exec\'d as given.',
    source: 'odoo/docker:18.0/entrypoint.sh',
    examples: [
      { image: 'odoo:18.0', args: ['odoo', '-i', 'base', '--stop-after-init'], env: { HOST: 'odoo-postgresql' }, need: 'required', dest: 'odoo-postgresql:5432' },
      { image: 'odoo:18.0', args: ['chown', '-R', 'odoo', '/var/lib/odoo'], need: 'none' },
    ],
  },
  // ── images whose entrypoint does the work ──────────────────────────────────────────────────────
  {
    names: ['entrypoint'],
    imageOnly: true,
    images: [{ repo: 'apache/airflow', entrypoint: ['/usr/bin/dumb-init', '--', '/entrypoint'] }],
    effect: {
      template: 'value',
      from: { env: ['CONNECTION_CHECK_MAX_COUNT'], default: '20' },
      cases: { '0': { template: 'run', valued: [] } },
      default: {
        template: 'all',
        of: [{ template: 'connect', url: { env: ['AIRFLOW__DATABASE__SQL_ALCHEMY_CONN', 'AIRFLOW__CORE__SQL_ALCHEMY_CONN'] }, what: 'checks the metadata database (`airflow db check`, retried) before anything else' }, { template: 'run', valued: [] }],
      },
    },
    summary: 'The Airflow image\'s /entrypoint: unless CONNECTION_CHECK_MAX_COUNT=0 it first runs `airflow db check` against the metadata database, then runs its arguments as an `airflow` command (or bash/python).',
    source: 'apache/airflow:scripts/docker/entrypoint_prod.sh',
    examples: [
      { image: 'apache/airflow:2.10.5', args: ['airflow', 'db', 'check-migrations', '--migration-wait-timeout=60'], env: { AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: 'postgresql://airflow:pw@airflow-postgresql:5432/airflow' }, need: 'required', dest: 'airflow-postgresql:5432' },
      { image: 'apache/airflow:2.10.5', args: ['bash', '-c', 'mkdir -p /opt/airflow/logs'], env: { CONNECTION_CHECK_MAX_COUNT: '0' }, need: 'none' },
    ],
  },
  {
    names: ['docker-entrypoint'],
    imageOnly: true,
    images: [{ repo: 'redash/redash', entrypoint: ['/app/bin/docker-entrypoint'], cmd: ['server'] }],
    effect: {
      template: 'subcommands',
      cases: {
        create_db: { template: 'connect', url: { env: ['REDASH_DATABASE_URL'] }, what: 'creates the tables (`manage.py database create_tables`)' },
        manage: { template: 'connect', url: { env: ['REDASH_DATABASE_URL'] }, what: 'runs a `manage.py` command against the database' },
        help: LOCAL,
        ...each(['server', 'worker', 'scheduler', 'dev_server', 'dev_worker', 'dev_scheduler', 'debug'], service('a Redash service (the server first upgrades the database)')),
      },
      default: { template: 'run', valued: [] },
    },
    summary: 'The Redash image\'s entrypoint: `create_db` and `manage …` work on REDASH_DATABASE_URL; `server`, `worker` and `scheduler` run the services; anything else is exec\'d.',
    source: 'getredash/redash:bin/docker-entrypoint',
    examples: [{ image: 'redash/redash:10.1.0.b50633', args: ['create_db'], env: { REDASH_DATABASE_URL: 'postgresql://redash:pw@redash-postgresql:5432/redash' }, need: 'required', dest: 'redash-postgresql:5432' }],
  },
  {
    names: ['ak'],
    imageOnly: true,
    images: [{ repo: 'goauthentik/server', entrypoint: ['dumb-init', '--', 'ak'], cmd: ['server'] }, { repo: 'goauthentik.io/server', entrypoint: ['dumb-init', '--', 'ak'], cmd: ['server'] }],
    effect: {
      template: 'subcommands',
      cases: { bash: LOCAL, dump_config: LOCAL, debug: LOCAL, healthcheck: { template: 'loopback', what: 'asks the server in this pod' }, server: service('the authentik server after waiting for and migrating the database'), worker: service('the authentik worker after waiting for the database') },
      default: { template: 'connect', host: { env: ['AUTHENTIK_POSTGRESQL__HOST'], default: 'localhost' }, port: { env: ['AUTHENTIK_POSTGRESQL__PORT'], default: '5432' }, what: 'runs a Django management command (`python -m manage`) against the authentik database' },
    },
    summary: 'authentik\'s `ak` lifecycle script: `server` and `worker` wait for and migrate the database, then run; other arguments go to `python -m manage`, which opens PostgreSQL (AUTHENTIK_POSTGRESQL__HOST); `dump_config` only prints.',
    source: 'goauthentik/authentik:lifecycle/ak',
    examples: [
      { image: 'ghcr.io/goauthentik/server:2024.8.3', args: ['migrate'], env: { AUTHENTIK_POSTGRESQL__HOST: 'authentik-postgresql' }, need: 'required', dest: 'authentik-postgresql:5432' },
      { image: 'ghcr.io/goauthentik/server:2024.8.3', args: ['dump_config'], need: 'none' },
    ],
  },
  // ── authorization services and small self-hosted apps ─────────────────────────────────────────
  {
    names: ['openfga'],
    effect: {
      template: 'subcommands',
      cases: { run: service('the OpenFGA server'), version: LOCAL },
      default: {
        template: 'value',
        from: { flags: ['--datastore-engine'], env: ['OPENFGA_DATASTORE_ENGINE'] },
        cases: { memory: LOCAL },
        default: { template: 'connect', url: { flags: ['--datastore-uri'], env: ['OPENFGA_DATASTORE_URI'] }, what: 'migrates the datastore (pings it until it answers)' },
      },
    },
    summary: 'OpenFGA: `migrate` pings and migrates the MySQL/PostgreSQL datastore at --datastore-uri (OPENFGA_DATASTORE_URI); the `memory` engine has nothing to migrate; `run` starts the server.',
    source: 'openfga/openfga:cmd/migrate/migrate.go',
    examples: [
      { command: ['openfga', 'migrate'], env: { OPENFGA_DATASTORE_ENGINE: 'postgres', OPENFGA_DATASTORE_URI: 'postgres://openfga:pw@openfga-postgresql:5432/openfga' }, need: 'required', dest: 'openfga-postgresql:5432' },
      { command: ['openfga', 'migrate', '--datastore-engine', 'memory'], need: 'none' },
    ],
  },
  {
    names: ['spicedb'],
    effect: {
      template: 'subcommands',
      cases: { serve: service('the SpiceDB server'), 'serve-testing': service('the SpiceDB testing server'), version: LOCAL, head: LOCAL },
      default: {
        template: 'value',
        from: { flags: ['--datastore-engine'], env: ['SPICEDB_DATASTORE_ENGINE'], default: 'memory' },
        cases: { memory: LOCAL, spanner: { template: 'connect', host: { default: 'spanner.googleapis.com' }, port: { default: '443' }, what: 'migrates the Spanner datastore' } },
        default: { template: 'connect', url: { flags: ['--datastore-conn-uri'], env: ['SPICEDB_DATASTORE_CONN_URI'] }, what: 'migrates the datastore' },
      },
    },
    summary: 'SpiceDB: `migrate head` and `datastore gc|repair` open the datastore at --datastore-conn-uri (PostgreSQL, MySQL, CockroachDB, Spanner); the default `memory` engine has none; `head` only prints the revision.',
    source: 'authzed/spicedb:pkg/cmd/migrate.go',
    examples: [
      { command: ['spicedb', 'migrate', 'head', '--datastore-engine', 'postgres', '--datastore-conn-uri', 'postgres://spicedb:pw@spicedb-db:5432/spicedb'], need: 'required', dest: 'spicedb-db:5432' },
      { command: ['spicedb', 'head', '--datastore-engine', 'postgres'], need: 'none' },
    ],
  },
  {
    names: ['mas-cli'],
    effect: {
      template: 'subcommands',
      valued: ['-c', '--config'],
      cases: { config: LOCAL, templates: LOCAL, server: service('the Matrix Authentication Service'), worker: service('the MAS worker') },
      default: { template: 'connect', what: 'opens the database (and for `doctor`/`syn2mas` the homeserver) the config file names' },
    },
    summary: 'Matrix Authentication Service CLI: `database migrate`, `manage` and `syn2mas` open the PostgreSQL database in the config; `config generate|check` and `templates check` work on files.',
    source: 'element-hq/matrix-authentication-service:crates/cli/src/commands/database.rs',
    examples: [{ command: ['mas-cli', 'database', 'migrate', '--config', '/conf/config.yaml'], need: 'required' }, { command: ['mas-cli', 'config', 'generate'], need: 'none' }],
  },
  {
    names: ['register_new_matrix_user'],
    effect: {
      template: 'subcommands',
      valued: ['-u', '--user', '-p', '--password', '--password-file', '-t', '--user_type', '-c', '--config', '-k', '--shared-secret'],
      cases: {},
      default: { template: 'connect', url: { positional: 0, default: 'https://localhost:8448' }, what: 'registers the user through the homeserver\'s shared-secret admin API' },
    },
    summary: 'Synapse\'s register_new_matrix_user: calls the admin registration API at the server URL argument, else the client listener of -c homeserver.yaml on localhost, else https://localhost:8448.',
    source: 'element-hq/synapse:synapse/_scripts/register_new_matrix_user.py',
    examples: [
      { command: ['register_new_matrix_user', '-u', 'admin', '-p', 'x', '-a', '-k', 'secret', 'http://synapse-matrix-synapse:8008'], need: 'required', dest: 'synapse-matrix-synapse:8008' },
      { command: ['register_new_matrix_user', '-u', 'admin', '-p', 'x', '--admin', '-c', '/data/homeserver.yaml'], need: 'none' },
    ],
  },
  {
    names: ['listmonk'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--new-config', '--version'], then: LOCAL }, { has: ['--install', '--upgrade'], then: { template: 'connect', host: { env: ['LISTMONK_db__host'] }, port: { env: ['LISTMONK_db__port'], default: '5432' }, what: 'installs or upgrades the schema' } }],
      default: service('the listmonk server (it first checks the schema in the database)'),
    },
    summary: 'listmonk: `--install` and `--upgrade` connect to PostgreSQL (config.toml, or LISTMONK_db__host/port) and exit; `--new-config` writes config.toml; otherwise it runs the server.',
    source: 'knadh/listmonk:cmd/main.go',
    examples: [{ command: ['./listmonk', '--upgrade', '--yes'], env: { LISTMONK_db__host: 'listmonk-postgresql' }, need: 'required', dest: 'listmonk-postgresql:5432' }, { command: ['listmonk', '--new-config'], need: 'none' }],
  },
  {
    names: ['miniflux'],
    effect: {
      template: 'flags',
      cases: [
        { has: ['-version', '-info', '-config-dump', '-help'], then: LOCAL },
        {
          has: ['-migrate', '-create-admin', '-reset-password', '-flush-sessions', '-reset-feed-errors', '-refresh-feeds', '-run-cleanup-tasks', '-export-user-feeds'],
          then: { template: 'flags', cases: [{ env: ['DATABASE_URL'], then: { template: 'connect', url: { env: ['DATABASE_URL'] }, what: 'opens the Miniflux database' } }], default: { template: 'loopback', what: 'the default DSN names no host: the PostgreSQL socket in the pod' } },
        },
      ],
      default: service('the Miniflux server'),
    },
    summary: 'Miniflux: `-migrate`, `-create-admin` and the maintenance flags open DATABASE_URL (the default DSN names no host: the local socket); without them it runs the server.',
    source: 'miniflux/v2:internal/config/options.go',
    examples: [{ command: ['miniflux', '-migrate'], env: { DATABASE_URL: 'postgres://miniflux:pw@miniflux-db:5432/miniflux?sslmode=disable' }, need: 'required', dest: 'miniflux-db:5432' }, { command: ['miniflux', '-version'], need: 'none' }],
  },
  {
    names: ['pocketbase'],
    effect: { template: 'subcommands', cases: { serve: service('the PocketBase server') }, default: LOCAL },
    summary: 'PocketBase: `migrate up|down|collections` and `superuser upsert` work on the SQLite files in pb_data; only `serve` runs the server.',
    source: 'pocketbase/pocketbase:plugins/migratecmd/migratecmd.go',
    examples: [{ command: ['/pb/pocketbase', 'migrate', 'up', '--dir=/pb_data'], need: 'none' }, { command: ['pocketbase', 'superuser', 'upsert', 'admin@example.com', 'secret'], need: 'none' }],
  },
  // ── CI runners, image builders and supply-chain tools ──────────────────────────────────────────
  {
    names: ['gitlab-runner'],
    effect: ciRunner({ flags: ['--url', '-u'], env: ['CI_SERVER_URL'] }, ['list', 'install', 'uninstall', 'help'], 'GitLab', 'config.toml'),
    summary: 'GitLab Runner: `register` calls the GitLab API at --url / CI_SERVER_URL; `run`, `verify` and `unregister` call the instances in config.toml; `list` reads the file.',
    source: 'gitlabhq/gitlab-runner:commands/register.go',
    examples: [
      { command: ['gitlab-runner', 'register', '--non-interactive', '--url', 'https://gitlab.example.com/', '--executor', 'kubernetes'], need: 'required', dest: 'gitlab.example.com:443' },
      { command: ['gitlab-runner', 'list'], need: 'none' },
    ],
  },
  {
    names: ['act_runner'],
    effect: ciRunner({ flags: ['--instance'], env: ['GITEA_INSTANCE_URL'] }, ['generate-config'], 'Gitea', '.runner'),
    summary: 'Gitea Actions runner: `register` calls the Gitea instance at --instance; `daemon` polls the instance recorded in .runner; `generate-config` prints a config file.',
    source: 'project-mirrors/gitea-act-runner:internal/app/cmd/register.go',
    examples: [
      { command: ['act_runner', 'register', '--no-interactive', '--instance', 'http://gitea-http.gitea.svc:3000', '--token', 't'], need: 'required', dest: 'gitea-http.gitea.svc:3000' },
      { command: ['act_runner', 'generate-config'], need: 'none' },
    ],
  },
  {
    names: ['jenkins-cli'],
    effect: { template: 'connect', url: { flags: ['-s'], env: ['JENKINS_URL'], default: 'http://localhost:8080/' }, what: 'calls the Jenkins controller' },
    summary: 'Jenkins CLI (`java -jar jenkins-cli.jar -s URL …`): every command runs on the controller at -s / JENKINS_URL (default http://localhost:8080/).',
    source: 'jenkinsci/jenkins:cli/src/main/java/hudson/cli/CLI.java',
    examples: [{ command: ['java', '-jar', '/var/jenkins_home/jenkins-cli.jar', '-s', 'http://jenkins:8080/', 'install-plugin', 'git'], need: 'required', dest: 'jenkins:8080' }],
  },
  {
    names: ['sonar-scanner'],
    effect: { template: 'connect', url: { flags: ['-Dsonar.host.url'], env: ['SONAR_HOST_URL'] }, what: 'downloads the analyzers and uploads the report' },
    summary: 'SonarScanner CLI: bootstraps from and reports to the server at -Dsonar.host.url / SONAR_HOST_URL.',
    source: 'SonarSource/sonar-scanner-cli:src/main/java/org/sonarsource/scanner/cli/Main.java',
    examples: [{ command: ['sonar-scanner', '-Dsonar.projectKey=app'], env: { SONAR_HOST_URL: 'http://sonarqube-sonarqube:9000' }, need: 'required', dest: 'sonarqube-sonarqube:9000' }],
  },
  {
    names: ['executor'],
    imageOnly: true,
    images: [{ repo: 'kaniko-project/executor', entrypoint: ['/kaniko/executor'] }, { repo: 'kaniko-build/dist/chainguard-dev-kaniko/executor', entrypoint: ['/kaniko/executor'] }],
    effect: { template: 'flags', cases: [{ has: ['--help', '-h', 'version'], then: LOCAL }], default: REGISTRY },
    summary: 'kaniko\'s executor: builds a Dockerfile in userspace, pulling the FROM images from their registries and pushing to every --destination (unless --no-push).',
    source: 'GoogleContainerTools/kaniko:cmd/executor/cmd/root.go',
    examples: [{ image: 'gcr.io/kaniko-project/executor:v1.23.2', args: ['--context=/workspace', '--destination=registry.example.com/app:1'], need: 'required' }],
  },
  {
    names: ['buildah'],
    effect: {
      template: 'subcommands',
      cases: { ...each(['images', 'containers', 'config', 'copy', 'add', 'run', 'commit', 'mount', 'umount', 'unshare', 'rm', 'rmi', 'info', 'version', 'inspect', 'tag'], LOCAL), ...each(['bud', 'build', 'from', 'pull', 'push', 'login', 'manifest'], REGISTRY) },
      default: { template: 'opaque', why: 'a buildah command whose registry use depends on its arguments' },
    },
    summary: 'Buildah: `bud`/`build`, `from` and `pull` fetch images from their registries and `push` sends them; `config`, `copy`, `run` and `commit` work on local containers.',
    source: 'containers/buildah:cmd/buildah/main.go',
    examples: [{ command: ['buildah', 'bud', '-t', 'app', '.'], need: 'required' }, { command: ['buildah', 'images'], need: 'none' }],
  },
  {
    names: ['buildctl'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--addr'], env: ['BUILDKIT_HOST'], then: { template: 'connect', url: { flags: ['--addr'], env: ['BUILDKIT_HOST'] }, what: 'sends the build to buildkitd' } }],
      default: { template: 'loopback', what: 'talks to buildkitd on its Unix socket /run/buildkit/buildkitd.sock' },
    },
    summary: 'BuildKit client: sends builds to buildkitd at --addr / BUILDKIT_HOST (tcp://… over the network), by default its Unix socket in the pod.',
    source: 'moby/buildkit:cmd/buildctl/main.go',
    examples: [
      { command: ['buildctl', '--addr', 'tcp://buildkitd:1234', 'build', '--frontend', 'dockerfile.v0'], need: 'required', dest: 'buildkitd:1234' },
      { command: ['buildctl', 'debug', 'workers'], need: 'none' },
    ],
  },
  {
    names: ['cosign'],
    effect: {
      template: 'subcommands',
      cases: { ...each(['generate-key-pair', 'public-key', 'env', 'completion', 'import-key-pair'], LOCAL) },
      default: SIGSTORE,
    },
    summary: 'Sigstore cosign: `verify`, `sign`, `attest`, `download` and `copy` talk to the image\'s registry and to Rekor/Fulcio; `generate-key-pair` and `public-key` work on local keys.',
    source: 'sigstore/cosign:cmd/cosign/cli/commands.go',
    examples: [{ command: ['cosign', 'verify', '--key', '/keys/cosign.pub', 'ghcr.io/acme/app:1'], need: 'required' }, { command: ['cosign', 'generate-key-pair'], need: 'none' }],
  },
  // ── ML and data tools ──────────────────────────────────────────────────────────────────────────
  {
    names: ['celery'],
    effect: {
      template: 'subcommands',
      valued: ['-A', '--app', '-b', '--broker', '--result-backend', '--workdir', '-l', '--loglevel', '--config'],
      cases: { ...each(['worker', 'beat', 'flower', 'events'], service('a Celery service, whose broker comes from the app configuration')), report: LOCAL },
      default: { template: 'connect', url: { flags: ['-b', '--broker'], env: ['CELERY_BROKER_URL'] }, what: 'asks the workers through the broker' },
    },
    summary: 'Celery CLI: `inspect`, `status`, `control`, `call` and `purge` go through the broker (-b or CELERY_BROKER_URL, else the app\'s config); `worker` and `beat` run services.',
    source: 'celery/celery:celery/bin/celery.py',
    examples: [
      { command: ['celery', '-A', 'app', '-b', 'redis://redis:6379/0', 'inspect', 'ping'], need: 'required', dest: 'redis:6379' },
      { command: ['celery', '-A', 'app', 'report'], need: 'none' },
    ],
  },
  {
    names: ['dbt'],
    effect: {
      template: 'subcommands',
      cases: { ...each(['clean', 'parse', 'ls', 'list', 'init'], LOCAL), deps: { template: 'connect', host: { default: 'hub.getdbt.com' }, port: { default: '443' }, what: 'downloads the packages packages.yml names' } },
      default: { template: 'connect', what: 'runs against the warehouse profiles.yml names' },
    },
    summary: 'dbt: `deps` downloads packages from hub.getdbt.com (and git); `run`, `build`, `seed`, `test`, `debug` and `compile` connect to the warehouse in profiles.yml; `parse`, `ls` and `clean` stay local.',
    source: 'dbt-labs/dbt-core:core/dbt/cli/main.py',
    examples: [{ command: ['dbt', 'deps'], need: 'required', dest: 'hub.getdbt.com:443' }, { command: ['dbt', 'parse'], need: 'none' }, { command: ['dbt', 'run', '--target', 'prod'], need: 'required' }],
  },
  {
    names: ['prefect'],
    effect: {
      template: 'subcommands',
      cases: {
        ...each(['version', 'config', 'profile', 'profiles'], LOCAL),
        'server start': service('the Prefect server'),
        'server database upgrade': { template: 'flags', cases: [{ env: PREFECT_DATABASE.env, then: { template: 'connect', url: PREFECT_DATABASE, what: 'migrates the server database' } }], default: LOCAL },
        'server database reset': { template: 'flags', cases: [{ env: PREFECT_DATABASE.env, then: { template: 'connect', url: PREFECT_DATABASE, what: 'resets the server database' } }], default: LOCAL },
      },
      default: PREFECT_API,
    },
    summary: 'Prefect CLI: `deploy`, `work-pool` and `block` commands call PREFECT_API_URL (unset: an ephemeral in-process API on SQLite); `server database upgrade` migrates the database of PREFECT_API_DATABASE_CONNECTION_URL (default SQLite).',
    source: 'PrefectHQ/prefect:src/prefect/cli/server.py',
    examples: [
      { command: ['prefect', 'work-pool', 'create', 'k8s', '--type', 'kubernetes'], env: { PREFECT_API_URL: 'http://prefect-server:4200/api' }, need: 'required', dest: 'prefect-server:4200' },
      { command: ['prefect', 'server', 'database', 'upgrade', '-y'], env: { PREFECT_API_DATABASE_CONNECTION_URL: 'postgresql+asyncpg://prefect:pw@prefect-postgresql:5432/prefect' }, need: 'required', dest: 'prefect-postgresql:5432' },
      { command: ['prefect', 'config', 'view'], need: 'none' },
    ],
  },
  {
    names: ['meltano'],
    effect: {
      template: 'subcommands',
      cases: { ...each(['install', 'add', 'lock'], PYPI), ...each(['init', 'config', 'schedule', 'environment'], LOCAL) },
      default: { template: 'opaque', why: 'runs plugins (extractors, loaders) whose sources and targets come from meltano.yml' },
    },
    summary: 'Meltano: `install` and `add` install plugins with pip from PyPI; `run`, `el`, `invoke` and `select --list` run the plugins against their configured systems; `config` and `schedule` edit meltano.yml.',
    source: 'meltano/meltano:src/meltano/cli/install.py',
    examples: [{ command: ['meltano', 'install'], need: 'required', dest: 'pypi.org:443' }, { command: ['meltano', 'config', 'tap-postgres', 'list'], need: 'none' }],
  },
  {
    names: ['kaggle'],
    effect: { template: 'subcommands', cases: { config: LOCAL }, default: { template: 'connect', url: { env: ['KAGGLE_API_ENDPOINT'], default: 'https://www.kaggle.com' }, what: 'calls the Kaggle API' } },
    summary: 'Kaggle API client: `datasets download`, `competitions download` and `models` call www.kaggle.com; `config` edits the local settings.',
    source: 'Kaggle/kaggle-api:kaggle/api/kaggle_api_extended.py',
    examples: [{ command: ['kaggle', 'datasets', 'download', '-d', 'zillow/zecon', '-p', '/data', '--unzip'], need: 'required', dest: 'www.kaggle.com:443' }],
  },
  {
    names: ['modelscope'],
    effect: { template: 'subcommands', cases: { download: { template: 'connect', host: { env: ['MODELSCOPE_DOMAIN'], default: 'www.modelscope.cn' }, port: { default: '443' }, what: 'downloads model files from the ModelScope hub' } }, default: { template: 'opaque', why: 'a ModelScope command (server, pipeline, plugin) whose use of the hub depends on its arguments' } },
    summary: 'ModelScope CLI: `download` fetches a model or dataset from the ModelScope hub (MODELSCOPE_DOMAIN, default www.modelscope.cn).',
    source: 'modelscope/modelscope:modelscope/hub/constants.py',
    examples: [{ command: ['modelscope', 'download', '--model', 'qwen/Qwen2-7B-Instruct', '--local_dir', '/models'], need: 'required', dest: 'www.modelscope.cn:443' }],
  },
  {
    names: ['gdown'],
    effect: { template: 'connect', host: { default: 'drive.google.com' }, port: { default: '443' }, what: 'downloads a Google Drive file' },
    summary: 'gdown: downloads a file or folder from Google Drive (drive.google.com, then its download host).',
    source: 'wkentaro/gdown:gdown/download.py',
    examples: [{ command: ['gdown', '--id', '1AbCdEf', '-O', '/models/weights.pt'], need: 'required', dest: 'drive.google.com:443' }],
  },
  {
    names: ['wandb'],
    effect: { template: 'subcommands', cases: { ...each(['offline', 'online', 'disabled', 'enabled', 'status'], LOCAL) }, default: { template: 'connect', url: { flags: ['--host'], env: ['WANDB_BASE_URL'], default: 'https://api.wandb.ai' }, what: 'calls the Weights & Biases API' } },
    summary: 'Weights & Biases CLI: `login`, `sync`, `artifact get` and `pull` call WANDB_BASE_URL (api.wandb.ai by default); `offline`/`online` only write settings.',
    source: 'wandb/wandb:wandb/cli/cli.py',
    examples: [{ command: ['wandb', 'artifact', 'get', 'team/proj/model:latest', '--root', '/models'], need: 'required', dest: 'api.wandb.ai:443' }, { command: ['wandb', 'offline'], need: 'none' }],
  },
  {
    names: ['torch-model-archiver'],
    effect: LOCAL,
    summary: 'TorchServe\'s model archiver: packs a model\'s weights, handler and extra files into a .mar archive on disk.',
    source: 'pytorch/serve:model-archiver/model_archiver/model_packaging.py',
    examples: [{ command: ['torch-model-archiver', '--model-name', 'resnet', '--version', '1.0', '--serialized-file', '/models/r.pt', '--handler', 'image_classifier', '--export-path', '/model-store'], need: 'none' }],
  },
  {
    names: ['jupyterhub'],
    effect: {
      template: 'flags',
      cases: [{ has: ['--generate-config', '--help-all', '--version'], then: LOCAL }, { has: ['--db'], then: { template: 'connect', url: { flags: ['--db'] }, what: 'opens the Hub database' } }],
      default: { template: 'opaque', why: 'uses the database jupyterhub_config.py names (JupyterHub.db_url; SQLite by default) and starts the Hub unless it is `upgrade-db`' },
    },
    summary: 'JupyterHub: `upgrade-db` and the Hub itself open JupyterHub.db_url (--db, else jupyterhub_config.py; SQLite by default); `--generate-config` writes the config file.',
    source: 'jupyterhub/jupyterhub:jupyterhub/app.py',
    examples: [
      { command: ['jupyterhub', 'upgrade-db', '--db=postgresql://hub:pw@hub-db:5432/jupyterhub'], need: 'required', dest: 'hub-db:5432' },
      { command: ['jupyterhub', '--generate-config', '-f', '/etc/jupyterhub/jupyterhub_config.py'], need: 'none' },
    ],
  },
  // ── message queues and search engines ──────────────────────────────────────────────────────────
  {
    names: ['mqadmin'],
    effect: { template: 'connect', address: { flags: ['-n'], env: ['NAMESRV_ADDR'] }, what: 'calls the RocketMQ name server, then the brokers' },
    summary: 'RocketMQ admin tool: `updateTopic`, `clusterList`, `updateSubGroup` and the rest ask the name server at -n / NAMESRV_ADDR, then the brokers.',
    source: 'apache/rocketmq:tools/src/main/java/org/apache/rocketmq/tools/command/MQAdminStartup.java',
    examples: [{ command: ['sh', 'mqadmin', 'updateTopic', '-n', 'rocketmq-namesrv:9876', '-c', 'DefaultCluster', '-t', 'orders'], need: 'required', dest: 'rocketmq-namesrv:9876' }],
  },
  {
    names: ['emqx', 'emqx_ctl'],
    effect: {
      template: 'subcommands',
      cases: { ...each(['start', 'foreground', 'console'], service('the EMQX broker')), ...each(['ctl', 'eval', 'ping', 'stop', 'remote_console'], LOCAL_NODE), version: LOCAL },
      default: LOCAL_NODE,
    },
    summary: 'EMQX control script: `ctl`, `eval` and `ping` talk to the broker node in the same pod over Erlang distribution; `foreground` runs the broker.',
    source: 'emqx/emqx:bin/emqx',
    examples: [{ command: ['emqx', 'ctl', 'cluster', 'status'], need: 'none' }, { command: ['emqx_ctl', 'admins', 'passwd', 'admin', 'secret'], need: 'none' }],
  },
  {
    names: ['vmq-admin'],
    effect: LOCAL_NODE,
    summary: 'VerneMQ admin: every command (`cluster join`, `listener`, `plugin enable`) is an RPC to the VerneMQ node in the same pod.',
    source: 'vernemq/vernemq:files/vmq-admin',
    examples: [{ command: ['vmq-admin', 'plugin', 'enable', '--name', 'vmq_diversity'], need: 'none' }],
  },
  {
    names: ['pulsarctl'],
    effect: { template: 'subcommands', cases: { context: LOCAL, completion: LOCAL }, default: { template: 'connect', url: { flags: ['--admin-service-url', '-s'], default: 'http://localhost:8080' }, what: 'calls the Pulsar admin REST API' } },
    summary: 'StreamNative\'s pulsarctl: tenants, namespaces and topics are managed through the admin REST API at --admin-service-url (default http://localhost:8080).',
    source: 'streamnative/pulsarctl:pkg/cmdutils/config.go',
    examples: [{ command: ['pulsarctl', '--admin-service-url', 'http://pulsar-broker:8080', 'tenants', 'create', 'acme'], need: 'required', dest: 'pulsar-broker:8080' }],
  },
  {
    names: ['curator_cli'],
    effect: { template: 'connect', url: { flags: ['--hosts'] }, host: { flags: ['--host'], default: '127.0.0.1' }, port: { flags: ['--port'], default: '9200' }, what: 'calls Elasticsearch' },
    summary: 'Elasticsearch Curator\'s single-action CLI: acts on indices through the cluster at --hosts (8.x) or --host/--port (5.x), default 127.0.0.1:9200.',
    source: 'elastic/curator:curator/cli_singletons/object_class.py',
    examples: [{ command: ['curator_cli', '--host', 'elasticsearch-master', 'delete-indices', '--filter_list', '[{"filtertype":"age","source":"creation_date","direction":"older","unit":"days","unit_count":7}]'], need: 'required', dest: 'elasticsearch-master:9200' }],
  },
  {
    names: ['vespa'],
    effect: {
      template: 'subcommands',
      valued: ['-t', '--target', '-a', '--application', '-z', '--zone'],
      cases: { ...each(['config', 'auth', 'cert', 'api-key', 'version', 'man', 'clone'], LOCAL) },
      default: {
        template: 'value',
        from: { flags: ['-t', '--target'], default: 'local' },
        cases: { local: { template: 'loopback', what: 'calls the config server on 127.0.0.1:19071' }, cloud: { template: 'connect', host: { default: 'api-ctl.vespa-cloud.com' }, port: { default: '4443' }, what: 'calls the Vespa Cloud API' } },
        default: { template: 'connect', url: { flags: ['-t', '--target'] }, what: 'calls the config server of the target' },
      },
    },
    summary: 'Vespa CLI: `deploy`, `status`, `feed` and `query` call the target (-t: `local` is 127.0.0.1:19071, a URL its config server, `cloud` Vespa Cloud); `config`, `auth` and `cert` write local files.',
    source: 'vespa-engine/vespa:client/go/internal/vespa/system.go',
    examples: [
      { command: ['vespa', 'deploy', '--wait', '300', '-t', 'http://vespa-configserver:19071', '/app'], need: 'required', dest: 'vespa-configserver:19071' },
      { command: ['vespa', 'status', 'deploy'], need: 'none' },
    ],
  },
  // ── identity and certificate tooling ──────────────────────────────────────────────────────────
  {
    names: ['authelia'],
    effect: {
      template: 'subcommands',
      valued: ['-c', '--config'],
      cases: { ...each(['crypto', 'hash-password', 'validate-config', 'config', 'build-info', 'completion', 'access-control'], LOCAL), storage: { template: 'connect', what: 'opens the storage backend the configuration names (PostgreSQL or MySQL; SQLite is a file)' } },
      default: service('the Authelia server'),
    },
    summary: 'Authelia: `crypto` generates keys and certificates, `validate-config` reads files; `storage migrate|user` opens the configured storage backend; without a subcommand it runs the server.',
    source: 'authelia/authelia:internal/commands/root.go',
    examples: [{ command: ['authelia', 'crypto', 'certificate', 'rsa', 'generate', '--directory', '/certs'], need: 'none' }, { command: ['authelia', 'storage', 'migrate', 'up', '--config', '/config/configuration.yml'], need: 'required' }],
  },
  {
    names: ['jboss-cli.sh'],
    effect: {
      template: 'flags',
      cases: [
        { has: ['-c', '--connect'], then: { template: 'connect', address: { flags: ['--controller'], default: 'localhost:9990' }, what: 'connects to the management interface' } },
        { has: ['--file'], then: { template: 'opaque', why: 'the CLI script decides: `embed-server` stays offline, `connect` reaches a management interface' } },
      ],
      default: LOCAL,
    },
    summary: 'WildFly/JBoss CLI: with --connect it talks to the management interface (--controller, default localhost:9990); offline (`embed-server`) it edits the configuration files.',
    source: 'wildfly/wildfly-core:cli/src/main/java/org/jboss/as/cli/impl/CliLauncher.java',
    examples: [
      { command: ['/opt/jboss/wildfly/bin/jboss-cli.sh', '--connect', '--controller=keycloak-0.keycloak-headless:9990', '--command=:reload'], need: 'required', dest: 'keycloak-0.keycloak-headless:9990' },
      { command: ['jboss-cli.sh', '--connect', '--command=:read-attribute(name=server-state)'], need: 'none' },
    ],
  },
  {
    names: ['add-user.sh', 'add-user-keycloak.sh'],
    effect: LOCAL,
    summary: 'WildFly\'s add-user (and legacy Keycloak\'s add-user-keycloak): appends a user to the properties or JSON file the server reads at start.',
    source: 'wildfly/wildfly-core:domain-management/src/main/java/org/jboss/as/domain/management/security/adduser/AddUser.java',
    examples: [{ command: ['/opt/jboss/keycloak/bin/add-user-keycloak.sh', '-u', 'admin', '-p', 'secret'], need: 'none' }],
  },
  {
    names: ['tls-toolkit.sh'],
    effect: {
      template: 'subcommands',
      cases: {
        standalone: LOCAL,
        client: { template: 'connect', host: { flags: ['-c', '--certificateAuthorityHostname'], default: 'localhost' }, port: { flags: ['-p', '--PORT'], default: '8443' }, what: 'requests a certificate from the NiFi CA server' },
        server: service('the NiFi CA server'),
      },
      default: LOCAL,
    },
    summary: 'Apache NiFi TLS toolkit: `standalone` writes keystores and truststores locally; `client` asks the CA server (-c, default localhost:8443); `server` runs the CA.',
    source: 'apache/nifi:nifi-toolkit/nifi-toolkit-tls/src/main/java/org/apache/nifi/toolkit/tls/TlsToolkitMain.java',
    examples: [
      { command: ['/opt/nifi/nifi-toolkit-current/bin/tls-toolkit.sh', 'client', '-c', 'nifi-ca', '-t', 'token', '--subjectAlternativeNames', 'nifi-0'], need: 'required', dest: 'nifi-ca:8443' },
      { command: ['tls-toolkit.sh', 'standalone', '-n', 'nifi-0', '-o', '/certs'], need: 'none' },
    ],
  },
  // ── OpenStack service managers ─────────────────────────────────────────────────────────────────
  {
    names: ['keystone-manage'],
    effect: { template: 'subcommands', cases: each(KEYSTONE_KEYS, LOCAL), default: configuredDb('opens the database keystone.conf [database] connection names') },
    summary: 'Keystone\'s manager: `db_sync` and `bootstrap` open the database in keystone.conf; `fernet_setup`, `credential_setup` and their rotations write key files.',
    source: 'openstack/keystone:keystone/cmd/cli.py',
    examples: [{ command: ['keystone-manage', 'db_sync'], need: 'required' }, { command: ['keystone-manage', 'fernet_setup', '--keystone-user', 'keystone', '--keystone-group', 'keystone'], need: 'none' }],
  },
  {
    names: ['nova-manage', 'glance-manage', 'cinder-manage', 'heat-manage', 'placement-manage', 'barbican-manage', 'designate-manage', 'manila-manage', 'neutron-db-manage', 'octavia-db-manage', 'magnum-db-manage', 'ironic-dbsync', 'aodh-dbsync'],
    effect: configuredDb('opens the database the service\'s [database] connection names'),
    summary: 'OpenStack services\' managers (`nova-manage api_db sync`, `glance-manage db_sync`, `neutron-db-manage upgrade heads`): schema and cell commands open the database in the service\'s config file.',
    source: 'openstack/nova:nova/cmd/manage.py',
    examples: [{ command: ['nova-manage', 'api_db', 'sync'], need: 'required' }, { command: ['neutron-db-manage', '--config-file', '/etc/neutron/neutron.conf', 'upgrade', 'heads'], need: 'required' }],
  },
  // ── .NET and static sites ──────────────────────────────────────────────────────────────────────
  {
    names: ['dotnet'],
    effect: {
      template: 'subcommands',
      cases: {
        ...each(['dev-certs', 'nuget locals', 'new list', 'build-server'], LOCAL),
        'ef database update': configuredDb('applies EF Core migrations to the connection string the application configures'),
        'ef migrations bundle': LOCAL,
        ...each(['restore', 'build', 'publish', 'pack', 'test', 'tool install', 'tool restore', 'add package', 'new install', 'workload install'], { template: 'connect', url: { flags: ['-s', '--source', '--add-source'], default: 'https://api.nuget.org/v3/index.json' }, what: 'restores packages from NuGet' }),
      },
      default: { template: 'flags', cases: [{ has: ['--info', '--list-sdks', '--list-runtimes'], then: LOCAL }], default: { template: 'opaque', why: 'runs a .NET application' } },
    },
    summary: '.NET host and SDK: `restore`, `build` and `tool install` fetch packages from NuGet (--source, default api.nuget.org); `ef database update` migrates the application\'s database; `dotnet App.dll` runs the application.',
    source: 'NuGet/NuGet.Client:src/NuGet.Core/NuGet.Configuration/PackageSource/NuGetConstants.cs',
    examples: [
      { command: ['dotnet', 'tool', 'install', '--global', 'dotnet-ef'], need: 'required', dest: 'api.nuget.org:443' },
      { command: ['dotnet', 'ef', 'database', 'update'], need: 'required' },
      { command: ['dotnet', '--info'], need: 'none' },
    ],
  },
  {
    names: ['hugo'],
    effect: { template: 'subcommands', cases: { 'mod get': { template: 'connect', url: { env: ['HUGO_MODULE_PROXY'] }, what: 'downloads Hugo modules (module.proxy defaults to `direct`: from their repositories)' }, server: service('the Hugo development server') }, default: LOCAL },
    summary: 'Hugo: `hugo` and `hugo build` render the site from local files (themes in the site); `mod get` downloads modules from HUGO_MODULE_PROXY or straight from their repositories.',
    source: 'gohugoio/hugo:modules/config.go',
    examples: [{ command: ['hugo', '--minify', '-d', '/public'], need: 'none' }, { command: ['hugo', 'mod', 'get', '-u'], need: 'required' }],
  },
  {
    names: ['mkdocs'],
    effect: { template: 'subcommands', cases: { 'gh-deploy': GITHUB, serve: service('the MkDocs development server') }, default: LOCAL },
    summary: 'MkDocs: `build` renders the site from local Markdown; `gh-deploy` pushes to the GitHub Pages branch.',
    source: 'mkdocs/mkdocs:mkdocs/__main__.py',
    examples: [{ command: ['mkdocs', 'build', '-d', '/site'], need: 'none' }],
  },
]
