import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { assemblyChecksum, assemblyStacks, deployedTemplateMismatches } from '../../../lib/emulator/assembly';

const cfn = mockClient(CloudFormationClient);

describe('cloud assembly checksum and the deployed templates', () => {
  let dir: string;
  const template = { Resources: { Table: { Type: 'AWS::DynamoDB::GlobalTable' } } };
  beforeEach(() => {
    cfn.reset();
    dir = mkdtempSync(join(tmpdir(), 'assembly-'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          'app-us-east-1': {
            type: 'aws:cloudformation:stack',
            environment: 'aws://111111111111/us-east-1',
            properties: { templateFile: 'app-us-east-1.template.json' },
          },
          Tree: { type: 'cdk:tree' },
        },
      }),
    );
    writeFileSync(join(dir, 'app-us-east-1.template.json'), JSON.stringify(template));
    mkdirSync(join(dir, 'asset.abc123'));
    writeFileSync(join(dir, 'asset.abc123', 'index.js'), 'exports.handler = 1');
    writeFileSync(join(dir, 'tree.json'), '{}');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('changes with a template or function code and ignores what only describes the synth run', () => {
    const before = assemblyChecksum(dir);
    mkdirSync(join(dir, '.cache'));
    writeFileSync(join(dir, '.cache', 'abc123.zip'), 'zip');
    writeFileSync(join(dir, 'tree.json'), '{"changed":true}');
    writeFileSync(join(dir, 'performance-counters.json'), '{}');
    expect(assemblyChecksum(dir)).toBe(before);
    writeFileSync(join(dir, 'asset.abc123', 'index.js'), 'exports.handler = 2');
    const codeChanged = assemblyChecksum(dir);
    expect(codeChanged).not.toBe(before);
    writeFileSync(join(dir, 'app-us-east-1.template.json'), JSON.stringify({ Resources: {} }));
    expect(assemblyChecksum(dir)).not.toBe(codeChanged);
  });

  it('lists the stacks with their region and reports those whose deployed template differs', async () => {
    const stacks = assemblyStacks(dir);
    expect(stacks).toEqual([
      {
        stackName: 'app-us-east-1',
        region: 'us-east-1',
        templateFile: join(dir, 'app-us-east-1.template.json'),
      },
    ]);
    const regions: string[] = [];
    const clientFor = (region: string) => {
      regions.push(region);
      return new CloudFormationClient({ region });
    };
    // Key order does not matter; content does.
    cfn
      .on(GetTemplateCommand)
      .resolvesOnce({
        TemplateBody: JSON.stringify({ Resources: { Table: { Type: 'AWS::DynamoDB::GlobalTable' } } }),
      })
      .resolvesOnce({ TemplateBody: JSON.stringify({ Resources: {} }) });
    expect(await deployedTemplateMismatches(stacks, clientFor)).toEqual([]);
    expect(await deployedTemplateMismatches(stacks, clientFor)).toEqual(['app-us-east-1']);
    expect(regions).toEqual(['us-east-1', 'us-east-1']);
  });
});
