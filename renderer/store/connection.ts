import type { ConnectionState } from '../../shared/model';
import type { HostStatus } from '../client/host-link';
import type { SliceCreator } from './types';

export interface ConnectionSlice {
  /** The host's link to TaskRouter. */
  connection: ConnectionState | null;
  /** This window's link to the host. */
  hostStatus: HostStatus;
  setConnection(connection: ConnectionState): void;
  setHostStatus(status: HostStatus): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  connection: null,
  hostStatus: 'connecting',
  setConnection: (connection) => set({ connection }),
  setHostStatus: (hostStatus) => set({ hostStatus }),
});
