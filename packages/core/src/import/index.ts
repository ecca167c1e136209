/** Importing the data a county really has: yearly school statistics and the staff roster. */
export * from './columns.js';
export * from './id-number.js';
export * from './stats.js';
export * from './staff.js';
