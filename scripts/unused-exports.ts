// npm run unused-exports: every export of src/ that no other file imports (issue 16: an export
// only its own file uses is dead surface that hides real dead code). Reads the TypeScript program
// the way tsc does; exits 1 when it finds one.
import { join, relative } from 'node:path'
import ts from 'typescript'

const root = join(import.meta.dirname, '..')
const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!
const program = ts.createProgram(config.fileNames, config.options)
const checker = program.getTypeChecker()
const ours = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes('/node_modules/'))

/** `file#name` of every export some other file imports (named, default, namespace or re-export). */
const used = new Set<string>()
const mark = (symbol: ts.Symbol | undefined, from: ts.SourceFile) => {
  // Follow re-exports one step at a time: `export { X } from` in between counts as used too.
  for (let s = symbol, hops = 0; s && hops < 10; hops++) {
    for (const d of s.declarations ?? []) {
      const file = d.getSourceFile()
      if (file !== from) used.add(`${file.fileName}#${s.name}`)
    }
    if (!(s.flags & ts.SymbolFlags.Alias)) break
    s = checker.getImmediateAliasedSymbol(s)
  }
}
for (const file of ours) {
  file.forEachChild(function visit(node) {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const mod = checker.getSymbolAtLocation(node.moduleSpecifier)
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined
      const whole = ts.isImportDeclaration(node) ? clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings) : !node.exportClause
      if (mod && whole) for (const s of checker.getExportsOfModule(mod)) mark(s, file)
      if (clause?.name) mark(checker.getSymbolAtLocation(clause.name), file)
      const named = ts.isImportDeclaration(node) ? clause?.namedBindings : node.exportClause
      if (named && ts.isNamedImports(named)) for (const e of named.elements) mark(checker.getSymbolAtLocation(e.name), file)
      if (named && ts.isNamedExports(named)) for (const e of named.elements) mark(checker.getSymbolAtLocation(e.propertyName ?? e.name), file)
    }
    // `await import('…')` (lazy modules): every export of the module counts as used.
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const mod = checker.getSymbolAtLocation(node.arguments[0])
      if (mod) for (const s of checker.getExportsOfModule(mod)) mark(s, file)
    }
    node.forEachChild(visit)
  })
}

const src = join(root, 'src')
const dead: string[] = []
for (const file of ours.filter((f) => f.fileName.startsWith(src) && !f.fileName.endsWith('/cli.ts'))) {
  const mod = checker.getSymbolAtLocation(file)
  for (const s of mod ? checker.getExportsOfModule(mod) : []) {
    if (!used.has(`${file.fileName}#${s.name}`)) dead.push(`${relative(root, file.fileName)}: ${s.name}`)
  }
}
for (const d of dead) console.log(d)
console.log(`${dead.length} export${dead.length === 1 ? '' : 's'} of src/ without a user outside their file`)
process.exitCode = dead.length ? 1 : 0
