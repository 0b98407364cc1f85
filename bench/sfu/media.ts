/**
 * Pre-made media for the synthetic participants: one real VP8 keyframe (320×240, the VP8 chunk
 * of a lossy WebP that Chromium encoded from a canvas, so Chromium receivers can decode it) sent
 * over and over, and Opus silence frames. Nothing is encoded at run time.
 */
import { RtpHeader, RtpPacket } from 'werift';

/** 2048-byte VP8 keyframe bitstream (frame tag 0x30 0x33 0x00, start code 9d 01 2a). */
const VP8_KEYFRAME_BASE64 =
  'MDMAnQEqQAHwAD7tdrdVKacloyHXCMEwHYljbuACpWCO/LKxAr17PnO3vZ+P/rnkA/S/3IfnzeCfuB6gP5f6Nv+59S/+Y31D0bOltrN+R/6tG2y3tL1PMBXWh5HpaAH1L6qUmea9nu7A/PucPB/VWRa5LfIt3JbNHdDa7JiIPosJ7Lwywj0d0NrsmFcXjDfrlJlp8ZJl+lFh2j8+uUoApZ3ORJttfwiw/c/5UnxX/YKNIzkM3uQlMnd/11pjK5AR69NDxpzxGIeH3pVo5Uslc51gmAdcMXNwfLSGUPk4moSLLlOFphF1XuwHddTGnkf7Ggy5fFiurc7ysf9M9F5Q2lkzRl1lfvjUn6TtqMchQrxuuWjbfTWFBfa0Jb+H+uow2dajZzzkV8zpJJRVno3jPrjVk9dCOBqyXyRE5DrlNXYfBjsAGAdkBIADz8m1+nOWxjBg3QQSTltonfcaHK2qDmbvMuRL6vfn1yky0+MOBLNySbeO5yJP4w365SZaeaTXWSHfVSky0+MN9xo79cpMtPjDfrlJbPKTLT4w7klAbtX3WAD+7NGx6KSje9Jv/8rk/jV/cJ6qpiX1lBPhsDn1UPv6U5pnf1hO4o0L2IGWuj2tpudPjrv5QfQSO47MvL9bJEkGMlbZJDQx28xBz7pYNCrHplVnITDvATp3EtTa/ThEFmubWmxR7U8oFREgzs7UlVgaAeIT8b5E2nCvybn77O8pq0SFv/3BHgGh8glFd7ajuMs/ApDtp++9dKV5WtH0p+U8SE6QsMChPM6bTGiiBIlDzg1C7AOLOFANs1ljJIVek+BHnKzwnBEq2usJ8ntrg+b9XXv1qCLKB41rtZkU0tPUTVmz9JZLqmhar2F0yYhixjIwLVhHoS7g9eGqJhsRlVSIlDfLQJYBBYUn3N5Gogf4E3aGUCHsO3iDQOz6MxBkL1k19RQ9Fmwe7GcO7107/8nMuYA3b3wZkLAbuiTOIFRlHn1BllOi5Gdf+r312mlf8Srp0jC9N2W6ywUDUabnIrqH/+S3WPaJ7qeA/JwNLYLG8s2NFTF5w0m5ZoViwuJM5/xdaIA6eR8lKiT0rRTnH7Wkq91xHDpk7SEz1eD/gCSIKlhfKrrLjbeVbk+BVw0jDFiSy56QrV+jrVPolYyDZKfcTPJ25U3wMFJG2R3DtulofrRB86EPOzE+OETX5W3slvXe7fnNx+OCxmzxAdwhC8v/O4FI/b9GdIc7WVS2paFaMc2OXsQ/eRC4pf6ijsXrvOWjE7OIMuFDEvBiS96ISMAUm/M6UlFwRfdzDkvlA66g3n4Q9YzFzFYUwY8Sk4wI+aCxxIsSCyXT6RSJoIwoby3jBMECfo9qW88CdQNUmGkwKi+plcHIRnmJcGRADbUD4jiMWnu/F/YhgaMBZ4ZK7qOvxz70KbcJXgVfOSQkyPntkVb1ygVsCDUbpqK/0pTGN0CK7bC1hHG5or7+s/YkrcEP3U5aijyWggqlW1Jda99wVBw2wYDgSFZNYetBr2sRyJ3jzESGSy4HSOcvQl3D6yYCfCWUYiTCKoqQu/TtoqQJMohd1u6BekGPVEcjGkPHSMfvt6IhBYsZXeaStiI9bPtrVYDfLLYdVwBBY8UYu3WcgkQJYg7itxRatCa38I3d3LuqqfFhRlaohiwfhPXKT+mI8qYxovEBui6ZmEdic2AKsz8uHo2mRPCYxZ0rcvqwVhRHnSARmTGPDjx7e3K0E/XB00mcismgK2yVBZDDmZqJEr0D1r80gyMEoPgYR4o1ES+yAlEljfJoRPNVoIN5yP0+uOHcOiK3rxFDSPal0ElC+aAVt5YRwhxJ/oY/vFB7taJ6hqPSEfGv17qj31k2ugyCMZtvJbk8N0/G3LDK+ife3eA/zCBLWaGGAHfPPR5YY90toNB6WbAtvRaxfXe/B0N5jCV4hToDh3N+GBf0o00A5l1PFjaNEJedgUhoCCdDTvNA7/n+OOQfyLeoNBfs6XS0nhmxnPXn8LjCV3/bpcjsie0RAUT7ngWSZCAORMDpV89HV8QdtCMII5b4e0tjjultNRCQyruBHsluWNOmKynR7pS3A58NHtwKC/BXsGrKr5yPy4umJB8xJe0C1m25lWkfpOzdqMEH61Uios9bmUCKDfFHMKU+3JWAX3vgfg49QUZIcKh81z5egt8j1u1XW7uQwxiov4jfNbZuG2kE/kQErP21aoWMn73s62pD6adlkBNQZQUkVOXzM45/hydDVvv0LAGk36jdAG5By6SRRYhbT8JvrQAXtAweM4IBekMOx598rtWGfW734H3NRJDADiQlOZjZZnC9TrItzl1J2r5MoqrgBku5DJ7ZN5dxJAvgyJuMmNZtoyuIcchNIhgVIUykz5xDb0am/NCbwv+rTky7awdGASp1gJQhgF0iDYAoZ6ik7BryD+7KN/ai9Zjdv22TGqqin1H65nGUORnbBBL44cVdzV9InzRZsEyGDyq6btV89JywhYnvKKSd/dMpIc6nlvyT+VdrVSQEyVyJtu6aqZ3dXIy1wNHNuNpsfdAXIwRCatMdkBvR7VELdag7H2Iqe5uQkeFrMk+otN+FpO27mjMWiA2/+tSoCg0WkUp6b+9YmyiSpQ2OVfW59j/s7g8TP6FhMJJMWM8uGkWj9Z01gHxlqUPKnTbS0iwGODLI3T/J3SmRukLYEm3WbSUZqQ7uYXvntVTeMXOS8cgT1cWNUIVqScTIe7uCFtSmcAA=';

export const VP8_KEYFRAME = Buffer.from(VP8_KEYFRAME_BASE64, 'base64');
/** An Opus frame of 20 ms silence (TOC 0xf8: CELT fullband 20 ms, mono). */
export const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);
export const AUDIO_FRAME_MS = 20;
const MAX_VP8_CHUNK = 1100;

/** Sequence number and timestamp of one outgoing RTP stream (SSRC and payload type are set by werift). */
export class RtpStream {
  #seq = Math.floor(Math.random() * 0xffff);
  #timestamp = Math.floor(Math.random() * 0xffffffff);

  constructor(readonly clockRate: number) {}

  /** The packets of one frame `ms` milliseconds after the previous one. */
  frame(chunks: Buffer[], ms: number): RtpPacket[] {
    this.#timestamp = (this.#timestamp + Math.round((this.clockRate * ms) / 1000)) >>> 0;
    return chunks.map((payload, i) => {
      this.#seq = (this.#seq + 1) & 0xffff;
      const header = new RtpHeader({
        sequenceNumber: this.#seq,
        timestamp: this.#timestamp,
        marker: i === chunks.length - 1,
      });
      return new RtpPacket(header, payload);
    });
  }
}

/**
 * The keyframe split into RTP payloads with the VP8 payload descriptor (RFC 7741): one byte,
 * S=1 and partition 0 on the first packet, so mediasoup sees a keyframe in every frame and a
 * receiver needs no PLI answer (the synthetic sender ignores PLIs).
 */
export const VP8_FRAME_PAYLOADS: Buffer[] = (() => {
  const out: Buffer[] = [];
  for (let offset = 0; offset < VP8_KEYFRAME.length; offset += MAX_VP8_CHUNK) {
    const chunk = VP8_KEYFRAME.subarray(offset, offset + MAX_VP8_CHUNK);
    out.push(Buffer.concat([Buffer.from([offset === 0 ? 0x10 : 0x00]), chunk]));
  }
  return out;
})();
