/** SDK errors may quote the socket URL, whose query carries the worker's token: never log one. */
export const redactTokens = (text: string): string => text.replace(/eyJ[\w-]*\.[\w-]+\.[\w-]*/g, '[token]');
