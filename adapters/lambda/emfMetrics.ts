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

/** EMF allows at most 100 metrics per line; Powertools flushes at the same bound. */
const MAX_METRICS_PER_LINE = 100;

export class EmfMetrics {
  /** Where lines go: stdout in Lambda; tests and the bench swap it for a sink. */
  console: Sink;
  readonly #namespace: string;
  readonly #service: string;
  readonly #disabled: boolean;
  readonly #single: boolean;
  #metrics = new Map<string, Stored>();
  #dimensions: Record<string, string> = {};
  #coldStartWritten = false;

  constructor(options: { serviceName: string; namespace: string; disabled?: boolean; singleMetric?: boolean; console?: Sink }) {
    this.#service = options.serviceName;
    this.#namespace = options.namespace;
    // Powertools' switches, read once: POWERTOOLS_METRICS_DISABLED, else POWERTOOLS_DEV turns metrics off.
    this.#disabled = options.disabled ?? metricsDisabledByEnvironment();
    this.#single = options.singleMetric ?? false;
    this.console = options.console ?? new Console({ stdout: process.stdout, stderr: process.stderr });
  }

  /** Adds a value; the same name twice in one line becomes a list, as Powertools writes it. */
  addMetric(name: string, unit: MetricUnit, value: number): this {
    const stored = this.#metrics.get(name);
    if (!stored) this.#metrics.set(name, { unit, value });
    else stored.value = Array.isArray(stored.value) ? [...stored.value, value] : [stored.value, value];
    if (this.#single || this.#metrics.size >= MAX_METRICS_PER_LINE) this.publishStoredMetrics();
    return this;
  }

  /** A dimension for the metrics of the next line only (besides `service`). */
  addDimension(name: string, value: string): this {
    this.#dimensions[name] = value;
    return this;
  }

  /** Metrics with their own dimensions: each addMetric is written at once, with the dimensions added before it. */
  singleMetric(): EmfMetrics {
    return new EmfMetrics({
      serviceName: this.#service,
      namespace: this.#namespace,
      disabled: this.#disabled,
      singleMetric: true,
      console: this.console,
    });
  }

  hasStoredMetrics(): boolean {
    return this.#metrics.size > 0;
  }

  clearMetrics(): void {
    this.#metrics.clear();
    this.#dimensions = {};
  }

  /** Writes what was added as one EMF line and forgets it (and its dimensions); nothing added, nothing written. */
  publishStoredMetrics(): this {
    if (this.#metrics.size > 0 && !this.#disabled) this.console.log(JSON.stringify(this.#serialize()));
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

  #serialize(): Record<string, unknown> {
    const definitions: { Name: string; Unit: string }[] = [];
    const values: Record<string, number | number[]> = {};
    for (const [name, { unit, value }] of this.#metrics) {
      definitions.push({ Name: name, Unit: unit });
      values[name] = value;
    }
    return {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          { Namespace: this.#namespace, Dimensions: [['service', ...Object.keys(this.#dimensions)]], Metrics: definitions },
        ],
      },
      service: this.#service,
      ...this.#dimensions,
      ...values,
    };
  }
}

function metricsDisabledByEnvironment(): boolean {
  const disabled = process.env['POWERTOOLS_METRICS_DISABLED']?.trim().toLowerCase();
  if (disabled !== undefined && disabled !== '') return disabled === 'true' || disabled === '1';
  const dev = process.env['POWERTOOLS_DEV']?.trim().toLowerCase();
  return dev === 'true' || dev === '1';
}
