import { Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { partitionOf } from '../stacks/names';

/** Construct id of the singleton Lambda behind every AwsCustomResource of a stack (aws-cdk-lib's own). */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/** Props of {@link CrossRegionParameter}. */
export interface CrossRegionParameterProps {
  /** Region the parameter lives in (may differ from the stack's). */
  readonly region: string;
  /** Parameter name, starting with `/`. */
  readonly parameterName: string;
  /** Value (a token of this stack is fine: it is resolved at deploy time). */
  readonly value: string;
}

/**
 * A String parameter in SSM Parameter Store of another region, written on create/update and deleted with
 * the stack. Stacks of other CDK stages read it with an `{{resolve:ssm:…}}` dynamic reference, which only
 * reads the stack's own region; CloudFormation's own AWS::SSM::Parameter cannot write elsewhere.
 */
export class CrossRegionParameter extends Construct {
  constructor(scope: Construct, id: string, props: CrossRegionParameterProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const arn = `arn:${partitionOf(props.region)}:ssm:${props.region}:${stack.account}:parameter${props.parameterName}`;
    const call = (action: string, parameters: Record<string, unknown>) => ({
      service: 'SSM',
      action,
      region: props.region,
      parameters,
      physicalResourceId: PhysicalResourceId.of(`${props.region}:${props.parameterName}`),
    });
    const put = call('putParameter', {
      Name: props.parameterName,
      Value: props.value,
      Type: 'String',
      Overwrite: true,
    });
    const resource = new AwsCustomResource(this, 'Resource', {
      onCreate: put,
      onUpdate: put,
      onDelete: call('deleteParameter', { Name: props.parameterName }),
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['ssm:PutParameter', 'ssm:DeleteParameter'], resources: [arn] }),
      ]),
      // The runtime's bundled SDK has SSM: no npm install from the internet at deploy time.
      installLatestAwsSdk: false,
    });
    // The provider is one singleton function per stack, created next to the stack's first AwsCustomResource.
    const provider = stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID) ?? resource;
    Validations.of(provider).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's AwsCustomResource provider (one per stack) logs with the basic execution policy; it may only write this stack's delivery parameters.",
    });
  }
}
