export * from './config.js';
export * from './database.js';
export * from './auth.js';
export * from './app.js';
export * from './boot.js';
export * from './seed.js';
export * from './demo.js';
export * from './testing.js';
