import { Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { PivotFunction } from './PivotFunction';

/** Route lookups' credentials live under this prefix, one folder per route: `kazoo-pivot/lookups/<route>/<name>`. */
export const LOOKUP_SECRET_PREFIX = 'kazoo-pivot/lookups/';

/**
 * Lets a function read lookup credentials, and only those: GetSecretValue on the
 * secrets under the prefix. The operator creates them (`aws secretsmanager
 * create-secret --name kazoo-pivot/lookups/<route>/<name>`); the handler reads a
 * route's secrets under that route's own folder only (adapters/secrets).
 */
export function grantLookupSecrets(fn: PivotFunction, prefix: string): void {
  const stack = Stack.of(fn);
  // Secrets Manager appends a random 6-character suffix to every ARN: a prefix grant needs the wildcard.
  const resource = `arn:${stack.partition}:secretsmanager:${stack.region}:${stack.account}:secret:${prefix}*`;
  fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [resource] }));
  // On the policy the statement landed in: that is where cdk-nag reports the finding.
  Validations.of(fn.role.node.findChild('DefaultPolicy')).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${prefix}*]`,
    reason:
      'Lookup credentials are created by operators per route, after deployment, under one prefix; the grant is GetSecretValue on that prefix only (Secrets Manager ARNs end in a random suffix, so a prefix needs a wildcard).',
  });
}
