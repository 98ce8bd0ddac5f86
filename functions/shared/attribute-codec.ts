import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB attribute values to and from plain values, for the types items use (strings, numbers,
 * booleans, lists, maps). Hand-written instead of @aws-sdk/util-dynamodb to keep ~4 KB out of every
 * handler bundle.
 */
export function toAttribute(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  if (typeof value === 'object') return { M: toRecord(value as Record<string, unknown>) };
  throw new TypeError(`cannot store a ${typeof value} in DynamoDB`);
}

/** A record of attributes; undefined fields are left out. */
export function toRecord(values: Record<string, unknown>): Record<string, AttributeValue> {
  const record: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) record[key] = toAttribute(value);
  }
  return record;
}

export function fromAttribute(attribute: AttributeValue): unknown {
  if (attribute.S !== undefined) return attribute.S;
  if (attribute.N !== undefined) return Number(attribute.N);
  if (attribute.BOOL !== undefined) return attribute.BOOL;
  if (attribute.L !== undefined) return attribute.L.map(fromAttribute);
  if (attribute.M !== undefined) return fromRecord(attribute.M);
  if (attribute.SS !== undefined) return [...attribute.SS];
  if (attribute.NULL) return null;
  throw new TypeError(`unsupported attribute type ${Object.keys(attribute).join(',')}`);
}

export function fromRecord(record: Record<string, AttributeValue>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, attribute] of Object.entries(record)) values[key] = fromAttribute(attribute);
  return values;
}
