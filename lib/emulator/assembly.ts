import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation';

/** A stack of the cloud assembly, as `cdk synth` wrote it. */
export interface AssemblyStack {
  readonly stackName: string;
  readonly region: string;
  readonly templateFile: string;
}

/** The stacks in `cdk.out/manifest.json`, in the manifest's order. */
export function assemblyStacks(dir: string): AssemblyStack[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<
      string,
      { type: string; environment?: string; properties?: { templateFile: string; stackName?: string } }
    >;
  };
  return Object.entries(manifest.artifacts)
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([id, a]) => ({
      stackName: a.properties?.stackName ?? id,
      region: (a.environment ?? '').split('/').pop() as string,
      templateFile: join(dir, a.properties?.templateFile as string),
    }));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The files of a cloud assembly that are deployed: manifest, templates, asset manifests, asset contents. */
const DEPLOYED = /^(manifest\.json|[^/]+\.template\.json|[^/]+\.assets\.json|asset\.[0-9a-f]+\/.+)$/;

/**
 * SHA-256 over every file of the cloud assembly that is deployed (see DEPLOYED), by path and content, so
 * two assemblies with the same checksum deploy the same. What only describes a run (tree.json, metadata,
 * the validation report, the CLI's .cache of zipped assets, performance counters) is left out.
 */
export function assemblyChecksum(dir: string): string {
  const hash = createHash('sha256');
  for (const path of filesUnder(dir).sort()) {
    const name = relative(dir, path);
    if (!DEPLOYED.test(name)) continue;
    hash.update(`${name}\0`).update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/** Stacks whose deployed template differs from the assembly's; empty when every one is the same. */
export async function deployedTemplateMismatches(
  stacks: readonly AssemblyStack[],
  clientFor: (region: string) => Pick<CloudFormationClient, 'send'>,
): Promise<string[]> {
  const different: string[] = [];
  for (const stack of stacks) {
    const { TemplateBody } = await clientFor(stack.region).send(
      new GetTemplateCommand({ StackName: stack.stackName, TemplateStage: 'Original' }),
    );
    const synthesized = JSON.parse(readFileSync(stack.templateFile, 'utf8'));
    if (!TemplateBody || !isDeepStrictEqual(JSON.parse(TemplateBody), synthesized))
      different.push(stack.stackName);
  }
  return different;
}
