import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../lib/config/app-config';
import { parseDrillArgs } from '../../../lib/drill/args';
import { BASE_CONFIG } from '../../helpers/app';

/**
 * Keeps docs/RUNBOOK.md honest: its drill commands must be ones the CLI accepts, for the default config
 * (the tests' BASE_CONFIG, like the template's cdk.json; never cdk.json itself, which a fork changes).
 */
const runbook = readFileSync(join(__dirname, '../../../docs/RUNBOOK.md'), 'utf8');
const drillCommands = [...runbook.matchAll(/npm run drill -- ([^\n`]*)/g)].map((m) => m[1].trim());

describe('docs/RUNBOOK.md', () => {
  it('shows dry-run, AWS and local drill commands', () => {
    expect(drillCommands.some((c) => !c.includes('--execute'))).toBe(true);
    expect(drillCommands.some((c) => c.includes('--execute') && !c.includes('--target local'))).toBe(true);
    expect(drillCommands.some((c) => c.includes('--target local') && c.includes('--execute'))).toBe(true);
  });

  it.each(drillCommands.filter((c) => c !== '--help'))('the CLI accepts `npm run drill -- %s`', (command) => {
    const words = command.split(/\s+/);
    const comment = words.findIndex((w) => w.startsWith('#'));
    const args = parseDrillArgs(comment === -1 ? words : words.slice(0, comment));
    if (!args.configFile && args.region) {
      expect(parseConfig(BASE_CONFIG).regions).toContain(args.region);
    }
  });

  it('takes regions out by inverting health checks, never by disabling them', () => {
    const updates = runbook.split('\n').filter((l) => l.includes('update-health-check'));
    expect(updates.length).toBeGreaterThan(0);
    for (const line of updates) expect(line).not.toMatch(/--disabled/);
    expect(runbook).toMatch(/--no-inverted/);
  });
});
