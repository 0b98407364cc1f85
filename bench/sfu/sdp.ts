/**
 * SDP glue between werift and mediasoup: the local offer's ICE and DTLS parameters for
 * connectWebRtcTransport, and a remote answer written from the server's transport parameters
 * (mediasoup is ICE-lite and takes the DTLS server role).
 */

export interface ServerTransport {
  iceParameters: Record<string, unknown>;
  iceCandidates: Record<string, unknown>[];
  dtlsParameters: Record<string, unknown>;
}

export interface AnswerMedia {
  kind: 'audio' | 'video';
  mid: string;
  payloadType: number;
  /** e.g. `opus/48000/2`, `VP8/90000` */
  rtpmap: string;
}

/** DTLS parameters of our side, taken from werift's local offer; werift will be the DTLS client. */
export function localDtlsParameters(sdp: string): Record<string, unknown> {
  const match = /a=fingerprint:(\S+) (\S+)/.exec(sdp);
  if (!match) throw new Error('no fingerprint in the local offer');
  return { role: 'client', fingerprints: [{ algorithm: match[1], value: match[2] }] };
}

export function remoteAnswer(server: ServerTransport, media: AnswerMedia[]): string {
  const ice = server.iceParameters as { usernameFragment: string; password: string };
  const dtls = server.dtlsParameters as { fingerprints: { algorithm: string; value: string }[] };
  const fingerprint =
    dtls.fingerprints.find((f) => f.algorithm === 'sha-256') ?? dtls.fingerprints[0];
  if (!fingerprint) throw new Error('server sent no DTLS fingerprint');
  const candidates = server.iceCandidates
    .filter((c) => c.protocol === 'udp')
    .map(
      (c) =>
        `a=candidate:${String(c.foundation)} 1 udp ${String(c.priority)} ${String(c.address ?? c.ip)} ${String(c.port)} typ host`,
    );
  const lines = [
    'v=0',
    'o=mediasoup 10000 1 IN IP4 0.0.0.0',
    's=-',
    't=0 0',
    'a=ice-lite',
    `a=group:BUNDLE ${media.map((m) => m.mid).join(' ')}`,
    'a=msid-semantic: WMS *',
  ];
  for (const m of media) {
    lines.push(
      `m=${m.kind} 7 UDP/TLS/RTP/SAVPF ${m.payloadType}`,
      'c=IN IP4 127.0.0.1',
      `a=mid:${m.mid}`,
      'a=recvonly',
      'a=rtcp-mux',
      `a=ice-ufrag:${ice.usernameFragment}`,
      `a=ice-pwd:${ice.password}`,
      `a=fingerprint:${fingerprint.algorithm} ${fingerprint.value}`,
      'a=setup:passive',
      ...candidates,
      'a=end-of-candidates',
      `a=rtpmap:${m.payloadType} ${m.rtpmap}`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}
