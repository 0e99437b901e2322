// The cross-browser subset in webkit (see suite.ts).
import { describeCrossBrowser } from './suite.ts';

describeCrossBrowser('webkit');
