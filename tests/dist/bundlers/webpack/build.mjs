// `npx webpack` (webpack.config.js), through webpack's own API rather than
// webpack-cli; the page that loads the bundle is copied beside it.
import { copyFileSync } from 'node:fs';
import webpack from 'webpack';
import config from './webpack.config.js';

webpack(config, (error, stats) => {
  if (error || stats.hasErrors()) {
    console.error(error ?? stats.toString('errors-only'));
    process.exit(1);
  }
  copyFileSync(new URL('index.html', import.meta.url), new URL('dist/index.html', import.meta.url));
});
