import * as z from 'zod';

export const CALENDAR_DEFAULTS = { refreshMinutes: 5, maxBytes: 2_097_152 } as const;

/**
 * `"calendar": {"url": "https://…/basic.ics"}`: true while the iCalendar feed
 * (Google Calendar's or Office 365's published address) has an event at this
 * instant. The feed is fetched outside the call's path and cached.
 */
export const calendarConditionSchema = z.strictObject({
  url: z
    .string()
    .max(2048)
    .refine(isHttpUrl, 'an https:// address (webcal:// feeds: write https:// instead)')
    .describe('The .ics address (https)'),
  refreshMinutes: z
    .number()
    .int()
    .min(1)
    .max(1440)
    .default(CALENDAR_DEFAULTS.refreshMinutes)
    .describe('A copy older than this is refreshed in the background; calls keep using it meanwhile'),
});
export type CalendarCondition = z.output<typeof calendarConditionSchema>;

function isHttpUrl(text: string): boolean {
  try {
    return ['https:', 'http:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
