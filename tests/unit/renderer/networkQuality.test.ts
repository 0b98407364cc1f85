import { describe, expect, it } from 'vitest';
import { networkQuality, type QualitySample } from '../../../renderer/media/networkQuality';

const sample = (over: Partial<QualitySample> = {}): QualitySample => ({
  packetsReceived: 1000,
  packetsLost: 0,
  framesDecoded: 100,
  expectsVideo: true,
  ...over,
});

describe('networkQuality()', () => {
  it('is unknown without a previous sample', () => {
    expect(networkQuality(undefined, sample())).toBe('unknown');
  });
  it('is good with no loss and frames advancing', () => {
    expect(networkQuality(sample(), sample({ packetsReceived: 1100, framesDecoded: 124 }))).toBe(
      'good',
    );
  });
  it('is fair between 2 % and 8 % loss over the interval', () => {
    expect(
      networkQuality(
        sample(),
        sample({ packetsReceived: 1095, packetsLost: 5, framesDecoded: 120 }),
      ),
    ).toBe('fair');
  });
  it('is poor above 8 % loss, or when video frames stop while video is expected', () => {
    expect(
      networkQuality(
        sample(),
        sample({ packetsReceived: 1090, packetsLost: 10, framesDecoded: 120 }),
      ),
    ).toBe('poor');
    expect(networkQuality(sample(), sample({ packetsReceived: 1100 }))).toBe('poor');
  });
  it('does not call a frozen picture poor in audio-only mode', () => {
    expect(
      networkQuality(
        sample({ expectsVideo: false }),
        sample({ packetsReceived: 1050, expectsVideo: false }),
      ),
    ).toBe('good');
  });
  it('counts only the loss of this interval, not since the start', () => {
    const before = sample({ packetsLost: 500 });
    expect(
      networkQuality(
        before,
        sample({ packetsLost: 500, packetsReceived: 1100, framesDecoded: 130 }),
      ),
    ).toBe('good');
  });
});
