import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CfnProject } from 'aws-cdk-lib/aws-codebuild';
import type { CodePipeline } from 'aws-cdk-lib/pipelines';
import type { IConstruct } from 'constructs';
import { wildcardResourceFinding } from './acknowledge';

/** One acknowledgement: a cdk-nag finding id and why it is acceptable. */
export interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
}

const ARTIFACTS =
  'CDK Pipelines grants on its own artifact bucket and key only (bucket.grantReadWrite / key grants): every object of a run lives under generated keys.';

/**
 * Acknowledges, each with its reason, the cdk-nag findings on what CDK Pipelines generates (roles of the
 * pipeline, its actions, CodeBuild projects, self-mutation and asset publishing; the artifact buckets),
 * plus `extra` findings of the steps this app adds. Call after `pipeline.buildPipeline()`.
 */
export function acknowledgePipelineFindings(pipeline: CodePipeline, extra: readonly Acknowledgement[]): void {
  const stack = Stack.of(pipeline);
  const cp = pipeline.pipeline;
  const bucketLogs = {
    id: 'AwsSolutions-S1',
    reason:
      'Pipeline artifact bucket: only the pipeline roles read or write it (KMS-encrypted); CloudTrail records the pipeline and deployment API calls, so server access logs would add a bucket without adding an audit trail.',
  };
  const replicationBuckets = Object.values(cp.crossRegionSupport).map((s) => s.replicationBucket);
  for (const bucket of [cp.artifactBucket, ...replicationBuckets]) {
    Validations.of(bucket).acknowledge(bucketLogs);
    skipCheckov(bucket, [
      { id: 'CKV_AWS_18', comment: bucketLogs.reason },
      {
        id: 'CKV_AWS_21',
        comment:
          'Every pipeline run writes new, never-overwritten artifact objects; versions would only keep copies of build output.',
      },
    ]);
  }
  // Both policies write only where CDK Pipelines needs to: KMS use on the support stacks' replication keys
  // (ARNs unknown at synth) and starting the asset-publishing builds it creates.
  for (const policy of [
    cp.role.node.tryFindChild('DefaultPolicy'),
    pipeline.node.tryFindChild('Assets')?.node.tryFindChild('FileRole')?.node.tryFindChild('DefaultPolicy'),
  ]) {
    if (policy)
      skipCheckov(policy, [
        {
          id: 'CKV_AWS_111',
          comment:
            "CDK Pipelines: KMS on the support stacks' replication keys (known only by alias at synth) and StartBuild on its own asset projects.",
        },
      ]);
  }

  const perProject = pipeline.node
    .findAll()
    .filter((c): c is CfnProject => c instanceof CfnProject)
    .flatMap((project) => {
      const name = `<${stack.getLogicalId(project)}>`;
      return [
        `arn:<AWS::Partition>:logs:${stack.region}:${stack.account}:log-group:/aws/codebuild/${name}:*`,
        `arn:<AWS::Partition>:codebuild:${stack.region}:${stack.account}:report-group/${name}-*`,
      ].map((r) => ({
        id: `AwsSolutions-IAM5[Resource::${r}]`,
        reason: "CodeBuild's default project policy: its own log streams and its own report groups only.",
      }));
    });
  Validations.of(pipeline).acknowledge(
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a) => ({
      id: `AwsSolutions-IAM5[Action::${a}]`,
      reason: ARTIFACTS,
    })),
    ...['kms:ReEncrypt*', 'kms:GenerateDataKey*'].map((a) => ({
      id: `AwsSolutions-IAM5[Action::${a}]`,
      reason: ARTIFACTS,
    })),
    { id: wildcardResourceFinding(stack, `${cp.artifactBucket.bucketArn}/*`), reason: ARTIFACTS },
    ...replicationBuckets.map((b) => ({
      id: wildcardResourceFinding(stack, `${b.bucketArn}/*`),
      reason: `${ARTIFACTS} Cross-region copies go to the replication bucket of the target region's support stack.`,
    })),
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "CDK Pipelines: KMS use on the support stacks' replication keys (known only by alias at synth), cloudformation:DescribeStacks and s3:ListBucket for self-mutation's cdk deploy, and codebuild:StartBuild/BatchGetBuilds of the asset projects it creates; the Preflight step's cloudformation:ListStacks, which has no resource-level permissions.",
    },
    {
      id: `AwsSolutions-IAM5[Resource::arn:*:iam::${stack.account}:role/*]`,
      reason:
        'Self-mutation assumes the CDK bootstrap roles (deploy, file publishing, lookup) of this account, conditioned on their aws-cdk:bootstrap-role tag.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${stack.region}:${stack.account}:log-group:/aws/codebuild/*]`,
      reason: 'The asset-publishing projects are created per asset, so their log groups share this prefix.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:codebuild:${stack.region}:${stack.account}:report-group/*]`,
      reason:
        'The asset-publishing projects are created per asset, so their report groups share this prefix.',
    },
    ...perProject,
    ...extra,
  );
}

/** Skips checkov checks on a construct's CloudFormation resource, each with its reason. */
function skipCheckov(construct: IConstruct, skip: { id: string; comment: string }[]): void {
  (construct.node.defaultChild as CfnResource).addMetadata('checkov', { skip });
}
