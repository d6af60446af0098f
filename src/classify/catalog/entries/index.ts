// Every catalog entry, by family. A family is one file; adding a program is one entry in one of them.
// The families migrated from the core come first: on a duplicate name the earlier entry wins
// (and test/catalog.test.ts fails, naming both). A family is built on first use: the registry
// knows from keys.ts which family holds a name or an image, so a run builds only the families of
// the programs it meets (start-up, issue 13).
import type { ProgramEntry } from '../types.js'
import { CORE_TOOLS } from './core-tools.js'
import { NET_TOOLS } from './net-tools.js'
import { DATABASES } from './databases.js'
import { PACKAGES } from './packages.js'
import { WRAPPERS } from './wrappers.js'
import { CLUSTER_TOOLS } from './cluster-tools.js'
import { OPERATORS } from './operators.js'
import { CLIS } from './clis.js'
import { PLATFORM } from './platform.js'
import { CHARTS } from './charts.js'
import { NODE_TOOLS } from './node-tools.js'
import { APPS } from './apps.js'

const once = <T>(build: () => T): (() => T) => { let built: T | undefined; return () => (built ??= build()) }

/** The families in precedence order; `families[i]()` builds family i once. */
export const families = [CORE_TOOLS, NET_TOOLS, DATABASES, PACKAGES, WRAPPERS, CLUSTER_TOOLS, OPERATORS, CLIS, PLATFORM, CHARTS, NODE_TOOLS, APPS].map(once)

/** Every entry, in precedence order (docs, tests, the generated keys). */
export const allEntries = (): readonly ProgramEntry[] => families.flatMap((f) => f())
