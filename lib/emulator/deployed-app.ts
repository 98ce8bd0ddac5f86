import {
  type CloudFormationClient,
  ListStackResourcesCommand,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import type { AppConfig } from '../config/app-config';
import { identityStackName, regionalStackName } from '../stacks/names';

/** What the black-box tests and the token endpoint need from the deployed stacks. */
export interface DeployedApp {
  /** Region → the deployed REST API's id and stage. */
  readonly apis: Readonly<Record<string, { readonly apiId: string; readonly stage: string }>>;
  readonly userPoolId: string;
  readonly clientId: string;
  /** Region of the user pool (the config's primary region). */
  readonly poolRegion: string;
}

export type ClientFor = (region: string) => Pick<CloudFormationClient, 'send'>;

/** Every resource of a stack (ListStackResources pages through them). */
export async function stackResources(
  client: Pick<CloudFormationClient, 'send'>,
  stackName: string,
): Promise<StackResourceSummary[]> {
  const all: StackResourceSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListStackResourcesCommand({ StackName: stackName, NextToken }));
    all.push(...(page.StackResourceSummaries ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

/** The one resource of `type` in a stack; a clear error when there is none or more than one. */
export function onlyOf(resources: StackResourceSummary[], type: string, stackName: string): string {
  const found = resources.filter((r) => r.ResourceType === type);
  if (found.length !== 1 || !found[0].PhysicalResourceId) {
    throw new Error(`${stackName}: expected one ${type}, found ${found.length}`);
  }
  return found[0].PhysicalResourceId;
}

/** Reads the API ids, the user pool and its app client from the deployed stacks, as a user would. */
export async function findDeployedApp(config: AppConfig, clientFor: ClientFor): Promise<DeployedApp> {
  const apis: Record<string, { apiId: string; stage: string }> = {};
  for (const region of config.regions) {
    const name = regionalStackName(config, region);
    const resources = await stackResources(clientFor(region), name);
    apis[region] = {
      apiId: onlyOf(resources, 'AWS::ApiGateway::RestApi', name),
      stage: onlyOf(resources, 'AWS::ApiGateway::Stage', name),
    };
  }
  const identity = identityStackName(config);
  const resources = await stackResources(clientFor(config.primaryRegion), identity);
  return {
    apis,
    userPoolId: onlyOf(resources, 'AWS::Cognito::UserPool', identity),
    clientId: onlyOf(resources, 'AWS::Cognito::UserPoolClient', identity),
    poolRegion: config.primaryRegion,
  };
}
