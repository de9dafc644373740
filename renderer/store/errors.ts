import type { AppError } from '../../shared/result';
import type { SliceCreator } from './types';

/**
 * Errors are kept by the control that caused them ("WR…:accept",
 * "activity", "settings") so each is shown next to that control.
 */
export interface ErrorsSlice {
  errorsByTarget: Record<string, AppError>;
  setError(target: string, error: AppError): void;
  clearError(target: string): void;
}

export const createErrorsSlice: SliceCreator<ErrorsSlice> = (set) => ({
  errorsByTarget: {},
  setError: (target, error) => set((s) => ({ errorsByTarget: { ...s.errorsByTarget, [target]: error } })),
  clearError: (target) =>
    set((s) => {
      if (!(target in s.errorsByTarget)) return {};
      const { [target]: _removed, ...rest } = s.errorsByTarget;
      return { errorsByTarget: rest };
    }),
});
