import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';

export const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:111111111111:api123/prod/GET/items/abc';

/** The REQUEST authorizer event API Gateway sends, with the given headers. */
export function authorizerEvent(headers: Record<string, string> = {}): APIGatewayRequestAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    resource: '/items/{id}',
    path: '/items/abc',
    httpMethod: 'GET',
    headers,
    multiValueHeaders: {},
    pathParameters: { id: 'abc' },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {} as APIGatewayRequestAuthorizerEvent['requestContext'],
  };
}

export const bearer = (token: string) => authorizerEvent({ Authorization: `Bearer ${token}` });
