// A catalogue imported with `?lingui` is compiled by @lingui/vite-plugin at build time.
declare module '*.json?lingui' {
  import type { Messages } from '@lingui/core';
  export const messages: Messages;
}
