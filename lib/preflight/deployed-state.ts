/** What is deployed now, as the preflight sees it: the global table's replicas and this app's stacks. */

/** One replica of the global table. */
export interface DeployedReplica {
  readonly region: string;
  /** DynamoDB's ReplicaStatus (ACTIVE, CREATING, UPDATING, DELETING, REGION_DISABLED, …). */
  readonly status: string;
  /** The replica's own DeletionProtectionEnabled (DescribeTable in its region); undefined if unread. */
  readonly deletionProtection?: boolean;
}

/** One global secondary index of the table, as DescribeTable lists it. */
export interface DeployedIndex {
  readonly name: string;
  readonly partitionKey: string;
  /** Absent when the index has no sort key. */
  readonly sortKey?: string;
  /** ProjectionType (ALL, KEYS_ONLY, INCLUDE). */
  readonly projection: string;
  /** IndexStatus (CREATING while it backfills, ACTIVE, UPDATING, DELETING). */
  readonly status: string;
}

/** The global table, found in one of the regions the preflight looked in. */
export interface DeployedTable {
  readonly name: string;
  /** Region whose DescribeTable answered. */
  readonly describedIn: string;
  /** TableStatus in that region. */
  readonly status: string;
  /** Every replica, the described region's own included, in the order DynamoDB listed them. */
  readonly replicas: readonly DeployedReplica[];
  /** Its global secondary indexes, as the described region lists them. @default [] - none */
  readonly indexes?: readonly DeployedIndex[];
}

/** What a stack of this app is, from its name. */
export type StackKind = 'identity' | 'health-alarms' | 'regional';

/** One CloudFormation stack of this app (tag AppName = appName), in any state but DELETE_COMPLETE. */
export interface DeployedStack {
  readonly name: string;
  readonly region: string;
  readonly kind: StackKind;
  /** CloudFormation StackStatus. */
  readonly status: string;
}

/** Everything the preflight compares with the config. */
export interface DeployedState {
  /** Absent before the first deploy (no region answered DescribeTable with the table). */
  readonly table?: DeployedTable;
  readonly stacks: readonly DeployedStack[];
  /** Regions that hold the CDK bootstrap stack (CDKToolkit). */
  readonly bootstrapped: readonly string[];
  /** Regions whose APIs refused these credentials although another region accepted them (not enabled). */
  readonly unreachable: readonly string[];
  /** The regions that matter to this config (configured, holding a replica, us-east-1), all listed. */
  readonly regionsSearched: readonly string[];
  /**
   * Every other region of the partition, listed too: a stack left behind by an earlier removal is in a
   * region that is neither configured nor holds a replica.
   * @default [] - none
   */
  readonly otherRegionsSearched?: readonly string[];
  /** Other regions whose stacks could not be listed (not enabled, or denied by policy). @default [] */
  readonly regionsSkipped?: readonly string[];
}
