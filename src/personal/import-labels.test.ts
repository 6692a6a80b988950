import { describe, expect, it } from 'vitest';
import { labelFromPath } from './import-labels';

describe('labelFromPath', () => {
  it('reads the expression from the nearest folder named after one', () => {
    expect(labelFromPath('photos/happy/me-1.jpg')).toBe(3);
    expect(labelFromPath('Surprise/x.png')).toBe(5);
    expect(labelFromPath('angry/2024/x.png')).toBe(0);
    expect(labelFromPath('neutral\\a.png')).toBe(6);
  });

  it('returns null when no folder names an expression', () => {
    expect(labelFromPath('holiday/x.jpg')).toBeNull();
    expect(labelFromPath('happy.jpg')).toBeNull();
  });
});
