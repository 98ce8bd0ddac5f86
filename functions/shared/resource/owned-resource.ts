import * as z from 'zod/mini';
import { checkResourceKeys, OWNER_INDEX, type ResourceKeys } from './resource-keys';

/** What a team writes to add a resource (functions/handlers/<name>/resource.ts). */
export interface OwnedResourceSpec extends ResourceKeys {
  /** Singular noun for messages and OpenAPI names, capitalized: `Item` → "Item <id> does not exist". */
  readonly noun: string;
  /** One sentence for the OpenAPI tag, e.g. "The caller's items (admins: everyone's)." */
  readonly description: string;
  /** Client-writable fields every record has (PUT and POST must send them). */
  readonly required: Readonly<Record<string, z.ZodMiniType>>;
  /** Client-writable fields a record may lack (PUT removes them when left out, PATCH with `null`). */
  readonly optional: Readonly<Record<string, z.ZodMiniType>>;
}

/** An owned, versioned resource: everything the generic handlers, routes and OpenAPI need. */
export interface OwnedResource extends OwnedResourceSpec {
  /** Collection path, `/<name>`; a record is `/<name>/{id}`. */
  readonly path: string;
  /** The owner index it lists through (TABLE_SCHEMA.indexes). */
  readonly ownerIndex: string;
  /** POST and PUT body: every client-writable field, unknown fields rejected. */
  readonly input: z.ZodMiniType<Record<string, unknown>>;
  /** PATCH body (JSON Merge Patch): present fields replace, `null` removes an optional field. */
  readonly patch: z.ZodMiniType<Record<string, unknown>>;
  /** Business metric names (EMF, unit Count). */
  readonly metrics: { readonly created: string; readonly updated: string; readonly deleted: string };
}

/** Builds a resource from its spec; throws at load time when its name or key prefix cannot work. */
export function defineOwnedResource(spec: OwnedResourceSpec): OwnedResource {
  checkResourceKeys(spec);
  const optional = Object.fromEntries(Object.entries(spec.optional).map(([k, s]) => [k, z.optional(s)]));
  const patch = Object.fromEntries([
    ...Object.entries(spec.required).map(([k, s]) => [k, z.optional(s)]),
    ...Object.entries(spec.optional).map(([k, s]) => [k, z.optional(z.nullable(s))]),
  ]);
  const metricPrefix = spec.name
    .split('-')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
  return {
    ...spec,
    path: `/${spec.name}`,
    ownerIndex: OWNER_INDEX.name,
    input: z.strictObject({ ...spec.required, ...optional }) as z.ZodMiniType<Record<string, unknown>>,
    patch: z.strictObject(patch).check(
      z.refine((p) => Object.keys(p).length > 0, {
        message: 'must change at least one field',
        abort: true,
      }),
    ) as z.ZodMiniType<Record<string, unknown>>,
    metrics: {
      created: `${metricPrefix}Created`,
      updated: `${metricPrefix}Updated`,
      deleted: `${metricPrefix}Deleted`,
    },
  };
}
