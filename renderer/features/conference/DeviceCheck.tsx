/**
 * Before entering the room: pick the camera and microphone, see yourself, and watch the
 * microphone's level move — so a delegate at a commune site finds out now, not in front of the
 * chair, that the wrong microphone is selected.
 */
import {
  Alert,
  Button,
  Card,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface DeviceCheckProps {
  /** Called with the stream to send (camera + microphone as chosen). */
  onJoin: (stream: MediaStream) => void;
}

const CAPTURE = { width: 960, height: 540, frameRate: 24 } as const;

const LEVEL_INTERVAL_MS = 100;
/** ~170 ms at 48 kHz: longer than the interval, so consecutive readings overlap. */
const LEVEL_WINDOW_SAMPLES = 8192;
/** ~20 ms: the span whose loudness the meter shows. */
const LEVEL_CHUNK_SAMPLES = 1024;
/** What is left of the shown level after a reading quieter than it (~1.5 s from full to zero). */
const LEVEL_RELEASE = 0.7;

export function DeviceCheck({ onJoin }: DeviceCheckProps) {
  const { t } = useTranslation();
  const [stream, setStream] = useState<MediaStream>();
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string | null>(null);
  const [micId, setMicId] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [level, setLevel] = useState(0);
  const preview = useRef<HTMLVideoElement>(null);
  const handedOver = useRef(false);

  // (Re)open the chosen devices; the previous stream stops unless it was handed to the room.
  useEffect(() => {
    let cancelled = false;
    let opened: MediaStream | undefined;
    navigator.mediaDevices
      .getUserMedia({
        audio: micId ? { deviceId: { exact: micId } } : true,
        video: cameraId ? { ...CAPTURE, deviceId: { exact: cameraId } } : CAPTURE,
      })
      .then(async (s) => {
        if (cancelled) return s.getTracks().forEach((track) => track.stop());
        opened = s;
        setStream(s);
        setError(undefined);
        setDevices(await navigator.mediaDevices.enumerateDevices());
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      if (!handedOver.current) opened?.getTracks().forEach((track) => track.stop());
    };
  }, [cameraId, micId]);

  useEffect(() => {
    if (preview.current) preview.current.srcObject = stream ?? null;
  }, [stream]);

  // Microphone level, ten times a second: the loudest 20 ms (RMS) of the last ~170 ms, so the
  // windows overlap and a short sound between two readings is not missed (a 20 ms snapshot every
  // 100 ms saw 20 % of the signal, and could stay at zero through a periodic beep). Every
  // animation frame was a React render at 60 Hz while the room's connection is being made, and
  // as many value changes announced to a screen reader.
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = LEVEL_WINDOW_SAMPLES;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const tick = () => {
      analyser.getFloatTimeDomainData(samples);
      let loudest = 0;
      for (let start = 0; start < samples.length; start += LEVEL_CHUNK_SAMPLES) {
        let sum = 0;
        for (let i = start; i < start + LEVEL_CHUNK_SAMPLES; i++) sum += samples[i]! * samples[i]!;
        loudest = Math.max(loudest, Math.sqrt(sum / LEVEL_CHUNK_SAMPLES));
      }
      const now = Math.min(100, Math.round(loudest * 300));
      // Rises at once, falls back gently (a meter's usual ballistics): a syllable stays visible
      // for a moment instead of flickering between full and zero.
      setLevel((shown) => Math.max(now, Math.floor(shown * LEVEL_RELEASE)));
    };
    tick();
    const timer = setInterval(tick, LEVEL_INTERVAL_MS);
    return () => {
      clearInterval(timer);
      void context.close();
    };
  }, [stream]);

  const cameras = devices.filter((d) => d.kind === 'videoinput');
  const mics = devices.filter((d) => d.kind === 'audioinput');
  const options = (list: MediaDeviceInfo[], fallback: string) =>
    list.map((d, i) => ({ value: d.deviceId, label: d.label || `${fallback} ${i + 1}` }));
  const currentCamera = stream?.getVideoTracks()[0]?.getSettings().deviceId ?? null;
  const currentMic = stream?.getAudioTracks()[0]?.getSettings().deviceId ?? null;

  return (
    <Card withBorder padding="lg" maw={900}>
      <Stack>
        <Text fw={700} size="lg">
          {t('room.deviceCheck')}
        </Text>
        {error && (
          <Alert color="red" role="alert" title={t('room.deviceError')}>
            {error}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <video
            ref={preview}
            autoPlay
            muted
            playsInline
            aria-label={t('room.selfPreview')}
            style={{ width: '100%', aspectRatio: '16 / 9', background: '#000', borderRadius: 8 }}
          />
          <Stack>
            <Select
              label={t('room.camera')}
              data={options(cameras, t('room.camera'))}
              value={cameraId ?? currentCamera}
              onChange={setCameraId}
              allowDeselect={false}
            />
            <Select
              label={t('room.microphone')}
              data={options(mics, t('room.microphone'))}
              value={micId ?? currentMic}
              onChange={setMicId}
              allowDeselect={false}
            />
            <div>
              <Text size="sm" fw={500} mb={4} id="mic-level-label">
                {t('room.micLevel')}
              </Text>
              <Progress
                value={level}
                size="lg"
                color={level > 5 ? 'green' : 'gray'}
                role="meter"
                aria-labelledby="mic-level-label"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={level}
                data-testid="mic-level"
                data-level={level}
                transitionDuration={0}
              />
            </div>
          </Stack>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button
            size="lg"
            disabled={!stream}
            onClick={() => {
              if (!stream) return;
              handedOver.current = true;
              onJoin(stream);
            }}
          >
            {t('room.joinNow')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
