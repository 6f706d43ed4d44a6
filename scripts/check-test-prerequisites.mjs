#!/usr/bin/env node
// `npm test` runs this first: the browser tests need Debian's chromium, and a missing one should be named with
// the command that installs it, not found out from a launcher stack trace halfway through the suite.
import { existsSync } from 'node:fs';

const chromium = process.env.ONEGO_CHROMIUM || '/usr/bin/chromium';
const [major] = process.versions.node.split('.').map(Number);
const problems = [];
if (major < 20) problems.push(`Node.js ${process.versions.node} is too old: OneGo needs Node.js 20 or newer. / Node.js 版本过旧，需要 20 或更高版本。`);
if (!existsSync(chromium)) {
  problems.push(
    `The browser tests need chromium at ${chromium}; install it with: sudo apt-get install chromium fonts-wqy-microhei` +
      ` (or set ONEGO_CHROMIUM to another chromium). / 浏览器测试需要 chromium，请先安装：sudo apt-get install chromium fonts-wqy-microhei`,
  );
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`npm test: ${problem}`);
  process.exit(1);
}
