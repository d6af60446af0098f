// kubectl istiocni version
declare const __VERSION__: string
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'
export const command = 'version'
export const describe = 'Print the plugin version'
export async function run(_args: unknown, streams: { out: { write(s: string): unknown } }): Promise<number> {
  streams.out.write(`${VERSION}\n`)
  return 0
}
