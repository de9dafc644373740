import { useSelect } from './context';

/** A polite live region: new offers are read out without interrupting the agent. */
export function Announcer() {
  const text = useSelect((s) => s.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
