import { useEffect, useId, useRef, type ReactNode } from 'react';
import { T } from '../i18n/react';

interface Props {
  title: string;
  onClose(): void;
  children: ReactNode;
}

/**
 * A side sheet over the work area (the detail, the day and the history), never
 * over the live zone: offers keep their countdown and Accept in view and in
 * reach while it is open, so it is not modal. Focus moves in on open and back
 * on close; Escape closes it.
 */
export function Sheet({ title, onClose, children }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('h2')?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  return (
    <div
      className="sheet"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="sheet-head">
        <h2 id={titleId} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="close" onClick={onClose}>
          <T id="sheet.close" values={{ title }} components={{ 0: <span className="visually-hidden" /> }} />
        </button>
      </div>
      {/* Focusable so the keyboard can scroll a long sheet (the shortcut list has no control of its own). */}
      <div className="sheet-body" tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
