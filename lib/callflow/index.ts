/** Public surface of the callflow library: node type, validation, rendering and the builders the IVR uses. */
export { callflowNodeSchema, type CallflowNode } from './callflowNode';
export { moduleDataSchemas, isKnownModule, type CallflowModule } from './moduleDataSchemas';
export { validateCallflow, KAZOO_CALLFLOW_POLICY, type CallflowPolicy, type CallflowValidation } from './validateCallflow';
export { renderPivotAnswer, type PivotAnswer } from './renderPivotAnswer';
export { InvalidCallflowError, type FieldIssue } from '../errors';
export { collectDtmf, pivot, play, tts, type Children, type CollectDtmfOptions } from './nodeBuilders';
