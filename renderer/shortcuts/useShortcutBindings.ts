import { useSyncExternalStore } from 'react';
import type { ShortcutRegistry } from './registry';

export const useShortcutBindings = (registry: ShortcutRegistry) => useSyncExternalStore(registry.subscribe, registry.bindings);
