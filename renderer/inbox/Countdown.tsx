import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { URGENT_SECONDS } from '../attention/watch';
import { formatClock } from '../i18n/format';
import { useT } from '../i18n/react';
import { secondsLeft, subscribe } from './ticker';

interface Props {
  expiresAt: number;
  timeoutSeconds: number;
  callerLabel: string;
}

/**
 * The time left on an offer: mm:ss text in a `timer` plus a draining bar.
 * A tick touches only this countdown's own DOM (its text and its urgent
 * class) when the whole second changes — no React render at all — so 50
 * offers on screen cost almost no script time. The bar is a CSS animation
 * started at the right point once.
 */
export const Countdown = memo(function Countdown({ expiresAt, timeoutSeconds, callerLabel }: Props) {
  const rootRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLSpanElement>(null);
  const hintRef = useRef<HTMLSpanElement>(null);
  const t = useT();

  useLayoutEffect(() => {
    let shown = -1;
    let hintShown: string | null = null;
    const update = () => {
      const left = secondsLeft(expiresAt, Date.now());
      if (left === shown) return;
      shown = left;
      if (textRef.current) textRef.current.textContent = formatClock(left);
      rootRef.current?.classList.toggle('urgent', left <= URGENT_SECONDS);
      rootRef.current?.classList.toggle('expired', left === 0);
      // At 0:00 the offer is ending whether or not the host has said so yet: say so instead of urging an answer.
      // The hint changes once (at 0:00): rewriting the same text every second for every offer is wasted work.
      const hint = left === 0 ? 'countdown.expiring' : 'countdown.answerNow';
      if (hintRef.current && hint !== hintShown) {
        hintShown = hint;
        hintRef.current.textContent = t(hint);
      }
    };
    update();
    return subscribe(update);
    // `t` changes with the language: the text is written again in the new one.
  }, [expiresAt, t]);

  // Computed once per expiry: how far into the timeout we already are when the bar appears.
  const barStyle = useMemo(() => {
    const totalMs = Math.max(1, timeoutSeconds * 1_000);
    const elapsedMs = Math.min(totalMs, Math.max(0, totalMs - (expiresAt - Date.now())));
    return { animationDuration: `${totalMs}ms`, animationDelay: `-${elapsedMs}ms` };
  }, [expiresAt, timeoutSeconds]);

  return (
    // The class list and the text belong to the effect above (set before the first paint); React never rewrites them.
    <div ref={rootRef} className="countdown" data-expires-at={expiresAt}>
      <span ref={textRef} role="timer" aria-label={t('countdown.label', { caller: callerLabel })} aria-live="off" className="countdown-text" />
      <span className="countdown-track" aria-hidden="true">
        <span className="countdown-bar" style={barStyle} />
      </span>
      <span ref={hintRef} className="countdown-hint" />
    </div>
  );
});
