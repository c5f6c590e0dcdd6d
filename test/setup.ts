// Property tests explore new cases on every local run; CI (CI=true) runs them from a fixed seed so
// a submission's result does not depend on luck. FC_SEED=n reproduces any run.
import fc from 'fast-check';

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.CI ? 20_261_127 : undefined;
if (seed !== undefined && Number.isFinite(seed)) fc.configureGlobal({ seed });
