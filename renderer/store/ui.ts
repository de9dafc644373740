import type { SliceCreator } from './types';

export type DialogName = 'settings' | 'cheatSheet' | null;

export interface UiSlice {
  /** The reservation keyboard actions apply to; null means "the most urgent". */
  selectedSid: string | null;
  openDialog: DialogName;
  /** The reservation whose instruction form is open, if any. */
  instructionFormSid: string | null;
  activityMenuOpen: boolean;
  /** The latest sentence for the screen-reader live region. */
  announcement: string;
  select(sid: string | null): void;
  setDialog(dialog: DialogName): void;
  setInstructionForm(sid: string | null): void;
  setActivityMenuOpen(open: boolean): void;
  announce(text: string): void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  selectedSid: null,
  openDialog: null,
  instructionFormSid: null,
  activityMenuOpen: false,
  announcement: '',
  select: (selectedSid) => set({ selectedSid }),
  setDialog: (openDialog) => set({ openDialog }),
  setInstructionForm: (instructionFormSid) => set({ instructionFormSid }),
  setActivityMenuOpen: (activityMenuOpen) => set({ activityMenuOpen }),
  announce: (announcement) => set({ announcement }),
});
