import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layering rule of docs/architecture.md, held against every import of src/.

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

/** The table between the layering markers: folder → the folders it may import. */
function readRule(): Map<string, Set<string>> {
  const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const table = doc.split('<!-- layering:start -->')[1]?.split('<!-- layering:end -->')[0];
  if (table == null) throw new Error('docs/architecture.md has no layering table');
  const rule = new Map<string, Set<string>>();
  for (const line of table.split('\n')) {
    const cells = line.split('|').map(cell => cell.trim());
    if (cells.length < 4 || cells[1] === 'folder' || cells[1]!.startsWith('-')) continue;
    const allowed = cells[2]!
      .split(',')
      .map(name => name.trim())
      .filter(Boolean);
    rule.set(cells[1]!, new Set(allowed));
  }
  return rule;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `entry` for src/index.ts, src/v3/, src/v4/; else the top folder under src/. */
function roomOf(file: string): string {
  const parts = relative(src, file).split(sep);
  if (parts.length === 1 || parts[0] === 'v3' || parts[0] === 'v4') return 'entry';
  return parts[0]!;
}

/** Relative specifiers of static imports, re-exports and `import()` calls. */
function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom|\bimport\s*\(|^import)\s*['"](\.[^'"]+)['"]/gm)) {
    specifiers.push(match[1]!);
  }
  return specifiers;
}

describe('the layering rule', () => {
  const rule = readRule();
  const files = sourceFiles(src);

  it('lists every folder of src/, and only folders that exist', () => {
    const rooms = new Set(files.map(roomOf));
    expect([...rule.keys()].sort()).toEqual([...rooms].sort());
    for (const allowed of rule.values()) {
      for (const room of allowed) expect(rooms).toContain(room);
    }
  });

  it('holds for every import of src/', () => {
    const broken: string[] = [];
    for (const file of files) {
      const from = roomOf(file);
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const to = roomOf(resolve(dirname(file), `${specifier}.ts`));
        if (to !== from && !rule.get(from)?.has(to)) {
          broken.push(`${relative(root, file)} imports ${specifier} (${from} → ${to})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('notices an import that breaks it', () => {
    // the check itself: a transport file that imported the stream would be reported
    const from = roomOf(join(src, 'transport/x.ts'));
    const to = roomOf(resolve(join(src, 'transport'), '../stream/y.ts'));
    expect(rule.get(from)?.has(to)).toBe(false);
    expect(importsOf("import { a } from '../stream/y';\nconst m = import('./z');")).toEqual([
      '../stream/y',
      './z',
    ]);
  });
});
