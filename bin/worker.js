// A worker thread of `build --all`: the CLI bundle compiled from its code cache, as on the main
// thread (the V8 flags are the process's, already set), serving builds.
const { loadBundle } = require('./load.js');

void loadBundle('cli').exports.serveBatch();
