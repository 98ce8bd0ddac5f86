/**
 * Runtime settings, read from the environment on each call (cheap) so tests and the sandbox can set them
 * before the first request rather than before the first import.
 */
export function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
}

/** The region serving this request; Lambda sets AWS_REGION. */
export function currentRegion(): string {
  return process.env.AWS_REGION ?? 'local';
}

/** Members of this Cognito group read and manage every item. @default 'admin' */
export function adminGroup(): string {
  return process.env.ADMIN_GROUP || 'admin';
}
