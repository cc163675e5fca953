#!/usr/bin/env node
/**
 * Fails when any source files import each other in a circle, type-only imports included (eslint's
 * import-x/no-cycle skips those, but a circle of types still ties files into one knot).
 *   node scripts/check-cycles.mjs [dir …]   (default: src bench)
 * Reads relative `import … from`, `export … from` and `import('…')` specifiers of .ts/.tsx files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"?]+)['"]/gm;

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** The file a relative specifier names, or null (assets, JSON, files outside the scan). */
function resolveSpecifier(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const found = [];
  const visit = (v) => {
    info.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!info.has(w)) {
        visit(w);
        info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
      } else if (info.get(w).onStack) {
        info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
      }
    }
    if (info.get(v).low === info.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        info.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!info.has(v)) visit(v);
  return found;
}

const dirs = process.argv.slice(2);
const files = (dirs.length ? dirs : ['src', 'bench']).flatMap((d) => sourceFiles(join(ROOT, d)));
const graph = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const deps = new Set();
  for (const m of text.matchAll(SPECIFIER)) {
    const target = resolveSpecifier(file, m[1]);
    if (target) deps.add(target);
  }
  graph.set(file, [...deps]);
}
const found = cycles(graph);
if (found.length > 0) {
  console.error(`Import cycles (${found.length}):`);
  for (const c of found) console.error(`  ${c.map((f) => relative(ROOT, f)).join(' ↔ ')}`);
  process.exit(1);
}
console.log(`No import cycles among ${files.length} files.`);
