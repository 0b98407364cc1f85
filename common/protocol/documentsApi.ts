/**
 * REST routes of agenda items and documents (issue #4). Uploads and downloads are streamed and
 * registered by hand on the server; their paths are named here so both sides share them.
 */
export const documentRoutes = {} as const;
