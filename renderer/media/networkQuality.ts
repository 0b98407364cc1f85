/**
 * A tile's network quality from two samples of its inbound counters one poll apart: loss over
 * the interval, and whether video frames still arrive. What a delegate needs to know is whether
 * a site is hard to hear or see, not the figures.
 */
export type NetworkQuality = 'good' | 'fair' | 'poor' | 'unknown';

export interface QualitySample {
  packetsReceived: number;
  packetsLost: number;
  framesDecoded: number;
  /** Whether a video stream from this peer is being received (not paused, not audio-only). */
  expectsVideo: boolean;
}

export function networkQuality(
  previous: QualitySample | undefined,
  now: QualitySample,
): NetworkQuality {
  if (!previous) return 'unknown';
  const received = now.packetsReceived - previous.packetsReceived;
  const lost = Math.max(0, now.packetsLost - previous.packetsLost);
  if (received + lost === 0) return now.expectsVideo ? 'poor' : 'unknown';
  const lossRatio = lost / (received + lost);
  const frozen = now.expectsVideo && now.framesDecoded === previous.framesDecoded;
  if (frozen || lossRatio > 0.08) return 'poor';
  if (lossRatio > 0.02) return 'fair';
  return 'good';
}
