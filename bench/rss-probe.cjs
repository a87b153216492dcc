// Preloaded (node --require) into a measured process: on exit, writes the process's peak
// resident set size in bytes to the file named by SLSGUARD_RSS_FILE.
const fs = require('node:fs');
const out = process.env.SLSGUARD_RSS_FILE;
if (out) {
  process.on('exit', () => {
    try {
      fs.writeFileSync(out, String(process.resourceUsage().maxRSS * 1024));
    } catch {
      // measurement only
    }
  });
}
