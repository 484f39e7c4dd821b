import { createTsupConfig } from '../../tsup.base';

export default createTsupConfig({
  entry: { logferry: 'src/logferry.ts' },
  dts: false,
  banner: { js: '#!/usr/bin/env node' },
  // An app bundles its dependencies (the @logferry packages, fflate, the AWS signing code) so
  // dist/logferry.js runs on its own.
  noExternal: [/./],
});
