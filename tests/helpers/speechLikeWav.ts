/**
 * A WAV file for Chromium's `--use-file-for-fake-audio-capture`: a tone whose loudness rises and
 * falls three times a second, which the SFU's active speaker detection (audio levels over short,
 * medium and long windows) takes for someone talking. Chromium's default fake microphone, a
 * 20 ms beep every half second, looks like silence to it.
 */
import fs from 'node:fs';

const RATE = 48_000;
const SECONDS = 2; // Chromium loops the file

export function writeSpeechLikeWav(path: string): string {
  const samples = RATE * SECONDS;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVE', 8);
  wav.write('fmt ', 12);
  wav.writeUInt32LE(16, 16); // PCM header size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(RATE, 24);
  wav.writeUInt32LE(RATE * 2, 28); // bytes per second
  wav.writeUInt16LE(2, 32); // bytes per frame
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / RATE;
    const envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t);
    wav.writeInt16LE(Math.round(12_000 * envelope * Math.sin(2 * Math.PI * 220 * t)), 44 + i * 2);
  }
  fs.writeFileSync(path, wav);
  return path;
}
