import type { DevicesMessages } from './devices.vi';

/** English strings of taking part without a camera or microphone; typed against the Vietnamese. */
export const devicesEn: DevicesMessages = {
  camera: {
    not_found: 'No camera was found on this computer (not plugged in, or turned off).',
    not_allowed:
      'Permission to use the camera was refused. Allow the application to use the camera in the browser or Windows settings, then try again.',
    busy: 'The camera is being used by another application (Zalo, Zoom, Teams…) or has failed. Close that application, then try again.',
    other: 'The camera could not be opened.',
  },
  microphone: {
    not_found: 'No microphone was found on this computer (not plugged in, or turned off).',
    not_allowed:
      'Permission to use the microphone was refused. Allow the application to use the microphone in the browser or Windows settings, then try again.',
    busy: 'The microphone is being used by another application (Zalo, Zoom, Teams…) or has failed. Close that application, then try again.',
    other: 'The microphone could not be opened.',
  },
  detail: 'Technical details: {{detail}}',
  failedBoth: 'The camera and the microphone could not be opened',
  failedCamera: 'The camera could not be opened',
  failedMicrophone: 'The microphone could not be opened',
  onlyMicrophone: 'You can still enter the meeting with the microphone only.',
  onlyCamera: 'You can still enter the meeting with the camera only.',
  retry: 'Try again',
  noCamera: 'No picture from a camera',
  noDeviceOption: 'No device',
  joinWithoutDevices: 'Join without camera/microphone',
  joinWithoutDevicesHint:
    'You still hear and see the other sites, check in, ask for the floor, vote, and follow the documents and the conclusions. You can turn the camera or microphone on later, from inside the room.',
  hallMode: 'Hall mode',
  hallModeHint:
    'For delegates sitting in the hall with a laptop: no camera, no microphone, and no meeting sound or video played on this computer; documents, voting and the speaking queue only.',
  hallModeActive:
    'Hall mode: this computer neither sends nor receives sound or video. Documents, attendance, voting and the speaking queue work as usual.',
  addCamera: 'Turn camera on',
  addMicrophone: 'Turn microphone on',
  addFailedCamera: 'The camera could not be turned on',
  addFailedMicrophone: 'The microphone could not be turned on',
  stillInMeeting: 'You are still in the meeting.',
  notSending: 'You are taking part without a camera or microphone.',
  noMicrophone: 'No microphone',
  dismiss: 'Close',
};
