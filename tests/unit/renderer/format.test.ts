import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTimeRange } from '../../../renderer/lib/format';

describe('formatDateTime', () => {
  it('writes dd/MM/yyyy HH:mm in Vietnam time whatever the offset of the input', () => {
    expect(formatDateTime('2024-10-05T08:00:00+07:00')).toBe('05/10/2024 08:00');
    expect(formatDateTime('2024-10-05T01:00:00Z')).toBe('05/10/2024 08:00');
    expect(formatDateTime('2024-12-31T17:30:00Z')).toBe('01/01/2025 00:30');
  });

  it('returns a non-date input unchanged', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatTimeRange', () => {
  it('on one day gives the date once', () => {
    expect(formatTimeRange('2024-10-05T08:00:00+07:00', '2024-10-05T11:30:00+07:00')).toBe(
      '05/10/2024 08:00 – 11:30',
    );
  });

  it('across days gives both dates', () => {
    expect(formatTimeRange('2024-10-05T14:00:00+07:00', '2024-10-06T11:00:00+07:00')).toBe(
      '05/10/2024 14:00 – 06/10/2024 11:00',
    );
  });
});
