// What the words around an unknown program suggest (ref §8 step 6: heuristics only): network APIs
// in code the container runs, and the container's, program's or image's name. Knowledge as data:
// each row is shown as evidence under its id, and what it decides is `likely`, never `decided`.

/** Where a hint is looked for. */
type Place = 'code' | 'name' | 'image'

interface Hint {
  /** Stable id, shown in the evidence. */
  id: string
  on: Place
  /** `network`: it likely reaches a remote service; `local`: it likely only prepares files. */
  says: 'network' | 'local'
  /** Regular-expression alternatives; a name matches between `-`/`_` separators (`.` too for `local`). */
  words: string[]
  /** Why the match says it, for the evidence line. */
  why: string
}

export const HINTS: Hint[] = [
  { id: 'python-socket', on: 'code', says: 'network', why: 'opens sockets', words: ['socket\\.(socket|create_connection|connect)', 'create_connection', 'gethostbyname', 'getaddrinfo'] },
  { id: 'python-http', on: 'code', says: 'network', why: 'makes HTTP requests', words: ['urlopen', 'requests\\.(get|post|put|head|delete|patch|Session|request)', 'httpx\\.', 'urllib\\.request', 'urllib3', 'http\\.client'] },
  { id: 'python-database', on: 'code', says: 'network', why: 'opens a database or broker client', words: ['psycopg2?\\.connect', 'pymysql\\.connect', 'MySQLdb\\.connect', 'mysql\\.connector', 'redis\\.(Redis|StrictRedis|from_url)', 'MongoClient', 'KafkaProducer', 'KafkaConsumer', 'create_engine\\('] },
  { id: 'cloud-sdk', on: 'code', says: 'network', why: 'calls a cloud or Vault API', words: ['boto3', 'google\\.cloud', 'hvac\\.Client'] },
  { id: 'kubernetes-client', on: 'code', says: 'network', why: 'calls the Kubernetes API', words: ['kubernetes\\.client', 'load_incluster_config'] },
  { id: 'node-network', on: 'code', says: 'network', why: 'opens connections', words: ['fetch\\(', 'https?\\.(get|request)\\(', 'net\\.(connect|createConnection)', 'axios', 'mongoose\\.connect', 'new (Pool|Client)\\('] },
  { id: 'perl-ruby-network', on: 'code', says: 'network', why: 'opens connections', words: ['IO::Socket', 'LWP::', 'Net::HTTP', 'TCPSocket', 'open-uri'] },
  { id: 'php-network', on: 'code', says: 'network', why: 'opens a database or network connection', words: ['new PDO', 'mysqli_connect', 'new mysqli', 'pg_connect', 'fsockopen', 'stream_socket_client', 'curl_init'] },
  { id: 'mail-ftp-ssh', on: 'code', says: 'network', why: 'talks to a mail, FTP or SSH server', words: ['smtplib', 'ftplib', 'paramiko'] },
  { id: 'name-remote', on: 'name', says: 'network', why: 'says it needs a remote service', words: ['wait', 'migrat\\w*', 'download\\w*', 'fetch\\w*', 'clone', 'vault', 'kubectl', 'db-?init', 'init-?db', 'create-?db', 'check-?db'] },
  { id: 'name-files', on: 'name', says: 'local', why: 'says it prepares files', words: ['fs', 'filesystem', 'perms?', 'permissions', 'chown', 'chmod', 'mkdir', 'dirs', 'copy', 'cp', 'keystore', 'keygen'] },
  { id: 'image-network-tool', on: 'image', says: 'network', why: 'is a network tool', words: ['wait-?for', 'kubectl', 'curl', 'git', 'migrat\\w*', 'flyway', 'liquibase', 'vault', 'download\\w*', 'fetch\\w*', 'rclone', 'gsutil'] },
]

const compile = (h: Hint) => (h.on === 'code' ? new RegExp(`\\b(${h.words.join('|')})`) : new RegExp(`(^|[-_])(${h.words.join('|')})(${h.says === 'local' ? '[-_.]' : '[-_]'}|$)`, 'i'))
const COMPILED = HINTS.map((h) => ({ hint: h, re: compile(h) }))

interface HintMatch {
  hint: Hint
  /** The words that matched. */
  word: string
}

/** The first row of `on` saying `says` that matches `text` (in code, the earliest match in the text). */
export function matchHint(on: Place, says: Hint['says'], text: string): HintMatch | undefined {
  let best: (HintMatch & { at: number }) | undefined
  for (const { hint, re } of COMPILED) {
    if (hint.on !== on || hint.says !== says) continue
    const m = re.exec(text)
    if (!m) continue
    const word = on === 'code' ? m[1]! : m[2]!
    if (!best || m.index < best.at) best = { hint, word, at: m.index }
    if (on !== 'code') break
  }
  return best && { hint: best.hint, word: best.word }
}
