import * as v8 from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection before it
 * collects again, in percent. V8's own factor adapts between 1.1 and 4: on a small heap with a
 * busy mutator (a server analysing every keystroke) it picks the top of that range, so a server
 * whose live data is about 25 MB kept an old generation of 70–90 MB, and one with 10,000 files
 * open grew to 700 MB where 450 MB holds the same data; a scan of 1,560 CDK files let it reach
 * 137 MB before its second full collection, with 51 MB live. A fixed 30% costs more frequent full
 * collections, which `npm run bench` shows do not change edit latency or the time to analyse
 * 10,000 files (bench/README.md, "Heap settings").
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * Applied at start by the language server (whoever launched it: the extension, the tests, any
 * other editor running `server.js --stdio`) and by the CLI, before their launchers compile the
 * bundle: V8 accepts a code cache only under the flags it was made with. V8 reads the growing
 * factor each time it sets the next collection's limit, so setting it after start takes effect.
 * The young generation's size can only be set on the command line: the extension passes
 * `SERVER_NODE_OPTIONS` for that.
 *
 * With bytecode flushing off too: the more frequent full collections aged out the bytecode of
 * code that ran only at start-up (the bundle's module bodies), so a code cache made later lost
 * it (the server's saves at 30 s and at exit: 1.7 MB instead of 4.9 MB; the CLI's at exit: 2.5
 * instead of 5.3 MB), and every later start compiled it again, with the malloc heap that takes
 * (bench/README.md, "Keeping the code cache whole").
 */
export function tuneHeap(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  v8.setFlagsFromString('--no-flush-bytecode');
}
