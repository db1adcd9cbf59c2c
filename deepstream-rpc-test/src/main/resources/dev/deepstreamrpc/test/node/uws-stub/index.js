'use strict';
throw new Error('uWebSockets.js is not installed: use httpServer.type "default" in the deepstream config');
