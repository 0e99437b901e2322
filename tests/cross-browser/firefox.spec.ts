// The cross-browser subset in firefox (see suite.ts).
import { describeCrossBrowser } from './suite.ts';

describeCrossBrowser('firefox');
