import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Express 4 drops the promise an async handler returns: a rejection would be unhandled (Node ends
 * the process) instead of reaching the app's error handler, and the request would hang. This
 * passes it to `next`.
 */
export function asyncRoute(fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>): RequestHandler {
  return (req, res, next) => {
    fn(req, res, next).catch(next);
  };
}
