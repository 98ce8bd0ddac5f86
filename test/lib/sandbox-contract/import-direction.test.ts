import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The local tools import one way: console → drill and sandbox, drill and sandbox → sandbox-contract, and
 * the contract → none of them. `bin/sandbox.ts` composes the sandbox with its console.
 */
const LIB = resolve(__dirname, '../../../lib');
const AREAS = ['sandbox', 'console', 'drill', 'sandbox-contract'] as const;
type Area = (typeof AREAS)[number];

const MAY_NOT_IMPORT: Record<Area, readonly Area[]> = {
  'sandbox-contract': ['sandbox', 'console', 'drill'],
  sandbox: ['console', 'drill'],
  drill: ['sandbox', 'console'],
  console: [],
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every relative module a file imports or re-exports, statically or with `import()`/`require()`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g),
    ...text.matchAll(/(?:^|\n)\s*import\s+'([^']+)'/g),
    ...text.matchAll(/\b(?:import|require)\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));
}

function areaOf(path: string): Area | undefined {
  const top = relative(LIB, path).split(sep)[0];
  return (AREAS as readonly string[]).includes(top) ? (top as Area) : undefined;
}

const edges = AREAS.flatMap((from) =>
  filesUnder(join(LIB, from)).flatMap((file) =>
    importsOf(file).map((target) => ({ from, file: relative(LIB, file), to: areaOf(target) })),
  ),
);

describe('imports between lib/sandbox, lib/console, lib/drill and lib/sandbox-contract', () => {
  it('finds the imports it checks (the scan is not vacuous)', () => {
    const seen = new Set(edges.filter((e) => e.to && e.to !== e.from).map((e) => `${e.from}->${e.to}`));
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'console->drill',
        'console->sandbox-contract',
        'drill->sandbox-contract',
        'sandbox->sandbox-contract',
      ]),
    );
  });

  it.each(AREAS)('lib/%s imports none of the areas above it', (area) => {
    const wrong = edges
      .filter((e) => e.from === area && e.to !== undefined && MAY_NOT_IMPORT[area].includes(e.to))
      .map((e) => `${e.file} imports lib/${e.to}`);
    expect(wrong).toEqual([]);
  });
});
