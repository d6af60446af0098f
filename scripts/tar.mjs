// Minimal, deterministic ustar + gzip: enough for release archives (regular files and
// directories, names up to 100 bytes) and for reading them back the way Krew does.
// No dependency and no system `tar`, so archives are byte-identical wherever they are built.
import { gunzipSync, gzipSync } from 'node:zlib'

const BLOCK = 512
const RECORD = 20 * BLOCK

function octal(buf, offset, width, value) {
  buf.write(value.toString(8).padStart(width - 1, '0') + '\0', offset, width, 'ascii')
}

function header({ name, mode, size, mtime, type }) {
  const h = Buffer.alloc(BLOCK)
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name longer than 100 bytes: ${name}`)
  h.write(name, 0, 100, 'utf8')
  octal(h, 100, 8, mode)
  octal(h, 108, 8, 0) // uid
  octal(h, 116, 8, 0) // gid
  octal(h, 124, 12, size)
  octal(h, 136, 12, mtime)
  h.write(' '.repeat(8), 148, 8, 'ascii') // checksum placeholder
  h.write(type, 156, 1, 'ascii')
  h.write('ustar\0' + '00', 257, 8, 'ascii')
  h.write('root', 265, 32, 'ascii')
  h.write('root', 297, 32, 'ascii')
  let sum = 0
  for (const b of h) sum += b
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii')
  return h
}

/**
 * entries: [{ name, data?: Buffer, mode?, dir?: true }] in the order given (sort them yourself).
 * mtime: seconds since the epoch, the same for every entry.
 */
export function createTarGz(entries, { mtime = 0 } = {}) {
  const parts = []
  for (const e of entries) {
    if (e.dir) {
      parts.push(header({ name: e.name.replace(/\/?$/, '/'), mode: e.mode ?? 0o755, size: 0, mtime, type: '5' }))
      continue
    }
    const data = e.data
    parts.push(header({ name: e.name, mode: e.mode ?? 0o644, size: data.length, mtime, type: '0' }), data)
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK
    if (pad) parts.push(Buffer.alloc(pad))
  }
  parts.push(Buffer.alloc(2 * BLOCK))
  const size = parts.reduce((n, p) => n + p.length, 0)
  if (size % RECORD) parts.push(Buffer.alloc(RECORD - (size % RECORD)))
  // zlib's default level: level 9 takes twice as long on the 125 MB SEA for 0.4% less.
  return gzipSync(Buffer.concat(parts))
}

function field(h, offset, width) {
  const s = h.subarray(offset, offset + width).toString('utf8')
  const nul = s.indexOf('\0')
  return nul === -1 ? s : s.slice(0, nul)
}

/** Reads a .tar.gz: [{ name, type: 'file' | 'dir' | 'other', mode, data }]. */
export function readTarGz(buf) {
  const tar = gunzipSync(buf)
  const out = []
  let off = 0
  let longName = null
  while (off + BLOCK <= tar.length) {
    const h = tar.subarray(off, off + BLOCK)
    if (h.every((b) => b === 0)) break
    let sum = 0
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]
    if (sum !== parseInt(field(h, 148, 8).trim(), 8)) throw new Error(`tar: bad header checksum at offset ${off}`)
    const size = parseInt(field(h, 124, 12).trim() || '0', 8)
    const type = String.fromCharCode(h[156] || 48)
    const prefix = field(h, 345, 155)
    let name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100))
    longName = null
    const data = tar.subarray(off + BLOCK, off + BLOCK + size)
    off += BLOCK + Math.ceil(size / BLOCK) * BLOCK
    if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))
      if (m) longName = m[1]
      continue
    }
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0.*$/s, '')
      continue
    }
    if (type === 'g') continue
    const mode = parseInt(field(h, 100, 8).trim() || '0', 8)
    out.push({ name, type: type === '5' ? 'dir' : type === '0' ? 'file' : 'other', mode, data: Buffer.from(data) })
  }
  return out
}
