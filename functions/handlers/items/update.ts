import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { expectedVersion } from '../../shared/etag';
import type { ApiEvent } from '../../shared/http/api-event';
import { apiHandler } from '../../shared/http/api-handler';
import { actorOf, itemIdOf, itemResponse } from '../../shared/item-access';
import {
  type ItemFields,
  type OptionalField,
  type StoredItem,
  updateItem,
} from '../../shared/items-repository';
import { METRIC, metrics } from '../../shared/observability';
import { ItemInput, ItemPatch } from '../../shared/schemas';
import { validate } from '../../shared/validate';
import { rejectionProblem } from '../../shared/write-rejection';

const OPTIONAL_FIELDS: readonly OptionalField[] = ['description', 'tags'];

interface Changes {
  readonly set: Partial<ItemFields>;
  readonly remove: readonly OptionalField[];
}

/** PUT: replaces every client-writable field; absent optional fields are removed. */
function replacement(event: ApiEvent): Changes {
  const body = validate(ItemInput, event.jsonBody, 'body');
  return { set: body, remove: OPTIONAL_FIELDS.filter((field) => body[field] === undefined) };
}

/** PATCH (JSON Merge Patch): present fields replace, `null` removes. */
function mergePatch(event: ApiEvent): Changes {
  const body = validate(ItemPatch, event.jsonBody, 'body');
  const set = {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.description != null ? { description: body.description } : {}),
    ...(body.tags != null ? { tags: body.tags } : {}),
  };
  return { set, remove: OPTIONAL_FIELDS.filter((field) => body[field] === null) };
}

/**
 * One conditional UpdateItem for both methods: the write succeeds only if the stored version is still
 * the one the client read (If-Match), so a stale writer gets 412 and the item stays as it was.
 */
function updateRoute(changesOf: (event: ApiEvent) => Changes) {
  return async (event: ApiEvent): Promise<APIGatewayProxyResult> => {
    const actor = actorOf(event);
    const id = itemIdOf(event);
    const version = expectedVersion(event);
    const { set, remove } = changesOf(event);
    let item: StoredItem;
    try {
      item = await updateItem({ id, expectedVersion: version, actor, set, remove });
    } catch (e) {
      throw rejectionProblem(e, id, version);
    }
    metrics.addMetric(METRIC.itemsUpdated, 'Count', 1);
    return itemResponse(200, item);
  };
}

const put = apiHandler({ body: {} }, updateRoute(replacement));
const patch = apiHandler(
  { body: { mediaTypes: ['application/merge-patch+json', 'application/json'] } },
  updateRoute(mergePatch),
);

/** PUT and PATCH /items/{id} share one function (same IAM needs); each keeps its own body media types. */
export function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  return event.httpMethod === 'PATCH' ? patch(event, context) : put(event, context);
}
