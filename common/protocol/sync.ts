/** The task sync protocol (issue #6). */
export const syncRoutes = {} as const;
