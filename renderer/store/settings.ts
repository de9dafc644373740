import type { PublicSettings } from '../../shared/model';
import type { SliceCreator } from './types';

export interface SettingsSlice {
  settings: PublicSettings | null;
  setSettings(settings: PublicSettings): void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  settings: null,
  setSettings: (settings) => set({ settings }),
});
