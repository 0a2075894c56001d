import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The cold-start baseline: the least a handler reading DynamoDB can do. One
 * client built at init, one GetItem per request, nothing else. Bundled with
 * the same CDK options as the real functions.
 */
const client = new DynamoDBClient({ endpoint: process.env['DYNAMODB_ENDPOINT'], region: process.env['AWS_REGION'] });

export const handler = async () => {
  const { Item } = await client.send(new GetItemCommand({ TableName: process.env['TABLE_NAME'], Key: { pk: { S: 'ROUTE#main-number' } } }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify({ found: Item !== undefined }) };
};
