/**
 * `server/out/server.js`, the language server the editor starts: runs the server's bundle
 * (`server-main.js`, server.ts) through V8's code cache (launcher.ts). Without it, compiling the
 * 13 MB bundle took 35 MB of malloc heap that glibc never gives back, a fifth of the server's
 * memory. The server is killed rather than let exit, so the cache is made a few seconds after
 * start-up, and made again at 30 s and at exit with what has been compiled since.
 */
import { tuneHeap } from './heap';
import { launch } from './launcher';

// V8 accepts a cache only under the flags it was made with, and the server sets one as it starts
// (server.ts does too, for whoever runs the bundle itself): set before compiling, the flags are
// the same when the cache is made and when it is read. Set after, every start rejected it.
tuneHeap();
launch('server', 'soon');
