// The version, read once from package.json when the bundles are built: the CLI's --version, the server's serverInfo
// and the reports' tool version say the same.
import { version } from '../../package.json';

export const VERSION: string = version;
