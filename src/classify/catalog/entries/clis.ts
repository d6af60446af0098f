import type { ProgramEntry } from '../types.js'

export const CLIS: ProgramEntry[] = []
