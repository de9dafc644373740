import { afterEach, describe, expect, it } from 'vitest';
import { formatClock, formatDuration } from './format';
import { i18n } from './i18n';

describe('clock and duration texts', () => {
  afterEach(() => i18n.activate('en'));

  it('formats clocks and durations', () => {
    expect(formatClock(75)).toBe('1:15');
    expect(formatClock(75.9)).toBe('1:15');
    expect(formatClock(3_723)).toBe('1:02:03');
    expect(formatClock(-4)).toBe('0:00');
    expect(formatDuration(42)).toMatch(/^42\s?(s|sec)/);
  });

  it('keeps a text per language: a switch never shows the previous language’s digits', () => {
    expect(formatClock(75)).toBe('1:15');
    i18n.load('ar-EG', {});
    i18n.activate('ar-EG');
    const arabic = formatClock(75);
    expect(arabic).not.toBe('1:15');
    expect(arabic).toContain(new Intl.NumberFormat('ar-EG').format(15));
    i18n.activate('en');
    expect(formatClock(75)).toBe('1:15');
  });
});
