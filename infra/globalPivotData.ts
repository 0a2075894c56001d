import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, type ITable, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type ISecret, Secret, type SecretProps } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { PARTITION_KEY, TTL_ATTRIBUTE } from '../adapters/dynamodb/pivotTableKeys';
import type { RegionRole } from './regionPlan';

export type GlobalTableSettings = { readonly retainTable: boolean; readonly deletionProtection: boolean };

/**
 * The primary region creates the one global table (routes and call state, the same
 * key layout as the single-region table) with a replica in every other region; the
 * others reference their replica by its fixed name. Replication is asynchronous and
 * last-writer-wins (docs/reliability.md, "Two regions").
 */
export function globalTableFor(scope: Construct, id: string, role: RegionRole, settings: GlobalTableSettings): ITable {
  if (role.kind === 'replica') return TableV2.fromTableName(scope, id, role.tableName);
  return new TableV2(scope, id, {
    tableName: role.tableName,
    partitionKey: { name: PARTITION_KEY, type: AttributeType.STRING },
    billing: Billing.onDemand(),
    timeToLiveAttribute: TTL_ATTRIBUTE,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: settings.deletionProtection,
    removalPolicy: settings.retainTable ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    // Each replica answers its own region's functions with the same protection as the primary.
    replicas: role.replicaRegions.map((region) => ({
      region,
      deletionProtection: settings.deletionProtection,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    })),
  });
}

/**
 * The route key secret: created in the primary region and replicated by Secrets
 * Manager to every other one, so each region derives the same route tokens and
 * follow-up signatures (a call can cross regions mid-IVR). The others read their
 * local replica by name.
 */
export function replicatedSecretFor(scope: Construct, id: string, role: RegionRole, props: SecretProps): ISecret {
  if (role.kind === 'replica') return Secret.fromSecretNameV2(scope, id, role.secretName);
  return new Secret(scope, id, {
    ...props,
    secretName: role.secretName,
    replicaRegions: role.replicaRegions.map((region) => ({ region })),
  });
}
