import type { Handlers } from '../shared/contract';
import { checkOutput } from '../shared/contract-check';
import { CONTRACT_VIOLATION_MESSAGE } from '../shared/contract-check';
import { err, ok, type Result } from '../shared/result';
import type { DesktopOnlyRequest, Logger } from '../host/index';
import type { GlobalShortcuts } from './global-shortcuts/global-shortcuts';
import type { UiLocale } from '../shared/locales';

export type DesktopHandlers = Pick<Handlers, DesktopOnlyRequest>;

/**
 * The requests only the desktop app answers (the host answers them
 * `unsupported` in browser mode): global shortcuts. Development builds check each answer against the contract,
 * as createHost does for the host's.
 */
export function desktopHandlers(deps: {
  shortcuts: GlobalShortcuts;
  /** The window's language: the shell's notifications, tray, menu and dialogs follow it. */
  setLocale(locale: UiLocale): void;
  checkOutputs: boolean;
  logger: Logger;
}): DesktopHandlers {
  const handlers: DesktopHandlers = {
    // Before the stored choice is read, the state would say "off" even when the agent turned them on.
    getGlobalShortcuts: async () => (await deps.shortcuts.loaded(), ok(deps.shortcuts.state())),
    saveGlobalShortcuts: (input) => deps.shortcuts.save(input),
    suspendGlobalShortcuts: async ({ suspended }) => ok(deps.shortcuts.suspend(suspended)),
    reportLocale: async ({ locale }) => {
      deps.setLocale(locale);
      return ok({});
    },
  };
  if (!deps.checkOutputs) return handlers;
  const checked = {} as Record<DesktopOnlyRequest, (input: never) => Promise<Result<unknown>>>;
  for (const [name, handler] of Object.entries(handlers) as [DesktopOnlyRequest, (input: never) => Promise<Result<unknown>>][]) {
    checked[name] = async (input) => {
      const result = await handler(input);
      const violation = checkOutput(name, result);
      if (!violation) return result;
      deps.logger.error('a request answered outside the contract', { ...violation });
      return err('internal', CONTRACT_VIOLATION_MESSAGE);
    };
  }
  return checked as unknown as DesktopHandlers;
}
