import { useCallback } from 'react';
import { INPUT_SIZE_PX } from '../../model/architecture';

/** A 48x48 gray crop drawn at `sizePx`. */
export function Thumbnail({ pixels, sizePx = 48, title }: {
  pixels: Uint8Array; sizePx?: number; title?: string;
}) {
  const draw = useCallback((canvas: HTMLCanvasElement | null) => {
    if (!canvas) return;
    const image = new ImageData(INPUT_SIZE_PX, INPUT_SIZE_PX);
    pixels.forEach((v, i) => image.data.set([v, v, v, 255], i * 4));
    canvas.getContext('2d')!.putImageData(image, 0, 0);
  }, [pixels]);
  return <canvas ref={draw} width={INPUT_SIZE_PX} height={INPUT_SIZE_PX} title={title}
    className="thumbnail" style={{ width: sizePx, height: sizePx }} />;
}
