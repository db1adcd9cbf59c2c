'use strict';

// Preloaded with `node -r` into every process that deepstream-rpc-test starts: the JVM holds
// the other end of stdin, so end-of-file means the JVM is gone and this process must not outlive it.

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
