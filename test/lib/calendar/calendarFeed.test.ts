import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { loadCalendarParser, ParsedCalendarFeed } from '../../../lib/calendar/calendarFeed';
import { wallClockInstant } from '../../../lib/calendar/wallClockInstant';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/calendars/${name}`, import.meta.url), 'utf8');
const NEW_YORK = 'America/New_York';

// ical.js is loaded on demand, as the handlers load it with the first feed.
await loadCalendarParser();

describe('a Google Calendar feed (VTIMEZONE America/New_York)', () => {
  const feed = new ParsedCalendarFeed(fixture('google-closures.ics'));

  it.each([
    ['Monday all-hands before DST ends, 09:30 EDT', '2026-10-26T13:30:00Z', true],
    ['the same UTC time after DST ends is 08:30 EST: before the meeting', '2026-11-02T13:30:00Z', false],
    ['Monday all-hands after DST ends, 09:30 EST (the meeting stays at 09:00 local)', '2026-11-02T14:30:00Z', true],
    ['10:00 EST: the meeting has ended (end is exclusive)', '2026-11-02T15:00:00Z', false],
    ['a Tuesday at 09:30', '2026-11-03T14:30:00Z', false],
    ['the EXDATE Monday (Nov 9)', '2026-11-09T14:30:00Z', false],
    ['the overridden Monday (Nov 16) at its old time', '2026-11-16T14:30:00Z', false],
    ['the overridden Monday (Nov 16) at its new time, 15:30 EST', '2026-11-16T20:30:00Z', true],
    ['the cancelled Monday (Nov 23)', '2026-11-23T14:30:00Z', false],
    ['the Monday after (Nov 30) as usual', '2026-11-30T14:30:00Z', true],
    ['a UTC event (staff training)', '2026-11-27T18:00:00Z', true],
  ])('%s: %s → %s', (_what, at, busy) => {
    expect(feed.hasEventAt(new Date(at), NEW_YORK)).toBe(busy);
  });

  it.each([
    ['Dec 30, 23:59 New York', '2026-12-31T04:59:00Z', false],
    ['New Year’s Eve (all-day) from local midnight', '2026-12-31T05:00:00Z', true],
    ['New Year’s Eve, 23:59 local (already Jan 1 in UTC)', '2027-01-01T04:59:00Z', true],
    ['New Year’s Day: a yearly all-day event, in its third year', '2027-01-01T17:00:00Z', true],
    ['Jan 2', '2027-01-02T17:00:00Z', false],
  ])('across the year end, all-day events in the route zone: %s → %s', (_what, at, busy) => {
    expect(feed.hasEventAt(new Date(at), NEW_YORK)).toBe(busy);
  });

  it('judges all-day events in the route zone: 2026-12-31 in Tokyo starts 14 hours earlier', () => {
    expect(feed.hasEventAt(new Date('2026-12-30T16:00:00Z'), 'Asia/Tokyo')).toBe(true);
    expect(feed.hasEventAt(new Date('2026-12-30T16:00:00Z'), NEW_YORK)).toBe(false);
  });
});

describe('an Outlook feed (TZID "Eastern Standard Time" defined by its own VTIMEZONE)', () => {
  const feed = new ParsedCalendarFeed(fixture('outlook-support.ics'));

  it.each([
    ['weekday stand-up 08:35 EDT', '2026-10-30T12:35:00Z', true],
    ['the same UTC time after DST ends (07:35 EST)', '2026-11-02T12:35:00Z', false],
    ['stand-up 08:35 EST after DST ends', '2026-11-02T13:35:00Z', true],
    ['a Saturday (BYDAY=MO..FR)', '2026-11-07T13:35:00Z', false],
    ['the last stand-up (UNTIL 2027-03-01 13:30Z, inclusive)', '2027-03-01T13:35:00Z', true],
    ['the day after UNTIL: the series has ended', '2027-03-02T13:35:00Z', false],
    ['year-end party, 23:00 EST Dec 31', '2027-01-01T04:00:00Z', true],
    ['year-end party, 01:59 EST Jan 1', '2027-01-01T06:59:00Z', true],
    ['after the party, 02:00 EST Jan 1', '2027-01-01T07:00:00Z', false],
    ['all-day inventory day (Jan 4, route zone)', '2027-01-04T20:00:00Z', true],
  ])('%s: %s → %s', (_what, at, busy) => {
    expect(feed.hasEventAt(new Date(at), NEW_YORK)).toBe(busy);
  });
});

describe('feeds that are not what they should be', () => {
  it.each([
    ['HTML', '<html><body>Sign in</body></html>'],
    ['empty', ''],
    ['JSON', '{"events": []}'],
    ['a VCARD', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n'],
  ])('%s is refused', (_what, text) => {
    expect(() => new ParsedCalendarFeed(text)).toThrow();
  });

  it('a TZID with no VTIMEZONE is read as the IANA zone it names', () => {
    // Prepare
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:berlin-1',
      'DTSTART;TZID=Europe/Berlin:20260329T100000',
      'DTEND;TZID=Europe/Berlin:20260329T110000',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');

    // Act: March 29 2026 is the day Berlin moves to CEST (UTC+2).
    const feed = new ParsedCalendarFeed(text);

    // Assess
    expect(feed.hasEventAt(new Date('2026-03-29T08:30:00Z'), NEW_YORK)).toBe(true);
    expect(feed.hasEventAt(new Date('2026-03-29T09:30:00Z'), NEW_YORK)).toBe(false);
  });
});

describe('wallClockInstant', () => {
  it.each([
    ['an ordinary time', { year: 2026, month: 7, day: 1, hour: 9, minute: 0, second: 0 }, '2026-07-01T13:00:00.000Z'],
    [
      'a time skipped by spring-forward lands after the gap',
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 },
      '2026-03-08T07:30:00.000Z',
    ],
    [
      'a time repeated by fall-back takes its first occurrence',
      { year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 },
      '2026-11-01T05:30:00.000Z',
    ],
  ])('%s', (_what, wall, expected) => {
    expect(new Date(wallClockInstant(wall, NEW_YORK)).toISOString()).toBe(expected);
  });
});

describe('recurrences that began years ago', () => {
  // Started Monday 2016-01-04; 2026-11-04 is 3957 days later (a multiple of 3), in an odd week (week 565).
  const feed = new ParsedCalendarFeed(
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:every-third-day',
      'DTSTART;TZID=America/New_York:20160104T080000',
      'DTEND;TZID=America/New_York:20160104T090000',
      'RRULE:FREQ=DAILY;INTERVAL=3',
      'EXDATE;TZID=America/New_York:20261113T080000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:fortnightly',
      'DTSTART;TZID=America/New_York:20160104T170000',
      'DTEND;TZID=America/New_York:20160104T180000',
      'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:counted',
      'DTSTART;TZID=America/New_York:20160104T120000',
      'DTEND;TZID=America/New_York:20160104T130000',
      'RRULE:FREQ=DAILY;COUNT=4000',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n'),
  );

  it.each([
    ['every third day: Nov 4 is one (3957 days on)', '2026-11-04T13:30:00Z', true],
    ['every third day: Nov 3 is not', '2026-11-03T13:30:00Z', false],
    ['every third day: Nov 5 is not', '2026-11-05T13:30:00Z', false],
    ['every third day: Nov 7 is one', '2026-11-07T13:30:00Z', true],
    ['every third day: Nov 13 is, but EXDATE removes it', '2026-11-13T13:30:00Z', false],
    ['fortnightly Mon and Wed: Nov 2 is in an off week', '2026-11-02T22:30:00Z', false],
    ['fortnightly Mon and Wed: Nov 9 is in an on week', '2026-11-09T22:30:00Z', true],
    ['fortnightly Mon and Wed: Nov 11 (Wednesday, on week)', '2026-11-11T22:30:00Z', true],
    ['COUNT=4000 daily: still running on day 3957', '2026-11-04T17:30:00Z', true],
    ['COUNT=4000 daily: over after day 3999', '2026-12-17T17:30:00Z', false],
  ])('%s', (_what, at, busy) => {
    expect(feed.hasEventAt(new Date(at), NEW_YORK)).toBe(busy);
  });
});
