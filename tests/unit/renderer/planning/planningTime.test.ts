import { describe, expect, it } from 'vitest';
import {
  addDays,
  clockToOffset,
  formatDay,
  groupByDay,
  mondayOf,
  normalizeClock,
  offsetToClock,
  vietnamInstant,
  vietnamParts,
  vietnamToday,
  weekdayIndex,
} from '../../../../renderer/features/planning/planningTime';
import { inTimeZone } from '../../../helpers/timeZone';

describe('vietnamParts', () => {
  it('gives the Vietnam day and clock time whatever the offset of the input', () => {
    expect(vietnamParts('2026-01-05T08:30:00+07:00')).toEqual({ day: '2026-01-05', time: '08:30' });
    expect(vietnamParts('2026-01-04T17:15:00Z')).toEqual({ day: '2026-01-05', time: '00:15' });
    expect(vietnamParts('not a date')).toBeNull();
  });

  it('does not follow the computer’s time zone', async () => {
    const parts = await inTimeZone('America/New_York', async () =>
      vietnamParts('2026-03-09T07:00:00+07:00'),
    );
    expect(parts).toEqual({ day: '2026-03-09', time: '07:00' });
  });
});

describe('vietnamInstant', () => {
  it('writes a typed day and time as ISO with +07:00', () => {
    expect(vietnamInstant('2026-01-05', '08:30')).toBe('2026-01-05T08:30:00+07:00');
    expect(vietnamInstant('2026-01-05', '8:05')).toBe('2026-01-05T08:05:00+07:00');
    expect(vietnamInstant('2026-01-05', '08:30:00')).toBe('2026-01-05T08:30:00+07:00');
  });

  it('answers null for a missing or impossible day or time', () => {
    expect(vietnamInstant(null, '08:00')).toBeNull();
    expect(vietnamInstant('2026-01-05', '')).toBeNull();
    expect(vietnamInstant('2026-01-05', '25:00')).toBeNull();
    expect(vietnamInstant('05/01/2026', '08:00')).toBeNull();
    expect(normalizeClock('7:61')).toBeNull();
  });

  it('round-trips with vietnamParts', () => {
    const iso = vietnamInstant('2026-12-31', '23:45')!;
    expect(vietnamParts(iso)).toEqual({ day: '2026-12-31', time: '23:45' });
  });
});

describe('weeks', () => {
  it('starts on Monday and ends on Sunday, across months and years', () => {
    expect(weekdayIndex('2026-01-05')).toBe(0); // a Monday
    expect(weekdayIndex('2026-01-11')).toBe(6); // a Sunday
    expect(mondayOf('2026-01-11')).toBe('2026-01-05');
    expect(mondayOf('2026-01-01')).toBe('2025-12-29');
    expect(addDays('2025-12-29', 7)).toBe('2026-01-05');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(formatDay('2026-01-05')).toBe('05/01/2026');
  });

  it('takes today in Vietnam, already tomorrow at 18:00 UTC', () => {
    expect(vietnamToday(new Date('2026-01-04T18:00:00Z'))).toBe('2026-01-05');
    expect(vietnamToday(new Date('2026-01-04T16:59:00Z'))).toBe('2026-01-04');
  });
});

describe('groupByDay', () => {
  it('lists the seven days with each day’s meetings by start time, by Vietnam day', () => {
    const entries = [
      { id: 'late', startsAt: '2026-01-07T14:00:00+07:00' },
      { id: 'early', startsAt: '2026-01-07T08:00:00+07:00' },
      // 23:30 UTC on Sunday is Monday 06:30 in Vietnam.
      { id: 'monday', startsAt: '2026-01-04T23:30:00Z' },
      { id: 'next week', startsAt: '2026-01-12T08:00:00+07:00' },
    ];
    const days = groupByDay(entries, '2026-01-05');
    expect(days.map((d) => d.day)).toEqual([
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
      '2026-01-08',
      '2026-01-09',
      '2026-01-10',
      '2026-01-11',
    ]);
    expect(days.map((d) => d.weekday)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(days[0]!.entries.map((e) => e.id)).toEqual(['monday']);
    expect(days[2]!.entries.map((e) => e.id)).toEqual(['early', 'late']);
    expect(days.flatMap((d) => d.entries).map((e) => e.id)).not.toContain('next week');
  });
});

describe('agenda clock times', () => {
  it('turn into minutes from the meeting’s start and back', () => {
    expect(clockToOffset('08:00', '09:30')).toBe(90);
    expect(clockToOffset('08:00', '08:00')).toBe(0);
    expect(clockToOffset('08:00', '07:59')).toBeNull();
    expect(clockToOffset(null, '09:00')).toBeNull();
    expect(offsetToClock('08:00', 90)).toBe('09:30');
    expect(offsetToClock('08:00', null)).toBe('');
    expect(offsetToClock('23:00', 90)).toBe('00:30');
  });
});
