/** Entry of dist/cli/mesop-child-guard.js, the process between the dev CLI and Mesop (child-guard.ts). */
import { runChildGuard } from './child-guard';

runChildGuard(process.argv.slice(2));
