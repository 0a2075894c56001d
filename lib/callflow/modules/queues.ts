/**
 * Call-centre modules (Kazoo's ACDc app): put a caller in a queue, log agents
 * in and out, announce the wait. Each needs its queue or agent to exist in the
 * account; Kazoo's callflow builder lists them under "call queues".
 */
import * as z from 'zod';
import { integer, moduleData, type ModuleData } from './primitives';

export const acdcMemberDataSchema = moduleData(() => ({
  id: z.string().describe('The queue to join (a queue document id)').optional(),
  priority: integer.describe('Higher is answered sooner').optional(),
}));
export type AcdcMemberData = ModuleData<typeof acdcMemberDataSchema>;

export const acdcAgentDataSchema = moduleData(() => ({
  action: z.enum(['login', 'logout', 'paused', 'resume']).optional(),
  presence_id: z.string().describe('Presence to light up with the agent state').optional(),
  presence_state: z.enum(['early', 'confirmed', 'terminated', 'red_flash', 'red_solid', 'green']).optional(),
  timeout: integer.describe('Pause length in seconds').optional(),
}));
export type AcdcAgentData = ModuleData<typeof acdcAgentDataSchema>;

export const acdcQueueDataSchema = moduleData(() => ({
  action: z.enum(['login', 'logout']).optional(),
  id: z.string().describe('The queue the calling agent logs into or out of').optional(),
}));
export type AcdcQueueData = ModuleData<typeof acdcQueueDataSchema>;

export const acdcWaitTimeDataSchema = moduleData(() => ({
  id: z.string().describe('The queue whose average wait is checked').optional(),
  window: integer.describe('Seconds of history the average covers').optional(),
}));
export type AcdcWaitTimeData = ModuleData<typeof acdcWaitTimeDataSchema>;
