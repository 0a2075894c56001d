export { budgetClientConfig, createDynamoClient, deriveClientTimeouts } from './createDynamoClient';
export type { DynamoClientOptions, DynamoClientTimeouts } from './createDynamoClient';
export { createPivotTable, routeKey, callKey, TTL_ATTRIBUTE, PARTITION_KEY } from './pivotTableKeys';
export { DynamoRouteSource } from './dynamoRouteSource';
export type { DynamoRouteSourceOptions } from './dynamoRouteSource';
export { DynamoRouteAdmin } from './dynamoRouteAdmin';
export type { DynamoRouteAdminOptions } from './dynamoRouteAdmin';
export { DynamoCallStateStore } from './dynamoCallStateStore';
export type { DynamoCallStateStoreOptions } from './dynamoCallStateStore';
