// The cross-engine suite in Firefox ESR (headless).
import { suite } from './suite.mjs';

suite('firefox');
