import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

/**
 * Table grants (grantReadData...) hand out every item; this one limits the
 * actions to items whose partition key starts with `keyPrefix`, so a bug or an
 * injected route id in one handler cannot read or overwrite the other's data.
 */
export function grantKeyPrefixAccess(grantee: IGrantable, table: ITable, keyPrefix: string, actions: readonly string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: actions.map((action) => `dynamodb:${action}`),
      resources: [table.tableArn],
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${keyPrefix}*`] },
      },
    }),
  );
}
