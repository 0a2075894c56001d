import type { FieldIssue } from '../errors';
import type { Conditions } from './conditionsSchema';
import { findPlaceholders, isKnownPlaceholder, lookupPlaceholder } from './placeholders';
import type { Lookup } from './lookupSchema';

/** A placeholder a lookup's own request may hold: the call's fields, digits and vars (not another lookup, not match.N). */
function allowedInRequest(name: string): boolean {
  return isKnownPlaceholder(name) && !lookupPlaceholder(name) && !name.startsWith('match.');
}

/**
 * What the schema cannot see about a route's lookups: each request's placeholders
 * are ones a request may hold and its URL is an absolute http(s) URL once filled.
 */
export function checkLookupRequests(lookups: Readonly<Record<string, Lookup>>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [name, lookup] of Object.entries(lookups)) {
    for (const p of [...findPlaceholders(lookup.url, ['url']), ...findPlaceholders(lookup.body ?? {}, ['body'])]) {
      if (!allowedInRequest(p.name)) {
        issues.push({ path: ['lookups', name, ...p.path].join('.'), message: `{{${p.name}}} cannot be used in a lookup's request` });
      }
    }
    const sample = lookup.url.replace(/\{\{[^{}]*\}\}/g, 'x');
    let url: URL | undefined;
    try {
      url = new URL(sample);
    } catch {
      issues.push({ path: `lookups.${name}.url`, message: 'not an absolute URL' });
    }
    if (url && url.protocol !== 'https:' && url.protocol !== 'http:') {
      issues.push({ path: `lookups.${name}.url`, message: `${url.protocol} URLs are not fetched; use https` });
    }
    if (url && (url.username || url.password)) {
      issues.push({ path: `lookups.${name}.url`, message: 'credentials in the URL are refused: name a secret in auth' });
    }
    // The address is judged when fetched, but a caller-chosen host is never what an operator means.
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*\{\{/i.test(lookup.url)) {
      issues.push({ path: `lookups.${name}.url`, message: 'the host cannot come from a placeholder' });
    }
  }
  return issues;
}

/** Every `{{lookup.X.Y}}` and `lookup` condition names a declared lookup and one of its mapped fields. */
export function checkLookupReference(
  lookups: Readonly<Record<string, Lookup>> | undefined,
  lookup: string,
  field: string,
  path: string,
): FieldIssue | undefined {
  const declared = lookups && Object.hasOwn(lookups, lookup) ? lookups[lookup] : undefined;
  if (!declared) return { path, message: `no lookup named "${lookup}" in this route's lookups` };
  if (!Object.hasOwn(declared.map, field)) return { path, message: `lookup "${lookup}" maps no field "${field}"` };
  return undefined;
}

export function checkLookupConditions(lookups: Readonly<Record<string, Lookup>> | undefined, when: Conditions, path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(when.lookup ?? {})) {
    const [lookup, field] = key.split('.') as [string, string];
    const issue = checkLookupReference(lookups, lookup, field, `${path}.lookup.${key}`);
    if (issue) issues.push(issue);
  }
  return issues;
}
