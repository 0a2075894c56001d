/**
 * Dummy credentials and region: the SDK refuses to sign without them, dynalite
 * ignores them. Set before any client is built, inherited by child processes.
 * Powertools metrics stay enabled (the pipeline pays for them in Lambda too);
 * their output goes to a sink, see silentTelemetry.
 */
export function setBenchAwsEnvironment(): void {
  process.env['AWS_REGION'] ??= 'us-east-1';
  process.env['AWS_ACCESS_KEY_ID'] ??= 'bench';
  process.env['AWS_SECRET_ACCESS_KEY'] ??= 'bench';
}
