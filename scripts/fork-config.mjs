// The fork that scripts/fork-config-check.sh plays: another app name, account, domain and routing mode, and
// three regions in another order with another primary.
//   node scripts/fork-config.mjs <cdk.json>               rewrites that cdk.json's context.config
//   node scripts/fork-config.mjs --check-synth <cdk.out>  checks what `cdk synth` wrote for that config
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every field a fork changes first (README, "Make it yours"); the rest of the config stays as it is. */
export const FORK = {
  appName: 'acme-orders',
  account: '222222222222',
  regions: ['eu-west-1', 'ap-southeast-2', 'us-east-1'],
  primaryRegion: 'eu-west-1',
  routing: 'failover',
  domainName: 'orders.acme.example',
  hostedZoneId: 'Z9876543210ACMEORDERS',
  hostedZoneName: 'acme.example',
};

/** The template's own app name: a fork's templates must not carry it anywhere. */
const TEMPLATE_APP_NAME = 'active-active';

function rewrite(cdkJsonPath) {
  const cdkJson = JSON.parse(readFileSync(cdkJsonPath, 'utf8'));
  cdkJson.context.config = { ...cdkJson.context.config, ...FORK };
  writeFileSync(cdkJsonPath, `${JSON.stringify(cdkJson, null, 2)}\n`);
}

/** Problems with the synthesized app: stack names and regions, and leftovers of the template's name. */
function synthProblems(cdkOut) {
  const manifest = JSON.parse(readFileSync(join(cdkOut, 'manifest.json'), 'utf8'));
  const stacks = Object.entries(manifest.artifacts)
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([id, a]) => ({
      name: a.properties?.stackName ?? id,
      environment: a.environment,
      template: a.properties.templateFile,
    }));
  const problems = [];
  for (const s of stacks) {
    if (!s.name.startsWith(`${FORK.appName}-`)) problems.push(`stack ${s.name} is not named after the app`);
    if (!s.environment.startsWith(`aws://${FORK.account}/`))
      problems.push(`stack ${s.name} deploys to ${s.environment}, not account ${FORK.account}`);
  }
  for (const region of FORK.regions) {
    const regional = stacks.find((s) => s.name === `${FORK.appName}-${region}`);
    if (!regional) problems.push(`no stack ${FORK.appName}-${region}`);
    else if (regional.environment !== `aws://${FORK.account}/${region}`)
      problems.push(`stack ${regional.name} deploys to ${regional.environment}`);
  }
  for (const file of readdirSync(cdkOut).filter((f) => f.endsWith('.template.json'))) {
    const text = readFileSync(join(cdkOut, file), 'utf8');
    for (const m of text.matchAll(new RegExp(`.{0,60}${TEMPLATE_APP_NAME}.{0,60}`, 'gi')))
      problems.push(`${file} still says "${TEMPLATE_APP_NAME}": ${m[0]}`);
  }
  if (stacks.length === 0) problems.push('cdk synth wrote no stack');
  return problems;
}

const [first, second] = process.argv.slice(2);
if (first === '--check-synth') {
  const problems = synthProblems(second ?? 'cdk.out');
  for (const p of problems) console.error(`fork synth: ${p}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
} else if (first) {
  rewrite(first);
} else {
  console.error('usage: node scripts/fork-config.mjs <cdk.json> | --check-synth <cdk.out>');
  process.exitCode = 2;
}
