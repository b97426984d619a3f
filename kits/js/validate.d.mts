/** Types for validate.mjs (the kit stays plain JavaScript). */
export declare const schema: Record<string, unknown>;
/** Every error as "path: message"; [] when `value` matches `node`. */
export declare function validate(node: Record<string, unknown>, value: unknown, path?: string): string[];
/** Checks one protocol message: "fromBot" (ready, actions) or "toBot" (hello, day, end). */
export declare function validateMessage(direction: 'fromBot' | 'toBot', message: unknown): string[];
