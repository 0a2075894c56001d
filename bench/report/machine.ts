import { cpus } from 'node:os';

export type Machine = { date: string; node: string; cpuModel: string; cores: number; platform: string };

/** What a figure was measured on: ratios travel between machines, absolute values do not. */
export function describeMachine(): Machine {
  const list = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    platform: `${process.platform}-${process.arch}`,
  };
}
