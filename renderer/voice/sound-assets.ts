/**
 * The Voice SDK's sounds as files of the renderer bundle: the SDK loads them with
 * XMLHttpRequest, which the page's CSP allows only from 'self' (not blob: or data:),
 * so they are never inlined. Generated from local-sounds.ts (sdkSoundSamples + wavBytes);
 * regenerate them after changing it.
 */
import incoming from './sounds/incoming.wav?no-inline';
import outgoing from './sounds/outgoing.wav?no-inline';
import disconnect from './sounds/disconnect.wav?no-inline';
import dtmfs from './sounds/dtmfs.wav?no-inline';
import dtmfh from './sounds/dtmfh.wav?no-inline';
import dtmf0 from './sounds/dtmf0.wav?no-inline';
import dtmf1 from './sounds/dtmf1.wav?no-inline';
import dtmf2 from './sounds/dtmf2.wav?no-inline';
import dtmf3 from './sounds/dtmf3.wav?no-inline';
import dtmf4 from './sounds/dtmf4.wav?no-inline';
import dtmf5 from './sounds/dtmf5.wav?no-inline';
import dtmf6 from './sounds/dtmf6.wav?no-inline';
import dtmf7 from './sounds/dtmf7.wav?no-inline';
import dtmf8 from './sounds/dtmf8.wav?no-inline';
import dtmf9 from './sounds/dtmf9.wav?no-inline';
import type { SdkSoundName } from './local-sounds';

export const SOUND_ASSET_URLS: Record<SdkSoundName, string> = { incoming, outgoing, disconnect, dtmfs, dtmfh, dtmf0, dtmf1, dtmf2, dtmf3, dtmf4, dtmf5, dtmf6, dtmf7, dtmf8, dtmf9 };
