import { useSelect } from './context';

/** The longest announcement read aloud: a caller's 300-character reason must not hold the screen reader for a minute. */
export const MAX_ANNOUNCEMENT = 140;

/** Cuts at a word boundary and says it was cut. */
export const capAnnouncement = (text: string): string => {
  if (text.length <= MAX_ANNOUNCEMENT) return text;
  const cut = text.slice(0, MAX_ANNOUNCEMENT - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_ANNOUNCEMENT / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
};

/** A polite live region: new offers are read out without interrupting the agent. */
export function Announcer() {
  const text = useSelect((s) => s.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {capAnnouncement(text)}
    </div>
  );
}
