// Browser tests drive Debian's Chromium (Playwright cannot download browsers here). Installs it when missing.
import { execSync } from 'node:child_process';

const has = (cmd) => {
  try {
    execSync(`command -v ${cmd}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
};

if (has('chromium')) process.exit(0);
console.log("Chromium is missing: installing Debian's chromium package for the browser tests…");
const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq chromium`, {
    stdio: 'inherit',
    shell: '/bin/sh',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} catch {
  console.error("Could not install chromium. Install Debian's 'chromium' package and run the tests again.");
  process.exit(1);
}
