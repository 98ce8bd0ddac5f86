/** The fields the service keeps on every record of an owned resource, next to the client's fields. */
export interface RecordMeta {
  readonly id: string;
  readonly ownerId: string;
  /** Starts at 1, incremented by every write; the ETag carries it with the incarnation. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Region that made the last write: after a global-table conflict, shows whose write won. */
  readonly updatedRegion: string;
}

/** A record as the API shows it: the service's fields plus the resource's own. */
export type PublicRecord = RecordMeta & Readonly<Record<string, unknown>>;

/** A stored record plus what stays server-side. */
export type StoredRecord = PublicRecord & {
  /** Hash of the create request, kept only for records created with an Idempotency-Key. */
  readonly requestHash?: string;
  /**
   * Random token set at create (etag.ts `EntityTag`): tells this life of the id from an earlier one that
   * was deleted. Shown only inside the ETag. Absent on records created before incarnations existed.
   */
  readonly incarnation?: string;
};

/** Why a conditional write was refused. `not-found` also covers records the actor may not see. */
export class WriteRejected extends Error {
  constructor(
    readonly reason: 'not-found' | 'stale',
    readonly current?: StoredRecord,
  ) {
    super(`write rejected: ${reason}`);
    this.name = 'WriteRejected';
  }
}
