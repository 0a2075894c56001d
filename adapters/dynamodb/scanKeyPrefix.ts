import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { str, type DynamoItem } from './attributeValues';
import { PARTITION_KEY } from './pivotTableKeys';
import { callStore } from './storeCall';

export type ScanKeyPrefixOptions = {
  client: DynamoDBClient;
  tableName: string;
  /** Names the Scan in a StoreUnavailableError: `route list`, `closure list`. */
  what: string;
  prefix: string;
  /** Ask for the partition key alone, when the caller needs only the ids. */
  keysOnly?: boolean;
};

/**
 * Every item whose partition key starts with `prefix`, paginating until the table
 * is done. A Scan reads every item, call state included (the filter only trims the
 * reply, not the read): fine for an operator's listing, never for a live call.
 * The route and closure listings share it so both page through the table the same way.
 */
export async function* scanKeyPrefix({
  client,
  tableName,
  what,
  prefix,
  keysOnly = false,
}: ScanKeyPrefixOptions): AsyncGenerator<DynamoItem> {
  let startKey: DynamoItem | undefined;
  do {
    const page = await callStore(what, undefined, () =>
      client.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: 'begins_with(#pk, :prefix)',
          ...(keysOnly && { ProjectionExpression: '#pk' }),
          ExpressionAttributeNames: { '#pk': PARTITION_KEY },
          ExpressionAttributeValues: { ':prefix': str(prefix) },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
