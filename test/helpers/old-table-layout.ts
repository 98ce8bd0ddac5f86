import { callLocalDynamo } from '../../lib/sandbox/local-dynamo-call';
import { appTableInput, startLocalDynamo } from '../../lib/sandbox/local-dynamodb';

/**
 * The app table as an older TABLE_SCHEMA might have laid it out: every index under another name
 * (`<name>Old`) and sorted by `legacySortKey`. Derived from the current layout, so it stays "other" whatever
 * indexes TABLE_SCHEMA holds.
 */
export function oldLayoutInput(tableName: string) {
  const current = appTableInput(tableName);
  const renamed = (name: string) => `${name}Old`;
  return {
    ...current,
    AttributeDefinitions: [
      ...current.AttributeDefinitions,
      { AttributeName: 'legacySortKey', AttributeType: 'S' as const },
    ],
    GlobalSecondaryIndexes: current.GlobalSecondaryIndexes.map((i) => ({
      ...i,
      IndexName: renamed(i.IndexName),
      KeySchema: [i.KeySchema[0], { AttributeName: 'legacySortKey', KeyType: 'RANGE' as const }],
    })),
  };
}

/** Leaves an old-layout table (ACTIVE) in the dynalite store at `path`, as an older sandbox would have. */
export async function createOldLayoutTable(path: string, tableName: string): Promise<void> {
  const db = await startLocalDynamo({ path, listen: false });
  try {
    await callLocalDynamo(db.handler, 'CreateTable', oldLayoutInput(tableName));
    for (let attempt = 0; attempt < 250; attempt++) {
      const { Table } = await callLocalDynamo<{ Table?: { TableStatus?: string } }>(
        db.handler,
        'DescribeTable',
        { TableName: tableName },
      );
      if (Table?.TableStatus === 'ACTIVE') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`old-layout table ${tableName} never became ACTIVE`);
  } finally {
    await db.close();
  }
}
