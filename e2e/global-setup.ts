/**
 * Makes the fake-webcam clips from the committed public-domain photos, at test time:
 * 640x480 clips of the astronaut and the cameraman, a clip with no face, a blank photo.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import {
  BLANK_PHOTO, FACE_PHOTO, FAKE_VIDEOS, GENERATED_DIR, OTHER_FACE_PHOTO,
} from './browser';

function ffmpeg(args: string[], output: string): void {
  if (existsSync(output)) return;
  try {
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args, output]);
  } catch (e) {
    throw new Error(`ffmpeg could not make ${output} (${(e as Error).message}). The ` +
      'end-to-end tests need ffmpeg on the PATH (Debian: apt-get install ffmpeg).');
  }
}

export default function globalSetup(): void {
  mkdirSync(GENERATED_DIR, { recursive: true });
  const clip = ['-t', '2', '-r', '15', '-pix_fmt', 'yuv420p'];
  ffmpeg(['-loop', '1', '-i', FACE_PHOTO, '-vf', 'scale=480:480,pad=640:480:80:0', ...clip],
    FAKE_VIDEOS.face);
  // The cameraman's face is small in his photo: crop around it first.
  ffmpeg(['-loop', '1', '-i', OTHER_FACE_PHOTO, '-vf',
    'crop=320:320:62:3,scale=480:480,pad=640:480:80:0,format=yuv420p', ...clip],
  FAKE_VIDEOS.otherFace);
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=0x6c7a89:s=640x480', ...clip], FAKE_VIDEOS.noFace);
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=0xd0d0d0:s=320x240', '-frames:v', '1'], BLANK_PHOTO);
}
