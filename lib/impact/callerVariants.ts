import type { Conditions } from '../routes/conditionsSchema';
import type { Route } from '../routes/routeSchema';
import type { PreviewCaller } from '../preview/previewCaller';

/** One kind of caller an impact report compares the versions for, and how the report names it. */
export type CallerVariant = { label: string; caller: PreviewCaller };

/**
 * A caller that none of the values a route names: not a listed number, a dialed
 * number no rule mentions, a language no rule asks for, inbound, no variables.
 */
export const ANY_OTHER_CALLER: CallerVariant = {
  label: 'any other caller',
  caller: { callerIdNumber: '+19999999901', dialed: '+19999999902', language: 'zz', direction: 'inbound' },
};

/**
 * The callers worth comparing two versions for: one per value the rules of either
 * version mention (caller numbers, dialed numbers, languages, user ids, variable
 * values, the outbound direction), each otherwise "any other caller", and that
 * caller itself first. Patterns have no sample value and are not expanded.
 */
export function callerVariants(...routes: Route[]): CallerVariant[] {
  const variants = new Map<string, CallerVariant>([[ANY_OTHER_CALLER.label, ANY_OTHER_CALLER]]);
  const add = (label: string, change: PreviewCaller) =>
    variants.has(label) || variants.set(label, { label, caller: { ...ANY_OTHER_CALLER.caller, ...change } });
  for (const when of routes.flatMap(conditionsOf)) {
    for (const number of when.callerId?.numbers ?? []) add(`caller ${number}`, { callerIdNumber: number });
    for (const number of when.dialed?.numbers ?? []) add(`dialed ${number}`, { dialed: number });
    for (const language of [when.language ?? []].flat()) add(`language ${language}`, { language });
    for (const userId of [when.userId ?? []].flat()) add(`user ${userId}`, { userIds: [userId] });
    if (when.direction === 'outbound') add('outbound', { direction: 'outbound' });
    for (const [name, expected] of Object.entries(when.vars ?? {})) {
      if (typeof expected === 'string') add(`variable ${name}=${expected}`, { vars: { [name]: expected } });
      else if ('present' in expected && expected.present) add(`variable ${name} set`, { vars: { [name]: 'set' } });
    }
  }
  return [...variants.values()];
}

function conditionsOf(route: Route): Conditions[] {
  return route.rules.map((rule) => rule.when);
}
