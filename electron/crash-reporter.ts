import type { CrashReporter } from 'electron';

export const CRASH_UPLOAD_URL_ENV = 'AGENT_DESKTOP_CRASH_UPLOAD_URL';

export interface CrashReporting {
  /** Where reports are uploaded; null: dumps stay on this computer (the default). */
  uploadTo: string | null;
  /** Why a configured upload URL was ignored. */
  problem: string | null;
}

/**
 * Electron's crash reporter (Crashpad), started before `ready` so a crash at
 * start-up is caught too. Dumps are written to app.getPath('crashDumps') and
 * stay there unless AGENT_DESKTOP_CRASH_UPLOAD_URL names an https endpoint that
 * accepts Crashpad's multipart POST (Sentry, Backtrace, BugSplat, or your own).
 */
export function startCrashReporter(reporter: Pick<CrashReporter, 'start'>, env: NodeJS.ProcessEnv): CrashReporting {
  const raw = env[CRASH_UPLOAD_URL_ENV]?.trim();
  let uploadTo: string | null = null;
  let problem: string | null = null;
  if (raw) {
    try {
      const url = new URL(raw);
      if (url.protocol === 'https:') uploadTo = url.href;
      else problem = `${CRASH_UPLOAD_URL_ENV} must be an https URL; crash dumps stay on this computer`;
    } catch {
      problem = `${CRASH_UPLOAD_URL_ENV} is not a URL; crash dumps stay on this computer`;
    }
  }
  reporter.start({
    productName: 'Agent Desktop',
    uploadToServer: uploadTo !== null,
    ...(uploadTo ? { submitURL: uploadTo } : {}),
    compress: true,
  });
  return { uploadTo, problem };
}
