/**
 * Environment for running the Lambda code on a laptop. Imported first by the
 * local server because functions/ builds its logger and metrics at import time,
 * and those read the environment once, in their constructors.
 */

// EMF metric blobs are for CloudWatch; locally they only bury the request logs.
process.env['POWERTOOLS_METRICS_DISABLED'] ??= 'true';

// This process talks to its own dynalite only, which accepts any credentials. A
// developer's real ones (or an AWS_PROFILE whose SSO session expired) would at
// best be signed into local requests, at worst break every one of them.
delete process.env['AWS_PROFILE'];
delete process.env['AWS_SESSION_TOKEN'];
process.env['AWS_ACCESS_KEY_ID'] = 'local';
process.env['AWS_SECRET_ACCESS_KEY'] = 'local';

export {};
