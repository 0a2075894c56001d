import { createTelemetry, type Telemetry } from '../../adapters/lambda/telemetry';

const discard = () => undefined;
const sink = { log: discard, info: discard, warn: discard, error: discard, debug: discard, trace: discard } as unknown as Console;

/**
 * The real Powertools logger and metrics, formatting every line as in Lambda, but
 * writing to nowhere: the cost of building log lines and EMF stays in the figure,
 * and the bench's stdout stays a table.
 */
export function silentTelemetry(service = 'kazoo-pivot-bench'): Telemetry {
  const telemetry = createTelemetry(service);
  Object.assign(telemetry.logger, { console: sink });
  Object.assign(telemetry.metrics, { console: sink });
  return telemetry;
}
