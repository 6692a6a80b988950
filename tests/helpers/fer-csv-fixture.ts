/**
 * Generates small FER-2013-shaped CSVs for tests: each class is a distinct, learnable
 * pattern (a bright band at a class-specific row) plus noise.
 */
import { seededRandom } from '../../src/data/augment';

export interface FixtureOptions {
  perClass?: Partial<Record<'Training' | 'PublicTest' | 'PrivateTest', number>>;
  layout?: 'fer2013' | 'icml';
  seed?: number;
}

export function classPattern(label: number, random: () => number): number[] {
  const pixels: number[] = [];
  for (let y = 0; y < 48; y++) {
    for (let x = 0; x < 48; x++) {
      const band = Math.abs(y - (4 + label * 6)) < 3 ? 200 : 40;
      pixels.push(Math.max(0, Math.min(255, Math.round(band + (random() - 0.5) * 60))));
    }
  }
  return pixels;
}

export function makeFerCsv(options: FixtureOptions = {}): string {
  const random = seededRandom(options.seed ?? 7);
  const perClass = { Training: 6, PublicTest: 2, PrivateTest: 2, ...options.perClass };
  const icml = options.layout === 'icml';
  const lines = [icml ? 'emotion, Usage, pixels' : 'emotion,pixels,Usage'];
  for (const [usage, n] of Object.entries(perClass)) {
    for (let i = 0; i < n; i++) {
      for (let label = 0; label < 7; label++) {
        const pixels = classPattern(label, random).join(' ');
        lines.push(icml ? `${label},${usage},${pixels}` : `${label},${pixels},${usage}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}
