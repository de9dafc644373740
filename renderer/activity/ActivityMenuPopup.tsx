import * as Menu from '@radix-ui/react-dropdown-menu';
import { useEffect, useId, useRef, type MutableRefObject, type ReactNode } from 'react';
import { useSelect, useServices } from '../app/context';
import { useT } from '../i18n/react';
import { activityName } from './activity-name';
import { isSystemActivity } from './system-activities';

interface Props {
  label: ReactNode;
  onChoose(activitySid: string): void;
  /** True when the stand-in button had focus when this loaded: the real trigger takes it over. */
  focusTrigger: MutableRefObject<boolean>;
}

const STAY = 'stay';

/**
 * The activity menu (Radix DropdownMenu): arrow keys move without changing
 * anything, Enter or a click commits. It opens with the current activity
 * focused. System activities (the timeout activity, wrap-up) are listed but
 * cannot be chosen. "After this task" is a submenu of the same kind.
 */
export default function ActivityMenuPopup({ label, onChoose, focusTrigger }: Props) {
  const { actions, store } = useServices();
  const open = useSelect((s) => s.activityMenuOpen);
  const worker = useSelect((s) => s.worker);
  const activities = useSelect((s) => s.activities);
  const workspace = useSelect((s) => s.workspace);
  const hasTask = useSelect((s) => Object.values(s.reservationsBySid).some((r) => r.status === 'accepted' || r.status === 'wrapping'));
  const triggerRef = useRef<HTMLButtonElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const nextLabelId = useId();
  const t = useT();

  useEffect(() => {
    if (focusTrigger.current) triggerRef.current?.focus();
  }, [focusTrigger]);

  const setOpen = (next: boolean) => store.getState().setActivityMenuOpen(next);
  const nextSid = worker?.nextActivitySid ?? STAY;
  const next = activities.find((a) => a.sid === worker?.nextActivitySid);
  const nextName = next ? activityName(next.friendlyName, t) : null;

  return (
    <Menu.Root open={open} onOpenChange={setOpen} modal={false}>
      <Menu.Trigger asChild>
        <button ref={triggerRef} type="button" className={`activity-button${worker?.available ? ' available' : ''}`}>
          {label}
        </button>
      </Menu.Trigger>
      {/* Not portalled: the menu stays inside the header's landmark, where screen reader users expect it. */}
      <Menu.Content
          ref={contentRef}
          className="activity-menu"
          align="start"
          sideOffset={4}
          collisionPadding={8}
          loop
          aria-labelledby={labelId}
          onFocus={(e) => {
            // Opening focuses the menu itself, and Radix's roving focus then moves to the first item (its
            // own focus handler runs after this one). Move on to the current activity once it has, so the
            // arrows start from there.
            if (e.target !== e.currentTarget) return;
            queueMicrotask(() => contentRef.current?.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"]:not([data-disabled])')?.focus());
          }}
        >
          <Menu.Label className="menu-label" id={labelId}>
            {t('activity.menu.title')}
          </Menu.Label>
          <Menu.RadioGroup value={worker?.activitySid ?? ''}>
            {activities.map((a) => {
              const system = isSystemActivity(a, workspace);
              return (
                <Menu.RadioItem key={a.sid} value={a.sid} className="menu-item" disabled={system && a.sid !== worker?.activitySid} onSelect={() => a.sid !== worker?.activitySid && onChoose(a.sid)}>
                  <Menu.ItemIndicator className="menu-check" aria-hidden="true">
                    ✓
                  </Menu.ItemIndicator>
                  <span className="menu-text">{activityName(a.friendlyName, t)}</span>
                  {system && <span className="menu-note">{t('activity.menu.system')}</span>}
                  {!system && !a.available && <span className="menu-note">{t('activity.menu.noOffers')}</span>}
                </Menu.RadioItem>
              );
            })}
          </Menu.RadioGroup>
          <Menu.Separator className="menu-separator" />
          <Menu.Sub>
            <Menu.SubTrigger className="menu-item menu-sub-trigger">
              <span className="menu-text">{t(hasTask ? 'activity.menu.afterThis' : 'activity.menu.afterNext')}</span>
              <span className="menu-note">{nextName ?? t('activity.menu.stayNote')} ›</span>
            </Menu.SubTrigger>
            <Menu.SubContent className="activity-menu" sideOffset={4} collisionPadding={8} aria-labelledby={nextLabelId}>
                <Menu.Label className="menu-label" id={nextLabelId}>
                  {t(hasTask ? 'activity.menu.afterThis' : 'activity.menu.afterNext')}
                </Menu.Label>
                <Menu.RadioGroup value={nextSid} onValueChange={(value) => void actions.setNextActivity(value === STAY ? null : value)}>
                  <Menu.RadioItem value={STAY} className="menu-item">
                    <Menu.ItemIndicator className="menu-check" aria-hidden="true">
                      ✓
                    </Menu.ItemIndicator>
                    <span className="menu-text">{t('activity.menu.stay')}</span>
                  </Menu.RadioItem>
                  {activities
                    .filter((a) => !isSystemActivity(a, workspace))
                    .map((a) => (
                      <Menu.RadioItem key={a.sid} value={a.sid} className="menu-item">
                        <Menu.ItemIndicator className="menu-check" aria-hidden="true">
                          ✓
                        </Menu.ItemIndicator>
                        <span className="menu-text">{activityName(a.friendlyName, t)}</span>
                      </Menu.RadioItem>
                    ))}
                </Menu.RadioGroup>
              </Menu.SubContent>
          </Menu.Sub>
        </Menu.Content>
    </Menu.Root>
  );
}
