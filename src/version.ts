/** kplan's version; a test keeps it equal to package.json's. */
export const KPLAN_VERSION = '0.1.0';
