// Throttle-risk engine: pure math (hot shards, arrival tails, seeded RNG, Monte Carlo, attribution).
export * from './md5.js';
export * from './placement.js';
export * from './hotshard.js';
export * from '../../math/special.js';
export * from './tails.js';
export * from './throttle.js';
export * from './rng.js';
export * from './simulate.js';
export * from './attribution.js';
