import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { GATEWAY_PROBLEMS, gatewayProblem } from '../gateway-problems';

/**
 * API Gateway's own errors answered with the same `application/problem+json` shape and `x-region` header
 * as the handlers; the table lives in lib/gateway-problems.ts so the sandbox answers the same way.
 */
export const PROBLEMS = GATEWAY_PROBLEMS.map((p) => ({ ...p, type: ResponseType.of(p.responseType) }));

/** Adds a Gateway Response per entry of {@link PROBLEMS} to `api`, naming `region` in `x-region`. */
export function addProblemResponses(api: RestApi, region: string): void {
  for (const p of PROBLEMS) {
    const body = JSON.stringify(gatewayProblem(p.responseType));
    api.addGatewayResponse(`Problem${p.type.responseType}`, {
      type: p.type,
      statusCode: String(p.status),
      responseHeaders: {
        'Content-Type': "'application/problem+json'",
        'x-region': `'${region}'`,
        'Cache-Control': "'no-store'",
      },
      templates: { 'application/json': body },
    });
  }
}
