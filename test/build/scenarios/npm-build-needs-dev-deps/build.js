// the "build": copies the server into dist/ (mkdirp, a dev dependency, made the folder)
const fs = require('fs');
fs.copyFileSync('src/server.js', 'dist/server.js');
