import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every handler file under `dir` (recursively), as `items/create`-style names, sorted. */
export function listHandlers(dir: string): string[] {
  const names: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        names.push(relative(dir, path).replace(/\\/g, '/').replace(/\.ts$/, ''));
      }
    }
  };
  walk(dir);
  return names.sort();
}
