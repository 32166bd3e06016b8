// The cross-engine suite in WebKit (WebKitGTK's MiniBrowser, in Xvfb).
import { suite } from './suite.mjs';

suite('webkit');
