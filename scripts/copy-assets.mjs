// Copies the files that tsc does not emit (the reader's stylesheet and script) into dist/.
import { cpSync } from 'node:fs';

cpSync('src/web/static', 'dist/web/static', { recursive: true });
