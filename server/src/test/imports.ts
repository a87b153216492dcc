import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The project's import graph, read with the TypeScript parser: the architecture test (which
 * packages each part may use) and the layer test (the core's layer order, no import cycles)
 * both check it.
 */

/** The `.ts` files under a directory, minus `fixtures/` folders and declaration files. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'fixtures') out.push(...sourceFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Every module a file names: imports and re-exports (type-only too), `require()` and `import()` types. */
export function importsOf(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specs: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specs.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return specs;
}

/** The file a relative import names (`x.ts` or `x/index.ts`); undefined for packages and other files. */
export function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return undefined;
}

/** One row of the core map: a folder (`model/`) or a file (`types.ts`) of the core, and its layer. */
export interface Layer {
  layer: number;
  path: string;
}

/**
 * The layer table of a core map (`server/src/core/README.md`): the rows of its markdown table
 * whose first cell is a number and whose second names the folder or file in backticks.
 */
export function readLayers(markdown: string): Layer[] {
  const out: Layer[] = [];
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*(\d+)\s*\|\s*`([^`]+)`\s*\|/.exec(line);
    if (m) out.push({ layer: Number(m[1]), path: m[2] });
  }
  return out;
}

function layerOf(relative: string, layers: Layer[]): Layer | undefined {
  return layers.find((l) => (l.path.endsWith('/') ? relative.startsWith(l.path) : relative === l.path));
}

/**
 * What breaks the layer order in a core directory: an import of a higher layer, a module the map
 * does not list, an import of `vscode*`. Tests (`*.test.ts`) use the whole core and are left out.
 */
export function layerViolations(coreDir: string, layers: Layer[]): string[] {
  const bad: string[] = [];
  const rel = (file: string) => path.relative(coreDir, file).split(path.sep).join('/');
  for (const file of sourceFiles(coreDir)) {
    if (file.endsWith('.test.ts')) continue;
    const own = layerOf(rel(file), layers);
    if (!own) {
      bad.push(`${rel(file)} is not in the core map`);
      continue;
    }
    for (const spec of importsOf(file)) {
      if (spec === 'vscode' || spec.startsWith('vscode-') || spec.startsWith('vscode/')) {
        bad.push(`${rel(file)} imports '${spec}'`);
        continue;
      }
      const target = resolveImport(file, spec);
      if (!target || !target.startsWith(coreDir + path.sep)) continue;
      const theirs = layerOf(rel(target), layers);
      if (theirs && theirs.layer > own.layer) bad.push(`${rel(file)} (layer ${own.layer}) imports ${rel(target)} (layer ${theirs.layer})`);
    }
  }
  return bad.sort();
}

/**
 * Import cycles among the files under some directories (type-only imports count: they still tie
 * the modules together): each cycle's files relative to `root`, in import order, starting at the
 * first in sort order, sorted. Strongly connected components (Tarjan), each reported along one cycle.
 */
export function importCycles(root: string, dirs: string[]): string[][] {
  const files = dirs.flatMap((d) => sourceFiles(d)).sort();
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const targets = importsOf(file)
      .map((spec) => resolveImport(file, spec))
      .filter((t): t is string => t !== undefined && t !== file);
    edges.set(file, [...new Set(targets)].sort());
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component);
    }
  };
  for (const file of files) if (!index.has(file)) connect(file);
  return components
    .map((component) => cycleThrough(component, edges).map((f) => path.relative(root, f).split(path.sep).join('/')))
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** One cycle through a strongly connected component, from its first file in sort order. */
function cycleThrough(component: string[], edges: Map<string, string[]>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0];
  // Breadth-first from the start's successors back to the start: the shortest cycle through it.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (!members.has(w) || previous.has(w)) continue;
      previous.set(w, v);
      if (w === start) queue.length = 0;
      else queue.push(w);
      if (w === start) break;
    }
  }
  const path: string[] = [];
  for (let v = previous.get(start)!; v !== start; v = previous.get(v)!) path.unshift(v);
  return [start, ...path];
}
