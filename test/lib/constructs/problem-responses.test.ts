import { Template } from 'aws-cdk-lib/assertions';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { addProblemResponses, PROBLEMS } from '../../../lib/constructs/problem-responses';
import { testStack } from '../../helpers/stack';

describe('problem responses', () => {
  it('covers each API Gateway response type once, with a 4xx/5xx status', () => {
    const types = PROBLEMS.map((p) => p.type.responseType);
    expect(new Set(types).size).toBe(types.length);
    for (const p of PROBLEMS) expect(p.status).toBeGreaterThanOrEqual(400);
  });

  it('writes RFC 9457 bodies whose status matches the HTTP status', () => {
    const stack = testStack('ap-south-1');
    const api = new RestApi(stack, 'Api', { cloudWatchRole: false });
    api.root.addMethod('GET', new MockIntegration());
    addProblemResponses(api, 'ap-south-1');
    const responses = Object.values(
      Template.fromStack(stack).findResources('AWS::ApiGateway::GatewayResponse'),
    );
    expect(responses).toHaveLength(PROBLEMS.length);
    for (const { Properties: r } of responses) {
      const body = JSON.parse(r.ResponseTemplates['application/json']);
      expect(Object.keys(body)).toEqual(['type', 'title', 'status', 'detail']);
      expect(String(body.status)).toBe(r.StatusCode);
      expect(r.ResponseParameters['gatewayresponse.header.x-region']).toBe("'ap-south-1'");
      expect(r.ResponseParameters['gatewayresponse.header.Content-Type']).toBe("'application/problem+json'");
    }
  });
});
