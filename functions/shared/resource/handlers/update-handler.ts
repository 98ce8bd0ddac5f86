import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { expectedTag } from '../../etag';
import type { ApiEvent } from '../../http/api-event';
import { apiHandler } from '../../http/api-handler';
import { metrics } from '../../observability';
import { validate } from '../../validate';
import { actorOf } from '../actor';
import type { OwnedResource } from '../owned-resource';
import { recordIdOf, recordResponse } from '../record-access';
import { updateRecord } from '../record-store';
import { rejectionProblem } from '../rejection-problem';

interface Changes {
  readonly set: Readonly<Record<string, unknown>>;
  readonly remove: readonly string[];
}

/**
 * PUT and PATCH /<resource>/{id} in one function (same IAM needs); each keeps its own body media types.
 * One conditional UpdateItem for both methods: the write succeeds only if the stored version and
 * incarnation are still the ones the client read (If-Match), so a stale writer gets 412 and the record
 * stays as it was.
 */
export function updateHandler(resource: OwnedResource) {
  const optionalFields = Object.keys(resource.optional);

  /** PUT: replaces every client-writable field; absent optional fields are removed. */
  const replacement = (event: ApiEvent): Changes => {
    const body = validate(resource.input, event.jsonBody, 'body');
    return { set: body, remove: optionalFields.filter((field) => body[field] === undefined) };
  };

  /** PATCH (JSON Merge Patch): present fields replace, `null` removes. */
  const mergePatch = (event: ApiEvent): Changes => {
    const body = validate(resource.patch, event.jsonBody, 'body');
    const set = Object.fromEntries(Object.entries(body).filter(([, v]) => v != null));
    return { set, remove: optionalFields.filter((field) => body[field] === null) };
  };

  const route = (changesOf: (event: ApiEvent) => Changes) => async (event: ApiEvent) => {
    const actor = actorOf(event);
    const id = recordIdOf(event);
    const expected = expectedTag(event, resource.noun);
    const { set, remove } = changesOf(event);
    const record = await updateRecord(resource, { id, expected, actor, set, remove }).catch((e) => {
      throw rejectionProblem(resource, e, id, expected);
    });
    metrics.addMetric(resource.metrics.updated, 'Count', 1);
    return recordResponse(200, record);
  };

  const put = apiHandler({ body: {} }, route(replacement));
  const patch = apiHandler(
    { body: { mediaTypes: ['application/merge-patch+json', 'application/json'] } },
    route(mergePatch),
  );
  return (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> =>
    event.httpMethod === 'PATCH' ? patch(event, context) : put(event, context);
}
