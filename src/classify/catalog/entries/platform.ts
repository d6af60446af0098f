import type { ProgramEntry } from '../types.js'

export const PLATFORM: ProgramEntry[] = []
