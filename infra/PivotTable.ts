import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { PARTITION_KEY, TTL_ATTRIBUTE } from '../adapters/dynamodb/pivotTableKeys';

export interface PivotTableProps {
  readonly retainOnDelete: boolean;
  readonly deletionProtection: boolean;
}

/**
 * Routes (`ROUTE#<id>`) and per-call IVR state (`CALL#<id>`) share one table: every
 * access is a single-item read or write by key, so no sort key or index is needed.
 */
export class PivotTable extends Table {
  constructor(scope: Construct, id: string, props: PivotTableProps) {
    super(scope, id, {
      partitionKey: { name: PARTITION_KEY, type: AttributeType.STRING },
      // Call traffic is bursty (office hours, campaigns) and small: on-demand never throttles a ringing call.
      billingMode: BillingMode.PAY_PER_REQUEST,
      // Call state is worthless after the call; DynamoDB deletes it for free.
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // Routes are hand-edited business rules: a bad edit must be undoable.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection,
      removalPolicy: props.retainOnDelete ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
}
