/**
 * Before entering the room: pick the camera and microphone, see yourself, and watch the
 * microphone's level move — so a delegate at a commune site finds out now, not in front of the
 * chair, that the wrong microphone is selected. A PC without a camera, a refused permission or a
 * microphone held by another application does not keep anyone out: the check says which device
 * failed and why, and the delegate enters with what works, with nothing, or in hall mode.
 */
import {
  Alert,
  Button,
  Card,
  Divider,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  browserGetUserMedia,
  openLocalDevices,
  type LocalDevice,
  type OpenedDevices,
} from '../../media/localDevices';
import { DeviceFailureMessage } from './DeviceFailureMessage';

/**
 * How the delegate enters: sending `stream` (camera and microphone, one of them, or no track),
 * or in hall mode (no media at all).
 */
export type JoinChoice = { mode: 'media'; stream: MediaStream } | { mode: 'hall' };

export interface DeviceCheckProps {
  onJoin: (choice: JoinChoice) => void;
}

const LEVEL_INTERVAL_MS = 100;
/** ~170 ms at 48 kHz: longer than the interval, so consecutive readings overlap. */
const LEVEL_WINDOW_SAMPLES = 8192;
/** ~20 ms: the span whose loudness the meter shows. */
const LEVEL_CHUNK_SAMPLES = 1024;
/** What is left of the shown level after a reading quieter than it (~1.5 s from full to zero). */
const LEVEL_RELEASE = 0.7;

export function DeviceCheck({ onJoin }: DeviceCheckProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<{
    stream: MediaStream;
    failures: OpenedDevices['failures'];
  }>();
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string | null>(null);
  const [micId, setMicId] = useState<string | null>(null);
  /** Bumped by "Thử lại": the devices are asked for again (one was plugged in, or allowed). */
  const [retry, setRetry] = useState(0);
  const [level, setLevel] = useState(0);
  const preview = useRef<HTMLVideoElement>(null);
  const handedOver = useRef(false);
  const withoutDevicesHint = useId();
  const hallModeHint = useId();
  const stream = opened?.stream;

  // (Re)open the chosen devices; the previous stream stops unless it was handed to the room.
  useEffect(() => {
    let cancelled = false;
    let mine: MediaStream | undefined;
    void openLocalDevices(browserGetUserMedia(), { cameraId, microphoneId: micId }).then(
      async ({ tracks, failures }) => {
        if (cancelled) return tracks.forEach((track) => track.stop());
        mine = new MediaStream(tracks);
        setOpened({ stream: mine, failures });
        // Without a permission the list has no names (nor ids) to choose from.
        if (tracks.length > 0)
          setDevices(
            (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.deviceId !== ''),
          );
      },
    );
    return () => {
      cancelled = true;
      if (!handedOver.current) mine?.getTracks().forEach((track) => track.stop());
    };
  }, [cameraId, micId, retry]);

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
  const hasCamera = (stream?.getVideoTracks().length ?? 0) > 0;
  const hasMic = (stream?.getAudioTracks().length ?? 0) > 0;
  const failures = opened?.failures ?? {};
  const failed = (['microphone', 'camera'] as const).filter((d) => failures[d]);

  return (
    <Card withBorder padding="lg" maw={900}>
      <Stack>
        <Text fw={700} size="lg">
          {t('room.deviceCheck')}
        </Text>
        {failed.length > 0 && (
          <Alert
            color={hasCamera || hasMic ? 'orange' : 'red'}
            role="alert"
            title={failureTitle(t, failed)}
            data-testid="device-failures"
          >
            <Stack gap="xs">
              {failed.map((device) => (
                <DeviceFailureMessage key={device} device={device} failure={failures[device]!} />
              ))}
              {hasMic !== hasCamera && (
                <Text size="sm" fw={500}>
                  {hasMic ? t('devices.onlyMicrophone') : t('devices.onlyCamera')}
                </Text>
              )}
              <Group>
                <Button size="xs" variant="white" onClick={() => setRetry((n) => n + 1)}>
                  {t('devices.retry')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div style={{ position: 'relative' }}>
            <video
              ref={preview}
              autoPlay
              muted
              playsInline
              aria-label={t('room.selfPreview')}
              style={{
                width: '100%',
                aspectRatio: '16 / 9',
                background: '#000',
                borderRadius: 8,
                display: 'block',
              }}
            />
            {opened && !hasCamera && (
              <Text
                c="gray.4"
                size="sm"
                pos="absolute"
                inset={0}
                style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
              >
                {t('devices.noCamera')}
              </Text>
            )}
          </div>
          <Stack>
            <Select
              label={t('room.camera')}
              data={options(cameras, t('room.camera'))}
              value={cameraId ?? currentCamera}
              onChange={setCameraId}
              allowDeselect={false}
              disabled={cameras.length === 0}
              placeholder={opened ? t('devices.noDeviceOption') : undefined}
            />
            <Select
              label={t('room.microphone')}
              data={options(mics, t('room.microphone'))}
              value={micId ?? currentMic}
              onChange={setMicId}
              allowDeselect={false}
              disabled={mics.length === 0}
              placeholder={opened ? t('devices.noDeviceOption') : undefined}
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
                // Mantine's inner bar is a progressbar of its own: it needs a name too.
                aria-label={t('room.micLevel')}
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
            disabled={!hasCamera && !hasMic}
            onClick={() => {
              if (!stream) return;
              handedOver.current = true;
              onJoin({ mode: 'media', stream });
            }}
          >
            {t('room.joinNow')}
          </Button>
        </Group>
        <Divider />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Stack gap={4} align="flex-start">
            <Button
              variant={opened && !hasCamera && !hasMic ? 'filled' : 'default'}
              aria-describedby={withoutDevicesHint}
              // The preview's tracks stop as this check closes (they were not handed over).
              onClick={() => onJoin({ mode: 'media', stream: new MediaStream() })}
            >
              {t('devices.joinWithoutDevices')}
            </Button>
            <Text size="sm" c="dimmed" id={withoutDevicesHint}>
              {t('devices.joinWithoutDevicesHint')}
            </Text>
          </Stack>
          <Stack gap={4} align="flex-start">
            <Button
              variant="default"
              aria-describedby={hallModeHint}
              onClick={() => onJoin({ mode: 'hall' })}
            >
              {t('devices.hallMode')}
            </Button>
            <Text size="sm" c="dimmed" id={hallModeHint}>
              {t('devices.hallModeHint')}
            </Text>
          </Stack>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function failureTitle(t: TFunction, failed: readonly LocalDevice[]): string {
  if (failed.length === 2) return t('devices.failedBoth');
  return failed[0] === 'camera' ? t('devices.failedCamera') : t('devices.failedMicrophone');
}
