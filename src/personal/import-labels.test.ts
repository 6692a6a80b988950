import { describe, expect, it } from 'vitest';
import {
  importLabel, labelFromFileName, labelFromFolders, labelFromPath,
} from './import-labels';

describe('labelFromFolders', () => {
  it('reads the expression from the nearest folder named after one', () => {
    expect(labelFromFolders('photos/happy/me-1.jpg')).toBe(3);
    expect(labelFromFolders('Surprise/x.png')).toBe(5);
    expect(labelFromFolders('angry/2024/x.png')).toBe(0);
    expect(labelFromFolders('neutral\\a.png')).toBe(6);
  });

  it('returns null when no folder names an expression', () => {
    expect(labelFromFolders('holiday/x.jpg')).toBeNull();
    expect(labelFromFolders('happy.jpg')).toBeNull();
  });
});

describe('labelFromFileName', () => {
  it.each([
    ['happy_1.jpg', 3],
    ['Sad-2.png', 4],
    ['surprise.jpeg', 5],
    ['NEUTRAL 3.png', 6],
    ['fear1.jpg', 2],
    ['holiday/disgust_a.webp', 1],
    ['C:\\photos\\Angry.jpg', 0],
  ])('reads %s as label %i', (path, label) => {
    expect(labelFromFileName(path)).toBe(label);
  });

  it.each(['sadness.jpg', 'happyface.png', 'me_happy.jpg', 'KA.HA1.29.tiff', '1_sad.jpg', ''])(
    'leaves %s unlabelled', (path) => {
      expect(labelFromFileName(path)).toBeNull();
    });
});

describe('labelFromPath', () => {
  it('prefers the folder over the file name', () => {
    expect(labelFromPath('sad/happy_1.jpg')).toBe(4);
    expect(labelFromPath('photos/happy_1.jpg')).toBe(3);
    expect(labelFromPath('happy.jpg')).toBe(3);
  });

  it('returns null when neither folder nor name names an expression', () => {
    expect(labelFromPath('holiday/x.jpg')).toBeNull();
  });
});

describe('importLabel', () => {
  it('gives the label, or a reason naming both accepted forms', () => {
    expect(importLabel('happy/x.jpg')).toEqual({ ok: true, label: 3 });
    const missing = importLabel('x.jpg');
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.reason).toContain('happy/');
      expect(missing.reason).toContain('happy_1.jpg');
    }
  });
});
