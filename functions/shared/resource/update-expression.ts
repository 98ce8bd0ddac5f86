/** A SET/REMOVE update with its placeholder maps, ready for UpdateItem. */
export interface UpdateParts {
  readonly expression: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

/**
 * The update of a versioned record: bumps `version`, stamps `updatedAt`/`updatedRegion`, sets the given
 * fields and removes the given optional ones. Field names go through placeholders, so any name is safe.
 */
export function versionedUpdate(
  set: Readonly<Record<string, unknown>>,
  remove: readonly string[],
  now: string,
  region: string,
): UpdateParts {
  const names: Record<string, string> = {
    '#version': 'version',
    '#updatedAt': 'updatedAt',
    '#updatedRegion': 'updatedRegion',
  };
  const values: Record<string, unknown> = { ':one': 1, ':now': now, ':region': region };
  const sets = ['#version = #version + :one', '#updatedAt = :now', '#updatedRegion = :region'];
  let n = 0;
  for (const [field, value] of Object.entries(set)) {
    if (value === undefined) continue;
    n++;
    names[`#f${n}`] = field;
    values[`:f${n}`] = value;
    sets.push(`#f${n} = :f${n}`);
  }
  const removes = remove.map((field) => {
    n++;
    names[`#f${n}`] = field;
    return `#f${n}`;
  });
  const expression = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
  return { expression, names, values };
}
