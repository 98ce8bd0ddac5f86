import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listHandlers } from '../../../../lib/bench/lambda/handlers';
import { HANDLERS_DIR } from '../../../../lib/constructs/lambda-function';

describe('listHandlers', () => {
  it('finds .ts handlers recursively as sorted route-style names, skipping declarations and other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-handlers-'));
    try {
      mkdirSync(join(dir, 'items'));
      for (const f of ['health.ts', 'items/get.ts', 'items/create.ts', 'types.d.ts', 'README.md']) {
        writeFileSync(join(dir, f), '');
      }
      expect(listHandlers(dir)).toEqual(['health', 'items/create', 'items/get']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('covers the authorizer and every item handler of the app', () => {
    expect(listHandlers(HANDLERS_DIR)).toEqual(
      expect.arrayContaining(['authorizer', 'health', 'items/create', 'items/get', 'items/list']),
    );
  });
});
