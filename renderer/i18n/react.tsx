import { I18nProvider, LinguiContext, Trans } from '@lingui/react';
import { useContext, type ReactElement } from 'react';
import { i18n, type MessageId, type MessageValues } from './i18n';

export type Translate = (id: MessageId, values?: MessageValues) => string;

/**
 * The current language's text, for components. It re-renders the component
 * when the agent changes the language, so a change needs no reload.
 */
export function useT(): Translate {
  // The app renders under I18nProvider (main.tsx); a component rendered on its own (a unit test) reads the one instance directly.
  const context = useContext(LinguiContext);
  return (context?._ ?? i18n._.bind(i18n)) as Translate;
}

/**
 * A message with markup around some of its words (`<0>…</0>` in the
 * catalogue, an element in `components`). Lingui reads tags after filling in
 * the values, so a value that could hold a tag (a caller's name is anyone's
 * text) is handed over as an element: it stays text, never markup.
 */
export function T({ id, values, components }: { id: MessageId; values?: MessageValues; components?: Record<string, ReactElement> }) {
  const safe = values && Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' && v.includes('<') ? <>{v}</> : v]));
  const trans = <Trans id={id} values={safe} components={components} />;
  return useContext(LinguiContext) ? trans : <I18nProvider i18n={i18n}>{trans}</I18nProvider>;
}
