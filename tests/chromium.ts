// How tests and benchmarks start Debian's Chromium on these machines: no
// sandbox (root in CI), no GPU, and nothing that phones home (the network is
// closed and Chromium's background requests would fail by the dozen).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
