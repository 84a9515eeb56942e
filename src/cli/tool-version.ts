// The version printed in reports; esbuild inlines package.json at build time.
import pkg from '../../package.json';

export const TOOL_VERSION: string = pkg.version;
