import { Console } from 'node:console';

/**
 * CloudWatch metrics as Embedded Metric Format lines on stdout, in the format
 * Powertools Metrics writes (same namespace, `service` dimension, EMF keys), so
 * the dashboard, alarms and Logs Insights queries read them unchanged.
 *
 * Written here rather than through Powertools: Powertools 2.36 reads the
 * environment on every access to its per-invocation store (several reads per
 * metric), which made metrics and the log line a third of a warm request's CPU
 * (bench: warmCpu.timeOfDay). This class reads the environment once, when built.
 */
export const MetricUnit = { Count: 'Count', Milliseconds: 'Milliseconds' } as const;
export type MetricUnit = (typeof MetricUnit)[keyof typeof MetricUnit];

type Stored = { unit: string; value: number | number[] };
type Sink = Pick<Console, 'log'>;
/** Metrics sharing one set of dimensions (besides `service`). */
type Group = { dimensions: Record<string, string>; metrics: Map<string, Stored> };
type Line = { dimensions: Record<string, string>; groups: Group[]; names: Set<string> };

const NO_DIMENSIONS: Record<string, string> = Object.freeze({});

/** EMF allows at most 100 metrics per line; Powertools flushes at the same bound. */
const MAX_METRICS_PER_LINE = 100;

export class EmfMetrics {
  /** Where lines go: stdout in Lambda; tests and the bench swap it for a sink. */
  console: Sink;
  readonly #namespace: string;
  readonly #service: string;
  readonly #disabled: boolean;
  #groups = new Map<string, Group>();
  #count = 0;
  #coldStartWritten = false;

  constructor(options: { serviceName: string; namespace: string; disabled?: boolean; console?: Sink }) {
    this.#service = options.serviceName;
    this.#namespace = options.namespace;
    // Powertools' switches, read once: POWERTOOLS_METRICS_DISABLED, else POWERTOOLS_DEV turns metrics off.
    this.#disabled = options.disabled ?? metricsDisabledByEnvironment();
    this.console = options.console ?? new Console({ stdout: process.stdout, stderr: process.stderr });
  }

  /**
   * Adds a value under `service` and the given dimensions; the same name twice under
   * the same dimensions becomes a list, as Powertools writes it. Flushed by publishStoredMetrics.
   */
  addMetric(name: string, unit: MetricUnit, value: number, dimensions: Record<string, string> = NO_DIMENSIONS): this {
    const signature = dimensions === NO_DIMENSIONS ? '' : JSON.stringify(dimensions);
    let group = this.#groups.get(signature);
    if (!group) {
      group = { dimensions, metrics: new Map() };
      this.#groups.set(signature, group);
    }
    const stored = group.metrics.get(name);
    if (!stored) group.metrics.set(name, { unit, value });
    else stored.value = Array.isArray(stored.value) ? [...stored.value, value] : [stored.value, value];
    if (++this.#count >= MAX_METRICS_PER_LINE) this.publishStoredMetrics();
    return this;
  }

  hasStoredMetrics(): boolean {
    return this.#groups.size > 0;
  }

  clearMetrics(): void {
    this.#groups.clear();
    this.#count = 0;
  }

  /**
   * Writes what was added and forgets it; nothing added, nothing written. Groups of
   * different dimensions share one line (one EMF directive each) as long as their
   * dimension values and metric names agree; otherwise they take a line of their own.
   * One request's metrics are then usually one line, where they were three.
   */
  publishStoredMetrics(): this {
    if (this.#groups.size > 0 && !this.#disabled) {
      for (const line of this.#lines()) this.console.log(JSON.stringify(this.#serialize(line)));
    }
    this.clearMetrics();
    return this;
  }

  /** The `ColdStart` metric, once per container, under `service` and `function_name` as Powertools writes it. */
  captureColdStartMetric(functionName: string): void {
    if (this.#coldStartWritten) return;
    this.#coldStartWritten = true;
    if (this.#disabled) return;
    const line = {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          { Namespace: this.#namespace, Dimensions: [['service', 'function_name']], Metrics: [{ Name: 'ColdStart', Unit: 'Count' }] },
        ],
      },
      service: this.#service,
      function_name: functionName,
      ColdStart: 1,
    };
    this.console.log(JSON.stringify(line));
  }

  #lines(): Line[] {
    const lines: Line[] = [];
    for (const group of this.#groups.values()) {
      let line = lines.find((l) => fits(l, group));
      if (!line) {
        line = { dimensions: {}, groups: [], names: new Set() };
        lines.push(line);
      }
      Object.assign(line.dimensions, group.dimensions);
      for (const name of group.metrics.keys()) line.names.add(name);
      line.groups.push(group);
    }
    return lines;
  }

  #serialize(line: Line): Record<string, unknown> {
    const values: Record<string, number | number[]> = {};
    const directives = line.groups.map((group) => {
      const definitions: { Name: string; Unit: string }[] = [];
      for (const [name, { unit, value }] of group.metrics) {
        definitions.push({ Name: name, Unit: unit });
        values[name] = value;
      }
      return { Namespace: this.#namespace, Dimensions: [['service', ...Object.keys(group.dimensions)]], Metrics: definitions };
    });
    return { _aws: { Timestamp: Date.now(), CloudWatchMetrics: directives }, service: this.#service, ...line.dimensions, ...values };
  }
}

/** A group joins a line when none of its dimensions has another value there and none of its metric names is taken. */
function fits(line: Line, group: Group): boolean {
  for (const [key, value] of Object.entries(group.dimensions)) {
    if (key in line.dimensions && line.dimensions[key] !== value) return false;
  }
  for (const name of group.metrics.keys()) if (line.names.has(name)) return false;
  return true;
}

function metricsDisabledByEnvironment(): boolean {
  const disabled = process.env['POWERTOOLS_METRICS_DISABLED']?.trim().toLowerCase();
  if (disabled !== undefined && disabled !== '') return disabled === 'true' || disabled === '1';
  const dev = process.env['POWERTOOLS_DEV']?.trim().toLowerCase();
  return dev === 'true' || dev === '1';
}
