import { lazy, useEffect, useState } from 'react';
import type { AgentDesktopApi, Directory } from '../../shared/contract';
import type { AppError } from '../../shared/result';

/** The picker is loaded only when a form that needs it opens (it is not part of any first screen). */
export const LazyDirectoryPicker = lazy(() => import('./DirectoryPicker'));

/** Reads the directory (colleagues with their activity, queues) when a form opens. */
export function useDirectory(api: Pick<AgentDesktopApi, 'listDirectory'>): { directory: Directory | null; problem: AppError | null } {
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    void api.listDirectory({}).then((r) => {
      if (!live) return;
      if (r.ok) setDirectory(r.value);
      else setProblem(r.error);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return { directory, problem };
}
