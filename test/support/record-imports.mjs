// Registers a resolve hook that appends every resolved module URL to $RECORD_IMPORTS.
import { register } from 'node:module'
register(new URL('./record-imports-hook.mjs', import.meta.url), { data: { file: process.env.RECORD_IMPORTS } })
