import type { ProgramEntry } from '../types.js'

export const OPERATORS: ProgramEntry[] = []
