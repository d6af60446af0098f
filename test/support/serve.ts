// A test API server loaded with the cluster fixtures, closed when the test ends.
import { loadFixtures, startApiServer, type ApiServerOptions, type KObj, type TestApiServer } from './apiserver.js'

export const FIXTURES = loadFixtures(new URL('../fixtures/cluster', import.meta.url).pathname) as KObj[]

/** The part of a tap test `serve` needs. */
interface Teardown {
  teardown(fn: () => unknown): void
}

export async function serve(tt: Teardown, opts: Partial<ApiServerOptions> = {}): Promise<TestApiServer> {
  const server = await startApiServer({ objects: FIXTURES, ...opts })
  tt.teardown(() => server.close())
  return server
}
