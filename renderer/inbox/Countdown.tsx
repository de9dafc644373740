import { memo, useLayoutEffect, useRef } from 'react';
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
 * A tick touches only this countdown's own DOM (its text, its bar and its
 * urgent class) when the whole second changes — no React render at all — so
 * 50 offers on screen cost almost no script time. The bar steps once a second
 * with the text: a running CSS animation per offer made every frame of the
 * page pay for 50 composited layers, even frames that changed nothing else.
 */
export const Countdown = memo(function Countdown({ expiresAt, timeoutSeconds, callerLabel }: Props) {
  const rootRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLSpanElement>(null);
  const hintRef = useRef<HTMLSpanElement>(null);
  const barRef = useRef<HTMLSpanElement>(null);
  const t = useT();

  useLayoutEffect(() => {
    let shown = -1;
    let hintShown: string | null = null;
    const update = () => {
      const left = secondsLeft(expiresAt, Date.now());
      if (left === shown) return;
      shown = left;
      if (textRef.current) textRef.current.textContent = formatClock(left);
      if (barRef.current) barRef.current.style.transform = `scaleX(${Math.min(1, left / Math.max(1, timeoutSeconds))})`;
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
  }, [expiresAt, timeoutSeconds, t]);

  return (
    // The class list, the text and the bar's length belong to the effect above (set before the first paint); React never rewrites them.
    <div ref={rootRef} className="countdown" data-expires-at={expiresAt}>
      <span ref={textRef} role="timer" aria-label={t('countdown.label', { caller: callerLabel })} aria-live="off" className="countdown-text" />
      <span className="countdown-track" aria-hidden="true">
        <span ref={barRef} className="countdown-bar" />
      </span>
      <span ref={hintRef} className="countdown-hint" />
    </div>
  );
});
