import { join, relative } from 'node:path';
import type { Sandbox } from './sandbox';

/** The start-up text: where everything is and a first request to copy. */
export function banner(sandbox: Sandbox): string {
  const { endpoints, regions, dataDir } = sandbox;
  const lines = [
    `Sandbox of "${sandbox.config.appName}" running ${regions.length} regions (data: ${dataDir})`,
    '',
    `  API (router, like the public hostname)  ${endpoints.router}`,
    ...regions.map((r) => `  API in ${r.padEnd(31)} ${endpoints.regions[r]}`),
    `  Identity provider (issuer)             ${endpoints.issuer}`,
    `  Console (web page)                     ${endpoints.console}`,
    `  Control API                            ${endpoints.control}/state`,
    '',
    'Try it:',
    `  TOKEN=$(curl -s -X POST ${endpoints.issuer}/token -H 'content-type: application/json' \\`,
    `    -d '{"username":"alice","groups":["member"]}' | node -pe 'JSON.parse(fs.readFileSync(0)).access_token')`,
    `  curl -i -X POST ${endpoints.router}/items -H "authorization: Bearer $TOKEN" \\`,
    `    -H 'content-type: application/json' -d '{"name":"first item"}'`,
    `  curl -s ${endpoints.router}/items -H "authorization: Bearer $TOKEN"`,
    '',
    `Endpoints are in ${relative(process.cwd(), join(dataDir, 'endpoints.json'))}. Ctrl-C stops everything.`,
  ];
  return lines.join('\n');
}
