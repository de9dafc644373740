import { useServices } from '../app/context';
import { Sheet } from '../app/Sheet';
import { SHORTCUT_ACTIONS, SHORTCUTS } from './defaults';
import { GlobalCheatSheet } from './GlobalCheatSheet';
import { useShortcutBindings } from './useShortcutBindings';

/** Every shortcut with its current keys, and why a default differs from Twilio Flex's. */
export function CheatSheet({ onClose }: { onClose(): void }) {
  const { shortcuts } = useServices();
  const bindings = useShortcutBindings(shortcuts);
  return (
    <Sheet title="Keyboard shortcuts" onClose={onClose}>
      <table className="cheat-sheet">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUT_ACTIONS.map((action) => (
            <tr key={action}>
              <td>
                <kbd>{bindings[action]}</kbd>
              </td>
              <td>
                {SHORTCUTS[action].label}
                {SHORTCUTS[action].note && <small className="note"> {SHORTCUTS[action].note}</small>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <GlobalCheatSheet />
      <p className="hint">Tab and Shift+Tab move between controls; Enter or Space presses a button. Change keys in Settings.</p>
    </Sheet>
  );
}
