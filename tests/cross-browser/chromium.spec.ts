// The cross-browser subset in chromium (see suite.ts).
import { describeCrossBrowser } from './suite.ts';

describeCrossBrowser('chromium');
