/**
 * Drives per-frame work from `requestVideoFrameCallback`: one callback per new camera
 * frame, and the next one is requested only after the current work finishes, so calls never
 * overlap however slow inference is. Falls back to `requestAnimationFrame`.
 */
type VideoWithCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

export interface FrameLoop {
  stop(): void;
}

/**
 * Calls `onFrame` with a strictly increasing timestamp in milliseconds (MediaPipe's VIDEO
 * mode rejects repeats). Errors thrown by `onFrame` stop the loop and go to `onError`.
 */
export function startFrameLoop(
  video: HTMLVideoElement, onFrame: (timestampMs: number) => Promise<void>,
  onError: (error: unknown) => void,
): FrameLoop {
  const v = video as VideoWithCallback;
  let stopped = false;
  let handle = 0;
  let lastTimestamp = -1;
  const useVideoCallback = typeof v.requestVideoFrameCallback === 'function';
  const request = (cb: (now: number) => void) =>
    (useVideoCallback ? v.requestVideoFrameCallback!(cb) : requestAnimationFrame(cb));

  const tick = async (now: number) => {
    if (stopped) return;
    const timestamp = Math.max(now, lastTimestamp + 0.001);
    lastTimestamp = timestamp;
    try {
      await onFrame(timestamp);
    } catch (error) {
      stopped = true;
      onError(error);
      return;
    }
    if (!stopped) handle = request(tick);
  };
  handle = request(tick);
  return {
    stop() {
      stopped = true;
      if (useVideoCallback) v.cancelVideoFrameCallback?.(handle);
      else cancelAnimationFrame(handle);
    },
  };
}
