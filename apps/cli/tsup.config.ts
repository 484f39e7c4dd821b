import { createTsupConfig } from '../../tsup.base';

export default createTsupConfig({
  entry: { logferry: 'src/logferry.ts' },
  dts: false,
  banner: { js: '#!/usr/bin/env node' },
});
