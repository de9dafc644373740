import { useServices } from '../app/context';
import { Sheet } from '../app/Sheet';
import { SHORTCUT_ACTIONS, SHORTCUTS } from './defaults';
import { GlobalCheatSheet } from './GlobalCheatSheet';
import { useShortcutBindings } from './useShortcutBindings';
import type { MessageId } from '../i18n/i18n';
import { useT } from '../i18n/react';

/** Every shortcut with its current keys, and why a default differs from Twilio Flex's. */
export function CheatSheet({ onClose }: { onClose(): void }) {
  const { shortcuts } = useServices();
  const bindings = useShortcutBindings(shortcuts);
  const t = useT();
  return (
    <Sheet title={t('shortcuts.title')} onClose={onClose}>
      <table className="cheat-sheet">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUT_ACTIONS.map((action) => (
            <tr key={action}>
              <td>
                <kbd>{bindings[action]}</kbd>
              </td>
              <td>
                {t(`shortcut.${action}`)}
                {SHORTCUTS[action].note && <small className="note"> {t(`shortcut.${action}.note` as MessageId)}</small>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <GlobalCheatSheet />
      <p className="hint">{t('shortcuts.hint')}</p>
    </Sheet>
  );
}
