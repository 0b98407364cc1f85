import { describe, expect, it } from 'vitest';
import { usageMonths, usageQuerySchema } from '../../../../common/protocol/usageApi';
import { periodProblem, presetPeriod } from '../../../../renderer/features/admin/usagePeriod';

describe('presetPeriod', () => {
  it('gives whole months around today, across year ends and leap Februaries', () => {
    expect(presetPeriod('thisMonth', '2024-02-10')).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(presetPeriod('lastMonth', '2024-01-15')).toEqual({
      from: '2023-12-01',
      to: '2023-12-31',
    });
    expect(presetPeriod('thisQuarter', '2024-11-30')).toEqual({
      from: '2024-10-01',
      to: '2024-12-31',
    });
    expect(presetPeriod('thisYear', '2024-11-30')).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(presetPeriod('lastYear', '2024-11-30')).toEqual({
      from: '2023-01-01',
      to: '2023-12-31',
    });
    expect(presetPeriod('last12', '2024-03-05')).toEqual({ from: '2023-04-01', to: '2024-03-31' });
  });

  it('every preset is a period the server accepts', () => {
    for (const preset of [
      'thisMonth',
      'lastMonth',
      'thisQuarter',
      'thisYear',
      'lastYear',
      'last12',
    ] as const)
      expect(usageQuerySchema.safeParse(presetPeriod(preset, '2025-01-31')).success).toBe(true);
  });
});

describe('periodProblem', () => {
  it('says what the server would refuse, as usageQuerySchema does', () => {
    const cases: [string | null, string | null][] = [
      [null, '2024-01-31'],
      ['2024-02-30', '2024-03-01'],
      ['2024-02-01', '2024-01-31'],
      ['2022-01-01', '2024-01-01'],
      ['2022-01-01', '2023-12-31'],
    ];
    expect(cases.map(([from, to]) => periodProblem(from, to))).toEqual([
      'missing',
      'missing',
      'reversed',
      'tooLong',
      null,
    ]);
    for (const [from, to] of cases.slice(1))
      expect(usageQuerySchema.safeParse({ from, to }).success).toBe(
        periodProblem(from, to) === null,
      );
  });
});

describe('usageMonths', () => {
  it('cuts the first and last months to the period, in Vietnam time', () => {
    expect(usageMonths('2019-11-15', '2020-01-10')).toEqual([
      {
        month: '2019-11',
        startMs: Date.parse('2019-11-15T00:00:00+07:00'),
        endMs: Date.parse('2019-12-01T00:00:00+07:00'),
      },
      {
        month: '2019-12',
        startMs: Date.parse('2019-12-01T00:00:00+07:00'),
        endMs: Date.parse('2020-01-01T00:00:00+07:00'),
      },
      {
        month: '2020-01',
        startMs: Date.parse('2020-01-01T00:00:00+07:00'),
        endMs: Date.parse('2020-01-11T00:00:00+07:00'),
      },
    ]);
  });
});
